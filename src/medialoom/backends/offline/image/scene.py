"""Scene API of the offline image engine: prompt -> layout -> SVG -> picture, and masks.

Stable API (other backends, e.g. the offline video engine, build on it):

    plan_layout(prompt, seed, width, height, style=None) -> dict
        The layout JSON (what image.layout writes and image.generate keeps in meta["layout"]):
        {"version": 1, "prompt": str, "seed": int, "canvas": {"width": W, "height": H},
         "setting": "beach" | ... | "plain", "background": same as setting, "style": "flat" |
         "sunset" | "night" | "watercolour",
         "objects": [{"id": "apple_1", "name": "apple", "kind": "apple" | "unknown",
                      "colour": "red" | None, "fill": "#e53935", "size": "medium",
                      "box": [x0, y0, x1, y1] (canvas pixels), "z": float (drawing order,
                      larger = in front), "flip": bool (mirrored), "shadow": bool}],
         "relations": [{"subject": "apple", "relation": "on", "object": "table"}],
         "unknown": ["gizmo"]}   # nouns drawn as labelled placeholders
    render_layout(layout, width=None, height=None) -> PIL.Image.Image (RGB)
        Renders any valid layout (boxes are scaled from the layout's canvas to width x height).
    with_boxes(layout, {object_id: [x0, y0, x1, y1]}) -> dict
        A copy with some objects moved / scaled (canvas pixels): animate by rendering
        `render_layout(with_boxes(layout, boxes_at_t), w, h)` per frame. `with_objects`
        adds/removes/replaces objects; `normalize_layout` accepts a hand-written layout.
    object_masks(layout, width, height) -> {object_id: bool ndarray}: the visible pixels of
        each object (occlusion by objects in front removed).
    region_masks(layout, width, height) -> {"sky" | "ground" | ...: bool ndarray}
    layout_to_svg(layout, width, height) -> str; svg_to_image(svg) -> RGBA image.
"""

from __future__ import annotations

import copy
import io
import math
import random
import re
from typing import Any, Iterable

import numpy as np
from PIL import Image

from .kinds import KINDS, UNKNOWN, Kind
from .palette import COLOURS, is_colour, jitter, resolve, tint
from .parse import SceneSpec, parse_prompt
from .pen import Pen
from .place import HORIZON, place
from .settings import background, defs, overlay

SAFE_ID = re.compile(r"[^A-Za-z0-9_.-]")
# what resvg would fetch from outside the SVG: images, external hrefs, url()s, entities
EXTERNAL = re.compile(r"<\s*image\b|<!ENTITY|<!DOCTYPE|href\s*=\s*[\"'](?!#)|url\(\s*['\"]?(?!#)", re.IGNORECASE)
FONT_FILES = ["/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
              "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"]
STYLES = ("flat", "sunset", "night", "watercolour", "rain", "fog", "sketch", "vintage")
POST_EFFECTS = {"rain": "rain", "fog": "fog", "sketch": "sketch", "vintage": "sepia"}
SIZE_WORDS = {0.55: "tiny", 0.75: "small", 1.0: "medium", 1.35: "large", 1.7: "huge", 1.8: "huge",
              1.3: "tall", 0.8: "short"}
SHIRTS = ("#1e88e5", "#e53935", "#43a047", "#8e24aa", "#fb8c00", "#00897b", "#ec407a")
VARIED = {"person": SHIRTS, "woman": SHIRTS, "child": SHIRTS, "girl": SHIRTS,
          "balloon": ("#e53935", "#1e88e5", "#fdd835", "#8e24aa"), "car": ("#e53935", "#1e88e5", "#43a047"),
          "flower": ("#ec407a", "#e53935", "#fdd835", "#8e24aa")}
FACING = {"cat", "dog", "bird", "fish", "horse", "cow", "sheep", "duck", "car", "bus", "bicycle",
          "boat", "sailboat", "plane", "fox", "deer"}


