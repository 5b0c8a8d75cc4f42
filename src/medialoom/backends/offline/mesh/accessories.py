"""Parts "add a hat" can put on any model: each is drawn on top of the highest part (or around
it: a scarf), sized to that part's width."""

from __future__ import annotations

import math
from typing import Callable

from .kit import COLOURS, DARK, WHITE, around, ball, box, cone, cyl, part, prism, ring
from .program import Part

Spot = tuple[float, float, float, float, float]  # x, top y, z, width, height of the part below


def hat(s: Spot) -> list[Part]:
    x, y, z, w, _ = s
    return [part("hat", [cyl(w * 0.55, w * 0.04, x, y + w * 0.02, z), cyl(w * 0.34, w * 0.45, x, y + w * 0.245, z)],
                 DARK, "fabric")]


def crown(s: Spot) -> list[Part]:
    x, y, z, w, _ = s
    r = w * 0.32
    spikes = [cone(w * 0.07, w * 0.18, x + px, y + w * 0.2, z + pz) for px, pz, _ in around(6, r * 0.9)]
    return [part("crown", [cyl(r, w * 0.12, x, y + w * 0.06, z), *spikes], COLOURS["gold"], "gold")]


def flag(s: Spot) -> list[Part]:
    x, y, z, w, _ = s
    pole = max(w * 0.9, 0.4)
    return [part("flagpole", cyl(pole * 0.025, pole, x, y + pole / 2, z), COLOURS["silver"], "metal"),
            part("flag", prism([(0, 0), (pole * 0.6, pole * 0.2), (0, pole * 0.4)], pole * 0.02,
                               x + pole * 0.02, y + pole * 0.58, z), COLOURS["red"], "fabric")]


def antenna(s: Spot) -> list[Part]:
    x, y, z, w, _ = s
    h = max(w * 0.5, 0.2)
    return [part("antenna", [cyl(h * 0.04, h, x, y + h / 2, z), ball(h * 0.12, x, y + h, z)], COLOURS["red"], "metal")]


def star(s: Spot) -> list[Part]:
    x, y, z, w, _ = s
    r = max(w * 0.3, 0.12)
    points = []
    for i in range(10):
        a = math.pi / 2 + i * math.pi / 5
        k = r if i % 2 == 0 else r * 0.45
        points.append((k * math.cos(a), k * math.sin(a)))
    return [part("star", prism(points, r * 0.25, x, y + r * 0.95, z), COLOURS["yellow"], "gold")]


def candle(s: Spot) -> list[Part]:
    x, y, z, w, _ = s
    h = max(w * 0.4, 0.15)
    return [part("candle", cyl(h * 0.12, h, x, y + h / 2, z), WHITE, "plastic"),
            part("candle_flame", cone(h * 0.08, h * 0.25, x, y + h * 1.15, z), COLOURS["orange"], "glass")]


def scarf(s: Spot) -> list[Part]:
    x, y, z, w, h = s
    return [part("scarf", ring(w * 0.45, w * 0.08, x, y - h * 0.85, z), COLOURS["red"], "fabric")]


def chimney(s: Spot) -> list[Part]:
    x, y, z, w, _ = s
    return [part("chimney", box(w * 0.15, w * 0.35, w * 0.15, x + w * 0.25, y + w * 0.1, z), (0.6, 0.3, 0.2), "brick")]


ACCESSORIES: dict[str, Callable[[Spot], list[Part]]] = {
    "hat": hat, "top hat": hat, "crown": crown, "flag": flag, "antenna": antenna, "aerial": antenna,
    "star": star, "candle": candle, "scarf": scarf, "chimney": chimney,
}
