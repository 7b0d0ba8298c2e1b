"""The sounds of the picture-and-sound sampler pack, synthesised from nothing but maths.

    python3 scripts/sampler/sounds.py OUTDIR

writes one mono 16-bit 22,050 Hz WAV per clip into OUTDIR; scripts/make-sampler then keeps
some as WAV and encodes the others to Ogg Vorbis, MP3 and FLAC. No samples, no recordings:
bells are sums of decaying partials, drums are swept sines and filtered noise, guitars are
Karplus-Strong plucked strings. The noise comes from a fixed-seed generator, so every run
writes the same bytes.
"""

import math
import os
import struct
import sys
import wave

RATE = 22050
TAU = 2.0 * math.pi


class Noise:
    """White noise in -1..1 from a 32-bit linear congruential generator: the same every run."""

    def __init__(self, seed):
        self.state = seed & 0xFFFFFFFF

    def __call__(self):
        self.state = (self.state * 1664525 + 1013904223) & 0xFFFFFFFF
        return self.state / 2147483648.0 - 1.0


class Track:
    """A mono buffer that sounds are mixed into at given times."""

    def __init__(self, seconds):
        self.buf = [0.0] * int(seconds * RATE)

    def add(self, at, samples, gain=1.0):
        start = int(at * RATE)
        for i, v in enumerate(samples):
            j = start + i
            if j >= len(self.buf):
                break
            self.buf[j] += v * gain

    def write(self, path, peak=0.89, fade=0.05):
        top = max(abs(v) for v in self.buf) or 1.0
        n = len(self.buf)
        edge = int(fade * RATE)
        frames = bytearray()
        for i, v in enumerate(self.buf):
            g = peak / top
            if i < edge:
                g *= i / edge
            elif i >= n - edge:
                g *= (n - 1 - i) / edge
            frames += struct.pack("<h", int(round(max(-1.0, min(1.0, v * g)) * 32767)))
        with wave.open(path, "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(RATE)
            w.writeframes(bytes(frames))


def bell(freq, seconds, partials, decay):
    """A struck bell: inharmonic partials (ratio, loudness), each dying away at its own rate."""
    out = []
    for i in range(int(seconds * RATE)):
        t = i / RATE
        v = 0.0
        for k, (ratio, amp) in enumerate(partials):
            v += amp * math.exp(-t * decay * (1.0 + 0.6 * k)) * math.sin(TAU * freq * ratio * t)
        attack = min(1.0, t / 0.003)
        out.append(v * attack)
    return out


def lowpass(samples, cutoff):
    """A one-pole low-pass filter."""
    a = 1.0 - math.exp(-TAU * cutoff / RATE)
    y, out = 0.0, []
    for v in samples:
        y += a * (v - y)
        out.append(y)
    return out


def dc_block(samples):
    """Takes out any constant offset (a one-pole high-pass filter at about 20 Hz)."""
    prev_x = prev_y = 0.0
    out = []
    for v in samples:
        prev_y = v - prev_x + 0.995 * prev_y
        prev_x = v
        out.append(prev_y)
    return out


# ───────────────────────── chimes: tens and ones ─────────────────────────

def chimes():
    """Four low bells (tens), a pause, then five high bells (ones): 45."""
    t = Track(8.0)
    low = bell(196.0, 1.6, [(1.0, 1.0), (2.0, 0.5), (2.76, 0.35), (5.4, 0.15)], 2.2)
    high = bell(1046.5, 1.0, [(1.0, 1.0), (2.76, 0.3), (5.4, 0.12), (8.93, 0.05)], 3.5)
    for k in range(4):
        t.add(0.30 + 0.85 * k, low, 0.9)
    for k in range(5):
        t.add(4.20 + 0.55 * k, high, 0.55)
    return t


# ───────────────────────── crash: a skid, an impact, glass ─────────────────────────

def crash():
    t = Track(3.6)
    noise = Noise(1989)
    # A tyre skid: a wavering squeal over hiss, swelling for 1.3 s.
    skid = []
    phase = 0.0
    for i in range(int(1.3 * RATE)):
        s = i / RATE
        f = 1150.0 + 160.0 * math.sin(TAU * 7.0 * s) + 90.0 * math.sin(TAU * 2.3 * s) - 120.0 * s
        phase += TAU * f / RATE
        env = min(1.0, s / 0.25) * (0.55 + 0.45 * s / 1.3)
        skid.append(env * (0.55 * math.sin(phase) + 0.2 * math.sin(2 * phase) + 0.25 * noise()))
    t.add(0.10, skid, 1.0)
    # The impact: a low thump under a burst of crunching noise.
    hit = []
    crunch = lowpass([noise() for _ in range(int(1.6 * RATE))], 1800.0)
    for i in range(int(1.6 * RATE)):
        s = i / RATE
        thump = math.sin(TAU * (55.0 + 60.0 * math.exp(-s * 12.0)) * s) * math.exp(-s * 5.0)
        rattle = crunch[i] * 1.3 * math.exp(-s * 4.0) * (1.0 + 0.6 * math.sin(TAU * 23.0 * s))
        hit.append(0.9 * thump + rattle)
    t.add(1.40, hit, 1.0)
    # Glass: short high pings scattered after the hit.
    for k in range(14):
        at = 1.55 + 0.11 * k + 0.05 * noise()
        f = 2600.0 + 1800.0 * (noise() + 1.0)
        ping = [math.sin(TAU * f * i / RATE) * math.exp(-i / RATE * 28.0) for i in range(int(0.25 * RATE))]
        t.add(at, ping, 0.5 * (1.0 - k / 18.0))
    return t


# ───────────────────────── beat: a laid-back West Coast groove ─────────────────────────

BPM = 92.0
BEAT = 60.0 / BPM


def kick():
    out, phase = [], 0.0
    for i in range(int(0.45 * RATE)):
        s = i / RATE
        phase += TAU * (48.0 + 90.0 * math.exp(-s * 22.0)) / RATE
        out.append(math.sin(phase) * math.exp(-s * 7.0))
    return out


def snare(noise):
    body = lowpass([noise() for _ in range(int(0.3 * RATE))], 5000.0)
    return [0.9 * body[i] * math.exp(-i / RATE * 16.0) + 0.4 * math.sin(TAU * 185.0 * i / RATE) * math.exp(-i / RATE * 30.0)
            for i in range(len(body))]


def hat(noise, length):
    raw = [noise() for _ in range(int(length * RATE) + 1)]
    return [(raw[i + 1] - raw[i]) * math.exp(-i / RATE * 45.0) for i in range(len(raw) - 1)]


def note_freq(semitones_from_a4):
    return 440.0 * 2.0 ** (semitones_from_a4 / 12.0)


def bass_note(freq, length):
    out = []
    for i in range(int(length * RATE)):
        s = i / RATE
        env = min(1.0, s / 0.01) * math.exp(-s * 1.2) * min(1.0, (length - s) / 0.03)
        out.append(env * (math.sin(TAU * freq * s) + 0.35 * math.sin(TAU * 2 * freq * s) + 0.12 * math.sin(TAU * 3 * freq * s)))
    return out


def glide_lead(points, length):
    """A high lead that slides smoothly from note to note, with vibrato."""
    out, phase = [], 0.0
    times = [b * BEAT for b, _ in points]
    for i in range(int(length * RATE)):
        s = i / RATE
        semis = points[-1][1]
        for k in range(len(points) - 1):
            if times[k] <= s < times[k + 1]:
                n0 = points[k - 1][1] if k > 0 else points[k][1]
                n1 = points[k][1]
                g = min(1.0, (s - times[k]) / 0.12)
                semis = n0 + (n1 - n0) * (0.5 - 0.5 * math.cos(math.pi * g))
                break
        freq = note_freq(semis) * (1.0 + 0.007 * math.sin(TAU * 5.5 * s) * min(1.0, s / 0.8))
        phase += TAU * freq / RATE
        env = min(1.0, s / 0.08) * min(1.0, (length - s) / 0.4)
        out.append(env * (math.sin(phase) + 0.1 * math.sin(3 * phase)))
    return out


def beat():
    """One bar of drums alone, then three with bass and a gliding high lead: about 11 s.
    pack.ron plays it from 2.6 s to 10.4 s, which leaves out the drums-only bar."""
    bars = 4
    t = Track(bars * 4 * BEAT + 0.6)
    noise = Noise(1992)
    k, sn = kick(), snare(noise)
    for bar in range(bars):
        b0 = bar * 4 * BEAT
        for pos in (0.0, 1.5, 2.0, 2.75):
            t.add(b0 + pos * BEAT, k, 0.9)
        for pos in (1.0, 3.0):
            t.add(b0 + pos * BEAT, sn, 0.6)
        for e in range(8):
            swing = 0.09 * BEAT if e % 2 else 0.0
            t.add(b0 + e * 0.5 * BEAT + swing, hat(noise, 0.12), 0.28 if e % 2 else 0.4)
    # Bass in G minor (semitones from A4: G2 = -26, B-flat2 = -23, C3 = -21, D3 = -19, F2 = -28).
    line = [(0.0, -26, 1.2), (1.5, -26, 0.4), (2.0, -23, 0.5), (2.5, -21, 0.5), (3.0, -19, 0.9)]
    for bar in range(1, bars):
        b0 = bar * 4 * BEAT
        for pos, n, length in line:
            t.add(b0 + pos * BEAT, bass_note(note_freq(n), length * BEAT), 0.75)
    # The lead: D6, a slide up to G6, down to F6, D6, then C6 and B-flat5.
    lead = [(0, 17), (2, 22), (3.5, 20), (4, 17), (6, 15), (7, 13), (8, 17), (10, 22), (11, 25), (12, 22)]
    t.add(4 * BEAT, glide_lead(lead, 12 * BEAT), 0.16)
    return t


# ───────────────────────── bell: the fight bell ─────────────────────────

def fight_bell():
    """A boxing-ring bell rung three times over a swelling crowd."""
    t = Track(4.5)
    noise = Noise(1995)
    ring = bell(830.0, 2.4, [(1.0, 1.0), (1.51, 0.6), (2.43, 0.45), (3.9, 0.25), (5.3, 0.12)], 1.6)
    for at in (0.25, 0.6, 0.95):
        t.add(at, ring, 0.6)
    crowd = lowpass(lowpass([noise() for _ in range(int(4.2 * RATE))], 900.0), 1400.0)
    swell = [v * 2.4 * min(1.0, i / RATE / 1.6) * (1.0 + 0.25 * math.sin(TAU * 0.9 * i / RATE)) for i, v in enumerate(crowd)]
    t.add(0.2, swell, 0.25)
    return t


# ───────────────────────── riff: a plucked power-chord riff ─────────────────────────

def pluck(freq, length, noise, damp=0.996):
    """A Karplus-Strong plucked string."""
    period = max(2, int(round(RATE / freq)))
    ring = [noise() for _ in range(period)]
    out = []
    for i in range(int(length * RATE)):
        j = i % period
        v = ring[j]
        ring[j] = damp * 0.5 * (v + ring[(j + 1) % period])
        out.append(v)
    return out


def power_chord(root, length, noise, muted):
    damp = 0.985 if muted else 0.997
    parts = [pluck(note_freq(root + d), length, noise, damp) for d in (0, 7, 12)]
    out = []
    for i in range(len(parts[0])):
        v = parts[0][i] + 0.8 * parts[1][i] + 0.5 * parts[2][i]
        out.append(math.tanh(2.8 * v))  # an overdriven amp
    return out


def riff():
    """An original two-bar riff in E, played twice, at 128 beats a minute."""
    step = 60.0 / 128.0 / 2.0  # an eighth note
    noise = Noise(1970)
    # (eighths from the start, semitones from A4, length in eighths, palm-muted?)
    bar = [(0, -29, 1, True), (1, -29, 1, True), (2, -29, 1, True), (3, -26, 2, False),
           (5, -24, 1, False), (6, -29, 1, True), (7, -31, 1, True),
           (8, -29, 1, True), (9, -29, 1, True), (10, -29, 1, True), (11, -22, 2, False),
           (13, -24, 1, False), (14, -26, 2, False)]
    t = Track(32 * step + 1.0)
    for rep in range(2):
        for pos, root, length, muted in bar:
            t.add((rep * 16 + pos) * step, power_chord(root, length * step + (0.02 if muted else 0.25), noise, muted), 0.5)
    t.buf = dc_block(lowpass(t.buf, 3500.0))  # soften the fizz, as a speaker cabinet would
    return t


# ───────────────────────── projector: an old home-movie projector ─────────────────────────

def projector():
    """A film projector spinning up and running: shutter clatter at 18 frames a second over a motor hum."""
    t = Track(5.5)
    noise = Noise(1976)
    click = [noise() * math.exp(-i / RATE * 300.0) + 0.5 * math.sin(TAU * 2100.0 * i / RATE) * math.exp(-i / RATE * 180.0)
             for i in range(int(0.03 * RATE))]
    at = 0.15
    while at < 5.3:
        rate = 18.0 * min(1.0, 0.25 + 0.75 * (at - 0.15) / 1.2)
        t.add(at, click, 0.45 * (0.85 + 0.15 * noise()))
        at += 1.0 / rate
    hum, phase = [], 0.0
    for i in range(int(5.3 * RATE)):
        s = i / RATE
        f = 100.0 * min(1.0, 0.3 + 0.7 * s / 1.2)
        phase += TAU * f / RATE
        hum.append(0.22 * min(1.0, s / 0.4) * (math.sin(phase) + 0.5 * math.sin(2 * phase) + 0.2 * math.sin(3 * phase)))
    t.add(0.1, hum)
    whir = lowpass([noise() for _ in range(int(5.3 * RATE))], 500.0)
    t.add(0.1, [v * 1.2 * min(1.0, i / RATE / 0.8) for i, v in enumerate(whir)])
    return t


CLIPS = {
    "chimes": chimes,
    "crash": crash,
    "beat": beat,
    "fight-bell": fight_bell,
    "riff": riff,
    "projector": projector,
}


def main(argv):
    if len(argv) != 2:
        sys.exit("usage: sounds.py OUTDIR")
    for name, make in CLIPS.items():
        make().write(os.path.join(argv[1], name + ".wav"))


if __name__ == "__main__":
    main(sys.argv)