# -- planning ---------------------------------------------------------------------------------
def plan_layout(prompt: str, seed: int, width: int = 512, height: int = 512,
                style: str | None = None) -> dict[str, Any]:
    """The layout of a prompt: deterministic for (prompt, seed, width, height, style)."""
    spec = parse_prompt(prompt)
    rng = random.Random(f"{seed}:{prompt}")
    chosen = _style(style) or spec.style or "flat"
    setting = spec.setting or _default_setting(spec)
    if setting == "plain" and chosen in ("sunset", "night"):
        setting = "park"  # a sky to show the time of day
    objects = _objects(spec, place(spec, width, height, setting, rng), rng)
    relations = [{"subject": spec.groups[r.subject].noun, "relation": r.relation,
                  "object": " and ".join(spec.groups[o].noun for o in r.objects)} for r in spec.relations]
    return {"version": 1, "prompt": prompt, "seed": seed, "canvas": {"width": width, "height": height},
            "setting": setting, "background": setting, "style": chosen, "objects": objects,
            "relations": relations, "unknown": sorted({g.noun for g in spec.groups if g.kind is None}),
            **({"limited": spec.limited} if spec.limited else {})}


def _objects(spec: SceneSpec, items: list[Any], rng: random.Random) -> list[dict[str, Any]]:
    """Layout objects for placed items: ids, seeded colours, boxes, drawing order."""
    objects, counters = [], {}
    for it in items:
        g = spec.groups[it.group]
        name = g.noun
        counters[name] = counters.get(name, 0) + 1
        base = it.kind.colour if g.colour or it.kind.name not in VARIED else rng.choice(VARIED[it.kind.name])
        fill = jitter(resolve(g.colour, base), rng)
        objects.append({"id": f"{name.replace(' ', '_')}_{counters[name]}", "name": name,
                        "kind": it.kind.name if g.kind else "unknown", "colour": g.colour, "fill": fill,
                        "size": SIZE_WORDS.get(g.size, "medium"),
                        "box": [round(it.x0, 1), round(it.y0, 1), round(it.x1, 1), round(it.y1, 1)],
                        "z": round(it.z, 4), "shadow": it.shadow,
                        "flip": it.kind.name in FACING and rng.random() < 0.5 and it.flip_ok})
    return objects


def _default_setting(spec: SceneSpec) -> str:
    kinds = {g.kind for g in spec.groups}
    if kinds & {"sofa", "bed", "lamp"} or ("table" in kinds and not kinds & {"tree", "house", "car"}):
        return "room"
    if kinds & {"fish", "whale", "dolphin", "octopus", "submarine"} and not kinds & {"boat", "sailboat"}:
        return "underwater"
    if kinds & {"swan"}:
        return "lake"
    if kinds & {"astronaut"} and not kinds & {"house", "tree"}:
        return "space"
    if kinds & {"igloo"}:
        return "snow"
    if kinds & {"camel"}:
        return "desert"
    if kinds & {"lighthouse"}:
        return "beach"
    if kinds & {"boat", "sailboat", "sea"}:
        return "lake"
    if kinds & {"rocket"} and not kinds & {"house", "tree"}:
        return "space"
    if kinds & {"snowman"}:
        return "snow"
    if kinds & {"house", "tree", "horse", "cow", "sheep", "pine", "tent", "kite", "bicycle", "flower",
                "castle", "cactus", "palm", "mountain", "hill", "elephant", "giraffe", "zebra", "bird",
                "sun", "cloud", "plane", "balloon", "rainbow", "butterfly", "pig", "chicken", "rabbit",
                "lion", "unicorn", "dinosaur", "dragon", "tractor", "windmill", "helicopter", "bee", "bridge", "tower"}:
        return "park"
    return "plain"


def _style(style: str | None) -> str | None:
    """The offline style for a style word, or None when it has none."""
    if not style:
        return None
    s = style.lower().strip()
    aliases = {"watercolor": "watercolour", "painting": "watercolour", "cartoon": "flat", "clipart": "flat",
               "vector": "flat", "sunrise": "sunset", "dusk": "sunset", "pencil": "sketch", "drawing": "sketch",
               "line art": "sketch", "retro": "vintage", "sepia": "vintage", "old photo": "vintage",
               "rainy": "rain", "foggy": "fog", "misty": "fog"}
    s = aliases.get(s, s)
    return s if s in STYLES else None


