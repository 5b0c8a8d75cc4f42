"""Click points and boxes in pixels: "at (420, 310)", "click 10, 20", "[10, 10, 200, 200]"."""

from __future__ import annotations

import re

POINT = re.compile(r"(?:\(\s*|\bat\s+|\bclick(?:ed)?\s+(?:at\s+)?|\bpoint\s+)(\d{1,5})\s*,\s*(\d{1,5})\s*\)?",
                   re.I)
BOX = re.compile(r"\(?\[?\s*(\d{1,5})\s*,\s*(\d{1,5})\s*,\s*(\d{1,5})\s*,\s*(\d{1,5})\s*\]?\)?")


def point(text: str) -> list[int] | None:
    """[x, y] of the first point; None when the numbers are a box."""
    m = BOX.search(text)
    if m and len(re.findall(r"\d+", m.group(0))) == 4:
        return None
    found = POINT.search(text)
    return [int(found.group(1)), int(found.group(2))] if found else None


def box(text: str) -> list[int] | None:
    """[x0, y0, x1, y1] of the first box whose corners are in order."""
    m = BOX.search(text)
    if not m:
        return None
    x0, y0, x1, y1 = (int(g) for g in m.groups())
    return [x0, y0, x1, y1] if x1 > x0 and y1 > y0 else None
