"""Test backends for the judge: a generator that leaves one planned object out of the picture
(its layout still names it), and one that draws nothing at all."""

from __future__ import annotations

from dataclasses import replace

from medialoom.context import Output, ToolContext
from medialoom.tools import BackendSpec


def drop_generate(ctx: ToolContext, prompt: str, negative_prompt: str | None = None, width: int | None = None,
                  height: int | None = None, seed: int | None = None, style: str | None = None) -> Output:
    """image.generate that forgets to draw the layout's first object (a flaky generator)."""
    from medialoom.backends.offline.image.io import save_png
    from medialoom.backends.offline.image.scene import (
        plan_layout,
        render_layout,
        with_objects,
    )
    from medialoom.backends.offline.image.tools import _scene_meta

    seed = ctx.seed if seed is None else seed
    layout = plan_layout(prompt, seed, width or 256, height or 256)
    drawn = with_objects(layout, remove=[o["id"] for o in layout["objects"][:1]])
    path = save_png(render_layout(drawn), ctx.out("image", ".png"), "image.generate", seed, prompt)
    return Output(path, meta=_scene_meta(layout) | {"seed": seed})


def blank_generate(ctx: ToolContext, prompt: str, negative_prompt: str | None = None, width: int | None = None,
                   height: int | None = None, seed: int | None = None, style: str | None = None) -> Output:
    """image.generate that draws one flat colour whatever the seed."""
    from PIL import Image

    path = ctx.out("image", ".png")
    Image.new("RGB", (width or 64, height or 64), (200, 200, 200)).save(path)
    return Output(path, meta={"seed": ctx.seed if seed is None else seed})


def registry_with(entry: str):
    """The catalogue with image.generate served by `entry` of this module."""
    from medialoom.catalogue import catalogue
    from medialoom.registry import Registry

    test = BackendSpec("test", f"check_tools:{entry}")
    return Registry([replace(s, backends=(test,)) if s.id == "image.generate" else s for s in catalogue()])
