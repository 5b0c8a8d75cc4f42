"""How much: "a bit", "slightly" (small), "much", "a lot", "way" (large), else normal.

One scale for every edit: "a bit faster", "a bit brighter" and "a bit bigger" all mean the small
step of their kind, "much" the large one.
"""

from __future__ import annotations

import re
from typing import Literal

Degree = Literal["small", "normal", "large"]
SMALL = re.compile(r"\b(?:slightly|a (?:little )?bit|a little|a tad|a touch|somewhat|bit|touch)\b", re.I)
LARGE = re.compile(r"\b(?:much|a lot|very|way|far|lots)\b", re.I)


def degree(text: str) -> Degree:
    """'a bit faster' -> 'small', 'much brighter' -> 'large', 'faster' -> 'normal'."""
    if LARGE.search(text):
        return "large"
    if SMALL.search(text):
        return "small"
    return "normal"
