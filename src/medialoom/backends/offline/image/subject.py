"""The user's own subject in a new scene, offline: cut the subject out of the photos, lay out
the scene with a box left for it, and composite the photo's pixels into that box.

    1. cut-outs: every photo's subject mask (a given mask or box, else the border-colour /
       GrabCut cut-out of image.remove_background); the best one is kept (one large solid
       part, not cut by the picture's edge); photos whose subjects differ are refused
    2. scene: the layout planner lays out the prompt with the subject's noun (or a stand-in)
       in it; that object's box is where the subject goes and it is not drawn
    3. composite: scale into the box (bottom-aligned), move colour and light part-way toward
       the scene (LAB mean / spread), a soft contact shadow, feathered edges; objects in front
       of the subject (a scarf it wears, a post before it) are drawn again on top
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

import numpy as np
from PIL import Image

from ....errors import InputError

MIN_SHARE, MAX_SHARE = 0.01, 0.95       # a subject covers this share of its photo
SAME_SUBJECT = 0.25                     # hue-saturation histogram correlation of one subject
SAME_COLOUR = 32.0                      # or LAB mean distance below this
STAND_IN = "subject"                    # the layout noun for a subject of no known kind
TRANSFER = {"sunset": 0.55, "night": 0.6, "vintage": 0.4}   # colour transfer strength per style


@dataclass
class Cut:
    rgba: Image.Image          # the subject's bounding box, alpha = feathered mask
    mask: np.ndarray           # bool, over the crop
    score: float
    method: str
    index: int                 # which photo
    box: tuple[int, int, int, int]   # in the photo


def _largest(mask: np.ndarray) -> tuple[np.ndarray, float]:
    import cv2

    n, labels, stats, _ = cv2.connectedComponentsWithStats(mask.astype(np.uint8), connectivity=8)
    if n <= 1:
        return mask, 0.0
    best = 1 + int(np.argmax(stats[1:, cv2.CC_STAT_AREA]))
    part = labels == best
    return part, float(part.sum()) / max(1.0, float(mask.sum()))


def subject_mask(img: Image.Image, mask: np.ndarray | None = None,
                 box: Sequence[float] | None = None) -> tuple[np.ndarray, str]:
    """The subject's pixels in a photo: a given mask, GrabCut inside a box, else the cut-out."""
    from .cutout import subject_mask_foreign, without_threads
    from .io import flatten
    from .selection import grabcut

    if mask is not None:
        return mask.astype(bool), "mask"
    rgb = flatten(img)
    if box is not None:
        w, h = rgb.size
        x0, y0, x1, y1 = (int(round(float(v))) for v in box)
        x0, x1 = sorted((max(0, min(w - 1, x0)), max(1, min(w, x1))))
        y0, y1 = sorted((max(0, min(h - 1, y0)), max(1, min(h, y1))))
        if x1 - x0 < 4 or y1 - y0 < 4:
            raise InputError(f"the box {list(box)} is too small or outside the {w}x{h} photo; draw it around "
                             "the subject")
        return without_threads(grabcut(np.asarray(rgb), (x0, y0, x1, y1))), "box"
    if img.mode == "RGBA" and np.asarray(img.getchannel("A")).min() < 128:
        return np.asarray(img.getchannel("A")) >= 128, "alpha"   # already cut out
    if _plain(rgb):
        return np.zeros((rgb.height, rgb.width), bool), "plain"   # GrabCut on an even picture takes seconds
    return subject_mask_foreign(rgb)


def _plain(rgb: Image.Image) -> bool:
    """Under 1% of the picture differs from its border's colour: nothing stands out."""
    import cv2

    lab = cv2.cvtColor(np.asarray(rgb), cv2.COLOR_RGB2LAB).astype(np.float32)
    border = np.concatenate([lab[0], lab[-1], lab[:, 0], lab[:, -1]])
    far = np.linalg.norm(lab - np.median(border, axis=0), axis=2) > 18
    return float(far.mean()) < MIN_SHARE


def cut_subject(img: Image.Image, index: int, mask: np.ndarray | None = None,
                box: Sequence[float] | None = None) -> Cut | None:
    """The subject of one photo, or None when none stands out."""
    from .cutout import cutout

    found, method = subject_mask(img, mask, box)
    share = float(found.mean())
    if not MIN_SHARE <= share <= MAX_SHARE:
        return None
    part, solid = _largest(found)
    ys, xs = np.nonzero(part)
    x0, y0, x1, y1 = int(xs.min()), int(ys.min()), int(xs.max()) + 1, int(ys.max()) + 1
    h, w = part.shape
    edge = np.concatenate([part[0], part[-1], part[:, 0], part[:, -1]]).mean()
    score = solid * (1.0 - min(1.0, 4 * float(edge))) * (1.0 if share < 0.7 else 0.6)
    crop = part[y0:y1, x0:x1]
    rgba = cutout(img.convert("RGB").crop((x0, y0, x1, y1)), crop)
    return Cut(rgba, crop, score, method, index, (x0, y0, x1, y1))


