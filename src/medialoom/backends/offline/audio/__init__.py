"""Offline audio backends: espeak-ng speech, a seeded composer rendered through FluidSynth,
procedural sound design, pedalboard effects by instruction, noisereduce denoising, mixing,
joining, cutting and pictures of sound. Transcription needs a model: the neural backend.

Generated audio (speech, music, sound, mixes) is loudness-normalised to about -16 LUFS;
edits keep the input's loudness unless they change level on purpose; nothing ever clips.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Sequence

import numpy as np

from ....context import Output, ToolContext
from ....errors import BackendUnavailable, InputError
from . import io

MAX_GENERATED_SECONDS = 600.0


def _seconds(value: Any, default: float, what: str = "duration") -> float:
    seconds = default if value is None else io.time_arg(value, what)
    if not 0 < seconds <= MAX_GENERATED_SECONDS:
        raise InputError(f"{what} {seconds:g}s is out of range; use more than 0 and at most "
                         f"{MAX_GENERATED_SECONDS:g} seconds")
    return seconds


def speech(ctx: ToolContext, text: str, voice: str | None = None, language: str | None = None,
           speed: float | None = None) -> Output:
    from .espeak import synthesize

    audio, meta = synthesize(text, voice, language, speed, ctx.workdir / "speech")
    return io.write_output(ctx, audio, {**meta, "engine": "espeak-ng"})


def music(ctx: ToolContext, prompt: str, duration: Any = None, tempo: float | None = None,
          key: str | None = None, seed: int | None = None, melody: Any = None) -> dict[str, Output]:
    from .compose import compose
    from .synth import find_soundfont, fluidsynth, render
    from .styles import parse_style

    soundfont = find_soundfont(ctx.config.soundfont)
    fluidsynth()
    style = parse_style(prompt, tempo, key)
    if melody is not None:
        return _arrange(ctx, style, melody, key is not None, soundfont)
    seconds = _seconds(duration, 20.0)
    ctx.progress(0.1, f"composing {style.genre} in {style.key_name} at {style.tempo:.0f} bpm")
    score = compose(style, seconds, ctx.seed if seed is None else seed)
    midi_path = ctx.out("music", ".mid")
    score.write(str(midi_path))
    ctx.progress(0.4, "rendering through FluidSynth")
    audio = render(midi_path, soundfont, ctx.out("render", ".wav"), seconds)
    meta = {"genre": style.genre, "key": style.key_name, "tempo": round(style.tempo, 2),
            "mood": style.feel, "programs": {"lead": style.lead, "comp": style.comp, "bass": style.bass,
                                             "pad": style.pad},
            "drums": style.drums, "soundfont": str(soundfont), "composer": "medialoom rules"}
    main = io.write_output(ctx, audio, meta)
    ctx.out("render", ".wav").unlink(missing_ok=True)
    return {"main": main, "midi": Output(midi_path, kind="midi", meta=meta)}


def _arrange(ctx: ToolContext, style: Any, melody: Any, key_given: bool, soundfont: Path) -> dict[str, Output]:
    """audio.music over a given melody: its notes (Basic Pitch), then chords and bass under it."""
    from .arrange import arrange
    from .synth import render

    from ...embedded.pitch import transcribe_notes
    ctx.progress(0.1, "finding the melody's notes (Basic Pitch)")
    notes_score, found = transcribe_notes(melody, io.source_path(melody).name)
    score, meta = arrange(style, notes_score.instruments[0].notes, key_given)
    midi_path = ctx.out("music", ".mid")
    score.write(str(midi_path))
    ctx.progress(0.5, f"arranging in {meta['key']}, rendering through FluidSynth")
    seconds = score.get_end_time() + 0.5
    audio = render(midi_path, soundfont, ctx.out("render", ".wav"), seconds)
    meta = {**meta, "melody_pitches": found["pitches"], "soundfont": str(soundfont)}
    main = io.write_output(ctx, audio, meta)
    ctx.out("render", ".wav").unlink(missing_ok=True)
    return {"main": main, "midi": Output(midi_path, kind="midi", meta=meta)}


def sound(ctx: ToolContext, prompt: str, duration: Any = None, seed: int | None = None) -> Output:
    from .design import RATE, parse, render

    seconds = _seconds(duration, 10.0)
    request = parse(prompt)  # names nothing it can make: InputError naming what it can
    samples = render(request.layers, seconds, ctx.seed if seed is None else seed)
    meta: dict[str, Any] = {"layers": [{"sound": l.name, "gain": l.gain, "distant": l.distant}
                                       for l in request.layers]}
    if request.unknown:  # made what it could; the answer says what was left out
        meta["unknown_sounds"] = request.unknown
    return io.write_output(ctx, io.Audio(samples[:, None], RATE), meta)


def edit(ctx: ToolContext, audio: Any, instruction: str) -> Output:
    from .effects import LEVEL_EFFECTS, apply_chain, parse_instruction

    effects = parse_instruction(instruction)
    source = io.load(audio)
    processed = apply_chain(source.samples, source.sr, effects)
    if not any(e.name in LEVEL_EFFECTS for e in effects):
        processed = _match_loudness(processed, source.samples, source.sr)
    return io.write_output(ctx, io.Audio(processed, source.sr), {"chain": [e.describe() for e in effects]},
                  loudness=False)


def _match_loudness(processed: np.ndarray, reference: np.ndarray, sr: int) -> np.ndarray:
    """Give an effect's output the loudness of its input (reverb should not make it louder)."""
    if min(len(processed), len(reference)) < int(0.41 * sr):
        return processed
    before = io.integrated_loudness(reference, sr)
    after = io.integrated_loudness(processed, sr)
    if not (np.isfinite(before) and np.isfinite(after)):
        return processed
    return processed * np.float32(10 ** ((before - after) / 20))