# -- editing layouts -----------------------------------------------------------------------------
def normalize_layout(data: Any, width: int | None = None, height: int | None = None) -> dict[str, Any]:
    """A complete layout from a possibly hand-written one (missing fields filled, boxes given as
    0..1 fractions scaled to the canvas). Raises ValueError with one line on a bad layout."""
    if isinstance(data, list):
        data = {"objects": data}  # a bare list of objects
    if not isinstance(data, dict) or not isinstance(data.get("objects", []), list) or not (
            {"objects", "setting", "background"} & data.keys()):
        raise ValueError("a layout is a JSON object with an 'objects' list")
    out = copy.deepcopy(data)
    W, H = _canvas(out.get("canvas"), width, height)
    out["canvas"] = {"width": W, "height": H}
    from .parse import SETTINGS

    word = str(out.get("setting") or out.get("background") or "plain").lower().strip()
    setting = word if word in HORIZON else SETTINGS.get(word) or next(
        (SETTINGS[w] for w in word.replace("-", " ").split() if w in SETTINGS), "plain")
    out["setting"] = out["background"] = setting
    out["style"] = _style(out.get("style")) or "flat"
    seen: dict[str, int] = {}
    objs = []
    for i, o in enumerate(out.get("objects", [])):
        objs.append(_normal_object(o, i, W, H, seen))
    out["objects"] = objs
    out["unknown"] = sorted({o["name"] for o in objs if o["kind"] == "unknown"})
    out.setdefault("relations", [])
    out.setdefault("version", 1)
    return out


def _canvas(canvas: Any, width: int | None, height: int | None) -> tuple[int, int]:
    """Canvas width and height from a layout, each a whole number of pixels from 16 to 4096."""
    canvas = canvas if canvas is not None else {}
    if not isinstance(canvas, dict):
        raise ValueError("'canvas' must be an object like {\"width\": 512, \"height\": 512}")
    sizes = []
    for key, default in (("width", width), ("height", height)):
        value = canvas.get(key) if canvas.get(key) is not None else (default or 512)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 16 <= value <= 4096:
            raise ValueError(f"canvas {key} must be a number of pixels from 16 to 4096, got {value!r}")
        sizes.append(int(value))
    return sizes[0], sizes[1]


def _normal_object(o: Any, i: int, W: int, H: int, seen: dict[str, int]) -> dict[str, Any]:
    from .kinds import lookup

    if not isinstance(o, dict) or not o.get("name"):
        raise ValueError(f"layout object {i} needs a 'name'")
    box = o.get("box") or o.get("bbox")
    if not (isinstance(box, (list, tuple)) and len(box) == 4 and all(isinstance(v, (int, float)) for v in box)):
        raise ValueError(f"layout object {i} ({o['name']}) needs a 'box' [x0, y0, x1, y1]")
    if max(abs(v) for v in box) <= 1.0:
        box = [box[0] * W, box[1] * H, box[2] * W, box[3] * H]
    x0, y0, x1, y1 = (float(v) for v in box)
    if not all(math.isfinite(v) for v in (x0, y0, x1, y1)):
        raise ValueError(f"layout object {i} ({o['name']}) has a box that is not finite numbers")
    if x1 <= x0 or y1 <= y0:
        raise ValueError(f"layout object {i} ({o['name']}) has an empty box {list(box)}")
    name = str(o["name"]).lower().strip()
    kind = o.get("kind") if o.get("kind") in KINDS else (
        lookup(name.replace(" ", "_")) or next((k for w in reversed(name.split()) if (k := lookup(w))), None))
    seen[name] = seen.get(name, 0) + 1
    colour = o.get("colour") or o.get("color")
    colour = str(colour) if colour is not None else None
    default = resolve(colour, (KINDS[kind] if kind else UNKNOWN).colour)
    fill = o.get("fill")  # only colour syntax reaches the SVG: no attribute or element injection
    oid = SAFE_ID.sub("_", str(o.get("id") or f"{name.replace(' ', '_')}_{seen[name]}"))[:64]
    return {**o, "id": oid, "name": name, "kind": kind or "unknown", "colour": colour,
            "fill": resolve(fill, default) if is_colour(fill) else default,
            "size": o.get("size", "medium"), "box": [x0, y0, x1, y1], "z": float(o.get("z", y1 / H)),
            "flip": bool(o.get("flip", False))}


def with_boxes(layout: dict[str, Any], boxes: dict[str, Iterable[float]]) -> dict[str, Any]:
    """A copy of the layout with the given objects moved/scaled to new boxes (canvas pixels)."""
    out = copy.deepcopy(layout)
    for o in out["objects"]:
        if o["id"] in boxes:
            o["box"] = [float(v) for v in boxes[o["id"]]]
    return out


