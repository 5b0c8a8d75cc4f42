"""image.customize offline: the user's subject, cut from their photos, in a new scene drawn by
the offline engine (see subject.py for the cut-out and layout, blend.py for compositing)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Sequence

import numpy as np
from PIL import Image

from ....artifacts import Artifact
from ....context import Output, ToolContext
from ....errors import InputError
from .io import open_image, open_mask, save_png

ENGINE = "offline-image"
MAX_PHOTOS = 5
DETERMINERS = {"my", "our", "the", "a", "an", "his", "her", "their", "your", "this", "that"}


def photo_name(art: Artifact) -> str:
    return Path(str(art.meta.get("source") or art.path)).name


def split_name(name: str | None) -> tuple[str | None, str | None]:
    """'my dog Rex' -> ('Rex', 'dog'); 'Rex' -> ('Rex', None); 'my mug' -> ('mug', 'mug')."""
    from .kinds import lookup

    if not name or not name.strip():
        return None, None
    words = [w for w in re.findall(r"[\w'-]+", name) if w.lower() not in DETERMINERS]
    nouns = [w for w in words if lookup(w.lower())]
    rest = [w for w in words if w not in nouns]
    noun = lookup(nouns[-1].lower()) if nouns else None
    label = " ".join(rest) or (nouns[-1] if nouns else None)
    return label, noun


def scene_prompt(prompt: str, label: str | None, noun: str | None) -> str:
    """The scene's words with the concept's name said as its noun ('Rex in the snow' -> 'dog in the snow')."""
    text = prompt
    if label and label.lower() != (noun or "").lower():
        text = re.sub(rf"(?<![\w-]){re.escape(label)}(?![\w-])", noun or "subject", text, flags=re.I)
    return re.sub(r"\b(my|our)\s+(?=\w)", "a ", text, flags=re.I).strip()


def _load(images: Sequence[Artifact]) -> tuple[list[Image.Image], list[str]]:
    if isinstance(images, Artifact):
        images = [images]
    if not images or len(images) > MAX_PHOTOS:
        raise InputError(f"image.customize takes 1 to {MAX_PHOTOS} photos of one subject, got {len(images or [])}")
    return [open_image(a.path) for a in images], [photo_name(a) for a in images]


def customize(ctx: ToolContext, images: Sequence[Artifact], prompt: str, name: str | None = None,
              box: Sequence[float] | None = None, mask: Artifact | None = None, consent: bool | None = None,
              lora: str | None = None, width: int | None = None, height: int | None = None,
              seed: int | None = None) -> Output:
    from ....safety.likeness import screen_photos
    from . import blend
    from .scene import POST_EFFECTS, layout_to_svg, svg_to_image, with_objects
    from .subject import STAND_IN, TRANSFER, best_cut, scene_layout, target_box

    if not (prompt or "").strip():
        raise InputError("the prompt is empty; say where to put the subject, e.g. 'on a beach at sunset'")
    seed = ctx.seed if seed is None else seed
    W, H = int(width or 512), int(height or 512)
    # 1. photos, the likeness rules, the best cut-out
    photos, names = _load(images)
    label, noun = split_name(name)
    safety = screen_photos(photos, names, f"{prompt} {name or ''}", bool(consent), ctx.config)
    given = open_mask(mask.path, photos[0].size) if mask is not None else None
    cut, cuts = best_cut(photos, names, given, box)
    # 2. the scene, with a box for the subject
    text = scene_prompt(prompt, label, noun)
    layout, obj = scene_layout(text, noun, seed, W, H)
    stand_in = obj["name"] == STAND_IN
    left, top, right, bottom = target_box(cut, obj, W, H, stand_in)
    pixels, m = blend.resized(cut.rgba, cut.mask, right - left, bottom - top)
    layout = _seat_worn(layout, obj, m, left, top)
    front = [o["id"] for o in layout["objects"] if o["z"] > obj["z"] and _overlap(o["box"], (left, top, right, bottom))]
    # 3. composite: background, shadow, subject, what stands in front, the style's effect
    base = svg_to_image(layout_to_svg(layout, hide=[obj["id"], *front]))
    rgb = np.asarray(_flat(base))
    strength = TRANSFER.get(layout.get("style", "flat"), 0.25)
    pixels = blend.match_colour(pixels, m, rgb, strength)
    if layout.get("style") == "watercolour":
        pixels = blend.watercolour(pixels)
    if not _in_sky(obj):
        rgb = blend.contact_shadow(rgb, m, left, top)
    rgb = blend.paste(rgb, pixels, m, left, top)
    out = Image.fromarray(rgb)
    if front:
        layer = svg_to_image(layout_to_svg(with_objects(layout, remove=[o["id"] for o in layout["objects"]
                                                                        if o["id"] not in front]), parts=False))
        out.paste(layer, mask=layer.getchannel("A"))
    if layout.get("style") in POST_EFFECTS:
        from .instructions import Operation, apply_operations

        out = apply_operations(out, [Operation(POST_EFFECTS[layout["style"]], {"seed": seed % 1000})])
    path = save_png(out, ctx.out("image", ".png"), "image.customize", seed, prompt)
    return Output(path, meta={
        "engine": ENGINE, "method": "cut-out composite", "cutout": cut.method, "cut_score": round(cut.score, 3),
        "photos": [a.sha256 for a in images], "source_photo": images[cut.index].sha256,
        "source_box": list(cut.box),
        "photos_with_subject": len(cuts), "subject_box": [left, top, right, bottom], "noun": noun,
        "concept": label, "stand_in": stand_in, "colour_transfer": strength, "scene_prompt": text,
        "setting": layout.get("setting"), "style": layout.get("style"),
        "unknown_objects": [u for u in layout.get("unknown", []) if u != STAND_IN],
        "worn": {o["name"]: [round(v, 1) for v in o["box"]] for o in layout["objects"]
                 if any(r.get("relation") == "wears" and r.get("object") == o["name"] for r in layout.get("relations", []))},
        "scene_objects": sorted({o["name"] for o in layout["objects"] if o["id"] != obj["id"]}),
        "likeness": safety, **({"lora_ignored": "a LoRA adapter needs --backend neural"} if lora else {})})


def _seat_worn(layout: dict[str, Any], obj: dict[str, Any], mask: np.ndarray, left: int, top: int) -> dict[str, Any]:
    """Things the subject wears (a hat) sit on the top of the photo's subject, not where the
    drawn stand-in's head would have been: centred on its highest part, sized to its width."""
    from .scene import with_boxes

    worn = {r["object"] for r in layout.get("relations", []) if r.get("relation") == "wears"
            and r.get("subject") == obj["name"]}
    rows = np.nonzero(mask.any(axis=1))[0]
    if not worn or rows.size == 0:
        return layout
    band = mask[rows[0]:rows[0] + max(2, (rows[-1] - rows[0]) // 6)]
    xs = np.nonzero(band.any(axis=0))[0]
    cx, head = left + (xs[0] + xs[-1]) / 2, max(8.0, float(xs[-1] - xs[0]))
    boxes: dict[str, list[float]] = {}
    for o in layout["objects"]:
        if o["name"] in worn and o["kind"] == "hat":
            x0, y0, x1, y1 = o["box"]
            w = head * 1.1
            h = w * (y1 - y0) / max(1.0, x1 - x0)
            bottom = top + rows[0] + h * 0.35
            boxes[str(o["id"])] = [float(cx - w / 2), float(bottom - h), float(cx + w / 2), float(bottom)]
    return with_boxes(layout, dict(boxes)) if boxes else layout


def _flat(img: Image.Image) -> Image.Image:
    flat = Image.new("RGB", img.size, "#ffffff")
    flat.paste(img, mask=img.getchannel("A"))
    return flat


def _overlap(a: Sequence[float], b: Sequence[float]) -> bool:
    return min(a[2], b[2]) > max(a[0], b[0]) and min(a[3], b[3]) > max(a[1], b[1])


def _in_sky(obj: dict[str, Any]) -> bool:
    from .kinds import KINDS

    kind = KINDS.get(obj["kind"])
    return kind is not None and kind.place in ("sky",)
