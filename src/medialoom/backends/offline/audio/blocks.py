"""Building blocks of procedural sound: filters, coloured noise, slow control signals, grains
scattered in time, envelopes and oscillators. Pure numpy/scipy, no state."""

from __future__ import annotations

import numpy as np

def band(x: np.ndarray, sr: int, low: float | None = None, high: float | None = None, order: int = 2) -> np.ndarray:
    """Butterworth low-, high- or band-pass."""
    from scipy.signal import butter, sosfilt

    nyq = sr / 2
    if low and high:
        sos = butter(order, [low / nyq, min(high / nyq, 0.99)], btype="band", output="sos")
    elif low:
        sos = butter(order, low / nyq, btype="high", output="sos")
    elif high:
        sos = butter(order, min(high / nyq, 0.99), btype="low", output="sos")
    else:
        return x
    return sosfilt(sos, x)


def pink(rng: np.random.Generator, n: int) -> np.ndarray:
    spectrum = np.fft.rfft(rng.standard_normal(n))
    spectrum /= np.sqrt(np.maximum(np.arange(len(spectrum)), 1))
    out = np.fft.irfft(spectrum, n)
    return out / (np.std(out) + 1e-12)


def brown(rng: np.random.Generator, n: int) -> np.ndarray:
    from scipy.ndimage import uniform_filter1d

    out = np.cumsum(rng.standard_normal(n))
    out = out - uniform_filter1d(out, 4001, mode="nearest")  # remove the drift
    return out / (np.std(out) + 1e-12)


def smooth_noise(rng: np.random.Generator, n: int, sr: int, rate_hz: float) -> np.ndarray:
    """A slow random control signal in [0, 1], changing about `rate_hz` times a second."""
    points = max(4, int(n / sr * rate_hz) + 4)
    knots = rng.random(points)
    curve = np.interp(np.linspace(0, points - 3, n), np.arange(points), knots)
    from scipy.ndimage import uniform_filter1d

    k = max(1, int(sr / rate_hz / 2))
    return uniform_filter1d(uniform_filter1d(curve, k, mode="nearest"), k, mode="nearest")


def scatter(out: np.ndarray, grain: np.ndarray, at: int, gain: float) -> None:
    end = min(len(out), at + len(grain))
    if end > at >= 0:
        out[at:end] += gain * grain[: end - at]


def poisson_times(rng: np.random.Generator, n: int, sr: int, per_second: float) -> np.ndarray:
    count = rng.poisson(max(per_second * n / sr, 0.0))
    return np.sort(rng.integers(0, max(n, 1), count))


def decay(n: int, sr: int, seconds: float) -> np.ndarray:
    return np.exp(-np.arange(n) / (seconds * sr))


def tone(freq: float | np.ndarray, n: int, sr: int) -> np.ndarray:
    phase = 2 * np.pi * np.cumsum(np.broadcast_to(freq, (n,))) / sr
    return np.sin(phase)


def unit(x: np.ndarray) -> np.ndarray:
    return x / (np.sqrt(np.mean(x ** 2)) + 1e-12)


def bell_tone(freq: float, seconds: float, sr: int) -> np.ndarray:
    n = int(seconds * sr)
    partials = ((1.0, 1.0), (2.0, 0.5), (2.76, 0.35), (5.4, 0.2), (8.9, 0.1))
    attack = np.clip(np.arange(n) / (0.004 * sr), 0, 1)  # a 4 ms strike, not a click
    return attack * sum(a * tone(freq * r, n, sr) * decay(n, sr, seconds / (2 + r)) for r, a in partials)
