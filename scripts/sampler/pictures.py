"""The pictures of the picture-and-sound sampler pack, as ImageMagick `convert` arguments.

scripts/make-sampler runs this twice over:

    python3 scripts/sampler/pictures.py --list         # the file names, one a line
    python3 scripts/sampler/pictures.py NAME OUTDIR    # the arguments for NAME, NUL-separated

and hands the arguments to `convert`. Every picture is drawn here from shapes and text
(no source images), at 1280x720, in the game's colours: a night-blue ground, light text,
gold and teal accents. The text is in DejaVu Sans from assets/fonts. A question picture
never shows its answer; an "-answer" picture (the question's reveal_image) may.
"""

import math
import os
import sys

W, H = 1280, 720
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FONT = os.path.join(ROOT, "assets", "fonts", "DejaVuSans.ttf")
BOLD = os.path.join(ROOT, "assets", "fonts", "DejaVuSans-Bold.ttf")

GROUND = "#15151f"
PANEL = "#24243a"
EDGE = "#3a3a58"
TEXT = "#f2f2f7"
DIM = "#a5a5bd"
GOLD = "#f9bf2e"
TEAL = "#2ec4b6"
DARK_GOLD = "#8a6410"


class Picture:
    """A list of convert arguments that draws one picture, shape by shape."""

    def __init__(self, ground=None):
        self.args = ["-size", f"{W}x{H}"]
        self.args += [ground or f"xc:{GROUND}"]

    def rect(self, x0, y0, x1, y1, fill, stroke="none", width=0, radius=0):
        self.args += ["-fill", fill, "-stroke", stroke, "-strokewidth", str(width),
                      "-draw", f"roundrectangle {x0},{y0} {x1},{y1} {radius},{radius}"]

    def circle(self, x, y, r, fill, stroke="none", width=0):
        self.args += ["-fill", fill, "-stroke", stroke, "-strokewidth", str(width),
                      "-draw", f"circle {x},{y} {x + r},{y}"]

    def line(self, x0, y0, x1, y1, color, width):
        self.args += ["-fill", "none", "-stroke", color, "-strokewidth", str(width),
                      "-draw", f"line {x0},{y0} {x1},{y1}"]

    def polygon(self, points, fill, stroke="none", width=0):
        pts = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
        self.args += ["-fill", fill, "-stroke", stroke, "-strokewidth", str(width),
                      "-draw", f"polygon {pts}"]

    def arrow(self, x0, y, x1, color, width=8, head=26):
        """A left-to-right arrow at height y."""
        self.line(x0, y, x1 - head, y, color, width)
        self.polygon([(x1 - head - 4, y - head * 0.7), (x1, y), (x1 - head - 4, y + head * 0.7)], color)

    def text(self, x, y, s, size, color=TEXT, bold=True, anchor="c"):
        """Text at (x, y): anchor c centres it there, n hangs it from there (centred
        across), w starts it there (centred down), e ends it there (centred down)."""
        if anchor == "c":
            gravity, dx, dy = "Center", x - W // 2, y - H // 2
        elif anchor == "n":
            gravity, dx, dy = "North", x - W // 2, y
        elif anchor == "w":
            gravity, dx, dy = "West", x, y - H // 2
        elif anchor == "e":
            gravity, dx, dy = "East", W - x, y - H // 2
        else:
            raise ValueError(anchor)
        self.args += ["-gravity", gravity, "-font", BOLD if bold else FONT, "-pointsize", str(size),
                      "-fill", color, "-stroke", "none", "-annotate", f"{dx:+d}{dy:+d}", s,
                      "-gravity", "NorthWest"]

    def lines(self, x, y, rows, size, color=TEXT, bold=True, gap=1.25):
        """Several centred lines of text, the block centred on (x, y)."""
        step = size * gap
        top = y - step * (len(rows) - 1) / 2
        for i, row in enumerate(rows):
            self.text(x, round(top + i * step), row, size, color, bold)

    def title(self, s, sub=None):
        self.rect(0, 0, W, 8, GOLD)
        self.text(60, 62, s, 52, GOLD, anchor="w")
        if sub:
            self.text(62, 118, sub, 28, DIM, bold=False, anchor="w")

    def footer(self):
        self.text(W - 40, H - 28, "The Defiant Ones · picture & sound", 20, DIM, bold=False, anchor="e")

    def finish(self, path):
        ext = os.path.splitext(path)[1].lower()
        out = list(self.args) + ["-alpha", "off", "-depth", "8", "-strip"]
        if ext == ".png":
            out += ["-define", "png:color-type=2", "-define", "png:bit-depth=8",
                    "-define", "png:exclude-chunks=date,time", "-define", "png:compression-level=9"]
        elif ext in (".jpg", ".jpeg"):
            out += ["-quality", "86", "-sampling-factor", "4:2:0", "-interlace", "none"]
        elif ext == ".webp":
            out += ["-quality", "88", "-define", "webp:method=6"]
        return out + [path]