def denoise(ctx: ToolContext, audio: Any) -> Output:
    from .tracks import denoise as run

    cleaned, meta = run(audio)
    return io.write_output(ctx, cleaned, meta, loudness=False)


def mix(ctx: ToolContext, audios: Sequence[Any], gains: Sequence[float] | None = None,
        offsets: Sequence[float] | None = None) -> Output:
    from .tracks import mix as run

    mixed, meta = run(audios, gains, [io.time_arg(o, "offset") for o in offsets] if offsets else None)
    return io.write_output(ctx, mixed, meta)


def concat(ctx: ToolContext, audios: Sequence[Any], crossfade: float | None = None) -> Output:
    from .tracks import concat as run

    joined, meta = run(audios, crossfade)
    return io.write_output(ctx, joined, meta, loudness=False)


def trim(ctx: ToolContext, audio: Any, start: Any = None, end: Any = None,
         silence: str | None = None) -> Output:
    from .tracks import trim as run

    if silence is not None:
        raise BackendUnavailable("cutting silences needs the Silero VAD model, which the offline backend "
                                 "does not have: pip install 'medialoom[embedded]'")

    cut, meta = run(audio, None if start is None else io.time_arg(start, "start"),
                    None if end is None else io.time_arg(end, "end"))
    return io.write_output(ctx, cut, meta, loudness=False)


def visualize(ctx: ToolContext, audio: Any, kind: str | None = None) -> Output:
    from .pictures import spectrogram, waveform

    chosen = kind or "waveform"
    if chosen not in ("waveform", "spectrogram"):
        raise InputError(f"kind must be waveform or spectrogram, not {kind!r}")
    source = io.load(audio)
    meta = getattr(audio, "meta", {}) or {}
    name = Path(str(meta["source"])).name if meta.get("source") else meta.get("tool") or io.source_path(audio).name
    words = next((str(v) for k, v in (meta.get("args") or {}).items()
                  if k in ("prompt", "text", "instruction") and isinstance(v, str)), "")
    if words and not meta.get("source"):  # a made sound is named by what it was asked to be
        name = f"{name} '{words if len(words) <= 60 else words[:57] + '...'}'"
    title = f"{chosen}: {name}  ({source.seconds:.2f} s, {source.sr} Hz, {source.channels} ch)"
    draw = spectrogram if chosen == "spectrogram" else waveform
    path = draw(source, title, ctx.out("image", ".png"))
    return Output(path, meta={"kind": chosen, "title": title, "duration": round(source.seconds, 4),
                              "sample_rate": source.sr})
