"""Embedded models against the classical way, on the same real signals in the same run.

  1. audio.denoise: RNNoise (embedded) against noisereduce / moving-floor gating (offline) on
     espeak-ng speech with white noise: SNR after, and seconds of work;
  2. speech segments: Silero VAD against an energy threshold (-25 dB under the loudest, 30 ms
     frames) on speech with known pauses: boundary error against the truth, and seconds;
  3. audio.to_midi: Basic Pitch against pYIN (librosa's classical pitch tracker, notes by
     rounding and merging) on a FluidSynth piano melody: notes right of 8, and seconds.

Usage: .venv/bin/python bench/embedded.py [--seconds 14]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import soundfile as sf

from medialoom.backends.offline.audio.io import Audio

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "embedded"))
from embedded_signals import MELODY, piano_melody, snr_db, speech as espeak  # noqa: E402 - the tests' signals

TEXT = ("The lighthouse keeper climbed the stairs every evening. He lit the lamp and watched the "
        "ships pass in the dark. Nobody knew his name, but every sailor knew his light. ")


def speech(tmp: Path, seconds: float) -> tuple[np.ndarray, int]:
    x, sr = espeak(tmp, TEXT * 3)
    x = x[: int(seconds * sr)]
    return 0.5 * x / np.abs(x).max(), sr


def timed(fn):
    start = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - start


def bench_denoise(tmp: Path, seconds: float) -> None:
    from medialoom.backends.embedded.rnnoise import denoise as rnnoise
    from medialoom.backends.offline.audio.tracks import denoise as classical

    clean, sr = speech(tmp, seconds)
    noisy = clean + 0.05 * np.random.default_rng(0).standard_normal(clean.size).astype(np.float32)
    path = tmp / "noisy.wav"
    sf.write(path, noisy, sr)
    rnnoise(Audio(noisy[:sr, None], sr))  # load the library once
    (ours, _), t_ours = timed(lambda: rnnoise(Audio(noisy[:, None], sr)))
    (peer, _), t_peer = timed(lambda: classical(path))
    print(f"denoise, {clean.size / sr:.1f} s of speech at SNR {snr_db(clean, noisy):.1f} dB:")
    print(f"  RNNoise (embedded)  SNR {snr_db(clean, ours.samples[:, 0]):5.1f} dB in {t_ours:5.2f} s")
    print(f"  classical (offline) SNR {snr_db(clean, peer.samples[:, 0]):5.1f} dB in {t_peer:5.2f} s"
          f"   -> RNNoise {t_peer / t_ours:.1f}x faster")


def energy_segments(mono: np.ndarray, sr: int, gap: float = 0.3) -> list[tuple[float, float]]:
    hop = int(0.03 * sr)
    frames = mono[: len(mono) // hop * hop].reshape(-1, hop)
    db = 20 * np.log10(np.sqrt((frames ** 2).mean(axis=1)) + 1e-9)
    voiced = db > db.max() - 25
    segments: list[list[float]] = []
    for i in np.flatnonzero(voiced):
        t = i * hop / sr
        if segments and t - segments[-1][1] <= gap:
            segments[-1][1] = t + hop / sr
        else:
            segments.append([t, t + hop / sr])
    return [(a, b) for a, b in segments]


def boundary_error(found: list[tuple[float, float]], truth: list[tuple[float, float]]) -> float:
    """Mean distance (s) from each true start/end to the nearest found one."""
    edges = np.array([e for seg in found for e in seg]) if found else np.array([1e9])
    return float(np.mean([np.abs(edges - t).min() for seg in truth for t in seg]))


def bench_vad(tmp: Path) -> None:
    from medialoom.backends.embedded.vad import speech_segments

    voice, sr = speech(tmp, 4.0)
    room = 0.01 * np.random.default_rng(3).standard_normal(2 * sr).astype(np.float32)  # a quiet room
    signal = np.concatenate([room[: sr // 2], voice, room, voice, room[: sr]])
    truth = [(0.5, 0.5 + voice.size / sr), (2.5 + voice.size / sr, 2.5 + 2 * voice.size / sr)]
    speech_segments(Audio(signal[:sr, None], sr))  # load the model once
    ours, t_ours = timed(lambda: speech_segments(Audio(signal[:, None], sr)))
    peer, t_peer = timed(lambda: energy_segments(signal, sr))
    print(f"speech segments, {signal.size / sr:.1f} s with two 2 s pauses in room noise:")
    print(f"  Silero VAD (embedded) boundary error {boundary_error(ours, truth):.3f} s in {t_ours:.3f} s")
    print(f"  energy threshold      boundary error {boundary_error(peer, truth):.3f} s in {t_peer:.3f} s")


def pyin_notes(path: Path) -> list[int]:
    import librosa

    y, sr = librosa.load(str(path), sr=22050)
    f0, voiced, _ = librosa.pyin(y, fmin=80, fmax=1000, sr=sr)
    midi = np.where(voiced, np.round(librosa.hz_to_midi(np.nan_to_num(f0, nan=1.0))), -1).astype(int)
    notes, last, run = [], -1, 0
    for m in midi:
        run = run + 1 if m == last else 1
        last = m
        if m > 0 and run == 5 and (not notes or notes[-1] != m):   # held for 5 frames (58 ms)
            notes.append(int(m))
    return notes


def bench_pitch(tmp: Path) -> None:
    from medialoom.backends.embedded.pitch import transcribe_notes

    melody = piano_melody(tmp)
    transcribe_notes(melody, melody.name)  # load the model once
    (_, meta), t_ours = timed(lambda: transcribe_notes(melody, melody.name))
    peer, t_peer = timed(lambda: pyin_notes(melody))

    def right(found: list[int]) -> int:
        return sum(a == b for a, b in zip(found, MELODY))

    print("audio.to_midi, a 3.2 s FluidSynth piano melody of 8 notes:")
    print(f"  Basic Pitch (embedded) {right(meta['pitches'])}/8 notes ({len(meta['pitches'])} found) in {t_ours:.2f} s")
    print(f"  pYIN (classical)       {right(peer)}/8 notes ({len(peer)} found) in {t_peer:.2f} s")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=14.0, help="seconds of noisy speech")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        bench_denoise(Path(tmp), args.seconds)
        bench_vad(Path(tmp))
        bench_pitch(Path(tmp))


if __name__ == "__main__":
    main()
