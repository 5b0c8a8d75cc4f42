"""Sound and stills in and out of clips: video.add_audio (replace or mix, volume, audio trimmed
or padded to the picture), video.extract_audio (WAV) and video.extract_frame (PNG at a time)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from medialoom.artifacts import Artifact
from medialoom.context import Output, ToolContext
from medialoom.errors import InputError

from . import io
from .timeline import seconds

MODES = ("replace", "mix")


def add_audio(ctx: ToolContext, video: Artifact, audio: Artifact, mode: str | None = None,
              volume: float | None = None) -> Output:
    mode = (mode or "replace").strip().lower()
    if mode not in MODES:
        raise InputError(f"mode {mode!r} is not known; use replace or mix")
    gain = 1.0 if volume is None else float(volume)
    if not 0.0 <= gain <= 10.0:
        raise InputError(f"volume {gain:g} is out of range; use 0 to 10 (1 = unchanged)")
    info = io.probe(video.path)
    added = load_audio(audio.path) * gain
    picture = info.frame_count / info.fps
    ducked = False
    if mode == "mix" and info.has_audio:
        original = io.read_audio(info.path)
        if original is not None:  # the video's own sound goes down while the new audio plays
            from ..audio.tracks import duck_gain

            new = io.fit_audio(added, picture)
            track = io.fit_audio(original, picture) * duck_gain(new.T, io.AUDIO_RATE)[None, :] + new
            ducked = True
        else:
            track = added
    else:
        track = added
    track, limited = _limit(io.fit_audio(track, picture))
    path = ctx.out("dubbed", ".mp4")
    size = io.even_size(info.width, info.height)
    frames = (f[:size[1], :size[0]] for f in io.iter_frames(info.path, info.fps, rotation=info.rotation))
    count = io.write_video(path, frames, info.fps, size, track)
    return Output(path, meta={"mode": mode, "volume": gain, "frames": count, "fps": info.fps,
                              "duration": count / info.fps, "audio_seconds": added.shape[1] / io.AUDIO_RATE,
                              "audio_fitted": "trimmed" if added.shape[1] / io.AUDIO_RATE > picture
                              else "padded", "peak_limited": limited,
                              "mixed_with_original": mode == "mix" and info.has_audio, "ducked": ducked})


def extract_audio(ctx: ToolContext, video: Artifact) -> Output:
    import soundfile

    info = io.probe(video.path)
    sound = io.read_audio(info.path) if info.has_audio else None
    if sound is None or sound.shape[1] == 0:
        raise InputError(f"{video.path.name} has no audio track; nothing to extract")
    path = ctx.out("audio", ".wav")
    soundfile.write(str(path), np.clip(sound.T, -1.0, 1.0), io.AUDIO_RATE, subtype="PCM_16")
    return Output(path, meta={"sample_rate": io.AUDIO_RATE, "channels": 2,
                              "duration": sound.shape[1] / io.AUDIO_RATE})


def extract_frame(ctx: ToolContext, video: Artifact, time: Any = None) -> Output:
    """The frame shown at `time` (default: the middle of the clip)."""
    from PIL import Image

    info = io.probe(video.path)
    at = seconds(time, "time") if time is not None else info.duration / 2
    if at > info.duration + io.EPS:
        raise InputError(f"time {at:g}s is past the end of the clip ({info.duration:.2f}s long); "
                         "choose an earlier time")
    at = min(at, max(0.0, info.duration - 0.5 / info.fps))
    frame = next(io.iter_frames(info.path, info.fps, at, at + 1.0 / info.fps, info.rotation), None)
    if frame is None:
        raise InputError(f"{video.path.name} has no frame at {at:g}s")
    path = ctx.out("frame", ".png")
    Image.fromarray(frame).save(path)
    return Output(path, meta={"time": at, "width": frame.shape[1], "height": frame.shape[0]})


def load_audio(path: Path) -> np.ndarray:
    """Any audio file (WAV, FLAC, OGG, MP3, M4A, or a video's track) as float32 (2, n) at 48 kHz."""
    import av

    try:
        sound = io.read_audio(Path(path))
    except InputError:
        raise
    except (av.FFmpegError, OSError, ValueError) as exc:
        raise InputError(f"{Path(path).name} is not readable audio ({exc.__class__.__name__}); "
                         "it may be corrupt: use WAV, FLAC, OGG, MP3 or M4A") from exc
    if sound is None or sound.shape[1] == 0:
        raise InputError(f"{Path(path).name} has no audio (zero length); give a recording with sound")
    return sound


def _limit(track: np.ndarray) -> tuple[np.ndarray, bool]:
    """Scale down when the peak would clip; say whether it did."""
    peak = float(np.abs(track).max()) if track.size else 0.0
    if peak <= 1.0:
        return track.astype(np.float32), False
    return (track * (0.99 / peak)).astype(np.float32), True
