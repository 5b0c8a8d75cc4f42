"""Signal measurements and test inputs made with numpy/soundfile directly (not through the code
under test): fundamentals, band energies, spectral flatness, loudness, quiet stretches."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import soundfile as sf


def tone(freq: float, seconds: float, sr: int = 44100, level: float = 0.5) -> np.ndarray:
    t = np.arange(int(seconds * sr)) / sr
    return (level * np.sin(2 * np.pi * freq * t)).astype(np.float32)


def write(path: Path, samples: np.ndarray, sr: int = 44100, **kw) -> Path:
    sf.write(str(path), samples, sr, **kw)
    return path


def read(path: Path) -> tuple[np.ndarray, int]:
    data, sr = sf.read(str(path), dtype="float32", always_2d=True)
    return data, sr


def mono(path: Path) -> tuple[np.ndarray, int]:
    data, sr = read(path)
    return data.mean(axis=1), sr


def fundamental(x: np.ndarray, sr: int) -> float:
    """Peak of a zero-padded, windowed spectrum with parabolic interpolation."""
    x = x - x.mean()
    n = 1 << 20
    spec = np.abs(np.fft.rfft(x * np.hanning(len(x)), n))
    k = int(np.argmax(spec[1:])) + 1
    a, b, c = np.log(spec[k - 1: k + 2] + 1e-12)
    k = k + 0.5 * (a - c) / (a - 2 * b + c)
    return k * sr / n


def band_db(x: np.ndarray, sr: int, low: float, high: float) -> float:
    spec = np.abs(np.fft.rfft(x)) ** 2
    freqs = np.fft.rfftfreq(len(x), 1 / sr)
    return 10 * np.log10(spec[(freqs >= low) & (freqs < high)].sum() + 1e-20)


def tone_to_noise_db(x: np.ndarray, sr: int, freq: float) -> float:
    spec = np.abs(np.fft.rfft(x * np.hanning(len(x)))) ** 2
    freqs = np.fft.rfftfreq(len(x), 1 / sr)
    near = np.abs(freqs - freq) < 8
    return 10 * np.log10(spec[near].sum() / (spec[~near].sum() + 1e-20))


def flatness(x: np.ndarray, nper: int = 2048) -> float:
    """Median spectral flatness of frames (1 = white noise, near 0 = tonal)."""
    frames = x[: len(x) // nper * nper].reshape(-1, nper) * np.hanning(nper)
    power = np.abs(np.fft.rfft(frames, axis=1)) ** 2 + 1e-12
    flat = np.exp(np.mean(np.log(power), axis=1)) / np.mean(power, axis=1)
    loud = np.sqrt(np.mean(frames ** 2, axis=1)) > 1e-3
    return float(np.median(flat[loud]))


def quietest_second_db(x: np.ndarray, sr: int) -> float:
    """RMS (dBFS) of the quietest one-second window, in steps of 0.1 s."""
    step = sr // 10
    levels = [np.sqrt(np.mean(x[i: i + sr] ** 2)) for i in range(0, len(x) - sr + 1, step)]
    return float(20 * np.log10(min(levels) + 1e-12))


def rms_db(x: np.ndarray) -> float:
    return float(20 * np.log10(np.sqrt(np.mean(np.square(x, dtype=np.float64))) + 1e-12))


def loudness(path: Path) -> float:
    import pyloudnorm

    data, sr = read(path)
    return float(pyloudnorm.Meter(sr).integrated_loudness(data.astype(np.float64)))


def centroid(x: np.ndarray, sr: int) -> float:
    spec = np.abs(np.fft.rfft(x))
    freqs = np.fft.rfftfreq(len(x), 1 / sr)
    return float((spec * freqs).sum() / (spec.sum() + 1e-12))


def as_artifact(path: Path, tool: str | None = None):
    """An Artifact for a file, with the producing tool in its meta (as the executor records)."""
    from medialoom.artifacts import Artifact, mime_for

    digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()
    return Artifact("audio", Path(path), digest, mime_for(path), {"tool": tool} if tool else {})


def envelope(x: np.ndarray, sr: int, hop: float = 0.01) -> np.ndarray:
    """RMS in frames of `hop` seconds."""
    h = int(sr * hop)
    m = len(x) // h
    return np.sqrt(np.mean(np.square(x[: m * h].reshape(m, h), dtype=np.float64), axis=1))


def bursts(x: np.ndarray, sr: int, rel: float = 0.25, hop: float = 0.01) -> list[tuple[float, float]]:
    """(start, length) in seconds of the stretches louder than `rel` times the loudest frame."""
    e = envelope(x, sr, hop)
    on = (e > rel * e.max()).astype(int)
    edges = np.flatnonzero(np.diff(np.r_[0, on, 0]))
    return [(a * hop, (b - a) * hop) for a, b in zip(edges[::2], edges[1::2])]


def pitch(frame: np.ndarray, sr: int, low: float, high: float) -> float:
    """Fundamental of a short frame by autocorrelation, searched between `low` and `high` Hz."""
    frame = np.asarray(frame, dtype=np.float64) - np.mean(frame)
    ac = np.correlate(frame, frame, "full")[len(frame) - 1:]
    a, b = int(sr / high), int(sr / low)
    return sr / (a + int(np.argmax(ac[a:b])))
