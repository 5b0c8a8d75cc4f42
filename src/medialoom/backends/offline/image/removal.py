"""Removing or replacing a masked region.

Own images (pristine render of a layout): objects covered by the mask are dropped from the
layout and the scene is re-rendered (with a prompt, a new object takes the region's place).
Foreign images: OpenCV inpainting over a slightly dilated mask; with a prompt the named
object is then drawn into the region.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
from PIL import Image

from .kinds import KINDS, UNKNOWN
from .parse import parse_prompt
from .scene import layout_to_svg, object_masks, render_layout, svg_to_image, with_objects


@dataclass
class InpaintResult:
    image: Image.Image
    method: str
    removed: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    layout: dict[str, Any] | None = None


def covered_objects(layout: dict[str, Any], mask: np.ndarray) -> list[str]:
    """Objects mostly under the mask (or holding most of the mask)."""
    import cv2

    h, w = mask.shape
    grown = cv2.dilate(mask.astype(np.uint8), np.ones((9, 9), np.uint8)) > 0
    total = max(1, int(mask.sum()))
    out = []
    for oid, m in object_masks(layout, w, h).items():
        vis = int(m.sum())
        if vis == 0:
            continue
        inside = int((m & grown).sum())
        if inside >= 0.5 * vis or int((m & mask).sum()) >= 0.5 * total:
            out.append(oid)
    return out


def new_objects(prompt: str, mask: np.ndarray, canvas: tuple[int, int], size: tuple[int, int],
                like: dict[str, Any] | None) -> list[dict[str, Any]]:
    """Objects named by the prompt, fitted into the mask's bounding box (canvas pixels)."""
    spec = parse_prompt(prompt)
    if not spec.groups:
        words = prompt.strip().split()
        from .parse import Group

        spec.groups.append(Group(words[-1].lower() if words else "object", None))
    g = spec.groups[0]
    ys, xs = np.nonzero(mask)
    fx, fy = canvas[0] / size[0], canvas[1] / size[1]
    x0, x1, y0, y1 = xs.min() * fx, (xs.max() + 1) * fx, ys.min() * fy, (ys.max() + 1) * fy
    kind = KINDS.get(g.kind or "", UNKNOWN)
    aspect = kind.design[0] / kind.design[1]
    bw, bh = x1 - x0, y1 - y0
    ow, oh = (bw, bw / aspect) if bw / bh < aspect else (bh * aspect, bh)
    n = max(1, min(g.count, 6))
    ow, oh = ow / n if n > 1 else ow, oh / n if n > 1 else oh
    objs = []
    for i in range(n):
        cx = x0 + bw * (i + 0.5) / n
        objs.append({"name": g.noun, "kind": g.kind or "unknown", "colour": g.colour,
                     "box": [cx - ow / 2, y1 - oh, cx + ow / 2, y1],
                     "z": (like or {}).get("z", 5.0) + 0.001 * i, "flip": bool((like or {}).get("flip"))})
    return objs


def inpaint_own(img: Image.Image, layout: dict[str, Any], mask: np.ndarray,
                prompt: str | None) -> InpaintResult | None:
    removed = covered_objects(layout, mask)
    if not removed and not prompt:
        return None
    w, h = img.size
    canvas = (layout["canvas"]["width"], layout["canvas"]["height"])
    like = next((o for o in layout["objects"] if o["id"] in removed), None)
    add = new_objects(prompt, mask, canvas, (w, h), like) if prompt else []
    new = with_objects(layout, remove=removed, add=add)
    added = [o["id"] for o in new["objects"][len(new["objects"]) - len(add):]]
    return InpaintResult(render_layout(new, w, h), "re-render", removed, added, new)


def inpaint_foreign(img: Image.Image, mask: np.ndarray, prompt: str | None) -> InpaintResult:
    import cv2

    rgb = np.asarray(img.convert("RGB"))
    grown = cv2.dilate(mask.astype(np.uint8) * 255, np.ones((7, 7), np.uint8))
    radius = max(3, int(round(min(img.size) / 100)))
    filled = cv2.inpaint(np.ascontiguousarray(rgb[..., ::-1]), grown, radius, cv2.INPAINT_NS)[..., ::-1]
    out = Image.fromarray(np.ascontiguousarray(filled))
    added: list[str] = []
    if prompt:
        w, h = img.size
        objs = new_objects(prompt, mask, (w, h), (w, h), None)
        layout = with_objects({"canvas": {"width": w, "height": h}, "objects": [], "style": "flat"}, add=objs)
        sprite = svg_to_image(layout_to_svg(layout, w, h, parts=False))
        out = out.convert("RGBA")
        out.alpha_composite(sprite)
        out = out.convert("RGB")
        added = [o["id"] for o in layout["objects"]]
    if img.mode == "RGBA":
        out = out.convert("RGBA")
        out.putalpha(img.getchannel("A"))
    return InpaintResult(out, "opencv navier-stokes" + (" + drawn object" if prompt else ""), [], added)