def colour_signature(cut: Cut) -> tuple[np.ndarray, np.ndarray]:
    """Hue-saturation histogram and LAB mean of the subject's pixels."""
    import cv2

    rgb = np.asarray(cut.rgba.convert("RGB"))
    m = cut.mask.astype(np.uint8)
    hsv = cv2.cvtColor(rgb, cv2.COLOR_RGB2HSV)
    hist = cv2.calcHist([hsv], [0, 1], m, [18, 8], [0, 180, 0, 256])
    cv2.normalize(hist, hist)
    lab = cv2.cvtColor(rgb, cv2.COLOR_RGB2LAB).astype(np.float32)[cut.mask]
    return hist, lab.mean(axis=0)


def same_subject(a: Cut, b: Cut) -> bool:
    import cv2

    (ha, ma), (hb, mb) = colour_signature(a), colour_signature(b)
    corr = float(cv2.compareHist(ha, hb, cv2.HISTCMP_CORREL))
    return corr >= SAME_SUBJECT or float(np.linalg.norm(ma - mb)) < SAME_COLOUR


def best_cut(photos: Sequence[Image.Image], names: Sequence[str], mask: np.ndarray | None = None,
             box: Sequence[float] | None = None) -> tuple[Cut, list[Cut]]:
    """The best cut-out of the photos (mask and box apply to the first). Raises InputError when
    no photo shows a subject or when the photos show different subjects."""
    cuts = []
    for i, img in enumerate(photos):
        cut = cut_subject(img, i, mask if i == 0 else None, box if i == 0 else None)
        if cut is not None:
            cuts.append(cut)
    if not cuts:
        which = names[0] if len(names) == 1 else ", ".join(names)
        raise InputError(f"found no subject in {which}; use a photo where the subject stands out from the "
                         "background, or give a box or mask on it")
    for other in cuts[1:]:
        if not same_subject(cuts[0], other):
            raise InputError(f"{names[cuts[0].index]} and {names[other.index]} seem to show different subjects; "
                             "give photos of one subject only")
    return max(cuts, key=lambda c: c.score), cuts


# -- the scene ----------------------------------------------------------------------------------
def scene_layout(prompt: str, noun: str | None, seed: int, width: int, height: int,
                 style: str | None = None) -> tuple[dict[str, Any], dict[str, Any]]:
    """The layout of the scene with the subject in it, and the subject's object."""
    import re

    from .scene import plan_layout

    word = noun or STAND_IN
    text = prompt.strip()
    if not re.search(rf"\b{re.escape(word)}s?\b", text, re.I):
        lead = "" if re.match(r"^(on|in|at|by|under|near|wearing|with|as|holding|beside|inside|over)\b", text, re.I) \
            else "in "
        text = f"a {word} {lead}{text}".strip()
    layout = plan_layout(text, seed, width, height, style)
    objs = [o for o in layout["objects"] if o["name"] == word or o["kind"] == word]
    if not objs:   # the noun was taken as something else: add a stand-in on the ground
        layout = plan_layout(f"a {STAND_IN} {text}", seed, width, height, style)
        objs = [o for o in layout["objects"] if o["name"] == STAND_IN]
    if not objs:
        raise InputError(f"cannot lay out '{prompt}' with the subject in it; describe the scene, e.g. "
                         "'on a beach at sunset'")
    return layout, objs[0]


def target_box(cut: Cut, obj: dict[str, Any], width: int, height: int, stand_in: bool) -> tuple[int, int, int, int]:
    """The subject's box in the scene: fitted into the object's box, bottom and centre kept."""
    x0, y0, x1, y1 = obj["box"]
    bw, bh = max(8.0, x1 - x0), max(8.0, y1 - y0)
    if stand_in:   # a stand-in card says where, not how big: a subject about 40% of the picture tall
        bh = max(bh, 0.42 * height)
        bw = max(bw, 0.42 * height)
    ch, cw = cut.mask.shape
    scale = min(bw / cw, bh / ch)
    w, h = max(4, round(cw * scale)), max(4, round(ch * scale))
    cx = (x0 + x1) / 2
    left = int(round(min(max(0.0, cx - w / 2), width - w)))
    bottom = int(round(min(height, y1)))
    top = max(0, bottom - h)
    return left, top, left + w, top + h
