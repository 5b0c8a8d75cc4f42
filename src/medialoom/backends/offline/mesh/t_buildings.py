"""Building and outdoor templates: house, castle tower, mushroom house, windmill, lighthouse,
tent, pyramid, fence."""

from __future__ import annotations

import math

from .kit import (COLOURS, DARK, GLASS, WHITE, WOOD, Spec, Template, around, ball, box, cone, cyl,
                  numbered, part, prism, shade)
from .program import Part


def house(s: Spec) -> list[Part]:
    w, d, floors = 2.0 * s.width, 1.6, s.n("floors")
    wall_h = 1.1 * floors * s.height
    parts = [part("walls", box(w, wall_h, d, y=wall_h / 2), s.main, s.material),
             part("roof", prism([(-w / 2 - 0.15, wall_h), (w / 2 + 0.15, wall_h), (0, wall_h + 0.5 * w)], d + 0.3),
                  COLOURS["dark red"], "brick"),
             part("door", box(0.36, 0.72, 0.04, y=0.36, z=d / 2 + 0.01), shade(WOOD, 0.7), "wood")]
    n = s.n("windows")
    slots = [(x, f) for f in range(floors) for x in (-w / 4 - 0.05, w / 4 + 0.05)]
    windows = [box(0.36, 0.36, 0.04, x, 0.62 + f * 1.1 * s.height, d / 2 + 0.01) for x, f in slots[:n]]
    side = [box(0.04, 0.36, 0.36, (w / 2 + 0.01) * (1 if i % 2 else -1), 0.62, 0) for i in range(max(0, n - len(slots)))]
    parts += numbered("windows", "window", windows + side, GLASS, "glass")
    if s.on("chimney"):
        parts.append(part("chimney", box(0.25, 0.7, 0.25, w / 4, wall_h + 0.5 * w * 0.55, -d / 4),
                          (0.6, 0.3, 0.2), "brick"))
    return parts


def castle_tower(s: Spec) -> list[Part]:
    r, h = 0.6 * s.width, 3.0 * s.height
    parts = [part("tower", cyl(r, h, y=h / 2, segments=24), s.main, s.material),
             part("door", box(0.42, 0.8, 0.1, y=0.4, z=r - 0.02), shade(WOOD, 0.6), "wood")]
    n = s.n("battlements")
    merlons = [box(0.2, 0.25, 0.16, x, h + 0.125, z, rot=(0, -a + 90, 0)) for x, z, a in around(n, r - 0.08)]
    parts += numbered("battlements", "merlon", merlons, shade(s.main, 0.9), s.material)
    slits = [box(0.07, 0.32, 0.08, x, h * 0.62, z, rot=(0, -a + 90, 0)) for x, z, a in around(4, r - 0.01, math.pi / 4)]
    parts += numbered("windows", "window", slits, DARK, "stone")
    if s.on("roof"):
        parts.append(part("roof", cone(r * 0.95, 1.3 * s.height, y=h + 0.25 + 0.65 * s.height, segments=24),
                          COLOURS["navy"], "brick"))
    if s.on("flag"):
        top = h + 0.25 + (1.3 * s.height if s.on("roof") else 0)
        parts.append(part("flagpole", cyl(0.02, 0.7, y=top + 0.3), COLOURS["silver"], "metal"))
        parts.append(part("flag", prism([(0, 0), (0.45, 0.15), (0, 0.3)], 0.02, 0.02, top + 0.33, 0), COLOURS["red"], "fabric"))
    return parts


def mushroom_house(s: Spec) -> list[Part]:
    stem_h, cap_r = 1.0 * s.height, 0.95 * s.width
    cap_y = stem_h + 0.05
    parts = [part("stem", cyl(0.5 * s.width, stem_h, y=stem_h / 2), COLOURS["cream"], "stone"),
             part("cap", ball(cap_r, y=cap_y, scale=(1, 0.62, 1)), s.main, s.material),
             part("door", box(0.28, 0.5, 0.04, y=0.25, z=0.5 * s.width - 0.005), shade(WOOD, 0.7), "wood"),
             part("window", cyl(0.1, 0.04, 0.28 * s.width, stem_h * 0.62, 0.43 * s.width, rot=(90, 0, 0)), GLASS, "glass")]
    dots = []
    for i, (theta, phi) in enumerate([(25, 20), (50, 80), (45, 170), (55, 250), (40, 320), (70, 130), (68, 20), (5, 0)][:s.n("spots")]):
        t, p = math.radians(theta), math.radians(phi)
        x, z = cap_r * math.sin(t) * math.cos(p), cap_r * math.sin(t) * math.sin(p)
        dots.append(ball(0.1 * s.width, x, cap_y + 0.62 * cap_r * math.cos(t), z, scale=(1, 0.6, 1)))
    return parts + numbered("spots", "spot", dots, WHITE, "plastic")


