"""Musical and level words: semitones, decibels, keys ("in D minor")."""

from __future__ import annotations

import re

from .numbers import NUM, number


def semitones(text: str) -> float | None:
    """'up 3 semitones' -> 3, 'down two semitones' -> -2."""
    m = re.search(r"([+-]?\s*\d+(?:\.\d+)?|" + NUM + r")\s*semi-?tones?", text, re.I)
    if not m:
        return None
    value = number(m.group(1).replace(" ", "")) if m.group(1) else None
    if value is None:
        return None
    down = re.search(r"\b(down|lower|deeper)\b", text, re.I)
    return -abs(value) if down else value


def decibels(text: str) -> float | None:
    """'+3 dB' -> 3.0."""
    m = re.search(r"([+-]?\d+(?:\.\d+)?)\s*d[bB]\b", text)
    return float(m.group(1)) if m else None


def key(text: str) -> str | None:
    """'in D minor' -> 'D minor'."""
    m = re.search(r"\bin ([A-G](?:#|b|♯|♭)?)\s*(major|minor)\b", text)
    return f"{m.group(1)} {m.group(2)}" if m else None
