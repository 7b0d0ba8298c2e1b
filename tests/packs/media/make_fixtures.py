#!/usr/bin/env python3
"""Makes the media fixture packs of tests/packs/media (python3, standard library only).

Each pack shows `defiant-trivia check` some of the problems a picture-and-sound pack can
have; tests/check_snapshots.rs snapshots the report. Run it again after changing it:

    python3 tests/packs/media/make_fixtures.py

It rewrites every file it makes (and nothing else), byte for byte the same each time.
Files over the size limits are not here: the tests make those in a temporary folder.
"""

import math
import os
import shutil
import struct
import wave
import zipfile
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))


def png(width, height, pixel):
    """A PNG of RGB pixels, `pixel(x, y)` giving (r, g, b)."""
    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    rows = b"".join(
        b"\x00" + b"".join(bytes(pixel(x, y)) for x in range(width)) for y in range(height))
    return (b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows, 9))
            + chunk(b"IEND", b""))


def png_header_only(width, height):
    """A PNG whose header says `width` x `height`, with a token of picture data after it."""
    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    return (b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
            + chunk(b"IEND", b""))


def wav(path, seconds, rate=8000, tone=660.0):
    """A mono 16-bit WAV of a tone."""
    with wave.open(path, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        frames = bytearray()
        for i in range(int(seconds * rate)):
            v = int(6000 * math.sin(2 * math.pi * tone * i / rate))
            frames += struct.pack("<h", v)
        w.writeframes(bytes(frames))


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    mode = "w" if isinstance(data, str) else "wb"
    with open(path, mode) as f:
        f.write(data)


def fresh(name):
    """An empty pack folder `name`."""
    path = os.path.join(HERE, name)
    shutil.rmtree(path, ignore_errors=True)
    os.makedirs(path)
    return path


HEAD = """Pack(
    format: {format},
    title: "{title}",
    description: "{description}",
    author: "Defiant Trivia tests",
    questions: [
"""
TAIL = """    ],
)
"""


def question(qid, prompt, fields, correct="Yes", wrong="No"):
    """A multiple-choice question with the media `fields` (RON lines) after its prompt."""
    lines = ["        (",
             f'            id: "{qid}",',
             f'            prompt: "{prompt}",']
    lines += [f"            {field}" for field in fields]
    lines += [f'            answers: Choice(correct: "{correct}", wrong: ["{wrong}"]),',
              '            explanation: "A fixture for check.",',
              '            category: "Media",',
              "            difficulty: Easy,",
              "        ),"]
    return "\n".join(lines) + "\n"


def pack(title, description, questions, format=3):
    return (HEAD.format(format=format, title=title, description=description)
            + "".join(questions) + TAIL)


def dot(x, y):
    """A small picture: a red dot on blue."""
    return (220, 40, 40) if (x - 4) ** 2 + (y - 3) ** 2 <= 4 else (30, 60, 160)


def noise(x, y):
    """Pixels that do not compress, so that a cut file is missing picture data."""
    n = (x * 7919 + y * 104729) ^ (x * y * 31)
    return (n & 255, (n >> 8) & 255, (n >> 3) & 255)


def good():
    """A pack that passes: a picture with tiles, a reveal picture, a clip to listen to."""
    root = fresh("good")
    write(os.path.join(root, "pictures/dot.png"), png(8, 6, dot))
    write(os.path.join(root, "pictures/dot-answer.png"), png(8, 6, lambda x, y: dot(y, x)))
    os.makedirs(os.path.join(root, "sounds"))
    wav(os.path.join(root, "sounds/tick.wav"), 0.5)
    write(os.path.join(root, "LICENSE"), "The fixtures of Defiant Trivia's tests: CC0.\n")
    write(os.path.join(root, "pack.ron"), pack("Good media", "Every media field, all fine.", [
        question("dot", "What colour is the dot?", [
            'image: "pictures/dot.png",',
            "uncover: Tiles,",
            'reveal_image: "pictures/dot-answer.png",',
        ], "Red", "Blue"),
        question("tick", "How long is the tick?", [
            'audio: (file: "sounds/tick.wav", start: 0.1, end: 0.4, countdown_after: true),',
        ], "Under a second", "Over a second"),
    ]))


def files():
    """Problems with the files themselves: each question names one bad file."""
    root = fresh("files")
    write(os.path.join(root, "pictures/photo.png"),
          b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00" + b"not really a photo" * 4)
    write(os.path.join(root, "pictures/animation.png"), b"GIF89a\x08\x00\x06\x00" + b"\x00" * 32)
    whole = png(64, 64, noise)
    write(os.path.join(root, "pictures/cut.png"), whole[: len(whole) // 2])
    write(os.path.join(root, "pictures/wide.png"), png_header_only(5000, 10))
    write(os.path.join(root, "sounds/junk.wav"),
          b"RIFF" + struct.pack("<I", 200) + b"WAVE" + b"this is not sound data " * 8)
    write(os.path.join(root, "sounds/notes.ogg"), "Notes for the sound I meant to record.\n")
    wav(os.path.join(root, "sounds/short.wav"), 1.0)
    write(os.path.join(root, "pack.ron"), pack(
        "Bad files", "Each question names a file that is missing or wrong.", [
            question("missing", "Is the file there?", ['image: "pictures/missing.png",']),
            question("jpeg", "Is it a PNG?", ['image: "pictures/photo.png",']),
            question("gif", "Does it move?", ['image: "pictures/animation.png",']),
            question("cut", "Is it whole?", ['image: "pictures/cut.png",']),
            question("wide", "Is it wide?", ['image: "pictures/wide.png",']),
            question("junk", "Is it sound?", ['audio: (file: "sounds/junk.wav"),']),
            question("notes", "Is it Ogg?", ['audio: (file: "sounds/notes.ogg"),']),
            question("too-far", "Does it go on?", ['audio: (file: "sounds/short.wav", end: 5),']),
            question("late", "Does it start?", ['audio: (file: "sounds/short.wav", start: 3),']),
        ]))


def fields():
    """Problems the pack file itself shows, before any file is opened."""
    root = fresh("fields")
    write(os.path.join(root, "pack.ron"), pack(
        "Bad fields", "Media fields that cannot be right, whatever the files.", [
            question("outside", "Leaves the pack?", ['image: "../outside.png",']),
            question("absolute", "From anywhere?", ['image: "/home/sam/photo.png",']),
            question("backslash", "From Windows?", ['audio: (file: "sounds\\\\clip.wav"),']),
            question("gif", "An animation?", ['image: "pictures/dancing.gif",']),
            question("sound-as-picture", "A picture?", ['image: "sounds/bell.wav",']),
            question("no-picture", "What is uncovered?", ["uncover: Tiles,"]),
            question("off-picture", "Where is it?", [
                'image: "pictures/map.png",',
                "uncover: Zoom(x: 1.5, y: 0.5),",
            ]),
            question("backwards", "Which way?", ['audio: (file: "sounds/a.ogg", start: 5, end: 2),']),
            question("long", "How long?", ['audio: (file: "sounds/a.ogg", start: 10, end: 75),']),
        ]))


def old_format():
    """A picture in a pack that says format 2."""
    root = fresh("old-format")
    write(os.path.join(root, "pictures/dot.png"), png(8, 6, dot))
    write(os.path.join(root, "pack.ron"), pack(
        "Old format", "Pictures need format 3.",
        [question("dot", "What colour is the dot?", ['image: "pictures/dot.png",'], "Red", "Blue")],
        format=2))


def lone():
    """A lone .ron file that names a picture: it has no folder to hold one."""
    write(os.path.join(HERE, "lone.ron"), pack(
        "Lone", "A pack file on its own, naming a picture.",
        [question("dot", "What colour is the dot?", ['image: "pictures/dot.png",'], "Red", "Blue")]))


def zipped():
    """A .zip pack missing one of its sounds, and a file named .zip that is not one."""
    path = os.path.join(HERE, "zipped.zip")
    text = pack("Zipped", "A pack .zip without its sound.", [
        question("dot", "What colour is the dot?", ['image: "pictures/dot.png",'], "Red", "Blue"),
        question("bell", "How many bells?", ['audio: (file: "sounds/bells.ogg"),'], "Three", "Two"),
    ])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in [("pack.ron", text.encode()), ("pictures/dot.png", png(8, 6, dot))]:
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, data)
    write(os.path.join(HERE, "not-a-zip.zip"), "This is a note, saved with the wrong name.\n")


if __name__ == "__main__":
    good()
    files()
    fields()
    old_format()
    lone()
    zipped()
