"""Audio to MIDI notes with Spotify's Basic Pitch (the ONNX model inside the basic-pitch wheel,
run by onnxruntime; no TensorFlow): a hummed, sung or played melody becomes a MIDI file."""

from __future__ import annotations

import contextlib
import io as textio
import logging
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from ...errors import BackendUnavailable, InputError
from ..offline.audio import io

RATE = 22050                 # Basic Pitch's own rate
MAX_SECONDS = 10 * 60
SILENT = 10 ** (-60 / 20)    # peak below -60 dBFS: nothing to hear
MIN_AMPLITUDE = 0.4          # weaker notes are overtones or noise (white noise peaks near 0.35)
VIDEO_SUFFIXES = {".mp4", ".mov", ".mkv", ".webm", ".avi", ".m4v", ".mpg", ".mpeg", ".gif"}


@cache
def _package() -> tuple[Any, Any]:
    """(predict, model): the ONNX model, whatever other runtimes are installed."""
    logging.disable(logging.WARNING)  # the package warns at import about every runtime it lacks
    try:
        from basic_pitch import FilenameSuffix, build_icassp_2022_model_path
        from basic_pitch.inference import Model, predict
    except ModuleNotFoundError as exc:
        raise BackendUnavailable(f"finding notes needs Basic Pitch ({exc.name} is missing): pip install "
                                 "'medialoom[embedded]', then pip install --no-deps basic-pitch") from exc
    finally:
        logging.disable(logging.NOTSET)
    return predict, Model(build_icassp_2022_model_path(FilenameSuffix.onnx))


def transcribe_notes(audio: Any, name: str) -> tuple[Any, dict[str, Any]]:
    """(pretty_midi.PrettyMIDI, meta) of the notes heard. InputError for a video, silence, a
    recording over ten minutes or one with no pitched sound."""
    if getattr(audio, "kind", None) == "video" or io.source_path(audio).suffix.lower() in VIDEO_SUFFIXES:
        raise InputError(f"{name} is a video; audio.to_midi takes a recording of a melody "
                         "(take its sound first with video.extract_audio)")
    decoded = io.load(audio)
    if decoded.seconds > MAX_SECONDS:
        raise InputError(f"{name} is {decoded.seconds / 60:.0f} minutes long; audio.to_midi takes at most "
                         f"{MAX_SECONDS // 60} minutes of melody, trim it first")
    if float(np.abs(decoded.samples).max()) < SILENT:
        raise InputError(f"{name} is silent; give a recording of a melody (humming, singing or an instrument)")
    predict, model = _package()
    with tempfile.TemporaryDirectory() as tmp:
        wav = Path(tmp) / "melody.wav"
        io.save(wav, io.resample(decoded.mono()[:, None], decoded.sr, RATE), RATE, loudness=False)
        with contextlib.redirect_stdout(textio.StringIO()):  # it prints 'Predicting MIDI for ...'
            _, _, events = predict(wav, model)
    events = [e for e in events if float(e[3]) >= MIN_AMPLITUDE]
    if not events:
        raise InputError(f"no notes found in {name}: it has no pitched sound; give a recording of a melody "
                         "(humming, singing or an instrument)")
    events = sorted(events, key=lambda e: (e[0], e[2]))
    pitches = [int(e[2]) for e in events]
    score = _score(events)
    meta = {"notes": len(pitches), "pitches": pitches, "lowest": min(pitches), "highest": max(pitches),
            "model": "basic-pitch icassp_2022 (ONNX)", "licence": "Apache-2.0"}
    return score, meta


def _score(events: list[Any]) -> Any:
    """A one-piano MIDI score of (start, end, pitch, amplitude, bends) events."""
    import pretty_midi

    score = pretty_midi.PrettyMIDI(initial_tempo=120)
    piano = pretty_midi.Instrument(program=0, name="melody")
    piano.notes = [pretty_midi.Note(velocity=int(np.clip(round(float(a) * 127), 1, 127)), pitch=int(p),
                                    start=float(s), end=float(e)) for s, e, p, a, *_ in events]
    score.instruments.append(piano)
    return score
