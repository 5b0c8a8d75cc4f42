"""More procedural sounds people ask for: animals (dog, cat, owl, frogs), signals (car horn,
siren, church bell), a heartbeat, keyboard typing, wind chimes and a passing train.

Same contract as the generators in design.py: (rng, frames, rate) -> mono float samples at
least `frames` long; the first event comes early so that even a second of sound has one.
"""

from __future__ import annotations

import numpy as np

from .blocks import band, brown, decay, pink, scatter, smooth_noise, tone, unit


def _attack(length: int, sr: int, seconds: float) -> np.ndarray:
    return np.clip(np.arange(length) / max(1.0, seconds * sr), 0, 1)


def _harmonics(f0: np.ndarray, length: int, sr: int, count: int, tilt: float) -> np.ndarray:
    return sum(tone(f0 * k, length, sr) / k ** tilt for k in range(1, count + 1) if np.max(f0) * k < sr / 2)


def _bark(rng: np.random.Generator, sr: int) -> np.ndarray:
    length = int(sr * rng.uniform(0.12, 0.22))
    t = np.linspace(0, 1, length)
    f0 = rng.uniform(380, 620) * (1 + 0.3 * np.sin(np.pi * np.sqrt(t)) - 0.2 * t)  # leaps up, sags
    voiced = _harmonics(f0, length, sr, 10, 0.8)
    rough = unit(band(rng.standard_normal(length), sr, 500, 3500))
    env = _attack(length, sr, 0.008) * decay(length, sr, length / sr / 2.5)
    return band(unit(voiced) + 0.35 * rough, sr, 250, 5000) * env


def dog(rng: np.random.Generator, n: int, sr: int) -> np.ndarray:
    """Barks in groups of one to three, a second or two apart."""
    out = np.zeros(n)
    at = rng.uniform(0.05, 0.3)
    while at < n / sr:
        for k in range(int(rng.integers(1, 4))):
            scatter(out, _bark(rng, sr), int(at * sr), rng.uniform(0.7, 1.0))
            at += rng.uniform(0.25, 0.4)
        at += rng.uniform(0.7, 1.8)
    return out


def _meow(rng: np.random.Generator, sr: int) -> np.ndarray:
    length = int(sr * rng.uniform(0.55, 0.9))
    t = np.linspace(0, 1, length)
    f0 = rng.uniform(430, 560) * (0.85 + 0.4 * np.sin(np.pi * t ** 0.7))  # rises, then falls: mi-a-ow
    formant = 600 + 1500 * np.sin(np.pi * t)  # the mouth opens and closes
    voiced = sum(np.exp(-((k * f0 - formant) / 500) ** 2) * tone(k * f0, length, sr) for k in range(1, 10))
    return (voiced + 0.4 * tone(f0, length, sr)) * np.sin(np.pi * t) ** 0.6


def cat(rng: np.random.Generator, n: int, sr: int) -> np.ndarray:
    out = np.zeros(n)
    for at in np.arange(rng.uniform(0.05, 0.25), n / sr, rng.uniform(1.6, 2.4)):
        scatter(out, _meow(rng, sr), int((at + rng.uniform(0, 0.3)) * sr), rng.uniform(0.7, 1.0))
    return out


def car_horn(rng: np.random.Generator, n: int, sr: int) -> np.ndarray:
    """Two square-ish tones a major third apart (about 420 and 525 Hz), in short honks."""
    out = np.zeros(n)
    low = rng.uniform(400, 440)
    at = rng.uniform(0.05, 0.2)
    while at < n / sr:
        for _ in range(int(rng.integers(1, 3))):
            length = int(sr * rng.uniform(0.25, 0.7))
            pair = np.tanh(3 * tone(low, length, sr)) + np.tanh(3 * tone(low * 1.25, length, sr))
            env = _attack(length, sr, 0.01) * _attack(length, sr, 0.03)[::-1]
            scatter(out, band(pair, sr, 300, 3500) * env, int(at * sr), 1.0)
            at += length / sr + rng.uniform(0.1, 0.2)
        at += rng.uniform(1.0, 2.5)
    return out


