"""Argument extraction from request text: quoted text, file paths, numbers with units, times,
click points, boxes, colours, voices, languages, scales, speed factors, semitones, decibels.

Every function is pure: text in, a value (or None) out. The planner decides which tool an
argument belongs to; these functions only read the words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

SUFFIX_KIND = {
    **dict.fromkeys(("png", "jpg", "jpeg", "webp", "gif", "bmp", "tif", "tiff"), "image"),
    **dict.fromkeys(("wav", "flac", "ogg", "mp3", "m4a", "aac", "opus"), "audio"),
    **dict.fromkeys(("mp4", "webm", "mov", "mkv", "avi"), "video"),
    **dict.fromkeys(("glb", "gltf", "obj", "stl", "ply"), "mesh"),
}
FILE = re.compile(r"(?<![\w/.~-])(?:~?/)?[\w~./-]*[\w-]\.(" + "|".join(SUFFIX_KIND) + r")(?![\w])", re.I)
QUOTE = re.compile(r"\"([^\"]+)\"|“([^”]+)”|‘([^’]+)’|(?<![\w])'((?:[^']|'(?=\w))+)'(?![\w])")
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15,
                "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "a": 1, "an": 1,
                "a couple of": 2, "a few": 3, "several": 4, "half a": 0.5}
NUM = r"(\d+(?:\.\d+)?|" + "|".join(sorted((k for k in NUMBER_WORDS if k not in ("a", "an")),
                                            key=len, reverse=True)) + ")"
SECONDS = re.compile(NUM + r"[\s-]*(seconds?|secs?|s|minutes?|mins?|min)\b", re.I)
CLOCK = re.compile(r"(?<![\d:])(\d{1,2}):(\d{2})(?![\d:])")
POINT = re.compile(r"(?:\(\s*|\bat\s+|\bclick(?:ed)?\s+(?:at\s+)?|\bpoint\s+)(\d{1,5})\s*,\s*(\d{1,5})\s*\)?",
                   re.I)
BOX = re.compile(r"\(?\[?\s*(\d{1,5})\s*,\s*(\d{1,5})\s*,\s*(\d{1,5})\s*,\s*(\d{1,5})\s*\]?\)?")
SIZE = re.compile(r"\b(\d{2,4})\s*[x×]\s*(\d{2,4})\b")
COLOURS = ("red", "orange", "yellow", "green", "blue", "purple", "violet", "pink", "brown", "black",
           "white", "grey", "gray", "gold", "golden", "silver", "teal", "cyan", "magenta", "navy",
           "beige", "turquoise", "crimson", "maroon", "olive", "lime", "indigo")
VOICES = {"female": "female", "woman": "female", "woman's": "female", "women": "female",
          "girl": "female", "lady": "female", "feminine": "female", "male": "male", "man": "male",
          "man's": "male", "men": "male", "masculine": "male", "deep": "male", "boy": "child",
          "child": "child", "kid": "child", "childlike": "child", "robot": "robot", "robotic": "robot"}
LANGUAGES = {"english": "en", "french": "fr", "spanish": "es", "german": "de", "italian": "it",
             "portuguese": "pt", "dutch": "nl", "russian": "ru", "polish": "pl", "swedish": "sv",
             "japanese": "ja", "chinese": "zh", "mandarin": "zh", "korean": "ko", "arabic": "ar",
             "hindi": "hi", "turkish": "tr", "greek": "el", "finnish": "fi", "danish": "da",
             "norwegian": "nb", "czech": "cs", "hungarian": "hu", "romanian": "ro", "ukrainian": "uk",
             "vietnamese": "vi", "indonesian": "id", "welsh": "cy", "irish": "ga", "latin": "la"}
STYLES = {"watercolour": "watercolour", "watercolor": "watercolour", "flat": "flat", "sketch": "sketch",
          "pencil": "sketch", "photo": "photo", "photorealistic": "photo", "realistic": "photo",
          "oil painting": "oil painting", "pixel art": "pixel art", "cartoon": "cartoon",
          "anime": "anime", "low poly": "low poly", "neon": "neon", "vintage": "vintage"}
MULTIPLIERS = {"twice": 2.0, "double": 2.0, "doubled": 2.0, "triple": 3.0, "thrice": 3.0,
               "quadruple": 4.0, "half": 0.5, "a third": 1 / 3, "a quarter": 0.25}


@dataclass(frozen=True)
class FileMention:
    text: str
    kind: str
    start: int


def number(word: str) -> float | None:
    word = word.lower().strip()
    if word in NUMBER_WORDS:
        return float(NUMBER_WORDS[word])
    try:
        return float(word)
    except ValueError:
        return None


def plain(value: float) -> int | float:
    return int(value) if float(value).is_integer() else round(value, 3)


QUOTED_FILE = re.compile(r"\s*(?:~?/)?[\w~./ -]*[\w-]\.(?:" + "|".join(SUFFIX_KIND) + r")\s*", re.I)


def _inner(m: re.Match) -> str:
    return next(g for g in m.groups() if g is not None)


def _is_file_quote(m: re.Match) -> bool:
    """'example.mp4', "my holiday clip.mp4": a quoted file name names a file, it is no quoted text."""
    return bool(QUOTED_FILE.fullmatch(_inner(m)))


def quotes(text: str) -> list[str]:
    return [_inner(m).strip() for m in QUOTE.finditer(text) if not _is_file_quote(m)]


def strip_quotes(text: str) -> str:
    return QUOTE.sub(lambda m: f" {_inner(m).strip()} " if _is_file_quote(m) else " ", text)


URL = re.compile(r"\b(?:https?://|www\.)\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|io|co|edu|gov)(?:/\S*)?", re.I)


def files(text: str) -> list[FileMention]:
    """Local files the text names (not those inside web addresses, which are not here)."""
    text = URL.sub(lambda m: " " * len(m.group(0)), text)
    found = []
    for q in QUOTE.finditer(text):  # a quoted name may hold spaces: "my holiday clip.mp4"
        inner = _inner(q).strip()
        if " " in inner and _is_file_quote(q):
            found.append(FileMention(inner, SUFFIX_KIND[Path(inner).suffix.lstrip(".").lower()], q.start()))
    for m in FILE.finditer(strip_quotes_keep_len(text)):
        path = m.group(0).rstrip(".")
        if not any(f.start <= m.start() < f.start + len(f.text) + 2 for f in found):
            found.append(FileMention(path, SUFFIX_KIND[Path(path).suffix.lstrip(".").lower()], m.start()))
    return sorted(found, key=lambda f: f.start)


def strip_quotes_keep_len(text: str) -> str:
    """Quoted spans blanked out (same length), so positions still line up; a quoted file name
    keeps its name (only the quote marks are blanked)."""
    def blank(m: re.Match) -> str:
        if _is_file_quote(m) and " " not in _inner(m).strip():
            return " " + _inner(m) + " "
        return " " * len(m.group(0))
    return QUOTE.sub(blank, text)


def durations(text: str) -> list[float]:
    """Every duration in the text, in seconds, in order: '20 seconds', '1:20', '2 minutes'."""
    found: list[tuple[int, float]] = []
    for m in SECONDS.finditer(text):
        value = number(m.group(1))
        if value is None:
            continue
        found.append((m.start(), value * (60 if m.group(2).lower().startswith("m") else 1)))
    for m in CLOCK.finditer(text):
        found.append((m.start(), int(m.group(1)) * 60 + int(m.group(2))))
    if re.search(r"\ba (?:minute|min)\b", text, re.I):
        found.append((text.lower().find("a min"), 60.0))
    return [v for _, v in sorted(found)]


def duration(text: str) -> float | None:
    found = durations(text)
    return found[0] if found else None


def point(text: str) -> list[int] | None:
    if BOX.search(text) and len(re.findall(r"\d+", BOX.search(text).group(0))) == 4:  # type: ignore[union-attr]
        return None
    m = POINT.search(text)
    return [int(m.group(1)), int(m.group(2))] if m else None


def box(text: str) -> list[int] | None:
    m = BOX.search(text)
    if not m:
        return None
    x0, y0, x1, y1 = (int(g) for g in m.groups())
    return [x0, y0, x1, y1] if x1 > x0 and y1 > y0 else None


def size(text: str) -> tuple[int, int] | None:
    m = SIZE.search(text)
    return (int(m.group(1)), int(m.group(2))) if m else None


def colours(text: str) -> list[str]:
    return [c for c in COLOURS if re.search(rf"\b{c}\b", text, re.I)]


def voice(text: str) -> str | None:
    """'a deep male voice' -> 'deep male'; 'read by a woman' -> 'female'; 'robotic voice' -> 'robot'."""
    low = text.lower()
    for word in re.findall(r"[a-z']+", low):
        if word in VOICES and re.search(rf"\b{re.escape(word)}\b[\w\s-]{{0,12}}\b(voice|narrat|speaker|read)|"
                                        rf"\b(voice|narrator|speaker)\b[\w\s]{{0,12}}\b{re.escape(word)}\b|"
                                        rf"\bas an? {re.escape(word)}\b|\bby an? {re.escape(word)}\b",
                                        low):
            base = VOICES[word]
            pitch = re.search(r"\b(deep|deeper|low|high|higher|squeaky)\b(?:[\s,-]+[a-z']+){0,3}?[\s,-]+"
                              r"(?:voice|narrat|female|male|woman|man|girl|boy|child|kid|lady)", low)
            if pitch and base in ("female", "male", "child"):
                return ("deep " if pitch.group(1) in ("deep", "deeper", "low") else "high ") + base
            return base
    return None


def language(text: str) -> str | None:
    m = re.search(r"\b(?:in|into|to)\s+(" + "|".join(LANGUAGES) + r")\b", text, re.I)
    return LANGUAGES[m.group(1).lower()] if m else None


def style(text: str) -> str | None:
    low = text.lower()
    for word, name in STYLES.items():
        if re.search(rf"\b{word}\b", low) and not re.search(rf"\b{word}\s+(of|from)\b", low):
            return name
    return None


def multiplier(text: str) -> float | None:
    """'4x', 'x4', '3 times', 'twice', 'double', 'half', '50%'."""
    low = text.lower()
    m = re.search(r"(\d+(?:\.\d+)?)\s*[x×](?![\w])|(?<![\w])[x×]\s*(\d+(?:\.\d+)?)\b", low)
    if m:
        return float(m.group(1) or m.group(2))
    m = re.search(NUM + r"\s+times\b", low)
    if m and (value := number(m.group(1))) is not None:
        return value
    m = re.search(r"(\d+(?:\.\d+)?)\s*(?:%|percent)", low)
    if m:
        return float(m.group(1)) / 100
    for word, value in MULTIPLIERS.items():
        if re.search(rf"\b{word}\b", low):
            return value
    return None


def speed_factor(text: str) -> float | None:
    """A playback factor: '2x', 'twice as fast', 'half speed', 'slow motion', '3 times slower'."""
    low = text.lower()
    value = multiplier(low)
    slower = bool(re.search(r"\b(slow(er|ly)?|slow[- ]?mo(tion)?)\b", low))
    if value is None:
        if re.search(r"slow[- ]?mo", low):
            return 0.5
        if re.search(r"\b(faster|speed (it )?up|quick(er|ly)?|fast)\b", low):
            return 2.0
        return 0.5 if slower else None
    if "%" in low or "percent" in low:
        return 1 + value if re.search(r"faster|quicker", low) else max(0.05, 1 - value) if slower else value
    if slower and value > 1:
        return round(1 / value, 4)
    return value


def semitones(text: str) -> float | None:
    m = re.search(r"([+-]?\s*\d+(?:\.\d+)?|" + NUM + r")\s*semi-?tones?", text, re.I)
    if not m:
        return None
    value = number(m.group(1).replace(" ", "")) if m.group(1) else None
    if value is None:
        return None
    down = re.search(r"\b(down|lower|deeper)\b", text, re.I)
    return -abs(value) if down else value


def decibels(text: str) -> float | None:
    m = re.search(r"([+-]?\d+(?:\.\d+)?)\s*d[bB]\b", text)
    return float(m.group(1)) if m else None


def tempo(text: str) -> float | None:
    m = re.search(r"(\d{2,3})\s*(?:bpm|beats per minute)", text, re.I)
    return float(m.group(1)) if m else None


def key(text: str) -> str | None:
    m = re.search(r"\bin ([A-G](?:#|b|♯|♭)?)\s*(major|minor)\b", text)
    return f"{m.group(1)} {m.group(2)}" if m else None


def count(text: str, noun: str) -> int | None:
    """'three scenes', '4-scene', '5 scenes' -> the number."""
    m = re.search(NUM + rf"[\s-]*{noun}s?\b", text, re.I)
    if m and (value := number(m.group(1))) is not None:
        return int(value)
    return None


def seed(text: str) -> int | None:
    m = re.search(r"\bseed\s*(?:=|of|:)?\s*(\d+)", text, re.I)
    return int(m.group(1)) if m else None


def fps(text: str) -> int | None:
    m = re.search(r"(\d{1,2})\s*(?:fps|frames per second)", text, re.I)
    return int(m.group(1)) if m else None
