"""Times of a cut: 'from 0:10 to 0:25', 'keep 1:20 to 2:05', '10 to 20 seconds', 'the first 30
seconds', 'trim the first 10 seconds off', 'after 5 s'. Values stay as written ('1:20') or
become seconds (a number)."""

from __future__ import annotations

import re
from typing import Any

from .durations import duration
from .numbers import NUM, number, plain


def trim_times(text: str) -> tuple[Any, Any]:
    """(start, end) from 'from 0:10 to 0:25', 'the first 30 seconds', 'trim the first 10 seconds off'."""
    low = text.lower()
    t = r"(\d+:\d{2}|\d+(?:\.\d+)?\s*(?:seconds?|secs?|s|minutes?|mins?)?)"
    m = re.search(rf"\b(?:from|between)\s+{t}\s+(?:to|and|until|through|thru|-)\s+{t}", low)
    if m:
        return time_value(m.group(1)), time_value(m.group(2))
    m = re.search(r"(?<![\w:.])(\d+:\d{2}|\d+(?:\.\d+)?)\s*((?:seconds?|secs?|s|minutes?|mins?)\b)?\s*"
                  r"(?:to|until|till|through|thru|-|–)\s*(\d+:\d{2}|\d+(?:\.\d+)?)\s*((?:seconds?|secs?|s|minutes?|mins?)\b)?", low)
    if m and (":" in m.group(1) + m.group(3) or m.group(4)):  # "keep 1:20 to 2:05", "10 to 20 seconds"
        unit = m.group(2) or m.group(4) or ""
        return time_value(f"{m.group(1)} {unit}".strip()), time_value(f"{m.group(3)} {m.group(4) or unit}".strip())
    m = re.search(r"\bfirst\s+" + NUM + r"[\s-]*(seconds?|secs?|s|minutes?|mins?)\b", low)
    if m:
        seconds = (number(m.group(1)) or 0) * (60 if m.group(2).startswith("m") else 1)
        if re.search(r"\b(off|remove|drop|skip|delete|without|lose|get rid)\b", low):
            return plain(seconds), None
        return None, plain(seconds)
    m = re.search(rf"\b(?:after|starting at|start at|from)\s+{t}", low)
    start = time_value(m.group(1)) if m else None
    m = re.search(rf"\b(?:until|up to|ending at|end at|to|before)\s+{t}", low)
    end = time_value(m.group(1)) if m else None
    return start, end


def time_value(text: str) -> Any:
    """'1:20' as written; '20 seconds' -> 20, '2 minutes' -> 120, '7.5' -> 7.5."""
    if ":" in text:
        return text.strip()
    value = duration(text) if re.search(r"[a-z]", text) else float(text)
    return plain(value) if value is not None else None
