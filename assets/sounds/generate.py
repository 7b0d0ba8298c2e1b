#!/usr/bin/env python3
"""Synthesizes the game's sound cues into 16-bit mono WAV files beside this script.

Run it again after changing a cue: `python3 assets/sounds/generate.py`.
"""
import math
import struct
import wave
from pathlib import Path

RATE = 22050
HERE = Path(__file__).resolve().parent


def tone(freq, seconds, volume=0.5, shape="sine", attack=0.005, release=0.05, slide=0.0):
    """One note with a short attack and release; `slide` bends the pitch (Hz per second)."""
    n = int(RATE * seconds)
    out = []
    phase = 0.0
    for i in range(n):
        t = i / RATE
        f = freq + slide * t
        phase += 2 * math.pi * f / RATE
        if shape == "sine":
            s = math.sin(phase)
        elif shape == "square":
            s = 0.6 if math.sin(phase) >= 0 else -0.6
        else:  # soft triangle
            s = 2 / math.pi * math.asin(math.sin(phase))
        env = min(1.0, t / attack) if attack > 0 else 1.0
        env *= min(1.0, (seconds - t) / release) if release > 0 else 1.0
        out.append(s * env * volume)
    return out


def mix(*parts):
    length = max(len(p) for p in parts)
    return [sum(p[i] for p in parts if i < len(p)) for i in range(length)]


def seq(*parts, gap=0.0):
    out = []
    for p in parts:
        out += p + [0.0] * int(RATE * gap)
    return out


def write(name, samples):
    peak = max(1e-9, max(abs(s) for s in samples))
    scale = min(1.0, 0.9 / peak)
    with wave.open(str(HERE / f"{name}.wav"), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(b"".join(struct.pack("<h", int(s * scale * 32767)) for s in samples))


# Moving the focus or picking an answer: a short soft blip.
write("select", tone(880, 0.06, 0.4, "triangle", release=0.03))
# A right answer: a bright rising major third.
write("correct", seq(tone(659.25, 0.11, 0.45), mix(tone(830.6, 0.28, 0.45), tone(1318.5, 0.28, 0.15)), gap=0.01))
# A wrong answer or time up: a low falling buzz.
write("wrong", tone(196, 0.35, 0.35, "square", slide=-120, release=0.12))
# The last seconds of the countdown: a dry tick.
write("tick", tone(1500, 0.03, 0.35, "triangle", attack=0.001, release=0.02))
# The end of a round: a short fanfare arpeggio.
write("round_end", seq(
    tone(523.25, 0.12, 0.4), tone(659.25, 0.12, 0.4), tone(783.99, 0.12, 0.4),
    mix(tone(1046.5, 0.5, 0.4, release=0.3), tone(523.25, 0.5, 0.2, release=0.3)),
    gap=0.015,
))
