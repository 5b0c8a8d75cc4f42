"""Tiny clips made with PyAV directly (not through the code under test): frame k is grey at
level 10 + 20 k, so a frame's brightness tells which source frame it shows."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest


def level(k: int) -> int:
    return 10 + 20 * k


def frame_index(frame: np.ndarray) -> int:
    """Which source frame this is, read from the bottom half (away from the red corner)."""
    return int(round((float(frame[frame.shape[0] // 2:].mean()) - 10) / 20))


def write_clip(path: Path, frames: int = 10, fps: int = 10, size: tuple[int, int] = (64, 48),
               tone: float | None = None, rotation: int = 0, times: list[float] | None = None,
               still: int | None = None, delay: float = 0.0) -> Path:
    """A clip of grey frames (frame k at level(k)); `tone` Hz adds a sine track as long as the
    picture; `times` gives each frame's time in seconds (variable frame rate); `still` makes
    every frame the same grey at that level; `delay` starts the sound that late."""
    import av

    w, h = size
    with av.open(str(path), "w", format="mp4") as out:
        stream = out.add_stream("libx264", rate=fps)
        stream.width, stream.height, stream.pix_fmt = w, h, "yuv420p"
        stream.options = {"preset": "ultrafast"}
        if rotation:
            stream.set_display_rotation(rotation)
        if times is not None:
            stream.codec_context.time_base = Fraction(1, 1000)
        sound = out.add_stream("aac", rate=48000, layout="stereo") if tone else None
        for k in range(frames):
            array = np.full((h, w, 3), level(k) if still is None else still, np.uint8)
            array[: h // 4, : w // 4] = (255, 0, 0)        # a red corner marks the top left
            frame = av.VideoFrame.from_ndarray(array, format="rgb24")
            if times is not None:
                frame.pts, frame.time_base = int(times[k] * 1000), Fraction(1, 1000)
            else:
                frame.pts, frame.time_base = k, Fraction(1, fps)
            out.mux(stream.encode(frame))
        out.mux(stream.encode(None))
        if sound is not None:
            n = int(48000 * (frames / fps - delay))
            t = np.arange(n) / 48000
            data = np.stack([0.4 * np.sin(2 * np.pi * tone * t)] * 2).astype(np.float32)
            for first in range(0, n, 4800):
                chunk = av.AudioFrame.from_ndarray(np.ascontiguousarray(data[:, first:first + 4800]),
                                                   format="fltp", layout="stereo")
                chunk.sample_rate, chunk.time_base = 48000, Fraction(1, 48000)
                chunk.pts = first + int(delay * 48000)
                out.mux(sound.encode(chunk))
            out.mux(sound.encode(None))
    return path


def write_tone(path: Path, seconds: float, freq: float, rate: int = 22050, amp: float = 0.3) -> Path:
    import soundfile

    t = np.arange(int(rate * seconds)) / rate
    soundfile.write(str(path), amp * np.sin(2 * np.pi * freq * t), rate)
    return path


def dominant(samples: np.ndarray, rate: int = 48000) -> set[int]:
    """Frequencies (Hz, rounded to 10) holding strong spectral peaks of a mono signal."""
    spectrum = np.abs(np.fft.rfft(samples * np.hanning(len(samples))))
    freqs = np.fft.rfftfreq(len(samples), 1 / rate)
    strong = spectrum > 0.3 * spectrum.max()
    return {int(round(f / 10) * 10) for f in freqs[strong]}


@pytest.fixture
def clip(tmp_path):
    counter = iter(range(1000))

    def make(**kw) -> Path:
        return write_clip(tmp_path / f"clip{next(counter)}.mp4", **kw)

    return make


@pytest.fixture
def video_art(artifact):
    def make(path: Path):
        return artifact(path, "video")

    return make
