"""Offline image engine: procedural clip-art scenes from layouts, classical editing (OpenCV),
segmentation, inpainting, cut-outs, captions, collages and text. No model weights.

Backend entry points (catalogue.py): generate, layout, from_layout, edit, segment, inpaint,
remove_background, caption, upscale, combine, add_text. They live in `tools.py` and are
imported lazily here so that importing the package does no work.

Modules:
  parse.py      prompt -> SceneSpec (noun groups with count, colour, size; relations; setting; style)
  place.py      SceneSpec -> boxes (row order from relations, attachments, sky band, backdrops)
  kinds.py      the 119 drawable kinds (design box, size, placement, default colour) and their words
  draw_*.py     parametric SVG drawings (draw_creatures.py: swan .. unicorn; draw_built.py: pumpkin ..
                bridge); pen.py the shared primitives; palette.py named colours
  settings.py   backgrounds for the 13 settings and the styles
  scene.py      the stable scene API: plan_layout, render_layout, with_boxes, object/region masks
  instructions.py  the stable edit API: parse_instruction, apply_operations (edit_ops.py: pixels)
  selection.py  segmentation; removal.py inpainting; cutout.py background removal;
  captions.py   captions; collage.py grid/collage/panorama; text.py add_text and upscale;
  own.py        recognising our own pictures from artifact meta; io.py safe loading and PNG saving
Internal modules are not named after the tools, so `image.segment` etc. stay the backend functions.
"""

from __future__ import annotations

from typing import Any

_TOOLS = ("generate", "layout", "from_layout", "edit", "segment", "inpaint", "remove_background",
          "caption", "upscale", "combine", "add_text")

__all__ = [*_TOOLS, "customize"]


def __getattr__(name: str) -> Any:
    if name == "customize":   # image.customize: the user's subject in a new scene (issue 17)
        from .customizing import customize

        return customize
    if name in _TOOLS:
        from . import tools

        return getattr(tools, name)
    raise AttributeError(name)
