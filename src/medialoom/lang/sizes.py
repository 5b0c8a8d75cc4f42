"""Pixel sizes ("800x600", "1920 × 1080")."""

from __future__ import annotations

import re

SIZE = re.compile(r"\b(\d{2,4})\s*[x×]\s*(\d{2,4})\b")


def size(text: str) -> tuple[int, int] | None:
    """(width, height) of the first 'WxH'."""
    m = SIZE.search(text)
    return (int(m.group(1)), int(m.group(2))) if m else None
