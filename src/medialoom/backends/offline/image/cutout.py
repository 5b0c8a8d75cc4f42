"""Subject cut-out with a transparent, feathered background.

Own images: the union of the scene's object shapes. Foreign images: when the border is one
even colour (clip-art, product shots) everything connected to the border in that colour is
background; otherwise GrabCut initialised with a rectangle inset from the border.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from PIL import Image

from .kinds import KINDS
from .scene import object_masks
from .selection import grabcut

FEATHER = 1.4


def subject_mask_own(layout: dict[str, Any], size: tuple[int, int]) -> np.ndarray:
    masks = object_masks(layout, *size)
    out = np.zeros((size[1], size[0]), bool)

    def place(o: dict[str, Any]) -> str:
        kind = KINDS.get(o["kind"])
        return kind.place if kind is not None else "ground"
    grounded = any(place(o) not in ("sky", "backdrop") for o in layout["objects"])
    for o in layout["objects"]:
        if place(o) == "backdrop" or (grounded and place(o) == "sky"):
            continue  # mountains, sea, sun and clouds are background when there is a subject
        out |= masks[o["id"]]
    return out


def subject_mask_foreign(img: Image.Image) -> tuple[np.ndarray, str]:
    import cv2

    rgb = np.asarray(img.convert("RGB"))
    h, w = rgb.shape[:2]
    lab = cv2.cvtColor(rgb, cv2.COLOR_RGB2LAB).astype(np.float32)
    border = np.concatenate([lab[0], lab[-1], lab[:, 0], lab[:, -1]])
    med = np.median(border, axis=0)
    spread = np.median(np.linalg.norm(border - med, axis=1))
    if spread < 6:
        close = (np.linalg.norm(lab - med, axis=2) < 18).astype(np.uint8)
        n, labels = cv2.connectedComponents(close, connectivity=4)
        edge_labels = set(np.unique(np.concatenate([labels[0], labels[-1], labels[:, 0], labels[:, -1]])))
        edge_labels.discard(0)
        background = np.isin(labels, list(edge_labels)) & (close > 0)
        fg = ~background
        if 0.002 < fg.mean() < 0.98:
            return fg, "border colour"
    inset = (int(w * 0.05), int(h * 0.05), int(w * 0.95), int(h * 0.95))
    return without_threads(grabcut(rgb, inset)), "grabcut"


def without_threads(mask: np.ndarray) -> np.ndarray:
    """The mask less its hair-thin parts (GrabCut keeps lines along strong edges such as a
    horizon); parts at least ~1% of the picture's side thick stay whole."""
    import cv2

    side = max(3, round(min(mask.shape) / 100) | 1)
    kernel = np.ones((side, side), np.uint8)
    core = cv2.morphologyEx(mask.astype(np.uint8), cv2.MORPH_OPEN, kernel)
    kept = mask & (cv2.dilate(core, kernel) > 0)
    return kept if kept.any() else mask


def cutout(img: Image.Image, mask: np.ndarray) -> Image.Image:
    """RGBA with the mask as a feathered alpha channel."""
    import cv2

    alpha = cv2.GaussianBlur(mask.astype(np.float32), (0, 0), FEATHER)
    alpha = np.clip(alpha * 255 * 1.15, 0, 255).astype(np.uint8)
    alpha[mask & (alpha < 128)] = 128
    out = img.convert("RGBA")
    if img.mode == "RGBA":
        alpha = np.minimum(alpha, np.asarray(img.getchannel("A")))
    out.putalpha(Image.fromarray(alpha, "L"))
    return out
