"""video.edit: an instruction parsed once by image.edit's parser, the same operations with the
same parameters applied to every frame (so the look does not flicker), plus the looks that
live in time: film grain that changes every frame, a vignette, a gentle flicker ("vintage",
"old film"). The sound is kept."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import numpy as np

from medialoom.artifacts import Artifact
from medialoom.context import Output, ToolContext
from medialoom.errors import InputError

from . import io
from .looks import Looks, apply_looks, parse_looks, vignette_mask

FrameEdit = Callable[[np.ndarray], np.ndarray]
VIDEO_WORDS = ("film grain / grainy", "vintage / old film (sepia, grain, vignette, flicker)", "flicker",
               "vignette")


@dataclass(frozen=True)
class Recipe:
    """What is done to every frame: image.edit's operations, then the film looks."""

    edit: FrameEdit | None
    operations: list[dict]
    looks: Looks
    keep_size: bool = False   # "zoom in": magnify within the same frame size (a crop would shrink it)


def edit(ctx: ToolContext, video: Artifact, instruction: str) -> Output:
    # 1. the instruction, parsed once
    recipe = parse(instruction)
    info = io.probe(video.path)
    # 2. the first frame fixes the output size (rotate 90, crop and resize change it)
    frames = io.iter_frames(info.path, info.fps, rotation=info.rotation)
    first = next(frames, None)
    if first is None:
        raise InputError(f"{video.path.name} has no frames to edit")
    rng = np.random.default_rng(ctx.seed)
    sample = _apply(recipe, first, rng, None)
    size = io.even_size(sample.shape[1], sample.shape[0])
    mask = vignette_mask(size[0], size[1], recipe.looks.vignette) if recipe.looks.vignette else None
    # 3. every frame the same way; the sound goes along unchanged
    sound = io.read_audio(info.path) if info.has_audio else None
    path = ctx.out("edited", ".mp4")
    count = io.write_video(path, _edited(first, frames, recipe, rng, mask, size), info.fps, size, sound)
    return Output(path, meta={"instruction": instruction, "operations": recipe.operations,
                              "looks": recipe.looks.names(), "frames": count, "fps": info.fps,
                              "duration": count / info.fps, "size": list(size)})


def _edited(first: np.ndarray, rest: Iterator[np.ndarray], recipe: Recipe, rng: np.random.Generator,
            mask: np.ndarray | None, size: tuple[int, int]) -> Iterator[np.ndarray]:
    for frame in _chain(first, rest):
        out = _apply(recipe, frame, rng, mask)
        if out.shape[:2] != (size[1], size[0]):
            out = out[:size[1], :size[0]]
        yield out


def _chain(first: np.ndarray, rest: Iterator[np.ndarray]) -> Iterator[np.ndarray]:
    yield first
    yield from rest


def _apply(recipe: Recipe, frame: np.ndarray, rng: np.random.Generator, mask: np.ndarray | None) -> np.ndarray:
    out = recipe.edit(frame) if recipe.edit is not None else frame
    if recipe.keep_size and out.shape[:2] != frame.shape[:2]:
        import cv2

        out = cv2.resize(out, (frame.shape[1], frame.shape[0]), interpolation=cv2.INTER_CUBIC)
    if mask is not None and mask.shape[:2] != out.shape[:2]:
        mask = vignette_mask(out.shape[1], out.shape[0], recipe.looks.vignette)
    return apply_looks(out, recipe.looks, rng, mask) if recipe.looks.any else out


def parse(instruction: str) -> Recipe:
    """The instruction -> a recipe; one clear line when nothing in it is understood."""
    text = (instruction or "").strip()
    if not text:
        raise InputError("the instruction is empty; say what to change, e.g. 'black and white' "
                         "or 'vintage with film grain'")
    looks, rest = parse_looks(text)
    if not rest:
        return Recipe(None, [], looks)
    frame_edit, operations = image_edit(rest)
    zoom = re.search(r"\bzoom(?:ed|s)?\b|close[- ]?up", rest.lower()) and not re.search(r"\bcrop|\btrim\b", rest.lower())
    return Recipe(frame_edit, operations, looks, keep_size=bool(zoom))


def image_edit(instruction: str) -> tuple[FrameEdit, list[dict]]:
    """image.edit's parser and operations as one frame function (RGB uint8 in and out)."""
    from PIL import Image

    from medialoom.backends.offline.image.instructions import apply_operations, parse_instruction

    try:
        operations = parse_instruction(instruction)
    except InputError as exc:
        said = re.sub(r"\s*\(or use --backend neural[^)]*\)", "", exc.one_line())
        raise InputError(f"{said}; for video also: {', '.join(VIDEO_WORDS)}") from exc

    def frame_edit(frame: np.ndarray) -> np.ndarray:
        return np.asarray(apply_operations(Image.fromarray(frame), operations).convert("RGB"))

    return frame_edit, [op.to_dict() for op in operations]