# ───────────────────────── The timeline with a gap ─────────────────────────

TIMELINE = [
    ("1970s", ["Iovine toils", "in obscurity,", "full of doubt"]),
    ("1991", ["Dre attacks", "TV host", "Dee Barnes"]),
    ("1992", None),  # the gap
    ("2014", ["Beats is sold", "to Apple"]),
]
TIMELINE_ANSWER = ["Dre and", "Iovine start", "making music", "together"]


def timeline(answer):
    p = Picture()
    p.title("Fill the gap", "Four moments from the story, earliest first")
    y = 300
    p.line(70, y, 1210, y, TEAL, 8)
    p.polygon([(1204, y - 18), (1236, y), (1204, y + 18)], TEAL)
    for i, (year, caption) in enumerate(TIMELINE):
        x = 170 + i * 313
        gap = caption is None
        p.text(x, y - 58, year, 54, GOLD if gap else TEXT)
        p.circle(x, y, 20, GOLD if gap else TEAL, GROUND, 6)
        p.line(x, y + 24, x, y + 60, GOLD if gap else TEAL, 5)
        top, bottom = y + 60, y + 330
        if gap and not answer:
            p.rect(x - 135, top, x + 135, bottom, "#2a2414", GOLD, 5, 22)
            p.text(x, (top + bottom) // 2, "?", 150, GOLD)
        elif gap:
            p.rect(x - 135, top, x + 135, bottom, "#143a37", GOLD, 5, 22)
            p.lines(x, (top + bottom) // 2, TIMELINE_ANSWER, 31, TEXT)
        else:
            p.rect(x - 135, top, x + 135, bottom, PANEL, EDGE, 3, 22)
            p.lines(x, (top + bottom) // 2, caption, 31, TEXT)
    p.footer()
    return p


# ───────────────────────── The map of two childhoods ─────────────────────────

# A rough outline of the contiguous United States: (longitude, latitude), clockwise from
# the north-west corner. Enough to tell the two coasts apart, no more.
OUTLINE = [
    (-124.7, 48.4), (-123.3, 49.0), (-95.2, 49.0), (-95.2, 49.4), (-89.6, 48.0),
    (-88.4, 48.3), (-84.6, 46.5), (-82.5, 45.3), (-82.4, 43.0), (-83.1, 42.1),
    (-82.5, 41.7), (-78.9, 42.9), (-79.2, 43.4), (-76.5, 44.2), (-74.9, 45.0),
    (-71.5, 45.0), (-70.3, 45.9), (-69.2, 47.4), (-67.8, 47.1), (-67.0, 44.8),
    (-69.0, 44.2), (-70.2, 43.7), (-70.6, 42.7), (-70.0, 41.7), (-72.0, 41.1),
    (-74.0, 40.5), (-74.0, 39.5), (-75.1, 38.5), (-75.9, 36.9), (-75.5, 35.3),
    (-76.5, 34.7), (-78.5, 33.9), (-80.0, 32.7), (-81.4, 31.5), (-81.3, 30.5),
    (-80.6, 28.5), (-80.1, 26.7), (-80.4, 25.2), (-81.0, 25.2), (-81.8, 26.1),
    (-82.6, 27.5), (-83.0, 29.0), (-84.9, 29.7), (-86.5, 30.4), (-88.0, 30.7),
    (-89.6, 30.2), (-89.4, 29.0), (-91.0, 29.2), (-93.8, 29.7), (-94.7, 29.3),
    (-97.4, 27.8), (-97.2, 25.9), (-99.5, 27.5), (-101.4, 29.8), (-103.0, 29.0),
    (-104.5, 29.6), (-106.5, 31.8), (-108.2, 31.3), (-111.0, 31.3), (-114.7, 32.7),
    (-117.1, 32.5), (-118.5, 34.0), (-120.6, 34.6), (-122.4, 37.2), (-123.0, 38.0),
    (-124.4, 40.4), (-124.1, 43.0), (-124.0, 46.3),
]
COMPTON = (-118.22, 33.90)
RED_HOOK = (-74.01, 40.68)
MAP_SCALE = 21.0  # pixels per degree of latitude
MAP_LEFT, MAP_TOP = 150, 150


def project(lon, lat):
    """Longitude and latitude to pixels: equirectangular, squeezed for 38 degrees north."""
    x = MAP_LEFT + (lon + 125.0) * MAP_SCALE * math.cos(math.radians(38.0))
    y = MAP_TOP + (50.0 - lat) * MAP_SCALE
    return round(x), round(y)


def hometown_map(answer):
    p = Picture()
    p.title("Two pins, two coasts", "Where the two men at the heart of the series grew up")
    p.polygon([project(lon, lat) for lon, lat in OUTLINE], PANEL, TEAL, 4)
    # West pin: Compton, labelled to its right; east pin: Red Hook, labelled above-left.
    for (lon, lat), label, who, side in (
        (COMPTON, "Compton", "Dr. Dre", "right"),
        (RED_HOOK, "Red Hook, Brooklyn", "Jimmy Iovine", "left"),
    ):
        x, y = project(lon, lat)
        p.circle(x, y, 34, "none", GOLD, 4)
        p.circle(x, y, 16, GOLD, GROUND, 4)
        height = 140 if answer else 80
        if side == "right":
            bx0, bx1, by0 = x + 50, x + 50 + 270, y - 40
        else:
            bx0, bx1, by0 = x - 45 - 470, x - 45, y - 10 - height
        by1 = by0 + height
        p.rect(bx0, by0, bx1, by1, GROUND, GOLD, 3, 16)
        p.text((bx0 + bx1) // 2, by0 + 40, label, 38, GOLD)
        if answer:
            p.text((bx0 + bx1) // 2, by0 + 100, who, 38, TEAL)
    p.footer()
    return p


def map_point(place):
    """Where a place falls on the map, as fractions (0..1) of its width and height."""
    x, y = project(*place)
    return round(x / W, 3), round(y / H, 3)


# ───────────────────────── Who shaped what ─────────────────────────

WHO_MADE_WHAT = [
    (["Alonzo Williams"], "his crew", ["World Class", "Wrecking Cru"]),
    (["The D.O.C."], "the unsung cog", ["Ruthless Records", "and N.W.A"]),
    (["Doug Morris", "and Ted Field"], "helped create", None),
]


def who_made_what():
    p = Picture()
    p.title("Who shaped what", "People in the series and the outfits they tell about")
    for i, (who, link, what) in enumerate(WHO_MADE_WHAT):
        top = 160 + i * 170
        mid = top + 70
        p.rect(60, top, 470, top + 140, PANEL, TEAL, 4, 20)
        p.lines(265, mid, who, 38, TEXT)
        p.arrow(490, mid + 14, 760, TEAL, 8, 28)
        p.text(620, mid - 22, link, 27, DIM, bold=False)
        if what is None:
            p.rect(780, top, 1220, top + 140, "#2a2414", GOLD, 5, 20)
            p.text(1000, mid, "?", 110, GOLD)
        else:
            p.rect(780, top, 1220, top + 140, PANEL, EDGE, 3, 20)
            p.lines(1000, mid, what, 38, TEXT)
    p.footer()
    return p


# ───────────────────────── Gold records by initials ─────────────────────────

RECORDS = [("B.S.", "Bruce Springsteen"), ("P.S.", "Patti Smith"), ("S.N.", "Stevie Nicks")]


def gold_records(answer):
    p = Picture(ground="gradient:#22223a-#0f0f18")
    p.title("Gold records, by initials", "Three Hall of Fame rockers Iovine's studio work helped launch")
    for i, (initials, name) in enumerate(RECORDS):
        x, y = 250 + i * 390, 390
        p.circle(x, y, 158, "#3a2c08")
        p.circle(x, y, 150, GOLD, "#ffe08a", 3)
        for r in (136, 122, 108, 94):
            p.circle(x, y, r, "none", "#d49a12", 3)
        p.circle(x, y, 72, GROUND, "#ffe08a", 3)
        p.text(x, y, initials, 40, GOLD)
        if initials == "P.S.":
            p.circle(x, y, 176, "none", TEAL, 6)
        if answer:
            p.text(x, 610, name, 34, TEAL if initials == "P.S." else TEXT)
    if not answer:
        p.text(640, 612, "Who is P.S.?", 44, TEAL)
    p.footer()
    return p


# ───────────────────────── The cast poster ─────────────────────────

CAST = [("Tom Petty", "#cc384d"), ("Gwen Stefani", "#2973d1"), (None, None), ("Kendrick Lamar", "#29995c")]


def cast_poster():
    p = Picture(ground="gradient:#1c1c30-#101018")
    p.rect(0, 0, W, 8, GOLD)
    p.text(640, 34, "THE DEFIANT ONES", 60, GOLD, anchor="n")
    p.text(640, 112, "also featuring, from several generations", 30, DIM, bold=False, anchor="n")
    for i, (name, color) in enumerate(CAST):
        x = 170 + i * 313
        top, bottom = 180, 560
        if name is None:
            p.rect(x - 130, top, x + 130, bottom, "#2a2414", GOLD, 5, 18)
            p.text(x, (top + bottom) // 2, "?", 150, GOLD)
            p.rect(x - 120, 600, x + 120, 650, "none", GOLD, 4, 12)
            continue
        p.rect(x - 130, top, x + 130, bottom, PANEL, EDGE, 3, 18)
        # A head-and-shoulders silhouette in the frame's colour.
        p.rect(x - 95, 410, x + 95, 559, color, "none", 0, 70)
        p.circle(x, 320, 62, color)
        p.text(x, 625, name, 30, TEXT)
    p.footer()
    return p


# ───────────────────────── What the four parts dwell on ─────────────────────────

def parts_chart(answer):
    p = Picture()
    p.title("Four parts, two halves", "What the series dwells on, part by part")
    top, bottom = 190, 330
    for i in range(4):
        x0 = 80 + i * 285
        early = i < 2
        p.rect(x0, top, x0 + 265, bottom, "#143a37" if early else "#2a2414", TEAL if early else GOLD, 4, 18)
        p.text(x0 + 132, (top + bottom) // 2, f"Part {i + 1}", 44, TEXT)
    # Brackets under each half.
    for x0, x1, color in ((80, 630, TEAL), (650, 1200, GOLD)):
        p.line(x0 + 10, 360, x0 + 10, 390, color, 6)
        p.line(x1 - 10, 360, x1 - 10, 390, color, 6)
        p.line(x0 + 10, 390, x1 - 10, 390, color, 6)
        p.line((x0 + x1) // 2, 390, (x0 + x1) // 2, 420, color, 6)
    p.rect(90, 440, 620, 640, PANEL, TEAL, 3, 20)
    p.lines(355, 540, ["Mostly the music"], 40, TEXT)
    if answer:
        p.rect(660, 440, 1190, 640, PANEL, GOLD, 3, 20)
        p.lines(925, 540, ["Dre's comeback", "with Aftermath,", "finding Eminem"], 38, GOLD)
    else:
        p.rect(660, 440, 1190, 640, "#2a2414", GOLD, 5, 20)
        p.text(925, 540, "?", 130, GOLD)
    p.footer()
    return p


PICTURES = {
    "timeline-gap.png": lambda: timeline(False),
    "timeline-gap-answer.png": lambda: timeline(True),
    "hometowns.jpg": lambda: hometown_map(False),
    "hometowns-answer.jpg": lambda: hometown_map(True),
    "who-made-what.webp": who_made_what,
    "gold-records.jpg": lambda: gold_records(False),
    "gold-records-answer.jpg": lambda: gold_records(True),
    "cast-poster.webp": cast_poster,
    "four-parts.png": lambda: parts_chart(False),
    "four-parts-answer.png": lambda: parts_chart(True),
}


def main(argv):
    if argv[1:] == ["--list"]:
        print("\n".join(PICTURES))
    elif argv[1:] == ["--zoom-red-hook"]:
        print("x: %.3f, y: %.3f" % map_point(RED_HOOK))
    elif len(argv) == 3 and argv[1] in PICTURES:
        args = PICTURES[argv[1]]().finish(os.path.join(argv[2], argv[1]))
        sys.stdout.write("\0".join(args) + "\0")
    else:
        sys.exit("usage: pictures.py --list | --zoom-red-hook | NAME OUTDIR")


if __name__ == "__main__":
    main(sys.argv)
