"""Region selection: a click, a box or words -> boolean mask.

Own generated images (layout in meta): the exact visible shape of the object under the click,
inside the box, or named by the words; background parts ("the sky") from the setting.
Foreign images: flood fill from the click when it finds a compact region, otherwise GrabCut
seeded at the click; a box seeds GrabCut directly. Words on foreign images need the neural
backend.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Sequence

import numpy as np
from PIL import Image

from ....errors import BackendUnavailable, InputError
from .own import match_objects, match_region, region_mask
from .scene import object_masks, region_masks


@dataclass
class Selection:
    mask: np.ndarray
    method: str
    objects: list[str] = field(default_factory=list)


def check_point(point: Any, size: tuple[int, int]) -> tuple[int, int]:
    try:
        x, y = (float(v) for v in point)
    except (TypeError, ValueError) as exc:
        raise InputError(f"point must be [x, y] in pixels, got {point!r}") from exc
    w, h = size
    if not (0 <= x < w and 0 <= y < h):
        raise InputError(f"point [{x:g}, {y:g}] is outside the {w}x{h} image; click inside it")
    return int(x), int(y)


def check_box(box: Any, size: tuple[int, int]) -> tuple[int, int, int, int]:
    try:
        x0, y0, x1, y1 = (float(v) for v in box)
    except (TypeError, ValueError) as exc:
        raise InputError(f"box must be [x0, y0, x1, y1] in pixels, got {box!r}") from exc
    w, h = size
    x0, x1 = sorted((max(0.0, min(w, x0)), max(0.0, min(w, x1))))
    y0, y1 = sorted((max(0.0, min(h, y0)), max(0.0, min(h, y1))))
    if x1 - x0 < 2 or y1 - y0 < 2:
        raise InputError(f"box {list(box)} does not cover any of the {w}x{h} image; draw it inside the image")
    return int(x0), int(y0), int(round(x1)), int(round(y1))


# -- own images ---------------------------------------------------------------------------------
def select_own(layout: dict[str, Any], size: tuple[int, int], point: Sequence[float] | None,
               box: Sequence[float] | None, text: str | None) -> Selection | None:
    w, h = size
    masks = object_masks(layout, w, h)
    if text:
        ids = match_objects(layout, text)
        if ids:
            return Selection(_union(masks, ids, size), "scene", ids)
        region = match_region(text)
        if region:
            m = region_mask(region_masks(layout, w, h), region)
            if m is not None and m.any():
                return Selection(m, "scene", [region])
        return None
    if point is not None:
        x, y = check_point(point, size)
        for o in sorted(layout["objects"], key=lambda o: -o.get("z", 0.0)):
            if masks[o["id"]][y, x]:
                return Selection(masks[o["id"]], "scene", [o["id"]])
        for name, m in region_masks(layout, w, h).items():
            if m[y, x]:
                return Selection(m, "scene", [name])
        return None
    if box is not None:
        x0, y0, x1, y1 = check_box(box, size)
        inside = np.zeros((h, w), bool)
        inside[y0:y1, x0:x1] = True
        ids = [oid for oid, m in masks.items() if m.any() and (m & inside).sum() >= 0.5 * m.sum()]
        if ids:
            return Selection(_union(masks, ids, size) & inside, "scene", ids)
    return None


def _union(masks: dict[str, np.ndarray], ids: list[str], size: tuple[int, int]) -> np.ndarray:
    out = np.zeros((size[1], size[0]), bool)
    for i in ids:
        out |= masks[i]
    return out


# -- foreign images ------------------------------------------------------------------------------
def flood_region(rgb: np.ndarray, x: int, y: int, tolerance: int = 14) -> np.ndarray:
    import cv2

    h, w = rgb.shape[:2]
    mask = np.zeros((h + 2, w + 2), np.uint8)
    lab = cv2.cvtColor(rgb, cv2.COLOR_RGB2LAB)
    flags = 4 | cv2.FLOODFILL_MASK_ONLY | cv2.FLOODFILL_FIXED_RANGE | (255 << 8)
    cv2.floodFill(lab.copy(), mask, (x, y), (0, 0, 0), (tolerance,) * 3, (tolerance,) * 3, flags)
    return mask[1:-1, 1:-1] > 0


def flood_smooth(rgb: np.ndarray, x: int, y: int, tolerance: int = 4) -> np.ndarray:
    """Neighbour-to-neighbour flood fill on an edge-preserving blur: follows shading across a
    curved object (a lit ball) where a fixed colour range stops at the highlight."""
    import cv2

    h, w = rgb.shape[:2]
    lab = cv2.cvtColor(cv2.bilateralFilter(np.ascontiguousarray(rgb), 9, 40, 5), cv2.COLOR_RGB2LAB)
    mask = np.zeros((h + 2, w + 2), np.uint8)
    flags = 8 | cv2.FLOODFILL_MASK_ONLY | (255 << 8)
    cv2.floodFill(lab, mask, (x, y), (0, 0, 0), (tolerance,) * 3, (tolerance,) * 3, flags)
    filled = cv2.morphologyEx(mask[1:-1, 1:-1], cv2.MORPH_CLOSE, np.ones((5, 5), np.uint8))
    return filled > 0


def grabcut(rgb: np.ndarray, rect: tuple[int, int, int, int], seed: tuple[int, int] | None = None) -> np.ndarray:
    import cv2

    h, w = rgb.shape[:2]
    x0, y0, x1, y1 = rect
    mask = np.full((h, w), cv2.GC_BGD, np.uint8)
    mask[y0:y1, x0:x1] = cv2.GC_PR_FGD
    if seed is not None:
        r = max(2, min(w, h) // 60)
        cv2.circle(mask, seed, r, cv2.GC_FGD, -1)
    bgd, fgd = np.zeros((1, 65), np.float64), np.zeros((1, 65), np.float64)
    bgr = np.ascontiguousarray(rgb[..., ::-1])
    try:
        cv2.grabCut(bgr, mask, None, bgd, fgd, 4, cv2.GC_INIT_WITH_MASK)
    except cv2.error:
        return mask == cv2.GC_PR_FGD
    out = (mask == cv2.GC_FGD) | (mask == cv2.GC_PR_FGD)
    return _component(out, seed) if seed is not None else out


def _component(mask: np.ndarray, seed: tuple[int, int]) -> np.ndarray:
    import cv2

    n, labels = cv2.connectedComponents(mask.astype(np.uint8), connectivity=8)
    lab = labels[seed[1], seed[0]]
    if lab == 0:
        return mask
    return labels == lab


def select_foreign(img: Image.Image, point: Sequence[float] | None, box: Sequence[float] | None) -> Selection:
    rgb = np.asarray(img.convert("RGB"))
    h, w = rgb.shape[:2]
    if box is not None:
        x0, y0, x1, y1 = check_box(box, (w, h))
        seed = check_point(point, (w, h)) if point is not None else None
        if (x1 - x0) * (y1 - y0) > 0.97 * w * h:
            x0, y0, x1, y1 = int(w * 0.03), int(h * 0.03), int(w * 0.97), int(h * 0.97)
        m = grabcut(rgb, (x0, y0, x1, y1), seed)
        if m.sum() < 0.02 * (x1 - x0) * (y1 - y0):
            m = np.zeros((h, w), bool)
            m[y0:y1, x0:x1] = True
            return Selection(m, "box")
        return Selection(m, "grabcut")
    x, y = check_point(point, (w, h))
    for flood in (flood_smooth(rgb, x, y), flood_region(rgb, x, y)):
        if 0.001 <= flood.sum() / (w * h) <= 0.5:
            return Selection(flood, "flood fill")
    half = max(8, min(w, h) // 5)
    rect = (max(0, x - half), max(0, y - half), min(w, x + half), min(h, y + half))
    return Selection(grabcut(rgb, rect, (x, y)), "grabcut")


def select(img: Image.Image, layout: dict[str, Any] | None, point: Any = None, box: Any = None,
           text: str | None = None) -> Selection:
    """The selection for a click, box or words (own images use the layout)."""
    if point is None and box is None and not text:
        raise InputError("image.segment needs a point [x, y], a box [x0, y0, x1, y1] or words (text)")
    size = img.size
    if point is not None:
        check_point(point, size)
    if layout is not None:
        found = select_own(layout, size, point, box, text)
        if found is not None:
            return found
        if text and point is None and box is None:
            names = sorted({o["name"] for o in layout["objects"]})
            raise InputError(f"nothing called '{text}' in this picture; it has: "
                             f"{', '.join(names) or 'no objects'} and the background (sky, ground)")
    if text and point is None and box is None:
        raise BackendUnavailable("selecting by words works offline only on pictures medialoom generated; "
                                 "for this image use the neural backend (--backend neural, facebook/sam-vit-base) "
                                 "or give a point or a box")
    return select_foreign(img, point, box)
