"""Recognising our own generated images: an artifact whose meta holds the layout it was
rendered from (image.generate, image.from_layout, image.inpaint on own images), and matching
words ("the red apple", "the sky") to its objects and background parts."""

from __future__ import annotations

import json
import re
from typing import Any, Mapping

import numpy as np

from .kinds import lookup
from .palette import colour_name
from .parse import COUNTS


def own_layout(meta: Mapping[str, Any] | None, size: tuple[int, int]) -> dict[str, Any] | None:
    """The layout an image was rendered from, when its meta has one matching its shape."""
    if not meta or not isinstance(meta.get("layout"), Mapping):
        return None
    try:
        layout = json.loads(json.dumps(meta["layout"], default=list))
        W, H = layout["canvas"]["width"], layout["canvas"]["height"]
        layout["objects"]
    except (KeyError, TypeError, ValueError):
        return None
    w, h = size
    if abs(W / H - w / h) > 0.01 * (W / H):
        return None
    return layout


def pristine(meta: Mapping[str, Any] | None) -> bool:
    """True when the pixels are exactly a render of meta['layout'] (not edited since)."""
    return bool(meta) and not meta.get("layout_edited", False)


REGION_WORDS = {"sky": "sky", "ground": "ground", "grass": "ground", "floor": "floor", "sea": "sea",
                "water": "water", "ocean": "sea", "background": "background", "table": "table",
                "buildings": "buildings", "mountains": "mountains", "trees": "trees", "hills": "hills",
                "wall": "sky", "sand": "ground", "snow": "ground"}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "last": -1,
            "leftmost": 1, "rightmost": -1, "left": 1, "right": -1}


def match_objects(layout: dict[str, Any], text: str) -> list[str]:
    """Ids of the objects named by words: kind or name, optional colour and ordinal
    ("the second apple", "the leftmost dog"); plural or "all" selects every match."""
    words = re.findall(r"[a-z]+", text.lower())
    colour = next((colour_name(w) for w in words if colour_name(w)), None)
    found: list[str] = []
    for w in words:
        kind = lookup(w)
        for o in sorted(layout["objects"], key=lambda o: o["box"][0]):
            names = {o["name"], o["kind"]}
            if (kind in names or w in names or (o["kind"] == "unknown" and o["name"].startswith(w.rstrip("s"))))\
                    and (colour is None or str(o.get("colour") or "").split()[-1:] == [colour]) and o["id"] not in found:
                found.append(o["id"])
    if not found:
        return []
    plural = any(w.endswith("s") and lookup(w) and lookup(w) != w for w in words) or "all" in words
    ordinal = next((ORDINALS[w] for w in words if w in ORDINALS), None)
    if ordinal is not None:
        idx = ordinal - 1 if ordinal > 0 else len(found) + ordinal
        return [found[idx]] if 0 <= idx < len(found) else []
    count = next((COUNTS[w] for w in words if w in COUNTS and w != "one"), None)
    if plural or count:
        return found[:count] if count else found
    return found[:1] if len(found) > 1 and any(w in ("the", "a", "an", "that", "this") for w in words) else found


def match_region(text: str) -> str | None:
    for w in re.findall(r"[a-z]+", text.lower()):
        if w in REGION_WORDS:
            return REGION_WORDS[w]
    return None


def region_mask(regions: dict[str, np.ndarray], name: str) -> np.ndarray | None:
    if name == "background":
        keys = list(regions)
    elif name == "water":
        keys = [k for k in regions if k in ("sea", "water", "ground_detail")]
    else:
        keys = [k for k in regions if k == name]
    if not keys:
        return None
    out = np.zeros_like(next(iter(regions.values())))
    for k in keys:
        out |= regions[k]
    return out