def siren(rng: np.random.Generator, n: int, sr: int) -> np.ndarray:
    """A wail: the pitch sweeps smoothly between about 650 and 1400 Hz every 3-4 seconds."""
    t = np.arange(n) / sr
    sweep = 0.5 - 0.5 * np.cos(2 * np.pi * (t / rng.uniform(3.0, 4.0) + rng.uniform(0, 0.5)))
    f0 = 650 + 750 * sweep
    wave = tone(f0, n, sr) + 0.4 * tone(2 * f0, n, sr) + 0.2 * tone(3 * f0, n, sr)
    return wave * (0.85 + 0.15 * smooth_noise(rng, n, sr, 0.5))


def church_bell(rng: np.random.Generator, n: int, sr: int) -> np.ndarray:
    """A big bell tolled every 2-3 seconds: hum, prime, minor third, fifth and nominal partials."""
    out = np.zeros(n)
    freq = rng.uniform(200, 300)
    partials = ((0.5, 0.5), (1.0, 1.0), (1.19, 0.6), (1.5, 0.35), (2.0, 0.5), (2.52, 0.2), (3.01, 0.15))
    length = int(sr * 5)
    strike = band(rng.standard_normal(length), sr, 1000, 6000) * decay(length, sr, 0.01)
    ring = sum(a * tone(freq * r, length, sr) * decay(length, sr, 4.0 / (1 + r)) for r, a in partials)
    toll = _attack(length, sr, 0.003) * ring + 0.2 * strike
    for at in np.arange(rng.uniform(0.05, 0.2), n / sr, rng.uniform(2.2, 2.8)):
        scatter(out, toll, int(at * sr), 1.0)
    return out


def heartbeat(rng: np.random.Generator, n: int, sr: int) -> np.ndarray:
    """Lub-dub: two low thumps 0.25-0.3 s apart, about 60-75 beats a minute."""
    out = np.zeros(n)
    period, gap = 60 / rng.uniform(60, 75), rng.uniform(0.25, 0.3)
    length = int(sr * 0.15)
    for at in np.arange(rng.uniform(0.05, 0.2), n / sr, period):
        for delay, freq, gain in ((0.0, 55.0, 1.0), (gap, 70.0, 0.7)):
            thump = tone(freq * (1 - 0.3 * np.linspace(0, 1, length)), length, sr)
            env = _attack(length, sr, 0.01) * decay(length, sr, 0.035)
            scatter(out, thump * env, int((at + delay) * sr), gain)
    return out + 0.02 * band(brown(rng, n), sr, 20, 200)


def typing(rng: np.random.Generator, n: int, sr: int) -> np.ndarray:
    """Key clicks, 6-10 a second in word-long runs, a deeper space bar between words."""
    out = np.zeros(n)
    length = int(sr * 0.03)
    at = rng.uniform(0.02, 0.1)
    while at < n / sr:
        for _ in range(int(rng.integers(3, 8))):
            click = band(rng.standard_normal(length), sr, rng.uniform(1500, 2500), 7000) * decay(length, sr, 0.006)
            thock = band(rng.standard_normal(length), sr, 150, 600) * decay(length, sr, 0.015)
            scatter(out, click + 0.5 * thock, int(at * sr), rng.uniform(0.5, 1.0))
            at += rng.uniform(0.09, 0.16)
        space = band(rng.standard_normal(length), sr, 200, 2000) * decay(length, sr, 0.01)
        scatter(out, space, int(at * sr), 0.8)
        at += rng.uniform(0.15, 0.5)
    return out


