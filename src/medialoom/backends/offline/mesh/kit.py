"""The building kit templates draw with: named colours, materials, the resolved parameters
of one object (Spec) and short constructors for primitives and parts."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from typing import Callable, Mapping

from .program import RGB, Part, Primitive, Vec3

COLOURS: Mapping[str, RGB] = {
    "red": (0.85, 0.12, 0.1), "dark red": (0.5, 0.05, 0.05), "crimson": (0.7, 0.05, 0.15),
    "orange": (0.95, 0.5, 0.08), "yellow": (0.95, 0.82, 0.1), "gold": (0.9, 0.72, 0.2),
    "green": (0.15, 0.62, 0.2), "dark green": (0.05, 0.35, 0.1), "lime": (0.55, 0.85, 0.2),
    "olive": (0.45, 0.48, 0.15), "teal": (0.05, 0.5, 0.5), "cyan": (0.1, 0.75, 0.85),
    "blue": (0.12, 0.3, 0.85), "light blue": (0.5, 0.72, 0.95), "navy": (0.05, 0.1, 0.4),
    "dark blue": (0.05, 0.12, 0.45), "purple": (0.5, 0.2, 0.7), "violet": (0.58, 0.35, 0.85),
    "pink": (0.95, 0.5, 0.7), "magenta": (0.85, 0.1, 0.6), "brown": (0.45, 0.28, 0.14),
    "beige": (0.85, 0.78, 0.62), "tan": (0.75, 0.6, 0.42), "white": (0.95, 0.95, 0.95),
    "black": (0.06, 0.06, 0.06), "grey": (0.5, 0.5, 0.5), "gray": (0.5, 0.5, 0.5),
    "silver": (0.78, 0.8, 0.83), "cream": (0.96, 0.93, 0.82), "turquoise": (0.2, 0.8, 0.75),
}

MATERIALS: Mapping[str, tuple[float, float, float]] = {
    # name: (metallic, roughness, alpha)
    "plastic": (0.0, 0.45, 1.0), "wood": (0.0, 0.8, 1.0), "metal": (1.0, 0.3, 1.0),
    "gold": (1.0, 0.25, 1.0), "glass": (0.0, 0.05, 0.45), "stone": (0.0, 0.95, 1.0),
    "fabric": (0.0, 1.0, 1.0), "ceramic": (0.0, 0.2, 1.0), "rubber": (0.0, 0.9, 1.0),
    "brick": (0.0, 0.9, 1.0), "snow": (0.0, 0.7, 1.0),
}

# words in a prompt that choose a material, and the colour it brings when none is named
MATERIAL_WORDS: Mapping[str, str] = {
    "wooden": "wood", "wood": "wood", "metal": "metal", "metallic": "metal", "steel": "metal",
    "iron": "metal", "chrome": "metal", "golden": "gold", "gold": "gold", "glass": "glass", "stone": "stone",
    "marble": "stone", "plastic": "plastic", "fabric": "fabric", "leather": "fabric",
    "ceramic": "ceramic", "porcelain": "ceramic", "rubber": "rubber", "brick": "brick",
}
MATERIAL_COLOURS: Mapping[str, RGB] = {
    "wood": (0.58, 0.38, 0.2), "metal": (0.72, 0.74, 0.77), "gold": (0.92, 0.74, 0.22),
    "glass": (0.72, 0.86, 0.95), "stone": (0.6, 0.6, 0.57), "ceramic": (0.94, 0.93, 0.9),
    "brick": (0.68, 0.28, 0.18), "rubber": (0.12, 0.12, 0.12), "fabric": (0.55, 0.45, 0.4),
}
WOOD: RGB = MATERIAL_COLOURS["wood"]
DARK: RGB = (0.12, 0.12, 0.14)
WHITE: RGB = COLOURS["white"]
GLASS: RGB = (0.55, 0.75, 0.92)


@dataclass(frozen=True)
class Spec:
    """The parameters one template build receives, resolved from the prompt's words."""

    main: RGB
    material: str
    height: float = 1.0
    width: float = 1.0
    counts: Mapping[str, int] = field(default_factory=dict)
    flags: Mapping[str, bool] = field(default_factory=dict)
    style: str = ""
    seed: int = 0

    def n(self, noun: str) -> int:
        return self.counts[noun]

    def on(self, feature: str) -> bool:
        return self.flags[feature]

    def rng(self) -> random.Random:
        return random.Random(self.seed)


