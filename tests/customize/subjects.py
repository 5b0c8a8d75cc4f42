"""Synthetic photos for image.customize tests: a textured subject (so its own pattern can be
recognised in the result) on a plain or noisy background, and a photo-like face."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
from PIL import Image


def subject_photo(path: Path, seed: int = 0, colour=(150, 100, 50), background=(235, 235, 230),
                  size=(320, 240)) -> Path:
    """A dog-like blob (body and head) with a random texture, on a plain background."""
    w, h = size
    rng = np.random.default_rng(seed)
    a = np.full((h, w, 3), background, np.uint8)
    m = np.zeros((h, w), np.uint8)
    cv2.ellipse(m, (w // 2, h // 2 + 10), (w * 9 // 32, h * 11 // 48), 0, 0, 360, 1, -1)
    cv2.circle(m, (w // 2 + w * 17 // 64, h // 2 - h * 7 // 48), h * 7 // 48, 1, -1)
    texture = rng.random((h // 8, w // 8, 1)) * 120 - 60
    texture = cv2.resize(texture, (w, h), interpolation=cv2.INTER_NEAREST)[..., None]
    body = np.clip(np.array(colour)[None, None, :] + texture, 0, 255)
    a[m > 0] = body[m > 0].astype(np.uint8)
    a = np.clip(a + rng.normal(0, 2, a.shape), 0, 255).astype(np.uint8)
    Image.fromarray(a).save(path)
    return path


def blank_photo(path: Path, colour=(200, 205, 210), size=(160, 120)) -> Path:
    Image.fromarray(np.full((size[1], size[0], 3), colour, np.uint8)).save(path)
    return path


def face_photo(path: Path, size: int = 240) -> Path:
    """A photo-like frontal face on a wall (the caption tests' face, which OpenCV's cascades find)."""
    from faces import face_picture  # tests/faces.py (on the path under pytest)

    a = face_picture(size, size, [(size // 2, size // 2, round(size * 0.6))])
    Image.fromarray(a).save(path)
    return path


def crop_correlation(result: Image.Image, box, source: Image.Image, source_box, mask=None) -> float:
    """Pearson correlation of the grey pixels of result[box] and source[source_box] resized to it."""
    x0, y0, x1, y1 = box
    got = np.asarray(result.convert("L").crop((x0, y0, x1, y1)), np.float64)
    want = np.asarray(source.convert("L").crop(tuple(source_box)).resize((x1 - x0, y1 - y0), Image.Resampling.BOX),
                      np.float64)
    keep = np.ones(got.shape, bool) if mask is None else mask
    return float(np.corrcoef(got[keep], want[keep])[0, 1])
