"""Embedded backends: small real models that ship inside ordinary PyPI wheels and run on a CPU
with nothing downloaded. They sit between the offline (classical) and the neural (hub model)
families: `auto` takes them before the offline backend, and so does the default `offline`
choice where they beat the classical result (RNNoise does).

| tool          | package (licence)          | model and weights (licence)                       |
|---------------|----------------------------|---------------------------------------------------|
| audio.denoise | pyrnnoise (Apache-2.0)     | RNNoise, weights compiled into librnnoise (BSD-3-Clause) |
| audio.trim    | silero-vad (MIT)           | Silero VAD, ONNX in the wheel (MIT)               |
| audio.mix     | silero-vad (MIT)           | the same: music ducks where words are found       |
| audio.to_midi | basic-pitch (Apache-2.0)   | Spotify's ICASSP 2022 note model, ONNX (Apache-2.0) |

Install them with `pip install 'medialoom[embedded]'` and then `pip install --no-deps basic-pitch`
(its default dependencies pull TensorFlow; `scripts/setup.sh` does both).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ...context import Output, ToolContext
from ...errors import InputError
from ..offline.audio import io


def denoise(ctx: ToolContext, audio: Any) -> Output:
    from .rnnoise import denoise as run

    cleaned, meta = run(io.load(audio))
    return io.write_output(ctx, cleaned, meta, loudness=False)


def trim(ctx: ToolContext, audio: Any, start: Any = None, end: Any = None,
         silence: str | None = None) -> Output:
    from ..offline.audio.tracks import trim as cut

    if silence not in (None, "remove", "ends"):
        raise InputError(f"silence must be 'remove' or 'ends', not {silence!r}")
    clip, meta = cut(audio, None if start is None else io.time_arg(start, "start"),
                     None if end is None else io.time_arg(end, "end"))
    if silence:
        from .vad import cut_silence

        ctx.progress(0.2, "finding speech (Silero VAD)")
        clip, found = cut_silence(clip, keep_pauses=silence == "ends")
        meta = {**meta, **found}
    return io.write_output(ctx, clip, meta, loudness=False)


def mix(ctx: ToolContext, audios: Sequence[Any], gains: Sequence[float] | None = None,
        offsets: Sequence[Any] | None = None) -> Output:
    from ..offline.audio.tracks import mix as run
    from .vad import speech_segments

    ctx.progress(0.1, "finding speech (Silero VAD)")
    mixed, meta = run(audios, gains, [io.time_arg(o, "offset") for o in offsets] if offsets else None,
                      speech_segments=speech_segments)
    return io.write_output(ctx, mixed, {**meta, "vad": "Silero VAD (silero-vad, MIT)"}, loudness=True)


def to_midi(ctx: ToolContext, audio: Any) -> dict[str, Output]:
    from .pitch import transcribe_notes

    path = io.source_path(audio)
    ctx.progress(0.1, "finding notes (Basic Pitch)")
    score, meta = transcribe_notes(audio, path.name)
    midi_path = ctx.out("notes", ".mid")
    score.write(str(midi_path))
    return {"main": Output(midi_path, meta=meta)}


