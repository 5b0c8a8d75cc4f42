"""What a step will cost, declared per tool from its arguments and its inputs' headers.

    measure(value, kind) -> Media | None     width, height, seconds, rate, channels, frames of an
                                             input (an Artifact or a user's path), headers only
    estimate(tool, args, media) -> Cost      peak working memory, the video work (frames x pixels)
                                             and the argument to lower when it is too much

A tool's cost is pixels x bytes per pixel (a tool's passes over the picture), seconds x sample
rate x channels x tracks x bytes per sample, or frames x pixels for video: the bytes per unit
were measured on the offline backends (ru_maxrss of 1500x1500 images and 60 s stereo WAVs) with a
margin of about 1.5. A reference to a step that has not run yet measures as nothing, so at plan
time an estimate is a lower bound; the executor estimates again with every input known.
`budget.py` holds the limits and compares.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

GB = 1 << 30


@dataclass(frozen=True)
class Media:
    width: int = 0
    height: int = 0
    seconds: float = 0.0
    rate: int = 0
    channels: int = 0
    fps: float = 0.0

    @property
    def pixels(self) -> int:
        return self.width * self.height

    @property
    def samples(self) -> float:
        """Sample values (frames x channels) the audio holds once decoded."""
        return self.seconds * (self.rate or AUDIO_RATE) * (self.channels or 2)

    @property
    def frames(self) -> float:
        return self.seconds * (self.fps or 30)


@dataclass(frozen=True)
class Cost:
    memory: float        # bytes at the peak
    lower: str           # the argument to lower (or the input to shorten) when it is too much
    why: str             # how it was counted, e.g. "2 tracks x 3600 s x 48000 Hz"
    video_work: float = 0.0   # frames x pixels a video tool decodes or draws


AUDIO_RATE = 48_000          # the highest rate the offline backends resample a mix to
NOTHING = Cost(0, "", "")

# bytes of working memory per pixel of the input picture (measured x 1.5)
IMAGE_BYTES = {"image.segment": 36, "image.remove_background": 96, "image.inpaint": 40,
               "image.edit": 32, "image.caption": 28, "image.add_text": 24}
# bytes per decoded sample value (one channel of one frame) of the input audio (measured x 1.5)
AUDIO_BYTES = {"audio.edit": 66, "audio.denoise": 80, "audio.trim": 36, "audio.visualize": 90,
               "video.add_audio": 24, "audio.transcribe": 12,
               "audio.to_midi": 40}  # Basic Pitch: a 22.05 kHz copy, its frames and note posteriors (modelled)
TRACK_BYTES = 40             # per sample value per track of a mix or a join
DRAW_BYTES = 64              # per pixel of a drawn (SVG-rastered) picture or frame
FRAME_BYTES = 3 * 16         # per pixel of a decoded video frame, a few held at a time


def _items(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [] if value is None else [value]


def _num(value: Any, default: float) -> float:
    """A number or time argument as seconds/count; unknown or bad values count as the default."""
    from .tools import parse_time

    if value is None or isinstance(value, bool):
        return default
    try:
        number = parse_time(value)
    except (ValueError, TypeError):
        return default
    return number if math.isfinite(number) and number >= 0 else default


# -- per-tool declarations ------------------------------------------------------------------
Estimator = Callable[[Mapping[str, Any], Callable[[str], list[Media]]], Cost]


def _image(tool: str) -> Estimator:
    def cost(args: Mapping[str, Any], media: Callable[[str], list[Media]]) -> Cost:
        px = sum(m.pixels for m in media("image"))
        return Cost(px * IMAGE_BYTES[tool], "image", f"{px / 1e6:.1f} megapixels x {IMAGE_BYTES[tool]} bytes")
    return cost


def _upscale(args: Mapping[str, Any], media: Callable[[str], list[Media]]) -> Cost:
    px, scale = sum(m.pixels for m in media("image")), _num(args.get("scale"), 4)
    out = px * scale * scale
    return Cost(px * 8 + out * 24, "scale", f"{px / 1e6:.1f} megapixels x {scale:g}^2")


def _combine(args: Mapping[str, Any], media: Callable[[str], list[Media]]) -> Cost:
    px = sum(m.pixels for m in media("images"))
    return Cost(px * 24, "images", f"{len(media('images'))} images, {px / 1e6:.1f} megapixels")


def _draw(args: Mapping[str, Any], media: Callable[[str], list[Media]]) -> Cost:
    w, h = _num(args.get("width"), 512), _num(args.get("height"), 512)
    return Cost(w * h * DRAW_BYTES, "width", f"{w:g}x{h:g} pixels")


def _video_generate(args: Mapping[str, Any], media: Callable[[str], list[Media]]) -> Cost:
    w, h = _num(args.get("width"), 512), _num(args.get("height"), 512)
    frames = _num(args.get("duration"), 4) * _num(args.get("fps"), 24)
    return Cost(w * h * DRAW_BYTES * 2, "duration", f"{frames:g} frames of {w:g}x{h:g}", frames * w * h)


def _animate(args: Mapping[str, Any], media: Callable[[str], list[Media]]) -> Cost:
    px = sum(m.pixels for m in media("image"))
    frames = _num(args.get("duration"), 4) * 30
    return Cost(px * DRAW_BYTES, "duration", f"{frames:g} frames of {px / 1e6:.1f} megapixels", frames * px)


def _slideshow(args: Mapping[str, Any], media: Callable[[str], list[Media]]) -> Cost:
    images = media("images")
    px = max((m.pixels for m in images), default=0)
    seconds = sum(_num(d, 3) for d in _items(args.get("durations"))) or 3 * len(images)
    return Cost(sum(m.pixels for m in images) * 4 + px * FRAME_BYTES, "images",
                f"{len(images)} images, {seconds:g} s", seconds * 30 * px)


def _video(lower: str, audio_bytes: float = 16) -> Estimator:
    def cost(args: Mapping[str, Any], media: Callable[[str], list[Media]]) -> Cost:
        videos = media("video") + media("videos")
        px = max((m.pixels for m in videos), default=0)
        frames = sum(m.frames for m in videos)
        sound = sum(m.seconds for m in videos) * AUDIO_RATE * 2 * audio_bytes
        sound += sum(m.samples for m in media("audio")) * AUDIO_BYTES["video.add_audio"]
        factor = _num(args.get("factor"), 1)
        return Cost(px * FRAME_BYTES + sound * max(1.0, factor), lower,
                    f"{frames:.0f} frames of {px / 1e6:.1f} megapixels", frames * px)
    return cost


def _audio(tool: str) -> Estimator:
    def cost(args: Mapping[str, Any], media: Callable[[str], list[Media]]) -> Cost:
        samples = sum(m.samples for m in media("audio"))
        seconds = sum(m.seconds for m in media("audio"))
        return Cost(samples * AUDIO_BYTES[tool], "audio", f"{seconds:.0f} s of audio")
    return cost


def _mix(args: Mapping[str, Any], media: Callable[[str], list[Media]]) -> Cost:
    tracks = media("audios")
    offsets = [_num(o, 0) for o in _items(args.get("offsets"))]
    rate = max((m.rate for m in tracks), default=0) or AUDIO_RATE
    channels = min(2, max((m.channels for m in tracks), default=0) or 2)
    length = max((m.seconds for m in tracks), default=0) + max(offsets, default=0)
    count = max(len(tracks), len(offsets), 1)
    lower = "offsets" if max(offsets, default=0) > length / 2 else "audios"
    return Cost(count * length * rate * channels * TRACK_BYTES, lower,
                f"{count} tracks x {length:.0f} s x {rate} Hz")


def _concat(args: Mapping[str, Any], media: Callable[[str], list[Media]]) -> Cost:
    tracks = media("audios")
    rate = max((m.rate for m in tracks), default=0) or AUDIO_RATE
    seconds = sum(m.seconds for m in tracks)
    return Cost(seconds * rate * 2 * TRACK_BYTES, "audios", f"{len(tracks)} tracks, {seconds:.0f} s x {rate} Hz")


def _generated_audio(channels: int) -> Estimator:
    def cost(args: Mapping[str, Any], media: Callable[[str], list[Media]]) -> Cost:
        seconds = _num(args.get("duration"), 10)
        return Cost(seconds * 44_100 * channels * 32, "duration", f"{seconds:g} s")
    return cost


def _customize(args: Mapping[str, Any], media: Callable[[str], list[Media]]) -> Cost:
    w, h = _num(args.get("width"), 512), _num(args.get("height"), 512)
    subjects = sum(m.pixels for m in media("images"))
    return Cost(w * h * DRAW_BYTES * 1.5 + subjects * 24, "width",
                f"{w:g}x{h:g} pixels and {subjects / 1e6:.1f} megapixels of subjects")


def _judge(args: Mapping[str, Any], media: Callable[[str], list[Media]]) -> Cost:
    px = sum(m.pixels for m in media("image"))
    sound = sum(m.samples for m in media("audio"))
    frame = max((m.pixels for m in media("video")), default=0)
    frames = sum(m.frames for m in media("video"))
    lower = "image" if px * 32 >= sound * 24 else "audio"
    return Cost(px * 32 + sound * 24 + frame * FRAME_BYTES, lower,
                f"{px / 1e6:.1f} megapixels, {sound / 1e6:.0f}M samples", frames * frame)


def _turntable(args: Mapping[str, Any], media: Callable[[str], list[Media]]) -> Cost:
    frames = _num(args.get("duration"), 4) * 24
    return Cost(512 * 512 * DRAW_BYTES, "duration", f"{frames:g} frames", frames * 512 * 512)


ESTIMATORS: dict[str, Estimator] = {
    **{tool: _image(tool) for tool in ("image.segment", "image.remove_background", "image.inpaint",
                                        "image.edit", "image.caption", "image.add_text")},
    "image.upscale": _upscale, "image.combine": _combine,
    "image.generate": _draw, "image.from_layout": _draw,
    "video.generate": _video_generate, "video.animate": _animate, "video.slideshow": _slideshow,
    "video.edit": _video("video"), "video.trim": _video("video"), "video.speed": _video("factor"),
    "video.concat": _video("videos"), "video.add_audio": _video("audio"),
    "video.extract_audio": _video("video"), "video.extract_frame": _video("video", 0),
    **{tool: _audio(tool) for tool in ("audio.edit", "audio.denoise", "audio.trim", "audio.visualize")},
    "audio.mix": _mix, "audio.concat": _concat,
    "audio.music": _generated_audio(2), "audio.sound": _generated_audio(1),
    "mesh.turntable": _turntable, "image.customize": _customize, "media.check": _judge,
    "audio.transcribe": _audio("audio.transcribe"), "audio.to_midi": _audio("audio.to_midi"),
}
# tools whose cost is small by construction (text in, text or a bounded picture out; meshes are
# bounded by the probe's 5 million faces): a new tool must be in ESTIMATORS or here (tested)
# motions are capped at two minutes by their backend and rendered a frame at a time
CHEAP = frozenset({"image.layout", "audio.speech", "mesh.generate", "mesh.edit", "mesh.render",
                   "text.refine_prompt", "text.write", "text.storyboard",
                   "motion.generate", "motion.edit", "motion.render", "motion.to_mesh"})


def estimate(tool: str, args: Mapping[str, Any], media: Callable[[str], list[Media]]) -> Cost:
    """The cost of one call; `media(name)` gives what the inputs of argument `name` measure."""
    estimator = ESTIMATORS.get(tool)
    return estimator(args, media) if estimator is not None else NOTHING


# -- measuring inputs -----------------------------------------------------------------------
def measure(value: Any, kind: str, base_dir: Path | None = None) -> Media | None:
    """What an input measures from its header: an Artifact, or a user's path. None when it is
    not known yet (a step reference) or not readable (the plan check reports that)."""
    path = getattr(value, "path", None)
    if path is None:
        if not isinstance(value, str) or value.startswith("$") or kind in ("text", "storyboard"):
            return None
        from .plan import resolve_user_path

        path = resolve_user_path(value, base_dir)
    try:
        stat = os.stat(path)
    except (OSError, ValueError):
        return None
    return _measure(str(path), kind, stat.st_size, stat.st_mtime_ns)


@lru_cache(maxsize=512)
def _measure(path: str, kind: str, size: int, mtime: int) -> Media | None:
    try:
        if kind in ("image", "mask"):
            from PIL import Image

            with Image.open(path) as img:
                return Media(width=img.size[0], height=img.size[1])
        if kind == "audio":
            return _audio_media(path)
        if kind == "video":
            return _video_media(path)
    except Exception:  # noqa: BLE001 - unreadable: the plan check and the tool say so in their words
        return None
    return None


def _audio_media(path: str) -> Media | None:
    try:
        import soundfile

        info = soundfile.info(path)
        return Media(seconds=info.frames / max(1, info.samplerate), rate=info.samplerate,
                     channels=info.channels)
    except Exception:  # noqa: BLE001 - not libsndfile's: try PyAV
        import av

        with av.open(path) as container:
            stream = container.streams.audio[0]
            return Media(seconds=_seconds(container, stream), rate=stream.codec_context.sample_rate or 0,
                         channels=stream.codec_context.channels or 0)


def _video_media(path: str) -> Media | None:
    import av

    with av.open(path) as container:
        stream = container.streams.video[0]
        seconds = _seconds(container, stream)
        fps = float(stream.average_rate or stream.guessed_rate or 30)
        return Media(width=stream.codec_context.width, height=stream.codec_context.height,
                     seconds=seconds, fps=fps)


def _seconds(container: Any, stream: Any) -> float:
    if stream.duration and stream.time_base is not None:
        return float(stream.duration * stream.time_base)
    return (container.duration or 0) / 1e6


__all__ = ["ESTIMATORS", "GB", "Cost", "Media", "estimate", "measure"]
