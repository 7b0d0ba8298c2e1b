"""Writes the Open Trivia Database fixtures: one set of questions in each of the API's
encodings, shaped as the API's PHP writes them (htmlentities with ENT_QUOTES for the
default, rawurlencode for url3986, urlencode for urlLegacy, base64, and json_encode, which
escapes "/" and non-ASCII). The questions are written for these tests.

Run from this folder: python3 make_opentdb_fixtures.py
"""
import base64
import html.entities
import json
import urllib.parse

QUESTIONS = [
    ("multiple", "medium", "Entertainment: Music",
     'Which band released the album "Back in Black" in 1980?',
     "AC/DC", ["Def Leppard", "Mötley Crüe", "Guns N' Roses"]),
    ("boolean", "easy", "Entertainment: Music",
     "Beyoncé was a member of Destiny's Child.", "True", ["False"]),
    ("multiple", "hard", "Entertainment: Japanese Anime & Manga",
     'Which studio made the film "Spirited Away" (2001)?',
     "Studio Ghibli", ["Madhouse", "Sunrise", "Toei Animation"]),
    ("multiple", "easy", "Science: Mathematics",
     "What is ½ + ¼?", "¾", ["⅔", "⅝", "1"]),
    ("boolean", "medium", "General Knowledge",
     'The ampersand "&" began as a joined-up "e" and "t".', "True", ["False"]),
    ("multiple", "medium", "Entertainment: Film",
     "Which 2015 film follows N.W.A from Compton to fame?",
     "Straight Outta Compton", ["Dope", "Boyz n the Hood", "Notorious"]),
    ("multiple", "easy", "Science: Computers",
     "In HTML, which tag starts a paragraph?", "<p>", ["<a>", "<br>", "<hr>"]),
    ("boolean", "hard", "Geography",
     "Reykjavík is further north than Helsinki.", "True", ["False"]),
]


def htmlentities(text):
    out = []
    for c in text:
        if c == "&":
            out.append("&amp;")
        elif c == '"':
            out.append("&quot;")
        elif c == "'":
            out.append("&#039;")
        elif c == "<":
            out.append("&lt;")
        elif c == ">":
            out.append("&gt;")
        elif ord(c) > 127 and ord(c) in html.entities.codepoint2name:
            out.append("&%s;" % html.entities.codepoint2name[ord(c)])
        else:
            out.append(c)
    return "".join(out)


ENCODINGS = {
    "default": htmlentities,
    "url3986": lambda t: urllib.parse.quote(t, safe="-_.~"),
    "urllegacy": lambda t: urllib.parse.quote_plus(t, safe="-_."),
    "base64": lambda t: base64.b64encode(t.encode()).decode(),
}

for name, enc in ENCODINGS.items():
    results = [
        {
            "type": enc(kind),
            "difficulty": enc(level),
            "category": enc(category),
            "question": enc(question),
            "correct_answer": enc(correct),
            "incorrect_answers": [enc(w) for w in wrong],
        }
        for kind, level, category, question, correct, wrong in QUESTIONS
    ]
    text = json.dumps({"response_code": 0, "results": results}, separators=(",", ":"))
    with open("opentdb-%s.json" % name, "w") as f:
        f.write(text.replace("/", "\\/"))
