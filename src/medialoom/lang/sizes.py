"""Pixel sizes ("800x600", "1920 × 1080") and size words ("a bit bigger", "much smaller")."""

from __future__ import annotations

import re

from .degree import degree

SIZE = re.compile(r"\b(\d{2,4})\s*[x×]\s*(\d{2,4})\b")


def size(text: str) -> tuple[int, int] | None:
    """(width, height) of the first 'WxH'."""
    m = SIZE.search(text)
    return (int(m.group(1)), int(m.group(2))) if m else None


GROW_STEPS = {"small": 1.25, "normal": 1.5, "large": 2.0}


def size_step(text: str, shrink: bool = False) -> float:
    """The scale that size words with no number ask for, one scale for pictures and 3D models:
    bigger x1.5, a bit bigger x1.25, much bigger x2; smaller, a bit smaller and much smaller are
    the reciprocals (x0.667, x0.8, x0.5)."""
    grow = GROW_STEPS[degree(text)]
    return 1 / grow if shrink else grow
