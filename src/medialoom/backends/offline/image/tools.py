"""The offline image backends named in catalogue.py. Each one: (1) load and check inputs,
(2) do the work with the engine modules, (3) write the output with PNG text metadata and
return it with meta (the layout / scene graph for our own pictures)."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any, Sequence

from ....artifacts import Artifact
from ....context import Output, ToolContext
from ....errors import InputError, ToolError
from .io import open_image, open_mask, save_mask, save_png

ENGINE = "offline-image"


def _scene_meta(layout: dict[str, Any]) -> dict[str, Any]:
    counts = Counter(o["name"] for o in layout["objects"])
    return {"engine": ENGINE, "layout": layout, "objects": dict(counts),
            "unknown_objects": list(layout.get("unknown", [])), "setting": layout.get("setting"),
            "style": layout.get("style"), **({"limited": layout["limited"]} if layout.get("limited") else {})}


def _size(value: int | None, name: str) -> int:
    if value is None:
        return 512
    if not isinstance(value, int) or not 16 <= value <= 4096:
        raise InputError(f"{name} must be a whole number of pixels from 16 to 4096, got {value!r}")
    return value


def generate(ctx: ToolContext, prompt: str, negative_prompt: str | None = None, width: int | None = None,
             height: int | None = None, seed: int | None = None, style: str | None = None) -> Output:
    from .scene import STYLES, _style, plan_layout, render_layout, with_objects

    if not (prompt or "").strip():
        raise InputError("the prompt is empty; describe the picture, e.g. 'two red apples on a table'")
    seed = ctx.seed if seed is None else seed
    layout = plan_layout(prompt, seed, _size(width, "width"), _size(height, "height"), style)
    if negative_prompt:
        layout = with_objects(layout, remove=_negated(layout, negative_prompt))
    img = render_layout(layout)
    path = save_png(img, ctx.out("image", ".png"), "image.generate", seed, prompt)
    meta = _scene_meta(layout)
    if style and _style(style) is None:
        meta["style_note"] = (f"style '{style}' is not drawn offline; drew {layout['style']} clip-art "
                              f"(offline styles: {', '.join(STYLES)})")
    return Output(path, meta=meta)


def _negated(layout: dict[str, Any], negative: str) -> list[str]:
    from .parse import parse_prompt

    names = {g.noun for g in parse_prompt(negative).groups} | {g.kind for g in parse_prompt(negative).groups}
    return [o["id"] for o in layout["objects"] if o["name"] in names or o["kind"] in names]


def layout(ctx: ToolContext, prompt: str) -> Output:
    from .scene import plan_layout

    if not (prompt or "").strip():
        raise InputError("the prompt is empty; describe the scene to lay out")
    plan = plan_layout(prompt, ctx.seed, 512, 512)
    path = ctx.out("layout", ".json")
    path.write_text(json.dumps(plan, indent=1), encoding="utf-8")
    return Output(path, meta={"engine": ENGINE, "objects": len(plan["objects"]),
                              "unknown_objects": plan["unknown"], "setting": plan["setting"],
                              **({"limited": plan["limited"]} if plan.get("limited") else {})})


def from_layout(ctx: ToolContext, layout: Artifact, prompt: str | None = None) -> Output:
    from .scene import normalize_layout, render_layout

    try:
        data = normalize_layout(layout.read_json())
    except (ValueError, UnicodeDecodeError) as exc:
        raise InputError(f"the layout cannot be used: {exc}; see image.layout for the format") from exc
    data = _fill_setting(data, layout.read_json(), prompt)
    img = render_layout(data)
    path = save_png(img, ctx.out("image", ".png"), "image.from_layout", ctx.seed, prompt or data.get("prompt"))
    return Output(path, meta=_scene_meta(data))


def _fill_setting(data: dict[str, Any], raw: Any, prompt: str | None) -> dict[str, Any]:
    """A layout without a background gets one from the prompt's words, else from its objects
    (a lighthouse and a boat: the beach); a night or sunset needs a sky, not a plain wall."""
    from .parse import Group, SceneSpec, parse_prompt
    from .scene import _default_setting

    given = isinstance(raw, dict)
    words = parse_prompt(prompt) if prompt else SceneSpec()
    if words.style and not (given and raw.get("style")):
        data["style"] = words.style
    if not (given and (raw.get("setting") or raw.get("background"))):
        kinds = SceneSpec(groups=[Group(o["kind"], o["kind"]) for o in data["objects"]] + words.groups)
        setting = words.setting or _default_setting(kinds)
        if setting == "plain" and data["style"] in ("sunset", "night"):
            setting = "park"
        data["setting"] = data["background"] = setting
    if prompt:
        data["prompt"] = prompt
    return data


def edit(ctx: ToolContext, image: Artifact, instruction: str) -> Output:
    from .instructions import apply_operations, parse_instruction
    from .edit_ops import GEOMETRY_OPS

    ops = parse_instruction(instruction)
    img = open_image(image.path)
    out = apply_operations(img, ops)
    path = save_png(out, ctx.out("image", ".png"), "image.edit", ctx.seed, instruction)
    meta: dict[str, Any] = {"engine": ENGINE, "operations": [op.to_dict() for op in ops]}
    if "layout" in image.meta and not any(op.name in GEOMETRY_OPS for op in ops):
        meta.update(layout=image.meta["layout"], layout_edited=True)  # shapes unchanged: words still select
        before = image.meta.get("edit_chain") if image.meta.get("layout_edited") else []
        if before is not None:   # every edit since the render, so an inpaint can re-render and replay
            meta["edit_chain"] = list(before) + meta["operations"]
    return Output(path, meta=meta)


def _own(image: Artifact, size: tuple[int, int]) -> dict[str, Any] | None:
    from .own import own_layout

    return own_layout(image.meta, size)


def segment(ctx: ToolContext, image: Artifact, point: Sequence[float] | None = None,
            box: Sequence[float] | None = None, text: str | None = None) -> Output:
    from .selection import select

    from ....errors import BackendUnavailable

    img = open_image(image.path)
    try:
        sel = select(img, _own(image, img.size), point, box, text)
    except BackendUnavailable as exc:
        turned = [str(op.get("op")) for op in image.meta.get("operations", []) if isinstance(op, dict)]
        if image.meta.get("engine") != ENGINE or not turned:
            raise
        raise InputError(f"this picture was changed by '{', '.join(turned)}' since medialoom drew it, so its "
                         "objects are no longer where the scene says; select by words before that edit, give a "
                         "point or a box, or use --backend neural") from exc
    if not sel.mask.any():
        raise ToolError("the selection is empty; click on an object or draw a larger box")
    path = save_mask(sel.mask, ctx.out("mask", ".png"), "image.segment", ctx.seed)
    return Output(path, meta={"engine": ENGINE, "method": sel.method, "objects": sel.objects,
                              "pixels": int(sel.mask.sum())})


def inpaint(ctx: ToolContext, image: Artifact, mask: Artifact, prompt: str | None = None) -> Output:
    from .removal import inpaint_foreign, inpaint_own
    from .own import pristine

    img = open_image(image.path)
    m = open_mask(mask.path, img.size)
    if not m.any():
        raise InputError("the mask is empty (no white pixels); select a region first with image.segment")
    layout = _own(image, img.size)
    chain = _edit_chain(image.meta)
    result = inpaint_own(img, layout, m, prompt) if layout and (pristine(image.meta) or chain) else None
    if result is not None and chain:
        from .instructions import Operation, apply_operations

        ops = [Operation(str(d["op"]), {k: v for k, v in d.items() if k != "op"}) for d in chain]
        result.image, result.method = apply_operations(result.image, ops), result.method + " + edits replayed"
    if result is None:
        result = inpaint_foreign(img, m, prompt)
    path = save_png(result.image, ctx.out("image", ".png"), "image.inpaint", ctx.seed, prompt)
    meta: dict[str, Any] = {"engine": ENGINE, "method": result.method, "removed": result.removed,
                            "added": result.added}
    if prompt:
        from .parse import parse_prompt

        meta["unknown_objects"] = sorted({g.noun for g in parse_prompt(prompt).groups[:1] if g.kind is None})
    if result.layout is not None:
        meta.update(_scene_meta(result.layout))
        if chain:
            meta.update(layout_edited=True, edit_chain=chain, operations=chain)
    return Output(path, meta=meta)


def _edit_chain(meta: dict[str, Any]) -> list[dict[str, Any]] | None:
    """The colour edits made to our own render since it was drawn, when all are known."""
    chain = meta.get("edit_chain") if meta.get("layout_edited") else None
    if not isinstance(chain, list) or not chain or not all(isinstance(d, dict) and "op" in d for d in chain):
        return None
    return chain


def remove_background(ctx: ToolContext, image: Artifact) -> Output:
    from .cutout import cutout, subject_mask_foreign, subject_mask_own
    from .io import flatten

    img = open_image(image.path)
    layout = _own(image, img.size)
    mask, method = (subject_mask_own(layout, img.size), "scene") if layout is not None else (None, "")
    if mask is None or not mask.any():
        mask, method = subject_mask_foreign(flatten(img))
    if not mask.any():
        raise ToolError("found no subject to cut out; try image.segment with a click on the subject")
    out = cutout(img, mask)
    path = save_png(out, ctx.out("image", ".png"), "image.remove_background", ctx.seed)
    return Output(path, meta={"engine": ENGINE, "method": method, "subject_share": round(float(mask.mean()), 4)})


def caption(ctx: ToolContext, image: Artifact) -> Output:
    from .captions import caption_foreign, caption_own, count_faces

    img = open_image(image.path)
    layout = _own(image, img.size)
    faces = count_faces(img) if layout is None else None
    text = caption_own(layout) if layout is not None else caption_foreign(img, faces)
    if layout is not None and image.meta.get("operations"):
        names = ", ".join(str(op.get("op")) for op in image.meta["operations"])
        text = text.rstrip(".") + f" (edited: {names})."
    path = ctx.out("caption", ".txt")
    path.write_text(text + "\n", encoding="utf-8")
    meta = {"engine": ENGINE, "caption": text, "source": "scene" if layout else "pixels"}
    if layout is None:   # OpenCV without its face cascades (OpenCV 5 dropped them) says so
        meta["faces"] = faces if faces is not None else "not checked: this OpenCV build has no face cascade"
    return Output(path, meta=meta)


def upscale(ctx: ToolContext, image: Artifact, scale: float | None = None) -> Output:
    from .text import upscale as _upscale

    from .own import pristine
    from .scene import render_layout
    from .text import upscaled_size

    img = open_image(image.path)
    s = 2.0 if scale is None else float(scale)
    layout, chain = _own(image, img.size), _edit_chain(image.meta)
    meta: dict[str, Any] = {"engine": ENGINE, "scale": s}
    if layout is not None and img.mode == "RGB" and (pristine(image.meta) or chain):
        out = render_layout(layout, *upscaled_size(img, s))   # our own vector scene: drawn again, sharp
        if chain:
            from .instructions import Operation, apply_operations

            out = apply_operations(out, [Operation(str(d["op"]), {k: v for k, v in d.items() if k != "op"})
                                         for d in chain])
            meta.update(layout_edited=True, edit_chain=chain, operations=chain)
        meta.update(_scene_meta(layout), method="re-render")
    else:
        out, meta["method"] = _upscale(img, s), "lanczos + unsharp"
    path = save_png(out, ctx.out("image", ".png"), "image.upscale", ctx.seed)
    meta["size"] = list(out.size)
    return Output(path, meta=meta)


def combine(ctx: ToolContext, images: Sequence[Artifact], mode: str | None = None) -> Output:
    from . import collage as c

    if not images or len(images) < 2:
        raise InputError("image.combine needs at least two images")
    if len(images) > 64:
        raise InputError(f"image.combine takes at most 64 images, got {len(images)}")
    mode = (mode or "collage").lower()
    if mode not in ("collage", "grid", "panorama"):
        raise InputError(f"mode '{mode}' is not known; use collage, grid or panorama")
    from .io import flatten

    pics = [flatten(open_image(a.path)) for a in images]   # transparent parts show as white, not hidden pixels
    stitched = None
    if mode == "grid":
        out = c.grid(pics)
    elif mode == "collage":
        out = c.collage(pics, ctx.seed)
    else:
        out, stitched = c.panorama(pics)
    path = save_png(out, ctx.out("image", ".png"), "image.combine", ctx.seed)
    meta: dict[str, Any] = {"engine": ENGINE, "mode": mode, "count": len(pics)}
    if stitched is not None:
        meta["stitched"] = stitched
    return Output(path, meta=meta)


def add_text(ctx: ToolContext, image: Artifact, text: str, position: str | None = None) -> Output:
    from .text import add_text as _add_text

    img = open_image(image.path)
    out = _add_text(img, text, position or "bottom")
    path = save_png(out, ctx.out("image", ".png"), "image.add_text", ctx.seed, text)
    return Output(path, meta={"engine": ENGINE, "text": text, "position": position or "bottom"})
