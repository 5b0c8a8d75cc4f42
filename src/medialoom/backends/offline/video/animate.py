"""video.animate: a still image brought to life by a camera move (zoom in or out, pan left,
right, up or down, Ken Burns), drawn with sub-pixel warps so the motion is smooth."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np

from medialoom.artifacts import Artifact
from medialoom.context import Output, ToolContext
from medialoom.errors import InputError

from . import io
from .motion import CAMERA_WORDS, Camera, apply_camera, camera_for
from .timeline import seconds

FPS = 24
DEFAULT_SECONDS = 4.0
MAX_SECONDS = 60.0
MAX_SIDE = 1920


def animate(ctx: ToolContext, image: Artifact, motion: str | None = None, duration: Any = None) -> Output:
    # 1. the move and the length
    camera = camera_for(motion) if motion else camera_for("slow zoom in")
    if camera is None:
        raise InputError(f"motion {motion!r} is not understood offline; use one of: "
                         f"{', '.join(CAMERA_WORDS)} (optionally 'slow' or 'fast')")
    length = seconds(duration, "duration") if duration is not None else DEFAULT_SECONDS
    if not 0.2 <= length <= MAX_SECONDS:
        raise InputError(f"duration {length:g}s is out of range; use 0.2 to {MAX_SECONDS:g} seconds")
    # 2. the picture at an even size the encoder takes
    picture = load_rgb(image)
    size = output_size(picture.shape[1], picture.shape[0])
    picture = shrink(picture, (int(size[0] * 1.5), int(size[1] * 1.5)))
    # 3. frames: the camera's window at each instant
    count = max(1, round(length * FPS))
    path = ctx.out("animated", ".mp4")
    written = io.write_video(path, camera_frames(picture, camera, count, size), FPS, size)
    return Output(path, meta={"motion": camera.name, "fps": FPS, "frames": written,
                              "duration": written / FPS, "size": list(size)})


def camera_frames(picture: np.ndarray, camera: Camera, count: int,
                  size: tuple[int, int]) -> Iterator[np.ndarray]:
    for k in range(count):
        yield apply_camera(picture, camera, k / max(1, count - 1), size)


def load_rgb(image: Artifact) -> np.ndarray:
    """An image artifact as RGB uint8: upright (EXIF), 8 bits, transparency flattened onto
    white; the image engine's reader, so every tool treats odd images the same way."""
    from medialoom.backends.offline.image.io import flatten, open_image

    return np.asarray(flatten(open_image(image.path)))


def output_size(width: int, height: int, max_side: int = MAX_SIDE) -> tuple[int, int]:
    """The picture's size, scaled down to fit max_side, made even."""
    scale = min(1.0, max_side / max(width, height))
    return io.even_size(round(width * scale), round(height * scale))


def shrink(picture: np.ndarray, limit: tuple[int, int]) -> np.ndarray:
    """Scale down (area filter) when larger than `limit`, so warps do not alias."""
    import cv2

    h, w = picture.shape[:2]
    scale = min(limit[0] / w, limit[1] / h)
    if scale >= 1:
        return picture
    return cv2.resize(picture, (max(1, round(w * scale)), max(1, round(h * scale))),
                      interpolation=cv2.INTER_AREA)
