"""Instruction editing: words -> operations -> pixels.

Stable API (the offline video engine applies one parsed instruction to every frame):

    parse_instruction(text) -> list[Operation]     # raises InputError listing the vocabulary
    apply_operations(img: PIL.Image, ops) -> PIL.Image
    Operation(name, params)                         # frozen dataclass; params is a dict

Parsing is done once; applying is deterministic (random elements such as snowflakes and rain
streaks come from params["seed"]), so every frame of a video gets identical treatment.
Numbers are honoured: "20% brighter" -> brightness factor 1.2, "rotate 90" -> 90 degrees
clockwise, "blur 5" -> radius 5, "resize to 800x600", "crop to 16:9".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable

from PIL import Image

from ....errors import InputError
from ....lang.instructions import clauses as split_clauses, fraction
from ....lang.sizes import size_step

VOCABULARY = ("brighter / darker (20% brighter)", "more / less contrast", "more / less saturation",
              "warmer / cooler", "hue shift (shift hue 30)", "black and white", "sepia / vintage",
              "invert", "blur (blur 5)", "sharpen", "rotate (rotate 90, rotate left, upside down)",
              "flip horizontally / vertically", "crop (crop to square, crop 16:9, crop 10%, crop to the left half, zoom in 2x)",
              "resize (resize to 800x600, 50% smaller, 2x)", "vignette", "cartoon", "pencil sketch",
              "painting / oil painting", "winter", "night", "sunset", "fog", "rain")


@dataclass(frozen=True)
class Operation:
    name: str
    params: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"op": self.name, **self.params}


def _pct(clause: str, default: float) -> float:
    """A fraction from "20%", "by 0.3", "much", "a bit" (the instruction grammar's amount)."""
    return fraction(clause, default)


def _num(clause: str, default: float | None = None) -> float | None:
    m = re.search(r"(-?\d+(?:\.\d+)?)", clause)
    return float(m.group(1)) if m else default


def _more_less(clause: str, up: tuple[str, ...], down: tuple[str, ...]) -> int:
    if any(re.search(rf"\b{w}\b", clause) for w in down):
        return -1
    return 1 if any(re.search(rf"\b{w}\b", clause) for w in up) or True else 0


def _brightness(c: str) -> Operation:
    sign = -1 if re.search(r"\b(darker|darken|dim|dimmer|less|reduce|lower|decrease|underexpose[d]?)\b", c) else 1
    return Operation("brightness", {"factor": round(max(0.05, 1 + sign * _pct(c, 0.25)), 4)})


def _contrast(c: str) -> Operation:
    sign = _more_less(c, ("more", "increase", "higher", "boost"), ("less", "lower", "reduce", "decrease", "flatten"))
    return Operation("contrast", {"factor": round(max(0.05, 1 + sign * _pct(c, 0.3)), 4)})


def _saturation(c: str) -> Operation:
    down = re.search(r"\b(less|lower|reduce|decrease|desaturate|muted|dull|washed)\b", c)
    return Operation("saturation", {"factor": round(max(0.0, 1 + (-1 if down else 1) * _pct(c, 0.35)), 4)})


def _temperature(c: str) -> Operation:
    sign = -1 if re.search(r"\b(cool|cooler|colder|cold|blue|bluer)\b", c) else 1
    return Operation("temperature", {"amount": round(sign * _pct(c, 0.2), 4)})


def _hue(c: str) -> Operation:
    return Operation("hue", {"degrees": float(_num(c, 30.0)) % 360})  # type: ignore[arg-type]


def _rotate(c: str) -> Operation:
    if re.search(r"upside down|\b180\b", c):
        return Operation("rotate", {"degrees": 180.0})
    deg = float(_num(c, 90.0))  # type: ignore[arg-type]
    if re.search(r"\b(left|counter ?clockwise|anti ?clockwise|ccw)\b", c):
        deg = -deg
    return Operation("rotate", {"degrees": float(deg)})


def _flip(c: str) -> Operation:
    vertical = re.search(r"\b(vertical|vertically|upside|top to bottom)\b", c)
    return Operation("flip", {"axis": "vertical" if vertical else "horizontal"})


PARTS = {"half": 0.5, "third": 1 / 3, "quarter": 0.25, "two thirds": 2 / 3}


def _crop_region(c: str) -> list[float] | None:
    """"left half", "top third", "bottom right quarter" -> [x0, y0, x1, y1] as fractions."""
    part = re.search(r"\b(two thirds|half|third|quarter)\b", c)
    across = re.search(r"\b(left|right)\b", c)
    down = re.search(r"\b(top|upper|bottom|lower)\b", c)
    if not part or not (across or down):
        return None
    f = PARTS[part.group(1)]
    if across and down:
        f = 0.5 if f in (0.25, 0.5) else f
    box = [0.0, 0.0, 1.0, 1.0]
    if across:
        box[0], box[2] = (0.0, f) if across.group(1) == "left" else (1 - f, 1.0)
    if down:
        box[1], box[3] = (0.0, f) if down.group(1) in ("top", "upper") else (1 - f, 1.0)
    return [round(v, 4) for v in box]


def _crop(c: str) -> Operation:
    region = _crop_region(c)
    if region:
        return Operation("crop", {"region": region})
    if "square" in c:
        return Operation("crop", {"aspect": 1.0})
    m = re.search(r"(\d+)\s*[:x/]\s*(\d+)", c)
    if m and int(m.group(1)) <= 32 and int(m.group(2)) <= 32:
        return Operation("crop", {"aspect": int(m.group(1)) / int(m.group(2))})
    if m:
        return Operation("crop", {"width": int(m.group(1)), "height": int(m.group(2))})
    return Operation("crop", {"margin": _pct(c, 0.1)})


def _resize(c: str) -> Operation:
    m = re.search(r"(\d+)\s*[x×]\s*(\d+)", c)
    if m:
        return Operation("resize", {"width": int(m.group(1)), "height": int(m.group(2))})
    m = re.search(r"(\d+(?:\.\d+)?)\s*x\b|\b(?:times|by a factor of)\s*(\d+(?:\.\d+)?)", c)
    if m:
        return Operation("resize", {"scale": float(m.group(1) or m.group(2))})
    if re.search(r"\bhalf\b", c):
        return Operation("resize", {"scale": 0.5})
    if re.search(r"\b(double|twice)\b", c):
        return Operation("resize", {"scale": 2.0})
    m = re.search(r"width\s*(?:of|to|=)?\s*(\d+)", c)
    if m:
        return Operation("resize", {"width": int(m.group(1))})
    target = re.search(r"\bto\s+(\d+(?:\.\d+)?)\s*(%|percent)", c)
    if target:   # "scale down to 25%": the new size, not the change
        return Operation("resize", {"scale": round(float(target.group(1)) / 100, 4)})
    pct = _pct(c, 0.5)
    said = re.search(r"\d\s*(?:%|percent)|\b(?:by|of)\s+\d", c)  # "20% bigger": else the size words' step
    shrink = re.search(r"\b(smaller|shrink|reduce|down)\b", c)
    if shrink or re.search(r"\b(bigger|larger|enlarge|grow|up)\b", c):
        if not said:   # "bigger" x1.5, "a bit smaller" x0.8 (lang.sizes, as for 3D models)
            return Operation("resize", {"scale": round(size_step(c, shrink=bool(shrink)), 4)})
        return Operation("resize", {"scale": round((1 - pct if pct < 1 else 0.5) if shrink else 1 + pct, 4)})
    return Operation("resize", {"scale": round(pct if pct > 0 else 0.5, 4)})


def _zoom(c: str) -> Operation:
    """"zoom in 2x" keeps the middle half: a centre crop by the zoom factor."""
    m = re.search(r"(\d+(?:\.\d+)?)\s*(?:x|times)", c)
    factor = max(1.0, float(m.group(1))) if m else 1.5
    return Operation("crop", {"margin": round((1 - 1 / factor) / 2, 4)})


def _simple(name: str, **params: Any) -> Callable[[str], Operation]:
    return lambda c: Operation(name, dict(params))


def _blur(c: str) -> Operation:
    return Operation("blur", {"radius": float(_num(c, 4.0))})  # type: ignore[arg-type]


def _sharpen(c: str) -> Operation:
    return Operation("sharpen", {"amount": round(_pct(c, 1.0) if "%" in c else 1.0, 3)})


def _vignette(c: str) -> Operation:
    return Operation("vignette", {"strength": round(min(1.0, _pct(c, 0.5)), 3)})


# Patterns are tried in order; the first that matches a clause parses it.
RULES: tuple[tuple[str, Callable[[str], Operation]], ...] = (
    (r"blackwhite|\bb ?& ?w\b|gr[ae]y ?scale|\bgr[ae]y\b|monochrome|colou?rless|\bbw\b", _simple("grayscale")),
    (r"zoom(?:ed)? in|close[- ]?up|\bzoom\b", _zoom),
    (r"sepia|vintage|\bold\b|retro|antique|old-fashioned", _simple("sepia")),
    (r"\binvert|negative", _simple("invert")),
    (r"\bflip|\bmirror", _flip),
    (r"upside down|\brotat|\bturn\b.*\bdegrees?\b", _rotate),
    (r"\bcrop|\btrim\b", _crop),
    (r"\bresize|\bscale\b|\bsmaller\b|\bshrink|\bbigger\b|\blarger\b|\benlarge|\bhalf the size|\bdouble the size"
     r"|\btwice as (?:big|large)", _resize),
    (r"\bcontrast", _contrast),
    (r"saturat|vivid|vibrant|colou?rful|\bpop\b|muted|\bdull\b|washed", _saturation),
    (r"\bhue\b", _hue),
    (r"warm|\bcool|colder|\bcold\b|\btemperature", _temperature),
    (r"winter|snow|snowy|christmas", _simple("winter", seed=7)),
    (r"\bnight|\bdark(?:ness)? sky|\bmidnight|moonlight|evening", _simple("night")),
    (r"sunset|golden hour|sunrise|dusk", _simple("sunset")),
    (r"\bfog|\bmist|\bhaz[ey]", _simple("fog")),
    (r"\brain|\bstorm", _simple("rain", seed=11)),
    (r"bright|\bdark|\blighter\b|\bdim\b|exposure|lighten", _brightness),
    (r"less blur|unblur|de-?blur|less soft", _sharpen),
    (r"\bblur|\bsoft(?:en|er)?\b|out of focus|bokeh", _blur),
    (r"sharp|crisp|detail", _sharpen),
    (r"vignette", _vignette),
    (r"cartoon|comic|anime|toon", _simple("cartoon")),
    (r"sketch|pencil|drawing|line art", _simple("sketch")),
    (r"paint|oil|artistic|impressionis|stylis|styliz|watercolou?r", _simple("painting")),
)
FILLER = {"make", "it", "the", "a", "an", "image", "photo", "picture", "please", "more", "look", "like",
          "to", "into", "turn", "and", "then", "also", "with", "bit", "little", "can", "you", "this",
          "that", "me", "add", "some", "apply", "effect", "filter", "give", "so", "as", "if", "was", "is"}


def parse_instruction(text: str) -> list[Operation]:
    """Operations named by an instruction, in the order given. Raises InputError (one line,
    listing what is understood offline) when a part of it is not understood."""
    low = " " + text.lower().strip() + " "
    low = re.sub(r"black[\s-]*(?:and|&|n)[\s-]*white", "blackwhite", low)
    clauses = split_clauses(low)
    ops: list[Operation] = []
    unknown: list[str] = []
    for clause in clauses:
        for pattern, build in RULES:
            if re.search(pattern, clause):
                ops.append(build(clause))
                break
        else:
            if set(re.findall(r"[a-z]+", clause)) - FILLER:
                unknown.append(clause)
    if unknown or not ops:
        what = f"'{unknown[0]}'" if unknown else f"'{text.strip()}'"
        raise InputError(f"the offline editor does not understand {what}; it understands: "
                         + ", ".join(VOCABULARY) + " (or use --backend neural for free-form edits)")
    return ops


def apply_operations(img: Image.Image, ops: list[Operation]) -> Image.Image:
    """The image with every operation applied in order (alpha, when present, is kept)."""
    from .edit_ops import apply_one

    for op in ops:
        img = apply_one(img, op)
    return img
