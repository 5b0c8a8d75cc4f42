"""PyAV decode and encode: every video tool reads and writes through here.

Reading gives RGB frames (uint8, H x W x 3) at a constant frame rate chosen by the caller:
variable-frame-rate sources are resampled by timestamp (each output instant shows the latest
source frame), and rotation metadata (the display matrix) is applied to the pixels.
Audio decodes to float32 (channels, samples) at 48 kHz stereo.
Writing makes H.264 MP4 (yuv420p, even sizes) with an optional AAC stereo track.

Bad input (missing, empty, corrupt, no frames, over 10 minutes, over 4K) is one InputError line.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import numpy as np

from medialoom.errors import InputError, ToolError
from medialoom.media import MAX_VIDEO_PIXELS, MAX_VIDEO_SECONDS

AUDIO_RATE = 48_000
AUDIO_LAYOUT = "stereo"
MAX_FPS = 60
EPS = 1e-6


@dataclass(frozen=True)
class VideoInfo:
    """What a video is, as shown (width and height after rotation)."""

    path: Path
    width: int
    height: int
    fps: float
    duration: float
    rotation: int          # counter-clockwise degrees from the display matrix (0, 90, 180, 270)
    has_audio: bool
    variable_rate: bool

    @property
    def frame_count(self) -> int:
        return max(1, round(self.duration * self.fps))


def probe(path: Path) -> VideoInfo:
    """Open a video and check it: one clear line for anything that cannot be used."""
    import av

    path = Path(path)
    if not path.is_file():
        raise InputError(f"video {path.name} not found; check the path")
    if path.stat().st_size == 0:
        raise InputError(f"{path.name} is empty (0 bytes); give a real video file")
    try:
        with av.open(str(path)) as container:
            return _describe(path, container)
    except InputError:
        raise
    except (av.FFmpegError, OSError, ValueError, IndexError) as exc:
        raise InputError(f"{path.name} is not a readable video ({exc.__class__.__name__}); "
                         "it may be corrupt or truncated: re-export it as MP4") from exc


def _describe(path: Path, container) -> VideoInfo:
    if not container.streams.video:
        raise InputError(f"{path.name} has no video stream; give a video file (MP4, WebM, MOV)")
    stream = container.streams.video[0]
    w, h = stream.codec_context.width, stream.codec_context.height
    if w * h > MAX_VIDEO_PIXELS or max(w, h) > 4096:
        raise InputError(f"{path.name} is {w}x{h}, over the 4K limit; downscale it first")
    seconds = _stream_seconds(container, stream)
    if seconds is not None and seconds > MAX_VIDEO_SECONDS:
        raise InputError(f"{path.name} is {seconds / 60:.0f} minutes long, over the 10 minute limit; "
                         "trim it first")
    times, rotation = _scan_times(container, stream)
    if not times:
        raise InputError(f"{path.name} has no frames (zero-length clip); give a clip with pictures")
    fps, variable = _rate(stream, times)
    duration = (times[-1] - times[0]) + 1.0 / fps
    if seconds is not None and abs(seconds - duration) < 2.0 / fps:
        duration = max(duration, seconds) if not variable else duration
    if duration > MAX_VIDEO_SECONDS:
        raise InputError(f"{path.name} is {duration / 60:.0f} minutes long, over the 10 minute limit; "
                         "trim it first")
    if rotation % 180:
        w, h = h, w
    return VideoInfo(path, w, h, fps, duration, rotation, bool(container.streams.audio), variable)


def _scan_times(container, stream) -> tuple[list[float], int]:
    """Presentation times of every packet (no decoding), and the rotation of the first frame."""
    times: list[float] = []
    for packet in container.demux(stream):
        if packet.pts is not None and packet.size:
            times.append(float(packet.pts * packet.time_base))
    times.sort()
    rotation = 0
    container.seek(0)
    frame = next(container.decode(stream), None)
    if frame is None:
        return [], 0
    rotation = int(round((frame.rotation or 0) / 90.0)) * 90 % 360
    return times, rotation


def _rate(stream, times: list[float]) -> tuple[float, bool]:
    """A constant rate to present the clip at, and whether the source rate varies."""
    gaps = np.diff(np.asarray(times)) if len(times) > 1 else np.asarray([])
    gaps = gaps[gaps > EPS]
    variable = bool(len(gaps) > 1 and (gaps.max() - gaps.min()) > 0.25 * np.median(gaps))
    rate = stream.average_rate or stream.guessed_rate
    if variable or not rate:
        fps = len(times) / max(times[-1] - times[0] + (float(np.median(gaps)) if len(gaps) else 0.04), EPS)
    else:
        fps = float(rate)
    return float(min(MAX_FPS, max(1.0, round(fps, 3)))), variable


def _stream_seconds(container, stream) -> float | None:
    if stream.duration is not None and stream.time_base is not None:
        return float(stream.duration * stream.time_base)
    if container.duration is not None:
        return container.duration / 1_000_000
    return None


def iter_frames(path: Path, fps: float, start: float = 0.0, end: float | None = None,
                rotation: int = 0) -> Iterator[np.ndarray]:
    """RGB frames of `path` at a constant `fps` from `start` to `end` (seconds, clip time).
    Output frame k shows the latest source frame at or before start + k / fps."""
    import av

    step = 1.0 / fps
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        stream.thread_type = "AUTO"
        origin = float(stream.start_time * stream.time_base) if stream.start_time is not None else 0.0
        if start > 0:
            container.seek(int((start + origin) / stream.time_base), stream=stream, backward=True)
        source_rate = stream.average_rate or stream.guessed_rate
        k, prev, prev_t = 0, None, None
        last_gap = 1.0 / float(source_rate) if source_rate else step   # how long the last frame shows
        for frame in _decoded(container, stream, Path(path).name):
            t = float(frame.pts * stream.time_base) - origin if frame.pts is not None else (prev_t or 0) + step
            if prev is not None:
                last_gap = max(t - prev_t, EPS) if t > prev_t else last_gap
                while start + k * step < t - EPS and (end is None or start + k * step < end - EPS):
                    yield _rgb(prev, rotation)
                    k += 1
                if end is not None and start + k * step >= end - EPS:
                    return
            if prev is None or t > prev_t:
                prev, prev_t = frame, t
        if prev is None:
            return
        stop = prev_t + last_gap if end is None else min(end, prev_t + last_gap)
        while start + k * step < stop - EPS:
            yield _rgb(prev, rotation)
            k += 1


def _decoded(container, stream, name: str) -> Iterator:
    """Decoded frames; a damaged packet is skipped (its time shows the frame before), a clip
    that is mostly damage is refused."""
    import av

    bad = good = 0
    for packet in container.demux(stream):
        try:
            frames = packet.decode()
        except av.FFmpegError as exc:
            bad += 1
            if bad > max(25, good):
                raise InputError(f"{name} is corrupt ({bad} damaged packets, {exc.__class__.__name__}); "
                                 "re-export it") from exc
            continue
        good += len(frames)
        yield from frames


def _rgb(frame, rotation: int) -> np.ndarray:
    array = frame.to_ndarray(format="rgb24")
    return np.ascontiguousarray(np.rot90(array, k=rotation // 90)) if rotation else array


def read_audio(path: Path, start: float = 0.0, end: float | None = None) -> np.ndarray | None:
    """The first audio track as float32 (2, samples) at 48 kHz on the picture's clock (a track
    that starts late is led by silence), cut to [start, end); None when the file has no audio."""
    import av

    with av.open(str(path)) as container:
        if not container.streams.audio:
            return None
        stream = container.streams.audio[0]
        known = float(stream.duration * stream.time_base) if stream.duration and stream.time_base else None
        lead = _start(stream) - (_start(container.streams.video[0]) if container.streams.video else 0.0)
        mono = (stream.codec_context.channels or 1) == 1  # copied to both sides at full level below
        resampler = av.AudioResampler(format="fltp", layout="mono" if mono else AUDIO_LAYOUT, rate=AUDIO_RATE)
        chunks: list[np.ndarray] = []
        try:
            for frame in container.decode(stream):
                chunks.extend(f.to_ndarray() for f in resampler.resample(frame))
            chunks.extend(f.to_ndarray() for f in resampler.resample(None))
        except av.FFmpegError as exc:
            if not chunks:
                raise InputError(f"{Path(path).name} has an unreadable audio track ({exc.__class__.__name__})"
                                 ) from exc
    if not chunks:
        return None
    audio = np.concatenate(chunks, axis=1).astype(np.float32)
    if audio.shape[0] == 1:  # libswresample would upmix mono 3 dB down; a voice-over keeps its level
        audio = np.repeat(audio, 2, axis=0)
    if known is not None:
        audio = audio[:, :int(round(known * AUDIO_RATE))]
    shift = int(round(lead * AUDIO_RATE))
    if shift > 0:
        audio = np.pad(audio, ((0, 0), (shift, 0)))
    elif shift < 0:
        audio = audio[:, -shift:]
    first = int(round(start * AUDIO_RATE))
    last = None if end is None else int(round(end * AUDIO_RATE))
    return np.ascontiguousarray(audio[:, first:last])


def _start(stream) -> float:
    if stream.start_time is None or stream.time_base is None:
        return 0.0
    return float(stream.start_time * stream.time_base)


def fit_audio(audio: np.ndarray, seconds: float) -> np.ndarray:
    """Trim or pad (with silence) to exactly `seconds` at 48 kHz."""
    n = int(round(seconds * AUDIO_RATE))
    if audio.shape[1] >= n:
        return audio[:, :n]
    return np.pad(audio, ((0, 0), (0, n - audio.shape[1])))


def even_size(width: int, height: int) -> tuple[int, int]:
    """H.264 with yuv420p needs even sizes."""
    return max(2, int(width) // 2 * 2), max(2, int(height) // 2 * 2)


AudioSource = np.ndarray | Callable[[int], np.ndarray] | None


def write_video(path: Path, frames: Iterable[np.ndarray], fps: float, size: tuple[int, int],
                audio: AudioSource = None, crf: int = 20) -> int:
    """Encode RGB frames (all `size` = (width, height), even) as H.264 MP4 at `fps`, with `audio`
    (float32 (2, n) at 48 kHz, or a function of the frame count giving it) as AAC, trimmed or
    padded to the picture. Returns the number of frames written."""
    import av

    width, height = size
    if width % 2 or height % 2:
        raise ToolError(f"internal: frame size {width}x{height} must be even for H.264")
    rate = Fraction(fps).limit_denominator(1001)
    count = 0
    with av.open(str(path), "w", format="mp4", options={"movflags": "+faststart"}) as out:
        video = out.add_stream("libx264", rate=rate)
        video.width, video.height, video.pix_fmt = width, height, "yuv420p"
        video.options = {"crf": str(crf), "preset": "veryfast"}
        sound = out.add_stream("aac", rate=AUDIO_RATE, layout=AUDIO_LAYOUT) if audio is not None else None
        for array in frames:
            if array.shape[:2] != (height, width):
                raise ToolError(f"internal: frame {count} is {array.shape[1]}x{array.shape[0]}, "
                                f"expected {width}x{height}")
            frame = av.VideoFrame.from_ndarray(np.ascontiguousarray(array[..., :3]), format="rgb24")
            frame.pts = count
            frame.time_base = 1 / rate
            out.mux(video.encode(frame))
            count += 1
        if count == 0:
            raise ToolError("no frames to write; the clip would be empty")
        out.mux(video.encode(None))
        if sound is not None:
            track = audio(count) if callable(audio) else audio
            _encode_audio(out, sound, fit_audio(track, count / float(rate)))
    return count


def _encode_audio(out, stream, audio: np.ndarray) -> None:
    import av

    block = 1024 * 16
    data = np.clip(np.asarray(audio, dtype=np.float32), -1.0, 1.0)
    for first in range(0, data.shape[1], block):
        chunk = np.ascontiguousarray(data[:, first:first + block])
        frame = av.AudioFrame.from_ndarray(chunk, format="fltp", layout=AUDIO_LAYOUT)
        frame.sample_rate = AUDIO_RATE
        frame.pts = first
        frame.time_base = Fraction(1, AUDIO_RATE)
        out.mux(stream.encode(frame))
    out.mux(stream.encode(None))


def fit_frame(frame: np.ndarray, size: tuple[int, int], background: int = 0) -> np.ndarray:
    """Scale `frame` to fit inside `size` keeping its shape; bars (letterbox or pillarbox) fill
    the rest."""
    import cv2

    width, height = size
    h, w = frame.shape[:2]
    if (w, h) == (width, height):
        return frame
    scale = min(width / w, height / h)
    nw, nh = max(1, round(w * scale)), max(1, round(h * scale))
    interp = cv2.INTER_AREA if scale < 1 else cv2.INTER_LINEAR
    resized = cv2.resize(frame, (nw, nh), interpolation=interp)
    canvas = np.full((height, width, 3), background, dtype=np.uint8)
    x, y = (width - nw) // 2, (height - nh) // 2
    canvas[y:y + nh, x:x + nw] = resized[..., :3]
    return canvas
