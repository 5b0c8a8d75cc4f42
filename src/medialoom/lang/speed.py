"""Playback speed words, one meaning for video and audio alike.

    faster, speed up, quicker        x1.5     slower, slow down          x0.75
    a bit / slightly faster          x1.25    a bit / slightly slower    x0.8
    much / a lot faster              x2.0     much / a lot slower        x0.5
    twice as fast, 2x, double speed  x2.0     half speed, twice as slow  x0.5
                                              quarter speed              x0.25
    20% faster                       x1.2     20% slower                 x0.8
    at 50% speed                     x0.5     3 times slower             x0.333
    slow motion, slow-mo             x0.5     from 100 to 125 bpm        x1.25
"""

from __future__ import annotations

import re

from .degree import degree
from .numbers import multiplier

FAST = re.compile(r"\b(?:faster|speed(?:s|ed)? (?:(?:it|this|that|them) )?up|sped up|quick(?:er|ly)?|fast)\b", re.I)
SLOW = re.compile(r"\bslow(?:er|ly)?\b|slow[- ]?mo|\breduc|\bdecreas|\bdrag", re.I)
SLOW_MOTION = re.compile(r"slow[- ]?mo", re.I)
QUARTER = re.compile(r"\b(?:a |one )?quarter(?:[- ]speed| as fast)", re.I)
BPM_CHANGE = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)\s*(?:bpm)?\s+to\s+(\d+(?:\.\d+)?)\s*bpm", re.I)
WORD_FACTORS = {("fast", "small"): 1.25, ("fast", "normal"): 1.5, ("fast", "large"): 2.0,
                ("slow", "small"): 0.8, ("slow", "normal"): 0.75, ("slow", "large"): 0.5}


def bpm_change(text: str) -> float | None:
    """'from 100 to 125 bpm' -> 1.25."""
    m = BPM_CHANGE.search(text)
    return float(m.group(2)) / float(m.group(1)) if m and float(m.group(1)) > 0 else None


def speed_factor(text: str) -> float | None:
    """The playback factor the words ask for (> 1 is faster); None when they name no speed."""
    low = text.lower()
    if (ratio := bpm_change(low)) is not None:
        return ratio
    value = 0.25 if QUARTER.search(low) else multiplier(low)
    slower = bool(SLOW.search(low))
    faster = bool(FAST.search(low))
    if value is None:
        if SLOW_MOTION.search(low):
            return 0.5
        if slower or faster:
            return WORD_FACTORS[("slow" if slower else "fast", degree(low))]
        return None
    if "%" in low or "percent" in low:
        if faster:
            return 1 + value
        return max(0.05, 1 - value) if slower else value
    if slower and value > 1:
        return round(1 / value, 4)
    return value