def with_objects(layout: dict[str, Any], remove: Iterable[str] = (),
                 add: Iterable[dict[str, Any]] = ()) -> dict[str, Any]:
    """A copy without the objects whose ids are in `remove`, plus the objects in `add`
    (each needs name and box; missing fields are filled)."""
    out = copy.deepcopy(layout)
    gone = set(remove)
    out["objects"] = [o for o in out["objects"] if o["id"] not in gone]
    W, H = out["canvas"]["width"], out["canvas"]["height"]
    seen = {o["name"]: sum(1 for p in out["objects"] if p["name"] == o["name"]) + 10 for o in out["objects"]}
    for i, o in enumerate(add):
        out["objects"].append(_normal_object(o, len(out["objects"]) + i, W, H, seen))
    out["unknown"] = sorted({o["name"] for o in out["objects"] if o["kind"] == "unknown"})
    names = {o["name"] for o in out["objects"]}
    out["relations"] = [r for r in out.get("relations", [])
                        if r.get("subject") in names and all(n in names for n in str(r.get("object", "")).split(" and "))]
    return out


# -- rendering ------------------------------------------------------------------------------------
def _object_svg(o: dict[str, Any]) -> str:
    kind: Kind = KINDS.get(o["kind"], UNKNOWN)
    x0, y0, x1, y1 = o["box"]
    dw, dh = kind.design
    sx, sy = (x1 - x0) / dw, (y1 - y0) / dh
    pen = Pen(o["fill"], var=(hash_unit(o["id"])), sw=3.0 * min(1.6, max(0.7, (dh / max(y1 - y0, 1)) ** 0.5)))
    body = kind.draw(pen) if kind is not UNKNOWN else _placeholder(o["name"], o["fill"], o.get("colour"))
    if o.get("flip"):
        transform = f"translate({x1:.2f},{y0:.2f}) scale({-sx:.5f},{sy:.5f})"
    else:
        transform = f"translate({x0:.2f},{y0:.2f}) scale({sx:.5f},{sy:.5f})"
    return f'<g id="obj-{o["id"]}" transform="{transform}">{body}</g>'


def hash_unit(text: str) -> float:
    import zlib

    return (zlib.crc32(text.encode()) % 1000) / 1000.0


def _placeholder(name: str, fill: str, colour: str | None) -> str:
    """An unknown noun: a labelled, dashed card in the object's colour (design box 120 x 100)."""
    face = tint(fill, 0.55) if colour else "#efeaf8"
    edge = fill if colour else "#7e57c2"
    label = name if len(name) <= 12 else name[:11] + "."
    size = min(22.0, 150.0 / max(len(label), 1))
    from xml.sax.saxutils import escape

    return (f'<rect x="3" y="3" width="114" height="94" rx="12" fill="{face}" stroke="{edge}" '
            f'stroke-width="4" stroke-dasharray="10 6"/>'
            f'<circle cx="60" cy="36" r="17" fill="{edge}"/>'
            f'<text x="60" y="44" font-family="DejaVu Sans" font-weight="bold" font-size="24" '
            f'text-anchor="middle" fill="#ffffff">?</text>'
            f'<text x="60" y="80" font-family="DejaVu Sans" font-size="{size:.1f}" text-anchor="middle" '
            f'fill="#2b2f33">{escape(label)}</text>')


def _shadow(o: dict[str, Any], H: float) -> str:
    kind = KINDS.get(o["kind"], UNKNOWN)
    if kind.place in ("sky", "backdrop", "water") or not o.get("shadow", True):
        return ""
    x0, y0, x1, y1 = o["box"]
    return (f'<ellipse cx="{(x0 + x1) / 2:.1f}" cy="{y1 - 1:.1f}" rx="{(x1 - x0) * 0.48:.1f}" '
            f'ry="{max(2.0, (x1 - x0) * 0.07):.1f}" fill="#1d2327" opacity="0.16"/>')


