"""Measurements on pixels: blank pictures, and which named colour a region's pixels are."""

from __future__ import annotations

import numpy as np

# colours a reader can tell apart; near names fold onto them ("navy" is blue, "gold" yellow)
FOLD = {"navy": "blue", "gold": "yellow", "teal": "green", "violet": "purple", "magenta": "pink",
        "lime": "green", "cyan": "blue", "beige": "white", "silver": "grey"}
BASIC = {"red": (229, 57, 53), "orange": (251, 140, 0), "yellow": (253, 216, 53), "green": (67, 160, 71),
         "blue": (30, 136, 229), "purple": (142, 36, 170), "pink": (255, 105, 180), "brown": (141, 90, 59),
         "black": (43, 47, 51), "white": (247, 247, 242), "grey": (154, 160, 166)}


def blank(rgb: np.ndarray) -> float:
    """Spread of brightness (standard deviation, 0..255): near 0 for an empty picture."""
    grey = rgb.astype(np.float32) @ np.array([0.299, 0.587, 0.114], np.float32)
    return float(grey.std())


def _lab(rgb: np.ndarray) -> np.ndarray:
    import cv2

    return cv2.cvtColor(rgb.reshape(-1, 1, 3).astype(np.uint8), cv2.COLOR_RGB2LAB).reshape(-1, 3).astype(np.float32)


def colour_share(rgb: np.ndarray, mask: np.ndarray, colour: str) -> float:
    """Share of the masked pixels whose nearest basic colour (in CIELAB) is `colour`."""
    want = FOLD.get(colour, colour)
    if want not in BASIC or not mask.any():
        return 0.0
    pixels = _lab(rgb[mask])
    names = list(BASIC)
    refs = _lab(np.array([BASIC[n] for n in names], np.uint8))
    nearest = np.argmin(((pixels[:, None, :] - refs[None, :, :]) ** 2).sum(-1), axis=1)
    return float((nearest == names.index(want)).mean())


def match_share(rgb: np.ndarray, reference: np.ndarray, mask: np.ndarray, tolerance: int = 40) -> float:
    """Share of the masked pixels that equal the reference within `tolerance` per channel."""
    if not mask.any():
        return 1.0
    diff = np.abs(rgb[mask].astype(np.int16) - reference[mask].astype(np.int16)).max(axis=1)
    return float((diff <= tolerance).mean())
