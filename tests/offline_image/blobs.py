"""Reading pictures back: colour masks and connected blobs in HSV (OpenCV hue 0..179).

Used by the GenEval-style suite: counts, colours and positions are measured on the PNG
pixels, never taken from the scene graph."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
from PIL import Image

HUE_RANGES = {"red": ((0, 6), (174, 180)), "orange": ((11, 21),), "yellow": ((22, 33),),
              "green": ((45, 80),), "cyan": ((86, 98),), "blue": ((99, 116),), "purple": ((132, 152),),
              "pink": ((158, 170),)}
MIN_VALUE = {"orange": 0.7}


@dataclass
class Blob:
    cx: float
    cy: float
    area: int
    box: tuple[int, int, int, int]   # x0, y0, x1, y1


def rgb_of(path_or_img) -> np.ndarray:
    img = path_or_img if isinstance(path_or_img, Image.Image) else Image.open(Path(path_or_img))
    return np.asarray(img.convert("RGB"))


def colour_mask(rgb: np.ndarray, colour: str) -> np.ndarray:
    hsv = cv2.cvtColor(rgb, cv2.COLOR_RGB2HSV)
    h, s, v = hsv[..., 0].astype(int), hsv[..., 1] / 255.0, hsv[..., 2] / 255.0
    hue_ok = np.zeros(h.shape, bool)
    for lo, hi in HUE_RANGES[colour]:
        hue_ok |= (h >= lo) & (h <= hi)
    ok = hue_ok & (s >= 0.45) & (v >= MIN_VALUE.get(colour, 0.35))
    if colour == "orange":  # dark orange shades (saturated) count; brown (less saturated) does not
        ok |= hue_ok & (s >= 0.8) & (v >= 0.5)
    return ok


def blobs(rgb: np.ndarray, colour: str, min_share: float = 0.25, min_area: int = 40) -> list[Blob]:
    """Blobs of a colour, largest first; specks below `min_share` of the largest are ignored."""
    mask = colour_mask(rgb, colour).astype(np.uint8)
    mask = cv2.morphologyEx(mask, cv2.MORPH_OPEN, np.ones((3, 3), np.uint8))
    mask = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, np.ones((5, 5), np.uint8))
    n, labels, stats, cents = cv2.connectedComponentsWithStats(mask, connectivity=8)
    found = [Blob(float(cents[i][0]), float(cents[i][1]), int(stats[i][4]),
                  (int(stats[i][0]), int(stats[i][1]), int(stats[i][0] + stats[i][2]), int(stats[i][1] + stats[i][3])))
             for i in range(1, n) if stats[i][4] >= min_area]
    if not found:
        return []
    biggest = max(b.area for b in found)
    return sorted((b for b in found if b.area >= min_share * biggest), key=lambda b: -b.area)


def count(rgb: np.ndarray, colour: str) -> int:
    return len(blobs(rgb, colour))


def centre(rgb: np.ndarray, colour: str) -> tuple[float, float]:
    """Area-weighted centre of all blobs of a colour."""
    bs = blobs(rgb, colour)
    assert bs, f"no {colour} found"
    total = sum(b.area for b in bs)
    return sum(b.cx * b.area for b in bs) / total, sum(b.cy * b.area for b in bs) / total