def layout_to_svg(layout: dict[str, Any], width: int | None = None, height: int | None = None, *,
                  only: str | None = None, hide: Iterable[str] = (), parts: bool = True) -> str:
    """SVG of a layout. `only` draws one object alone (for masks), `hide` leaves objects out,
    `parts=False` leaves the background out."""
    W, H = layout["canvas"]["width"], layout["canvas"]["height"]
    width, height = width or W, height or H
    hidden = set(hide)
    objs = sorted((o for o in layout["objects"] if o["id"] not in hidden and (only is None or o["id"] == only)),
                  key=lambda o: o.get("z", 0.0))
    style = layout.get("style", "flat")
    body = []
    if parts and only is None:
        rng = random.Random(f"bg:{layout.get('seed', 0)}")
        horizon = HORIZON.get(layout.get("setting", "plain"), .66) * H
        body += [f'<g id="bg-{p.name}">{p.svg}</g>' for p in background(layout.get("setting", "plain"), style, W, H, horizon, rng)]
        body += [_shadow(o, H) for o in objs]
    body += [_object_svg(o) for o in objs]
    if parts and only is None:
        body.append(overlay(style, W, H))
    inner = "".join(body)
    if style == "watercolour" and only is None:
        inner = f'{inner}<g filter="url(#wc)">{inner}</g>'
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="0 0 {W} {H}" preserveAspectRatio="none">{defs(style)}{inner}</svg>')


def svg_to_image(svg: str) -> Image.Image:
    """RGBA picture of an SVG (resvg, DejaVu Sans as the sans-serif font)."""
    import resvg_py

    if (found := EXTERNAL.search(svg)) is not None:  # never reads a file or URL into a picture
        from medialoom.errors import InputError

        raise InputError(f"the drawing refers to something outside it ({found.group(0)!r}); "
                         "a layout holds only names, boxes and colours")
    data = resvg_py.svg_to_bytes(svg_string=svg, skip_system_fonts=True, font_files=FONT_FILES,
                                 sans_serif_family="DejaVu Sans")
    img = Image.open(io.BytesIO(bytes(data)))
    img.load()
    return img.convert("RGBA")


def render_layout(layout: dict[str, Any], width: int | None = None, height: int | None = None,
                  hide: Iterable[str] = ()) -> Image.Image:
    """The picture of a layout at width x height (default: its canvas), RGB."""
    img = svg_to_image(layout_to_svg(layout, width, height, hide=hide))
    flat = Image.new("RGB", img.size, "#ffffff")
    flat.paste(img, mask=img.getchannel("A"))
    if layout.get("style") in POST_EFFECTS:
        from .instructions import Operation, apply_operations

        op = Operation(POST_EFFECTS[layout["style"]], {"seed": int(layout.get("seed", 0) or 0) % 1000})
        flat = apply_operations(flat, [op])
    return flat


def _alpha(svg: str) -> np.ndarray:
    return np.asarray(svg_to_image(svg).getchannel("A")) > 96


def object_masks(layout: dict[str, Any], width: int | None = None,
                 height: int | None = None) -> dict[str, np.ndarray]:
    """Visible pixels of each object: its own shape minus the objects drawn in front of it."""
    objs = sorted(layout["objects"], key=lambda o: o.get("z", 0.0))
    shapes = [_alpha(layout_to_svg(layout, width, height, only=o["id"])) for o in objs]
    out: dict[str, np.ndarray] = {}
    front = np.zeros_like(shapes[0]) if shapes else None
    for o, shape in zip(reversed(objs), reversed(shapes)):
        out[o["id"]] = shape & ~front
        front = front | shape
    return out


def region_masks(layout: dict[str, Any], width: int | None = None,
                 height: int | None = None) -> dict[str, np.ndarray]:
    """Visible pixels of each background part (sky, ground, sea ...), objects removed."""
    W, H = layout["canvas"]["width"], layout["canvas"]["height"]
    width, height = width or W, height or H
    style = layout.get("style", "flat")
    rng = random.Random(f"bg:{layout.get('seed', 0)}")
    horizon = HORIZON.get(layout.get("setting", "plain"), .66) * H
    parts = background(layout.get("setting", "plain"), style, W, H, horizon, rng)
    objs = _alpha(layout_to_svg(layout, width, height, parts=False)) if layout["objects"] else \
        np.zeros((height, width), bool)
    shapes = [(p.name, _alpha(f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
                              f'viewBox="0 0 {W} {H}" preserveAspectRatio="none">{p.svg}</svg>')) for p in parts]
    out: dict[str, np.ndarray] = {}
    covered = objs.copy()
    for name, shape in reversed(shapes):
        vis = shape & ~covered
        out[name] = out.get(name, np.zeros_like(vis)) | vis
        covered |= shape
    return out


def colour_names() -> list[str]:
    return sorted(COLOURS)
