"""Checking a picture against a request.

Our own pictures carry the layout they were drawn from: every object's visible pixels are
compared with a fresh render of that layout (present or missing), asked colours are read on the
object's pixels, counts and relative positions come from the objects found present. Any other
picture: CLIP score and zero-shot detection when those models are on this machine, else the
object check says it is not available. Every picture: blank or not, size when asked."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np

from .asked import Asked, Thing
from .pixels import blank, colour_share, match_share
from .report import Report

PRESENT = 0.5          # share of an object's visible pixels that must match the layout's render
COLOUR_SHARE = 0.2     # share of an object's pixels that must read as the asked colour
MIN_PIXELS = 24        # an object hidden behind others below this is not judged on pixels
WORK_SIZE = 320        # pictures are judged at most this large (longest side)


def check_image(path: Path, asked: Asked, meta: Mapping[str, Any] | None, config: Any = None) -> Report:
    from ..backends.offline.image.io import open_image

    img = open_image(path)
    rgb = np.asarray(img.convert("RGB"))
    report = Report("image")
    spread = report.measure("contrast", blank(rgb))
    report.expect(spread >= 2.0, "picture", "something drawn", "a blank picture (one flat colour)",
                  {"op": "reseed"}, asked=False)
    if asked.size:
        report.expect(tuple(img.size) == asked.size, "size", f"{asked.size[0]}x{asked.size[1]}",
                      f"{img.size[0]}x{img.size[1]}")
    from ..backends.offline.image.own import own_layout, pristine

    layout = own_layout(meta, img.size)
    things = [t for t in asked.things if t.kind or (layout and _named(layout, t))]
    if layout is not None and things:
        _against_layout(report, rgb, layout, pristine(meta), asked, things)
    elif things:
        from .neural import judge_image

        judge_image(report, path, asked, things, config)
    if asked.text:
        _text(report, rgb, asked.text)
    return report


def _text(report: Report, rgb: np.ndarray, text: str) -> None:
    from .ocr import read_words, share_found, tesseract

    if tesseract() is None:
        report.not_checked.append(f"text '{text}' in the picture: needs tesseract (apt install tesseract-ocr)")
        return
    words = read_words(rgb, text)
    share = report.measure("text_found", share_found(text, words))
    report.expect(share >= 0.99, "text", text, " ".join(sorted(words)) or "no text", {"op": "reseed"})


def _named(layout: dict[str, Any], thing: Thing) -> bool:
    return any(o["name"] == thing.noun for o in layout["objects"])


def _against_layout(report: Report, rgb: np.ndarray, layout: dict[str, Any], exact: bool, asked: Asked,
                    things: list[Thing]) -> None:
    import cv2

    from ..backends.offline.image.scene import object_masks, render_layout

    h, w = rgb.shape[:2]
    scale = min(1.0, WORK_SIZE / max(w, h))   # judged on a smaller copy: the renders cost less
    if scale < 1.0:
        sw, sh = max(1, round(w * scale)), max(1, round(h * scale))
        rgb, (w, h), size = cv2.resize(rgb, (sw, sh), interpolation=cv2.INTER_AREA), (sw, sh), (w, h)
    else:
        size = (w, h)
    masks = object_masks(layout, w, h) if layout["objects"] else {}
    present: dict[str, bool] = {}
    if exact:
        reference = np.asarray(render_layout(layout, w, h).convert("RGB"))
        for o in layout["objects"]:
            mask = masks[o["id"]]
            present[o["id"]] = int(mask.sum()) < MIN_PIXELS or match_share(rgb, reference, mask) >= PRESENT
    else:   # edited since it was drawn: the layout says where things are, colours are still read
        present = {o["id"]: True for o in layout["objects"]}
        report.not_checked.append("objects present on the pixels: the picture was edited after it was drawn")
    met = total = 0
    for thing in things:
        objs = [o for o in layout["objects"] if o["name"] == thing.noun or (thing.kind and o["kind"] == thing.kind)]
        found = [o for o in objs if present[o["id"]]]
        fix = _fix(thing, objs, found, layout, size)
        report.expect(len(found) == thing.count, f"{thing.noun} count", thing.count, len(found), fix)
        met, total = met + (len(found) == thing.count), total + 1
        if thing.colour:
            for o in found:
                share = colour_share(rgb, masks[o["id"]], thing.colour)
                report.expect(share >= COLOUR_SHARE, f"{o['id']} colour", thing.colour,
                              f"{share:.0%} of its pixels {thing.colour}", {"op": "reseed"})
                met, total = met + (share >= COLOUR_SHARE), total + 1
    for rel in asked.relations:
        verdict = _relation(layout, present, rel.subject, rel.relation, rel.object)
        if verdict is not None:
            report.expect(verdict, f"{rel.subject} {rel.relation.replace('_', ' ')} {rel.object}", "yes", "no",
                          {"op": "reseed"})
            met, total = met + verdict, total + 1
    report.measure("objects_found", sum(present.values()) / max(1, len(present)))
    report.measure("match", 100.0 * met / max(1, total))


def _fix(thing: Thing, objs: list[dict[str, Any]], found: list[dict[str, Any]], layout: dict[str, Any],
         size: tuple[int, int]) -> dict[str, Any]:
    """Objects the layout planned but the pixels lack are added in their boxes (SLD-style);
    a layout with the wrong number is laid out again."""
    missing = [o for o in objs if o not in found]
    if len(found) < thing.count and missing and len(objs) >= thing.count:
        words = " ".join(w for w in (thing.colour, thing.noun) if w)
        return {"op": "add", "boxes": [o["box"] for o in missing[: thing.count - len(found)]],
                "prompt": f"a {words}", "canvas": (layout["canvas"]["width"], layout["canvas"]["height"]),
                "size": size}
    return {"op": "reseed"}


def _centre(layout: dict[str, Any], present: dict[str, bool], noun: str) -> tuple[float, float, float, float] | None:
    boxes = [o["box"] for o in layout["objects"] if o["name"] == noun and present[o["id"]]]
    if not boxes:
        return None
    xs = [(b[0] + b[2]) / 2 for b in boxes]
    ys = [(b[1] + b[3]) / 2 for b in boxes]
    return sum(xs) / len(xs), sum(ys) / len(ys), min(b[1] for b in boxes), max(b[3] for b in boxes)


def _relation(layout: dict[str, Any], present: dict[str, bool], a: str, rel: str, b: str) -> bool | None:
    """Left/right/above/below/on from the boxes of the objects found; None when not measurable."""
    ca, cb = _centre(layout, present, a), _centre(layout, present, b)
    if ca is None or cb is None:   # a missing object is already named by its count
        return None
    return {"left_of": ca[0] < cb[0], "right_of": ca[0] > cb[0], "above": ca[1] < cb[1],
            "below": ca[1] > cb[1], "on": ca[3] <= cb[2] + 0.6 * (cb[3] - cb[2])}.get(rel)