def windmill(s: Spec) -> list[Part]:
    h = 3.2 * s.height
    hub_y = h * 0.8
    parts = [part("tower", cone(0.75 * s.width, h, y=h / 2, segments=8), s.main, s.material),
             part("cap", ball(0.42 * s.width, y=hub_y, scale=(1, 0.9, 1)), COLOURS["dark red"], "wood"),
             part("door", box(0.3, 0.6, 0.06, y=0.3, z=0.68 * s.width), shade(WOOD, 0.6), "wood"),
             part("hub", cyl(0.1, 0.3, 0, hub_y, 0.5 * s.width, rot=(90, 0, 0)), DARK, "metal")]
    blades = []
    for i in range(s.n("blades")):
        a = 2 * math.pi * i / s.n("blades")
        blades.append(box(0.3, 1.5, 0.03, -math.sin(a) * 0.85, hub_y + math.cos(a) * 0.85, 0.62 * s.width,
                          rot=(0, 0, math.degrees(a))))
    return parts + numbered("blades", "blade", blades, COLOURS["cream"], "wood")


def lighthouse(s: Spec) -> list[Part]:
    n, h = s.n("stripes"), 3.6 * s.height
    seg_h = h / n
    bands = [cyl(0.55 * s.width * (1 - 0.3 * (i + 0.5) / n), seg_h, y=seg_h * (i + 0.5)) for i in range(n)]
    parts = [part(f"band_{i + 1}", b, s.main if i % 2 == 0 else WHITE, s.material, "stripes")
             for i, b in enumerate(bands)]
    top_r = 0.55 * s.width * 0.7
    parts += [part("gallery", cyl(top_r + 0.12, 0.06, y=h + 0.03), DARK, "metal"),
              part("lantern", cyl(top_r * 0.8, 0.5, y=h + 0.31), GLASS, "glass"),
              part("light", ball(top_r * 0.4, y=h + 0.31), (1.0, 0.92, 0.45), "glass"),
              part("roof", cone(top_r * 0.95, 0.45, y=h + 0.785), s.main, "metal"),
              part("door", box(0.3, 0.55, 0.05, y=0.275, z=0.55 * s.width - 0.02), shade(WOOD, 0.6), "wood")]
    return parts


def tent(s: Spec) -> list[Part]:
    w, h, d = 1.0 * s.width, 1.2 * s.height, 2.0
    parts = [part("canvas", prism([(-w, 0), (w, 0), (0, h)], d, y=0), s.main, s.material),
             part("door", prism([(-w * 0.35, 0), (w * 0.35, 0), (0, h * 0.7)], 0.02, z=d / 2 + 0.012),
                  shade(s.main, 0.45), s.material)]
    poles = [cyl(0.025, h + 0.2, 0, (h + 0.2) / 2, z) for z in (-d / 2 - 0.05, d / 2 + 0.05)]
    return parts + numbered("poles", "pole", poles, WOOD, "wood")


def pyramid(s: Spec) -> list[Part]:
    base, h = 1.5 * s.width, 1.4 * s.height
    if s.style == "stepped":
        n = s.n("steps")
        sides = [base * 1.4 * (1 - i / n) for i in range(n)]
        steps = [box(w, h / n, w, y=h / n * (i + 0.5)) for i, w in enumerate(sides)]
        return numbered("steps", "step", steps, s.main, s.material)
    return [part("pyramid", cone(base, h, y=h / 2, rot=(0, 45, 0), segments=4), s.main, s.material)]


def fence(s: Spec) -> list[Part]:
    n, h = s.n("posts"), 1.0 * s.height
    gap = 0.45 * s.width
    xs = [(i - (n - 1) / 2) * gap for i in range(n)]
    posts = [box(0.1, h, 0.05, x, h / 2) for x in xs]
    tips = [cone(0.075, 0.1, x, h + 0.05, rot=(0, 45, 0), segments=4) for x in xs]
    parts = [part(f"post_{i + 1}", [p, t], s.main, s.material, "posts") for i, (p, t) in enumerate(zip(posts, tips))]
    length = gap * (n - 1) + 0.2
    rails = [box(length, 0.08, 0.04, y=y * h, z=-0.045) for y in (0.3, 0.72)]
    return parts + numbered("rails", "rail", rails, shade(s.main, 0.85), s.material)


TEMPLATES: tuple[Template, ...] = (
    Template("house", ("house", "home", "cottage", "cabin", "hut"), house, COLOURS["cream"], "stone",
             counts={"floors": (1, 1, 4), "windows": (2, 0, 8)}, flags={"chimney": True}),
    Template("castle tower", ("castle tower", "castle", "tower", "turret", "keep"), castle_tower,
             (0.62, 0.6, 0.56), "stone", counts={"battlements": (10, 4, 16)}, flags={"roof": True, "flag": True}),
    Template("mushroom house", ("mushroom house", "mushroom", "toadstool", "fairy house"), mushroom_house,
             COLOURS["red"], "plastic", counts={"spots": (7, 0, 8)}),
    Template("windmill", ("windmill", "wind mill", "mill"), windmill, COLOURS["beige"], "wood",
             counts={"blades": (4, 2, 8)}),
    Template("lighthouse", ("lighthouse", "light house", "beacon"), lighthouse, COLOURS["red"], "stone",
             counts={"stripes": (5, 2, 9)}),
    Template("tent", ("tent", "camping tent"), tent, COLOURS["orange"], "fabric"),
    Template("pyramid", ("pyramid", "ziggurat"), pyramid, (0.86, 0.74, 0.5), "stone",
             counts={"steps": (5, 2, 10)}, styles=("stepped", "smooth")),
    Template("fence", ("fence", "picket fence", "railing"), fence, WHITE, "wood", counts={"posts": (6, 2, 15)}),
)
