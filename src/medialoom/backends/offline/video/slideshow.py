"""video.slideshow: images one after another with cut, crossfade or slide transitions.
The canvas is the first image's size (scaled to fit 1920 pixels); other sizes are letterboxed
onto it, never stretched. Each image keeps its whole slot: transitions overlap the end of a
slot, so the clip lasts exactly the sum of the durations."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from medialoom.artifacts import Artifact
from medialoom.context import Output, ToolContext
from medialoom.errors import InputError
from medialoom.tools import parse_time

from . import io
from .animate import load_rgb, output_size

FPS = 24
DEFAULT_SECONDS = 3.0
TRANSITIONS = ("cut", "crossfade", "slide")
MAX_IMAGES = 300


@dataclass(frozen=True)
class Slot:
    index: int
    start: float
    length: float


def slideshow(ctx: ToolContext, images: Sequence[Artifact], durations: Sequence[float | str] | None = None,
              transition: str | None = None) -> Output:
    # 1. check the arguments
    style = (transition or "crossfade").strip().lower()
    if style not in TRANSITIONS:
        raise InputError(f"transition {transition!r} is not known; use cut, crossfade or slide")
    if not images:
        raise InputError("a slideshow needs at least one image")
    if len(images) > MAX_IMAGES:
        raise InputError(f"{len(images)} images is more than {MAX_IMAGES}; split the slideshow")
    lengths = slot_lengths(len(images), durations)
    if sum(lengths) > io.MAX_VIDEO_SECONDS:
        raise InputError(f"the slideshow would last {sum(lengths) / 60:.1f} minutes, over the 10 minute "
                         "limit; use shorter durations or fewer images")
    # 2. the canvas and the timeline
    first = load_rgb(images[0])
    size = output_size(first.shape[1], first.shape[0])
    slots, start = [], 0.0
    for i, length in enumerate(lengths):
        slots.append(Slot(i, start, length))
        start += length
    fade = 0.0 if style == "cut" or len(images) == 1 else min(0.6, 0.3 * min(lengths))

    @lru_cache(maxsize=3)
    def picture(i: int) -> np.ndarray:
        return io.fit_frame(first if i == 0 else load_rgb(images[i]), size)

    # 3. frames
    count = max(1, round(start * FPS))
    path = ctx.out("slideshow", ".mp4")
    written = io.write_video(path, _frames(slots, picture, count, fade, style, size), FPS, size)
    return Output(path, meta={"images": len(images), "durations": lengths, "transition": style,
                              "transition_seconds": fade, "fps": FPS, "frames": written,
                              "duration": written / FPS, "size": list(size)})


def slot_lengths(n: int, durations: Sequence[float | str] | None) -> list[float]:
    """Seconds per image: one number for all, one per image, or the default."""
    if not durations:
        return [DEFAULT_SECONDS] * n
    values = [_seconds(d) for d in durations]
    if len(values) == 1:
        values = values * n
    if len(values) != n:
        raise InputError(f"{len(values)} durations for {n} images; give one duration per image, or one "
                         "for all")
    bad = [v for v in values if not 0.1 <= v <= 120]
    if bad:
        raise InputError(f"duration {bad[0]:g}s is out of range; use 0.1 to 120 seconds per image")
    return values


def _frames(slots: list[Slot], picture, count: int, fade: float, style: str,
            size: tuple[int, int]) -> Iterator[np.ndarray]:
    k_slot = 0
    for k in range(count):
        t = k / FPS
        while k_slot < len(slots) - 1 and t >= slots[k_slot].start + slots[k_slot].length - 1e-9:
            k_slot += 1
        slot = slots[k_slot]
        into_fade = t - (slot.start + slot.length - fade)
        if fade <= 0 or slot.index == len(slots) - 1 or into_fade < 0:
            yield picture(slot.index)
            continue
        p = min(1.0, into_fade / fade)
        yield blend(picture(slot.index), picture(slot.index + 1), p, style)


def blend(a: np.ndarray, b: np.ndarray, p: float, style: str) -> np.ndarray:
    """Frame `p` (0..1) of the transition from a to b."""
    p = p * p * (3 - 2 * p)
    if style == "slide":
        width = a.shape[1]
        shift = int(round(width * p))
        out = np.empty_like(a)
        out[:, :width - shift] = a[:, shift:]
        out[:, width - shift:] = b[:, :shift]
        return out
    return (a.astype(np.float32) * (1 - p) + b.astype(np.float32) * p + 0.5).astype(np.uint8)


def _seconds(value: object) -> float:
    try:
        return parse_time(value)
    except ValueError as exc:
        raise InputError(f"durations: {exc}") from exc
