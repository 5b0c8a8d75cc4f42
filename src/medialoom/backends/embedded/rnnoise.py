"""RNNoise (Xiph's recurrent denoiser, weights compiled into pyrnnoise's librnnoise) on every
channel at 48 kHz, in 10 ms frames, through the library's C entry point."""

from __future__ import annotations

import ctypes
from typing import Any

import numpy as np

from ...errors import InputError
from ..offline.audio.io import Audio, resample

RATE = 48000
DELAY_FRAMES = 2          # RNNoise's output lags its input by two frames (20 ms), measured
SCALE = 32768.0           # it works on 16-bit sample values held in floats


def denoise(audio: Audio) -> tuple[Audio, dict[str, Any]]:
    """Denoised audio at the input's rate and channel count, and what was done."""
    from pyrnnoise.rnnoise import FRAME_SIZE, create, destroy, lib

    if audio.seconds < 0.05:
        raise InputError(f"the audio is {audio.seconds:.3f}s long, too short to denoise; give at least "
                         "a twentieth of a second")
    samples = resample(audio.samples, audio.sr, RATE) if audio.sr != RATE else audio.samples
    n = samples.shape[0]
    lag = DELAY_FRAMES * FRAME_SIZE
    padded = np.zeros((-(-(n + lag) // FRAME_SIZE) * FRAME_SIZE, samples.shape[1]), np.float32)
    padded[:n] = samples
    out = np.empty_like(padded)
    speech = []
    for ch in range(padded.shape[1]):
        state = create()
        try:
            column = np.ascontiguousarray(padded[:, ch]) * SCALE
            for i in range(0, len(column), FRAME_SIZE):
                frame = column[i:i + FRAME_SIZE]        # a view: processed in place
                ptr = frame.ctypes.data_as(ctypes.POINTER(ctypes.c_float))
                speech.append(lib.rnnoise_process_frame(state, ptr, ptr))
            out[:, ch] = column / SCALE
        finally:
            destroy(state)
    cleaned = out[lag:lag + n]
    if audio.sr != RATE:
        cleaned = resample(cleaned, RATE, audio.sr)[:audio.samples.shape[0]]
    meta = {"method": "RNNoise (pyrnnoise)", "model": "rnnoise", "licence": "Apache-2.0 / BSD-3-Clause",
            "voice_fraction": round(float(np.mean(np.asarray(speech) > 0.5)), 3)}
    return Audio(np.clip(cleaned, -1.0, 1.0).astype(np.float32), audio.sr), meta
