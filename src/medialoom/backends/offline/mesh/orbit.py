"""A turntable: the camera orbits the model once, encoded as H.264 (yuv420p) MP4 with PyAV."""

from __future__ import annotations

import math
from fractions import Fraction
from pathlib import Path
from typing import Callable

import numpy as np

from ....errors import InputError
from .rendering import Stage

MIN_SECONDS, MAX_SECONDS = 0.5, 60.0
ELEVATION = 0.5  # camera height over horizontal distance


def check_duration(seconds: float) -> float:
    if not MIN_SECONDS <= seconds <= MAX_SECONDS:
        raise InputError(f"a turntable lasts {MIN_SECONDS:g} to {MAX_SECONDS:g} seconds, not {seconds:g}; "
                         "pick a duration in that range")
    return seconds


def orbit(i: int, frames: int) -> tuple[float, float, float]:
    """Direction from the object to the camera for frame i of one full turn, starting at the
    three-quarter view."""
    a = math.radians(40) + 2 * math.pi * i / frames
    return (math.sin(a), ELEVATION, math.cos(a))


def record(st: Stage, path: Path, frames: int, fps: int,
           progress: Callable[[float, str], None] | None = None) -> None:
    """Render every frame of the orbit and encode it."""
    import av

    with av.open(str(path), mode="w") as container:
        stream = container.add_stream("libx264", rate=Fraction(fps))
        first = st.shoot(orbit(0, frames))
        stream.height, stream.width = first.shape[0], first.shape[1]
        stream.pix_fmt = "yuv420p"
        stream.options = {"crf": "20", "preset": "veryfast"}
        for i in range(frames):
            image = first if i == 0 else st.shoot(orbit(i, frames))
            for packet in stream.encode(av.VideoFrame.from_ndarray(np.ascontiguousarray(image), format="rgb24")):
                container.mux(packet)
            if progress is not None and i % max(1, frames // 10) == 0:
                progress(i / frames, f"frame {i + 1}/{frames}")
        for packet in stream.encode():
            container.mux(packet)
