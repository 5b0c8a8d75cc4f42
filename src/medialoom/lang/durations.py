"""Durations and times: "20 seconds", "2 minutes", "a minute", "1:20"; frame rates; tempo."""

from __future__ import annotations

import re

from .numbers import NUM, number

SECONDS = re.compile(NUM + r"[\s-]*(seconds?|secs?|s|minutes?|mins?|min)\b", re.I)
CLOCK = re.compile(r"(?<![\d:])(\d{1,2}):(\d{2})(?![\d:])")


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
    """The first duration in the text, in seconds."""
    found = durations(text)
    return found[0] if found else None


def fps(text: str) -> int | None:
    """'24 fps', '30 frames per second'."""
    m = re.search(r"(\d{1,2})\s*(?:fps|frames per second)", text, re.I)
    return int(m.group(1)) if m else None


def tempo(text: str) -> float | None:
    """'120 bpm', '90 beats per minute'."""
    m = re.search(r"(\d{2,3})\s*(?:bpm|beats per minute)", text, re.I)
    return float(m.group(1)) if m else None
