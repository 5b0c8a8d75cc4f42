"""Numbers in words and digits: "three", "a couple of", "2.5"; multipliers ("4x", "twice",
"half", "50%"); counts ("three scenes"); seeds."""

from __future__ import annotations

import re

NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15,
                "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "a": 1, "an": 1,
                "a couple of": 2, "a few": 3, "several": 4, "half a": 0.5}
NUM = r"(\d+(?:\.\d+)?|" + "|".join(sorted((k for k in NUMBER_WORDS if k not in ("a", "an")),
                                            key=len, reverse=True)) + ")"
MULTIPLIERS = {"twice": 2.0, "double": 2.0, "doubled": 2.0, "triple": 3.0, "thrice": 3.0,
               "quadruple": 4.0, "half": 0.5, "a third": 1 / 3, "a quarter": 0.25}


def number(word: str) -> float | None:
    """'three' -> 3.0, '2.5' -> 2.5, 'a few' -> 3.0; None when it is no number."""
    word = word.lower().strip()
    if word in NUMBER_WORDS:
        return float(NUMBER_WORDS[word])
    try:
        return float(word)
    except ValueError:
        return None


def plain(value: float) -> int | float:
    """4.0 -> 4, 0.33333 -> 0.333: numbers as a person writes them."""
    return int(value) if float(value).is_integer() else round(value, 3)


def percent(text: str) -> float | None:
    """'20%', '20 percent' -> 0.2."""
    m = re.search(r"(\d+(?:\.\d+)?)\s*(?:%|percent)", text.lower())
    return float(m.group(1)) / 100 if m else None


def multiplier(text: str) -> float | None:
    """'4x', 'x4', '3 times', 'by a factor of 3', 'twice', 'double', 'half', '50%'."""
    low = text.lower()
    m = re.search(r"(\d+(?:\.\d+)?)\s*[x×](?![\w])|(?<![\w])[x×]\s*(\d+(?:\.\d+)?)\b", low)
    if m:
        return float(m.group(1) or m.group(2))
    m = re.search(r"\bfactor of\s+" + NUM + r"\b", low) or re.search(NUM + r"\s+times\b", low)
    if m and (value := number(m.group(1))) is not None:
        return value
    if (value := percent(low)) is not None:
        return value
    for word, value in MULTIPLIERS.items():
        if re.search(rf"\b{word}\b", low):
            return value
    return None


def count(text: str, noun: str) -> int | None:
    """'three scenes', '4-scene', '5 scenes' -> the number."""
    m = re.search(NUM + rf"[\s-]*{noun}s?\b", text, re.I)
    if m and (value := number(m.group(1))) is not None:
        return int(value)
    return None


def seed(text: str) -> int | None:
    """'seed 42', 'seed=7'."""
    m = re.search(r"\bseed\s*(?:=|of|:)?\s*(\d+)", text, re.I)
    return int(m.group(1)) if m else None
