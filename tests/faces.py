"""Photo-like synthetic faces that OpenCV's bundled Haar cascades find: the caption tests count
them, the customization tests use one as a person's photo."""

from __future__ import annotations

import cv2
import numpy as np

WALL = (190, 200, 205)


def draw_face(a: np.ndarray, cx: int, cy: int, size: int) -> None:
    """A simple high-contrast frontal face: skin oval, dark brows, eyes and mouth, a nose shadow."""
    s = size / 100
    cv2.ellipse(a, (cx, cy), (int(38 * s), int(50 * s)), 0, 0, 360, (225, 180, 150), -1)
    for dx in (-15, 15):
        cv2.ellipse(a, (int(cx + dx * s), int(cy - 22 * s)), (int(10 * s), int(3 * s)), 0, 0, 360, (70, 50, 40), -1)
        cv2.ellipse(a, (int(cx + dx * s), int(cy - 12 * s)), (int(8 * s), int(5 * s)), 0, 0, 360, (40, 30, 30), -1)
    cv2.ellipse(a, (cx, int(cy + 8 * s)), (int(6 * s), int(4 * s)), 0, 0, 360, (160, 110, 90), -1)
    cv2.ellipse(a, (cx, int(cy + 25 * s)), (int(14 * s), int(4 * s)), 0, 0, 360, (120, 40, 40), -1)


def face_picture(width: int, height: int, faces: list[tuple[int, int, int]], seed: int = 0) -> np.ndarray:
    """Faces (centre x, centre y, size) on a wall, softened and with a little sensor noise."""
    a = np.full((height, width, 3), WALL, np.uint8)
    for cx, cy, size in faces:
        draw_face(a, cx, cy, size)
    a = cv2.GaussianBlur(a, (0, 0), max(1.0, min(size for _, _, size in faces) / 40)) if faces else a
    noise = np.random.default_rng(seed).normal(0, 4, a.shape)
    return np.clip(a + noise, 0, 255).astype(np.uint8)
