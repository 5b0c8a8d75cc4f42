"""Offline image engine: procedural clip-art scenes from layouts, classical editing (OpenCV),
segmentation, inpainting, cut-outs, captions, collages and text. No model weights.

Backend entry points (catalogue.py): generate, layout, from_layout, edit, segment, inpaint,
remove_background, caption, upscale, combine, add_text. They live in `tools.py` and are
imported lazily here so that importing the package does no work.
"""

from __future__ import annotations

from typing import Any

_TOOLS = ("generate", "layout", "from_layout", "edit", "segment", "inpaint", "remove_background",
          "caption", "upscale", "combine", "add_text")

__all__ = list(_TOOLS)


def __getattr__(name: str) -> Any:
    if name in _TOOLS:
        from . import tools

        return getattr(tools, name)
    raise AttributeError(name)
