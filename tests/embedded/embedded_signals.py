"""Real signals for the embedded-model tests: espeak-ng speech, white noise, a FluidSynth piano."""

from __future__ import annotations

import subprocess
from pathlib import Path

import numpy as np
import soundfile as sf

MELODY = [60, 64, 67, 65, 62, 69, 71, 72]   # C E G F D A B C, 0.4 s apart


def speech(tmp: Path, text: str = "The quick brown fox jumps over the lazy dog, and then it runs "
           "across the field until the evening comes.") -> tuple[np.ndarray, int]:
    path = tmp / "speech-src.wav"
    subprocess.run(["espeak-ng", "-w", str(path), text], check=True, capture_output=True)
    x, sr = sf.read(path, dtype="float32")
    return (0.5 * x / np.abs(x).max()).astype(np.float32), sr


def write(path: Path, samples: np.ndarray, sr: int) -> Path:
    sf.write(path, samples, sr, subtype="FLOAT")
    return path


def snr_db(clean: np.ndarray, estimate: np.ndarray) -> float:
    return float(10 * np.log10(np.sum(clean ** 2) / np.sum((clean - estimate) ** 2)))


def piano_melody(tmp: Path) -> Path:
    import pretty_midi

    from medialoom.backends.offline.audio.synth import find_soundfont, render

    score = pretty_midi.PrettyMIDI()
    piano = pretty_midi.Instrument(0)
    piano.notes += [pretty_midi.Note(90, p, i * 0.4, i * 0.4 + 0.35) for i, p in enumerate(MELODY)]
    score.instruments.append(piano)
    score.write(str(tmp / "melody.mid"))
    audio = render(tmp / "melody.mid", find_soundfont(None), tmp / "melody.wav", 3.6)
    return write(tmp / "melody.wav", audio.samples, audio.sr)
