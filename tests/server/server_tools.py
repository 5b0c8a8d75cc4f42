"""Fast, exact stand-ins for the image tools, so server, UI and MCP tests know every pixel.

`registry()` is the catalogue's image.generate / image.segment / image.inpaint / image.edit with
these backends, plus `test.sleep`. `TOOLS` makes the module a plugin (MEDIALOOM_PLUGINS) for
the MCP subprocess: `test.shapes` draws the same picture as `generate`.

The picture: 256x192, sky blue, a red disc centred at (80, 100) radius 36, a blue square
(170..230, 70..130)."""

from __future__ import annotations

import time
from dataclasses import replace

import numpy as np
from PIL import Image, ImageDraw

from medialoom.context import Output, ToolContext
from medialoom.tools import BackendSpec, Param, ToolSpec

SKY, RED, BLUE, ORANGE = (135, 206, 235), (220, 30, 30), (30, 60, 220), (255, 140, 0)
DISC, SQUARE = (80, 100, 36), (170, 70, 230, 130)
MOD = "server_tools"


def picture() -> Image.Image:
    img = Image.new("RGB", (256, 192), SKY)
    draw = ImageDraw.Draw(img)
    x, y, r = DISC
    draw.ellipse((x - r, y - r, x + r, y + r), fill=RED)
    draw.rectangle(SQUARE, fill=BLUE)
    return img


def generate(ctx: ToolContext, prompt: str, negative_prompt: str | None = None, width: int | None = None,
             height: int | None = None, seed: int | None = None, style: str | None = None) -> Output:
    path = ctx.out("image", ".png")
    picture().save(path)
    return Output(path, meta={"prompt": prompt})


def shapes(ctx: ToolContext, prompt: str = "") -> Output:
    return generate(ctx, prompt)


def segment(ctx: ToolContext, image, point=None, box=None, text=None) -> Output:
    import cv2

    pixels = np.asarray(Image.open(image.path).convert("RGB"))
    mask = np.zeros(pixels.shape[:2], np.uint8)
    if point is not None:
        x, y = int(point[0]), int(point[1])
        flood = np.zeros((pixels.shape[0] + 2, pixels.shape[1] + 2), np.uint8)
        cv2.floodFill(pixels.copy(), flood, (x, y), (0, 0, 0), (8, 8, 8), (8, 8, 8),
                      cv2.FLOODFILL_MASK_ONLY | (255 << 8))
        mask = flood[1:-1, 1:-1]
    elif box is not None:
        x0, y0, x1, y1 = (int(v) for v in box)
        mask[y0:y1, x0:x1] = 255
    path = ctx.out("mask", ".png")
    Image.fromarray(mask).save(path)
    return Output(path, meta={"area": int((mask > 0).sum())})


def inpaint(ctx: ToolContext, image, mask, prompt: str | None = None) -> Output:
    pixels = np.asarray(Image.open(image.path).convert("RGB")).copy()
    region = np.asarray(Image.open(mask.path).convert("L")) > 127
    fill = ORANGE if prompt else tuple(int(v) for v in np.median(pixels[~region], axis=0))
    pixels[region] = fill
    path = ctx.out("image", ".png")
    Image.fromarray(pixels).save(path)
    return Output(path)


def edit(ctx: ToolContext, image, instruction: str) -> Output:
    path = ctx.out("image", ".png")
    Image.open(image.path).convert("L").convert("RGB").save(path)
    return Output(path)


def sleep(ctx: ToolContext, seconds: float) -> Output:
    for i in range(4):
        time.sleep(seconds / 4)
        ctx.progress((i + 1) / 4, "sleeping")
    path = ctx.out("out", ".txt")
    path.write_text(f"slept {seconds}")
    return Output(path)


def _test(fn: str) -> tuple[BackendSpec, ...]:
    return (BackendSpec("test", f"{MOD}:{fn}"),)


SLEEP = ToolSpec("test.sleep", "wait a while (tests)", (Param("seconds", "number", "how long"),), "text",
                 _test("sleep"))
TOOLS = (ToolSpec("test.shapes", "draw the test picture: a red disc and a blue square on sky blue",
                  (Param("prompt", "string", "ignored", required=False, kind="text"),), "image",
                  _test("shapes")),)


def registry():
    from medialoom.catalogue import catalogue
    from medialoom.registry import Registry

    specs = {s.id: s for s in catalogue()}
    tools = [replace(specs[tid], backends=_test(tid.split(".")[1]))
             for tid in ("image.generate", "image.segment", "image.inpaint", "image.edit")]
    return Registry([*tools, SLEEP])
