"""Checking a sound file: duration (within 5 % when asked), loudness, silence and clipping;
speech: the words heard (Whisper when present) or a duration that fits the words; music:
tempo when asked. Every number is measured on the decoded samples."""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any

import numpy as np

from .asked import Asked
from .report import Report

DURATION_TOLERANCE = 0.05
SILENT_DB = -50.0          # a 50 ms window quieter than this (dBFS RMS) is silent
CLIP_LEVEL = 0.999
SPEECH_RATE = (1.0, 5.0)   # plausible words per second when spoken
MAX_SILENT_SHARE = 0.5


def check_audio(path: Path, asked: Asked, role: str, words: str | None, config: Any = None) -> Report:
    from ..backends.offline.audio.io import integrated_loudness, load

    audio = load(path)
    mono = audio.mono()
    report = Report("audio")
    seconds = report.measure("duration_s", audio.seconds)
    peak = float(np.abs(audio.samples).max())
    report.measure("peak_dbfs", 20 * math.log10(peak) if peak > 0 else -120.0)
    lufs = integrated_loudness(audio.samples, audio.sr)
    if math.isfinite(lufs):
        report.measure("loudness_lufs", lufs)
    silent = report.measure("silent_share", _silent_share(mono, audio.sr))
    clipped = report.measure("clipped_share", float((np.abs(audio.samples) >= CLIP_LEVEL).mean()))
    report.expect(silent < 0.98, "sound", "something audible", "silence", {"op": "reseed"})
    if silent < 0.98:   # ambiences may pause; speech and music should not be mostly silent
        report.expect(silent <= MAX_SILENT_SHARE or role == "sound", "silence",
                      f"at most {MAX_SILENT_SHARE:.0%} silent", f"{silent:.0%} silent", {"op": "reseed"})
    report.expect(clipped < 0.001, "clipping", "under 0.1 % of samples at full scale", f"{clipped:.2%}")
    if asked.duration:
        off = abs(seconds - asked.duration) / asked.duration
        report.expect(off <= DURATION_TOLERANCE, "duration", f"{asked.duration:g} s (within 5 %)", f"{seconds:.2f} s")
    if role == "speech" and words:
        _speech(report, path, words, seconds, config)
    if role == "music" and asked.tempo:
        _tempo(report, mono, audio.sr, asked.tempo)
    if asked.key:
        report.not_checked.append(f"key {asked.key}: no key estimate here")
    return report


def _silent_share(mono: np.ndarray, sr: int) -> float:
    hop = max(1, int(0.05 * sr))
    n = len(mono) // hop
    if n == 0:
        return 1.0
    frames = mono[: n * hop].reshape(n, hop).astype(np.float64)
    rms = np.sqrt((frames ** 2).mean(axis=1))
    return float((20 * np.log10(np.maximum(rms, 1e-9)) < SILENT_DB).mean())


def _speech(report: Report, path: Path, words: str, seconds: float, config: Any) -> None:
    from .neural import word_error

    if word_error(report, path, words, config):
        return
    n = len(re.findall(r"\w+", words))
    if n == 0:
        return
    rate = report.measure("words_per_s", n / max(seconds, 1e-6))
    lo, hi = SPEECH_RATE
    report.expect(lo <= rate <= hi, "speech length", f"{n} words at {lo:g}-{hi:g} words/s "
                  f"({n / hi:.1f}-{n / lo:.1f} s)", f"{seconds:.2f} s")


def _tempo(report: Report, mono: np.ndarray, sr: int, tempo: float) -> None:
    import librosa

    found = float(np.atleast_1d(librosa.beat.beat_track(y=mono.astype(np.float32), sr=sr)[0])[0])
    report.measure("tempo_bpm", found)
    near = min(abs(found - tempo), abs(found * 2 - tempo), abs(found / 2 - tempo)) / tempo   # octave errors
    report.expect(near <= 0.08, "tempo", f"{tempo:g} bpm", f"{found:.0f} bpm", {"op": "reseed"})