def wind_chimes(rng: np.random.Generator, n: int, sr: int) -> np.ndarray:
    """Metal tubes tuned to a pentatonic chord, struck in gusts, ringing for seconds."""
    out = np.zeros(n)
    notes = 880 * 2 ** (np.array([0, 2, 4, 7, 9, 12]) / 12) * rng.uniform(0.95, 1.05)
    length = int(sr * 2.5)
    gusts = 0.2 + 0.8 * smooth_noise(rng, n, sr, 0.3)
    at = rng.uniform(0.02, 0.1)
    while at < n / sr:
        f = rng.choice(notes)
        ring = sum(a * tone(f * r, length, sr) * decay(length, sr, 1.2 / r) for r, a in ((1, 1), (2.76, 0.4), (5.4, 0.15)))
        scatter(out, ring * _attack(length, sr, 0.002), int(at * sr), rng.uniform(0.3, 1.0))
        at += rng.exponential(0.35) / gusts[min(int(at * sr), n - 1)] + 0.04
    return out


def _hoot(sr: int, freq: float, seconds: float) -> np.ndarray:
    length = int(sr * seconds)
    t = np.linspace(0, 1, length)
    f0 = freq * (1.03 - 0.08 * t)  # a slight fall
    return (tone(f0, length, sr) + 0.1 * tone(2 * f0, length, sr)) * np.sin(np.pi * t) ** 1.5


def owl(rng: np.random.Generator, n: int, sr: int) -> np.ndarray:
    """Hoo ... hoo-hoo-hoo, around 300-400 Hz, every four seconds or so."""
    out = np.zeros(n)
    freq = rng.uniform(300, 400)
    for at in np.arange(rng.uniform(0.05, 0.2), n / sr, rng.uniform(3.5, 4.5)):
        scatter(out, _hoot(sr, freq, 0.55), int(at * sr), 1.0)
        for k in range(3):
            scatter(out, _hoot(sr, freq * 0.97, 0.3), int((at + 0.9 + 0.4 * k) * sr), 0.8)
    return out + 0.01 * band(pink(rng, n), sr, 100, 1500)


def _croak(rng: np.random.Generator, sr: int, pitch: float) -> np.ndarray:
    length = int(sr * rng.uniform(0.25, 0.45))
    t = np.arange(length) / sr
    pulses = np.clip(np.sin(2 * np.pi * rng.uniform(18, 28) * t), 0, None) ** 2  # the rattle of a croak
    body = _harmonics(np.full(length, pitch), length, sr, 8, 1.0)
    return band(body, sr, 150, 2500) * pulses * np.clip(np.sin(np.pi * t / t[-1]), 0, None) ** 0.5


def frogs(rng: np.random.Generator, n: int, sr: int) -> np.ndarray:
    """A few frogs croaking on their own rhythms."""
    out = np.zeros(n)
    for _ in range(3):
        pitch = rng.uniform(180, 400)
        for at in np.arange(rng.uniform(0.0, 0.6), n / sr, rng.uniform(0.7, 1.3)):
            scatter(out, _croak(rng, sr, pitch), int(at * sr), rng.uniform(0.5, 1.0))
    return out


def train(rng: np.random.Generator, n: int, sr: int) -> np.ndarray:
    """A train passing: rumble and clickety-clack swell to the middle and fade away."""
    t = np.arange(n) / sr
    width = max(n / sr / 5, 0.3)
    passing = np.exp(-0.5 * ((t - n / sr / 2) / width) ** 2) + 0.05
    rumble = unit(band(brown(rng, n), sr, 25, 300)) + 0.4 * unit(band(pink(rng, n), sr, 300, 3000))
    clacks = np.zeros(n)
    length = int(sr * 0.05)
    for at in np.arange(rng.uniform(0, 0.2), n / sr, rng.uniform(0.55, 0.7)):  # wheels over a rail joint
        for delay in (0.0, 0.12):
            hit = band(rng.standard_normal(length), sr, 300, 4000) * decay(length, sr, 0.008)
            scatter(clacks, hit, int((at + delay) * sr), 1.0)
    return (rumble + 2.5 * clacks / (np.abs(clacks).max() + 1e-12)) * passing  # clacks peak over the rumble