@dataclass(frozen=True)
class Template:
    """One parametric object. `counts` maps a noun to (default, minimum, maximum); `flags`
    maps a feature to whether it is there by default; `styles` are words the builder reads."""

    name: str
    words: tuple[str, ...]
    build: Callable[[Spec], list[Part]]
    color: RGB
    material: str = "plastic"
    counts: Mapping[str, tuple[int, int, int]] = field(default_factory=dict)
    flags: Mapping[str, bool] = field(default_factory=dict)
    styles: tuple[str, ...] = ()


# -- primitive constructors (positions are centres, y is up) --------------------------------------
def box(w: float, h: float, d: float, x: float = 0, y: float = 0, z: float = 0,
        rot: Vec3 = (0, 0, 0)) -> Primitive:
    return Primitive("box", (w, h, d), (x, y, z), _v(rot))


def cyl(r: float, h: float, x: float = 0, y: float = 0, z: float = 0, rot: Vec3 = (0, 0, 0),
        segments: int = 0) -> Primitive:
    return Primitive("cylinder", (r, h), (x, y, z), _v(rot), segments=segments)


def cone(r: float, h: float, x: float = 0, y: float = 0, z: float = 0, rot: Vec3 = (0, 0, 0),
         segments: int = 0) -> Primitive:
    return Primitive("cone", (r, h), (x, y, z), _v(rot), segments=segments)


def ball(r: float, x: float = 0, y: float = 0, z: float = 0, scale: Vec3 = (1, 1, 1)) -> Primitive:
    return Primitive("sphere", (r,), (x, y, z), scale=_v(scale))


def ring(major: float, minor: float, x: float = 0, y: float = 0, z: float = 0,
         rot: Vec3 = (0, 0, 0), scale: Vec3 = (1, 1, 1)) -> Primitive:
    return Primitive("torus", (major, minor), (x, y, z), _v(rot), _v(scale))


def capsule(r: float, h: float, x: float = 0, y: float = 0, z: float = 0,
            rot: Vec3 = (0, 0, 0), scale: Vec3 = (1, 1, 1)) -> Primitive:
    return Primitive("capsule", (r, h), (x, y, z), _v(rot), _v(scale))


def prism(profile: list[tuple[float, float]], depth: float, x: float = 0, y: float = 0, z: float = 0,
          rot: Vec3 = (0, 0, 0)) -> Primitive:
    """A profile drawn in the x-y plane, extruded `depth` along z and centred on z."""
    return Primitive("extrusion", (depth,), (x, y, z), _v(rot),
                     profile=tuple((float(a), float(b)) for a, b in profile))


def part(name: str, prims: list[Primitive] | Primitive, color: RGB, material: str = "plastic",
         group: str = "") -> Part:
    prims = [prims] if isinstance(prims, Primitive) else prims
    return Part(name, tuple(prims), color, material, group)


def numbered(group: str, singular: str, prims: list[Primitive], color: RGB, material: str) -> list[Part]:
    """One part per primitive: leg_1, leg_2 ... in group "legs"."""
    return [part(f"{singular}_{i + 1}", p, color, material, group) for i, p in enumerate(prims)]


def around(n: int, radius: float, start: float = 0.0) -> list[tuple[float, float, float]]:
    """(x, z, angle in degrees) for n points evenly on a circle in the x-z plane."""
    out = []
    for i in range(n):
        a = start + 2 * math.pi * i / n
        out.append((radius * math.cos(a), radius * math.sin(a), math.degrees(a)))
    return out


def leg_spots(n: int, half_w: float, half_d: float) -> list[tuple[float, float]]:
    """Where n legs go under a rectangular top: the corners for 4, an ellipse otherwise."""
    if n == 4:
        return [(sx * half_w, sz * half_d) for sx, sz in ((-1, -1), (1, -1), (1, 1), (-1, 1))]
    return [(half_w * math.cos(2 * math.pi * i / n + math.pi / 2),
             half_d * math.sin(2 * math.pi * i / n + math.pi / 2)) for i in range(n)]


def shade(rgb: RGB, k: float) -> RGB:
    """Darker (k < 1) or lighter (k > 1) version of a colour."""
    if k <= 1:
        return (rgb[0] * k, rgb[1] * k, rgb[2] * k)
    t = min(1.0, k - 1)
    return tuple(c + (1 - c) * t for c in rgb)  # type: ignore[return-value]


def _v(values) -> Vec3:
    x, y, z = (float(v) for v in values)
    return (x, y, z)
