"""The words a layout draws or describes (object names, labels, its prompt), screened by the
prompt guard like any prompt: a hand-written layout is another way to put words in a picture."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

WORD_KEYS = ("name", "label", "text", "prompt", "caption", "colour", "color")
MAX_BYTES = 8 * 1024 * 1024  # as media.py: a layout is kilobytes


def layout_words(value: Any) -> list[str]:
    """Texts of a layout given as an artifact, a path or already-read data (nothing when it
    cannot be read: the plan check reports that in its own words)."""
    data = value if isinstance(value, (dict, list)) else _read(value)
    found: list[str] = []
    _collect(data, found, depth=0)
    return [", ".join(found)] if found else []


def _read(value: Any) -> Any:
    path = getattr(value, "path", None) or (Path(value) if isinstance(value, str) else None)
    try:
        if path is None or Path(path).stat().st_size > MAX_BYTES:
            return None
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return None


def _collect(data: Any, found: list[str], depth: int) -> None:
    if depth > 8 or len(found) > 2000:
        return
    if isinstance(data, dict):
        for key, item in data.items():
            if key in WORD_KEYS and isinstance(item, str):
                found.append(item)
            elif isinstance(item, (dict, list)):
                _collect(item, found, depth + 1)
    elif isinstance(data, list):
        for item in data:
            _collect(item, found, depth + 1)
