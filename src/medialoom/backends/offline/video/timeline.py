"""Cutting and joining clips: video.trim, video.speed (audio follows, pitch kept) and
video.concat (sizes and frame rates reconciled, letterboxed into one canvas)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np

from medialoom.artifacts import Artifact
from medialoom.context import Output, ToolContext
from medialoom.errors import InputError
from medialoom.tools import parse_time

from . import io

MIN_SPEED, MAX_SPEED = 0.05, 20.0


def seconds(value: Any, name: str) -> float:
    """A time argument in seconds; one clear line when it is not a time."""
    try:
        result = parse_time(value)
    except ValueError as exc:
        raise InputError(f"{name}: {exc}") from exc
    if result < 0:
        raise InputError(f"{name} must not be negative (got {value!r})")
    return result


def trim(ctx: ToolContext, video: Artifact, start: Any = None, end: Any = None) -> Output:
    info = io.probe(video.path)
    first = seconds(start, "start") if start is not None else 0.0
    last = seconds(end, "end") if end is not None else info.duration
    if first >= info.duration:
        raise InputError(f"start {first:g}s is past the end of the {info.duration:.2f}s clip; "
                         "choose an earlier start")
    if last <= first:
        raise InputError(f"end {last:g}s must be after start {first:g}s")
    clamped = last > info.duration + io.EPS
    last = min(last, info.duration)
    frames = io.iter_frames(info.path, info.fps, first, last, info.rotation)
    sound = io.read_audio(info.path, first, last) if info.has_audio else None
    path = ctx.out("trimmed", ".mp4")
    count = _write(path, frames, info, sound)
    return Output(path,
                  meta={"start": first, "end": last, "end_clamped": clamped, "frames": count,
                        "fps": info.fps, "duration": count / info.fps})


def speed(ctx: ToolContext, video: Artifact, factor: float) -> Output:
    factor = float(factor)
    if not MIN_SPEED <= factor <= MAX_SPEED:
        raise InputError(f"speed factor {factor:g} is out of range; use {MIN_SPEED} to {MAX_SPEED:g} "
                         "(2 = twice as fast, 0.5 = half speed)")
    info = io.probe(video.path)
    if info.duration / factor > io.MAX_VIDEO_SECONDS:
        raise InputError(f"at {factor:g}x the clip would last {info.duration / factor / 60:.0f} minutes, "
                         "over the 10 minute limit; use a larger factor or trim first")
    frames = io.iter_frames(info.path, info.fps / factor, rotation=info.rotation)
    sound = io.read_audio(info.path) if info.has_audio else None
    if sound is not None:
        sound = stretch_audio(sound, factor)
    path = ctx.out("speed", ".mp4")
    count = _write(path, frames, info, sound)
    return Output(path,
                  meta={"factor": factor, "frames": count, "fps": info.fps, "duration": count / info.fps,
                        "source_duration": info.duration, "audio": sound is not None})


def concat(ctx: ToolContext, videos: Sequence[Artifact]) -> Output:
    if not videos:
        raise InputError("concat needs at least one video")
    infos = [io.probe(v.path) for v in videos]
    if sum(i.duration for i in infos) > io.MAX_VIDEO_SECONDS:
        raise InputError(f"the joined clip would last {sum(i.duration for i in infos) / 60:.1f} minutes, "
                         "over the 10 minute limit; trim the clips first")
    biggest = max(infos, key=lambda i: i.width * i.height)
    size = io.even_size(biggest.width, biggest.height)
    fps = max(i.fps for i in infos)
    with_audio = any(i.has_audio for i in infos)
    tracks: list[np.ndarray] = []
    counts: list[int] = []

    def frames() -> Iterator[np.ndarray]:
        for info in infos:
            n = 0
            for frame in io.iter_frames(info.path, fps, 0.0, info.duration, info.rotation):
                n += 1
                yield io.fit_frame(frame, size)
            counts.append(n)

    def audio(_: int) -> np.ndarray:
        # called after the pictures, when each clip's frame count is known
        for info, n in zip(infos, counts):
            sound = io.read_audio(info.path) if info.has_audio else None
            tracks.append(io.fit_audio(sound if sound is not None else np.zeros((2, 0), np.float32), n / fps))
        return np.concatenate(tracks, axis=1)

    path = ctx.out("joined", ".mp4")
    total = io.write_video(path, frames(), fps, size, audio if with_audio else None)
    return Output(path, meta={"clips": len(infos), "frames": total, "fps": fps, "size": list(size),
                              "duration": total / fps, "clip_frames": counts, "audio": with_audio})


def _write(path: Path, frames: Iterator[np.ndarray], info: io.VideoInfo, sound: np.ndarray | None) -> int:
    """Write frames of a clip whose size is already right (only made even)."""
    size = io.even_size(info.width, info.height)
    if size != (info.width, info.height):
        frames = (f[:size[1], :size[0]] for f in frames)
    return io.write_video(path, frames, info.fps, size, sound)


def stretch_audio(audio: np.ndarray, factor: float) -> np.ndarray:
    """Play `audio` (float32 (2, n) at 48 kHz) `factor` times faster keeping its pitch
    (FFmpeg's atempo, chained for factors outside 0.5-2)."""
    import av

    if abs(factor - 1.0) < 1e-9:
        return audio
    graph = av.filter.Graph()
    chain = [graph.add_abuffer(format="fltp", sample_rate=io.AUDIO_RATE, layout=io.AUDIO_LAYOUT,
                               time_base=Fraction(1, io.AUDIO_RATE))]
    for part in _tempo_parts(factor):
        chain.append(graph.add("atempo", f"{part:.6f}"))
    chain.append(graph.add("aformat", "sample_fmts=fltp:channel_layouts=stereo"))
    chain.append(graph.add("abuffersink"))
    for a, b in zip(chain, chain[1:]):
        a.link_to(b)
    graph.configure()
    out: list[np.ndarray] = []
    block = 8192
    for first in range(0, audio.shape[1], block):
        frame = av.AudioFrame.from_ndarray(np.ascontiguousarray(audio[:, first:first + block]),
                                           format="fltp", layout=io.AUDIO_LAYOUT)
        frame.sample_rate, frame.pts, frame.time_base = io.AUDIO_RATE, first, Fraction(1, io.AUDIO_RATE)
        graph.push(frame)
        out.extend(_drain(graph))
    graph.push(None)
    out.extend(_drain(graph))
    return np.concatenate(out, axis=1).astype(np.float32) if out else np.zeros((2, 0), np.float32)


def _tempo_parts(factor: float) -> list[float]:
    parts: list[float] = []
    while factor > 2.0:
        parts.append(2.0)
        factor /= 2.0
    while factor < 0.5:
        parts.append(0.5)
        factor /= 0.5
    return parts + [factor]


def _drain(graph) -> list[np.ndarray]:
    import av

    pulled: list[np.ndarray] = []
    while True:
        try:
            pulled.append(graph.pull().to_ndarray())
        except (av.BlockingIOError, av.EOFError):
            return pulled
