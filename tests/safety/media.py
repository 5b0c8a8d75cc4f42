"""Procedural media for the safety tests: scenes, noise, gradients, shapes, tones, clips."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np


def scene(rng: np.random.Generator, w: int = 512, h: int = 512) -> np.ndarray:
    """An RGB picture: gradients, a texture, discs and sensor noise."""
    y, x = np.mgrid[0:h, 0:w].astype(np.float64)
    img = np.stack([x / w * 200 + 30, y / h * 180 + 40,
                    128 + 60 * np.sin(x / rng.uniform(20, 50)) * np.cos(y / rng.uniform(15, 40))], -1)
    for _ in range(12):
        cx, cy, r = rng.integers(0, w), rng.integers(0, h), rng.integers(10, 80)
        img[(x - cx) ** 2 + (y - cy) ** 2 < r * r] = rng.integers(0, 255, 3)
    img += rng.normal(0, 6, img.shape)
    return np.clip(img, 0, 255).astype(np.uint8)


def foreign_image(rng: np.random.Generator, n: int) -> np.ndarray:
    """One of several families of unmarked pictures (n picks the family)."""
    w, h = int(rng.integers(80, 240)), int(rng.integers(80, 240))
    y, x = np.mgrid[0:h, 0:w].astype(np.float64)
    family = n % 5
    if family == 0:
        img = rng.integers(0, 256, (h, w, 3)).astype(np.float64)                    # white noise
    elif family == 1:
        img = np.stack([x / w * 255, y / h * 255, (x + y) / (w + h) * 255], -1)     # gradient
    elif family == 2:
        img = np.full((h, w, 3), rng.integers(0, 256, 3), np.float64)               # flat + shapes
        for _ in range(6):
            x0, y0 = rng.integers(0, w), rng.integers(0, h)
            img[y0:y0 + rng.integers(10, 90), x0:x0 + rng.integers(10, 90)] = rng.integers(0, 256, 3)
    elif family == 3:
        img = 127 + 127 * np.sin(np.stack([x / 7.0, y / 11.0, (x - y) / 5.0], -1))  # stripes
    else:
        return scene(rng, w, h)
    return np.clip(img, 0, 255).astype(np.uint8)


def write_video(path: Path, frames: list[np.ndarray], fps: int = 24, audio: np.ndarray | None = None,
                sr: int = 44100) -> Path:
    import av

    h, w = frames[0].shape[:2]
    with av.open(str(path), "w") as c:
        v = c.add_stream("libx264", rate=fps)
        v.width, v.height, v.pix_fmt = w, h, "yuv420p"
        a = None
        if audio is not None:
            a = c.add_stream("aac", rate=sr)
            a.layout = "mono"
        for f in frames:
            c.mux(v.encode(av.VideoFrame.from_ndarray(f, format="rgb24")))
        c.mux(v.encode(None))
        if a is not None:
            fr = av.AudioFrame.from_ndarray(audio.astype(np.float32)[None, :], format="fltp", layout="mono")
            fr.sample_rate, fr.pts = sr, 0
            c.mux(a.encode(fr))
            c.mux(a.encode(None))
    return path


def moving_frames(rng: np.random.Generator, count: int = 24, w: int = 320, h: int = 240) -> list[np.ndarray]:
    base = scene(rng, w + count * 4, h)
    return [np.ascontiguousarray(base[:, i * 4:i * 4 + w]) for i in range(count)]


def music(rng: np.random.Generator, seconds: float = 6.0, sr: int = 44100) -> np.ndarray:
    """Plucked notes with harmonics and a little noise."""
    t = np.arange(int(seconds * sr)) / sr
    x = np.zeros_like(t)
    for k in range(int(seconds * 4)):
        f = rng.choice([220, 262, 330, 392, 440, 523, 659])
        s = int(k * sr / 4)
        e = min(t.size, s + int(sr * 0.4))
        env = np.exp(-np.arange(e - s) / sr * 5)
        x[s:e] += env * (0.3 * np.sin(2 * np.pi * f * t[:e - s]) + 0.1 * np.sin(4 * np.pi * f * t[:e - s]))
    return x + 0.02 * rng.normal(size=t.size)


def foreign_audio(rng: np.random.Generator, n: int, sr: int = 44100) -> np.ndarray:
    seconds = float(rng.uniform(2.0, 5.0))
    t = np.arange(int(seconds * sr)) / sr
    family = n % 4
    if family == 0:
        return 0.3 * np.sin(2 * np.pi * rng.uniform(100, 2000) * t)                        # tone
    if family == 1:
        return 0.1 * rng.normal(size=t.size)                                                # noise
    if family == 2:
        f = rng.uniform(100, 400) * (1 + t)                                                 # chirp
        return 0.3 * np.sin(2 * np.pi * np.cumsum(f) / sr)
    return music(rng, seconds, sr) * 0.8


def mp3_roundtrip(x: np.ndarray, sr: int, bitrate: int = 128_000) -> np.ndarray:
    """Encode to MP3 with PyAV (libmp3lame) and decode back."""
    import av

    buf = io.BytesIO()
    with av.open(buf, "w", format="mp3") as c:
        s = c.add_stream("libmp3lame", rate=sr)
        s.bit_rate, s.layout = bitrate, "mono"
        fr = av.AudioFrame.from_ndarray(x.astype(np.float32)[None, :], format="fltp", layout="mono")
        fr.sample_rate, fr.pts = sr, 0
        for p in s.encode(fr):
            c.mux(p)
        for p in s.encode(None):
            c.mux(p)
    buf.seek(0)
    with av.open(buf) as c:
        return np.concatenate([f.to_ndarray()[0] for f in c.decode(audio=0)])
