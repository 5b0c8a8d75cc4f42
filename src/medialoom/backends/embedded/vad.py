"""Speech segments from Silero VAD (the ONNX model inside the silero-vad wheel, run by
onnxruntime): cut the silences and pauses of a recording, or trim it to the voice."""

from __future__ import annotations

from functools import cache
from typing import Any

import numpy as np

from ...errors import InputError
from ..offline.audio.io import Audio, fade, resample

RATE = 16000
PAD = 0.08        # seconds kept around each stretch of speech, so words are not clipped
JOIN_FADE = 0.01  # seconds of fade at each cut, so joins do not click


@cache
def _model() -> Any:
    from silero_vad import load_silero_vad

    return load_silero_vad(onnx=True)


def speech_segments(audio: Audio) -> list[tuple[float, float]]:
    """(start, end) seconds of every stretch of speech, in order."""
    import torch
    from silero_vad import get_speech_timestamps

    mono = resample(audio.mono()[:, None], audio.sr, RATE)[:, 0] if audio.sr != RATE else audio.mono()
    found = get_speech_timestamps(torch.from_numpy(np.ascontiguousarray(mono, dtype=np.float32)), _model(),
                                  sampling_rate=RATE, return_seconds=True)
    return [(float(s["start"]), float(s["end"])) for s in found]


def cut_silence(audio: Audio, keep_pauses: bool = False) -> tuple[Audio, dict[str, Any]]:
    """Keep only the speech: every pause removed, or (keep_pauses) only the silence before the
    first word and after the last. Raises InputError when there is no speech at all."""
    segments = speech_segments(audio)
    if not segments:
        raise InputError(f"no speech found in the {audio.seconds:.1f}s recording, so there is nothing "
                         "to keep; cut silences from a recording of a voice")
    if keep_pauses:
        segments = [(segments[0][0], segments[-1][1])]
    pieces = []
    for start, end in segments:
        a = max(0, int((start - PAD) * audio.sr))
        b = min(audio.samples.shape[0], int((end + PAD) * audio.sr))
        pieces.append(fade(audio.samples[a:b], audio.sr, JOIN_FADE, JOIN_FADE))
    kept = np.concatenate(pieces).astype(np.float32)
    meta = {"speech_segments": [[round(s, 3), round(e, 3)] for s, e in segments],
            "removed_seconds": round(audio.seconds - kept.shape[0] / audio.sr, 3),
            "vad": "Silero VAD (silero-vad, MIT)"}
    return Audio(kept, audio.sr), meta

