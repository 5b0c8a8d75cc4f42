"""Object templates: tree, snowman, car, rocket, teapot, mug, bottle, vase, robot, boat,
airplane, ball, donut."""

from __future__ import annotations

import math

from .kit import (COLOURS, DARK, GLASS, WHITE, WOOD, Spec, Template, around, ball, box, capsule, cone,
                  cyl, numbered, part, prism, ring, shade)
from .program import Part


def tree(s: Spec) -> list[Part]:
    trunk_h = 0.9 * s.height
    parts = [part("trunk", cyl(0.13 * s.width, trunk_h, y=trunk_h / 2), shade(WOOD, 0.75), "wood")]
    if s.style == "pine":
        n = s.n("layers")
        layers = [cone(0.75 * s.width * (1 - 0.55 * i / n), 1.0 * s.height, y=trunk_h * 0.7 + (0.5 + 0.55 * i) * s.height)
                  for i in range(n)]
        return parts + numbered("foliage", "layer", layers, s.main, s.material)
    crowns = [(0.0, 0.0, 0.62), (0.38, -0.25, 0.42), (-0.36, -0.18, 0.45), (0.05, 0.42, 0.4)]
    balls = [ball(r * s.width, x * s.width, trunk_h + 0.35 * s.height + y * 0.4 + r * 0.4, (x - y) * 0.3 * s.width,
                  scale=(1, s.height, 1)) for x, y, r in crowns]
    return parts + [part("foliage", balls, s.main, s.material)]


def snowman(s: Spec) -> list[Part]:
    names, radii = {2: (("bottom", "head"), (0.5, 0.3)), 3: (("bottom", "middle", "head"), (0.5, 0.36, 0.26)),
                    4: (("bottom", "middle", "chest", "head"), (0.5, 0.4, 0.32, 0.25))}[s.n("balls")]
    parts, y, prev = [], 0.0, 0.0
    for name, r in zip(names, radii):
        y += (prev * 0.8 + r * 0.8) * s.height if prev else r * 0.9 * s.height
        parts.append(part(name, ball(r * s.width, y=y, scale=(1, s.height, 1)), s.main, "snow", "body"))
        head_y, head_r, prev = y, r, r
    eye_y, face_z = head_y + head_r * 0.25, head_r * 0.9
    parts += numbered("eyes", "eye", [ball(0.035, x, eye_y, face_z) for x in (-0.09, 0.09)], DARK, "plastic")
    parts.append(part("nose", cone(0.045, 0.22, 0, head_y, head_r + 0.09, rot=(90, 0, 0)), COLOURS["orange"], "plastic"))
    body_r = radii[-2] if len(radii) > 1 else radii[0]
    buttons = [ball(0.04, 0, head_y - head_r - body_r * k, body_r * 0.92) for k in (0.5, 0.9, 1.3)]
    parts += numbered("buttons", "button", buttons, DARK, "plastic")
    if s.on("scarf"):
        parts.append(part("scarf", [ring(head_r * 0.85, 0.06, y=head_y - head_r * 0.8),
                                    box(0.1, 0.32, 0.04, 0.12, head_y - head_r - 0.15, head_r * 0.85, rot=(0, 0, 10))],
                          COLOURS["red"], "fabric"))
    if s.on("hat"):
        top = head_y + head_r * 0.85
        parts.append(part("hat", [cyl(head_r * 1.05, 0.03, y=top), cyl(head_r * 0.68, 0.32, y=top + 0.16)], DARK, "fabric"))
    if s.on("arms"):
        arm_y = head_y - head_r - body_r * 0.6
        arms = [cyl(0.025, 0.6, sx * (body_r + 0.2), arm_y + 0.12, 0, rot=(0, 0, sx * 60)) for sx in (-1, 1)]
        parts += numbered("arms", "arm", arms, shade(WOOD, 0.6), "wood")
    return parts


def car(s: Spec) -> list[Part]:
    length, w, body_h = 2.2 * s.width, 0.95, 0.42 * s.height
    cab = [(-0.65, 0.0), (0.45, 0.0), (0.2, 0.36 * s.height), (-0.5, 0.36 * s.height)]
    base_y = 0.25 + body_h
    parts = [part("body", box(length, body_h, w, y=0.25 + body_h / 2), s.main, s.material),
             part("cabin", prism(cab, w * 0.85, y=base_y), s.main, s.material),
             part("windows", prism([(x * 0.85 - 0.03, y * 0.8 + 0.03) for x, y in cab], w * 0.87, y=base_y), GLASS, "glass")]
    n = s.n("wheels")
    axles = n // 2
    xs = [(-length / 2 + 0.4) + i * (length - 0.8) / max(1, axles - 1) for i in range(axles)]
    wheels = [cyl(0.23, 0.18, x, 0.23, z, rot=(90, 0, 0)) for x in xs for z in (-w / 2, w / 2)]
    parts += numbered("wheels", "wheel", wheels, DARK, "rubber")
    lights = [ball(0.07, length / 2, 0.25 + body_h * 0.6, z) for z in (-w / 3, w / 3)]
    return parts + numbered("headlights", "headlight", lights, (1.0, 0.95, 0.6), "glass")


def rocket(s: Spec) -> list[Part]:
    r, h = 0.35 * s.width, 2.0 * s.height
    parts = [part("body", cyl(r, h, y=0.3 + h / 2), s.main, s.material),
             part("nose", cone(r, 0.75 * s.height, y=0.3 + h + 0.375 * s.height), COLOURS["red"], s.material),
             part("window", [cyl(r * 0.4, 0.06, 0, 0.3 + h * 0.7, r, rot=(90, 0, 0))], GLASS, "glass"),
             part("engine", cone(r * 0.7, 0.35, y=0.3 + 0.175, rot=(0, 0, 0)), DARK, "metal")]
    fins = [prism([(0, 0), (0.5 * s.width, 0), (0, 0.8 * s.height)], 0.05, x, 0.05, z, rot=(0, -a, 0))
            for x, z, a in around(s.n("fins"), r * 0.9)]
    parts += numbered("fins", "fin", fins, COLOURS["red"], s.material)
    if s.on("flame"):
        parts.append(part("flame", cone(r * 0.6, 0.7, y=-0.2, rot=(180, 0, 0)), COLOURS["orange"], "glass"))
    return parts


def teapot(s: Spec) -> list[Part]:
    r = 0.5 * s.width
    top = 0.4 * s.height + r * 0.75 * s.height
    return [part("body", ball(r, y=0.4 * s.height, scale=(1, 0.78 * s.height, 1)), s.main, s.material),
            part("lid", [cyl(r * 0.5, 0.08, y=top - 0.02), ball(0.07, y=top + 0.07)], shade(s.main, 0.85), s.material),
            part("spout", cone(0.09, 0.6, r + 0.15, 0.45 * s.height, 0, rot=(0, 0, -55)), s.main, s.material),
            part("handle", ring(0.22, 0.045, -r - 0.05, 0.42 * s.height, 0, rot=(90, 0, 0), scale=(1, 1, 1.2)),
                 shade(s.main, 0.85), s.material),
            part("base", cyl(r * 0.6, 0.06, y=0.03), shade(s.main, 0.8), s.material)]


def mug(s: Spec) -> list[Part]:
    r, h = 0.4 * s.width, 0.9 * s.height
    return [part("cup", cyl(r, h, y=h / 2), s.main, s.material),
            part("rim", ring(r - 0.02, 0.025, y=h), shade(s.main, 0.9), s.material),
            part("coffee", cyl(r - 0.04, 0.02, y=h - 0.005), (0.3, 0.17, 0.08), "ceramic"),
            part("handle", ring(0.24 * s.height, 0.05, r + 0.05, h / 2, 0, rot=(90, 0, 0)), s.main, s.material)]


def bottle(s: Spec) -> list[Part]:
    r, h = 0.3 * s.width, 1.0 * s.height
    return [part("body", [cyl(r, h, y=h / 2), ball(r, y=h, scale=(1, 0.7, 1))], s.main, s.material),
            part("neck", cyl(0.1 * s.width, 0.45, y=h + 0.35), s.main, s.material),
            part("cap", cyl(0.12 * s.width, 0.12, y=h + 0.6), COLOURS["gold"], "metal"),
            part("label", cyl(r + 0.006, h * 0.4, y=h * 0.5), WHITE, "fabric")]


def vase(s: Spec) -> list[Part]:
    h = s.height
    return [part("body", ball(0.42 * s.width, y=0.5 * h, scale=(1, 1.2 * h, 1)), s.main, s.material),
            part("neck", cyl(0.16 * s.width, 0.5 * h, y=1.05 * h), s.main, s.material),
            part("lip", ring(0.18 * s.width, 0.045, y=1.3 * h), shade(s.main, 0.8), s.material),
            part("foot", cyl(0.26 * s.width, 0.06, y=0.03), shade(s.main, 0.8), s.material)]


def robot(s: Spec) -> list[Part]:
    leg_h, tw, th = 0.7 * s.height, 0.8 * s.width, 0.9 * s.height
    torso_y = leg_h + th / 2
    head_y = leg_h + th + 0.05 + 0.27
    parts = [part("torso", box(tw, th, 0.5, y=torso_y), s.main, s.material),
             part("panel", box(tw * 0.5, th * 0.35, 0.02, y=torso_y + 0.05, z=0.26), COLOURS["cyan"], "plastic"),
             part("head", box(0.55, 0.5, 0.45, y=head_y), s.main, s.material),
             part("antenna", [cyl(0.02, 0.25, y=head_y + 0.37), ball(0.055, y=head_y + 0.5)], COLOURS["red"], "metal")]
    parts += numbered("eyes", "eye", [ball(0.06, x, head_y + 0.06, 0.22) for x in (-0.13, 0.13)], COLOURS["cyan"], "glass")
    arms = [capsule(0.08, 0.6 * s.height, sx * (tw / 2 + 0.1), torso_y - 0.05, 0) for sx in (-1, 1)]
    parts += numbered("arms", "arm", arms, shade(s.main, 0.8), "metal")
    legs = [box(0.2, leg_h, 0.25, sx * tw * 0.25, leg_h / 2 + 0.05, 0) for sx in (-1, 1)]
    parts += numbered("legs", "leg", legs, shade(s.main, 0.75), "metal")
    feet = [box(0.26, 0.1, 0.36, sx * tw * 0.25, 0.05, 0.05) for sx in (-1, 1)]
    return parts + numbered("feet", "foot", feet, DARK, "metal")


def boat(s: Spec) -> list[Part]:
    length, h, w = 2.4 * s.width, 0.5, 0.9 * s.width
    hull = [(-length / 2, h), (length / 2 + 0.2, h), (length / 2 - 0.2, 0), (-length / 2 + 0.2, 0)]
    parts = [part("hull", prism(hull, w), s.main, s.material),
             part("deck", box(length * 0.95, 0.04, w * 0.9, 0.05, h, 0), WOOD, "wood"),
             part("cabin", box(0.7, 0.4, w * 0.6, -0.4, h + 0.2, 0), WHITE, "wood")]
    if s.on("sail"):
        mast_h = 1.9 * s.height
        parts.append(part("mast", cyl(0.035, mast_h, 0.3, h + mast_h / 2, 0), shade(WOOD, 0.7), "wood"))
        parts.append(part("sail", prism([(0.35, h + 0.25), (1.2, h + 0.25), (0.35, h + mast_h - 0.05)], 0.02),
                          WHITE, "fabric"))
    return parts


def airplane(s: Spec) -> list[Part]:
    length, span = 3.0 * s.width, 3.2 * s.width
    y = 0.6
    parts = [part("fuselage", capsule(0.28, length - 0.56, 0, y, 0, rot=(0, 0, 90)), s.main, s.material),
             part("cockpit", ball(0.2, length / 2 - 0.45, y + 0.17, 0, scale=(1.6, 0.7, 1)), GLASS, "glass"),
             part("wings", box(0.7, 0.05, span, 0.1, y - 0.05, 0), shade(s.main, 0.85), s.material),
             part("tail", prism([(0, 0), (0.5, 0), (0.05, 0.6)], 0.05, -length / 2 + 0.05, y + 0.15, 0), COLOURS["red"], s.material),
             part("stabiliser", box(0.35, 0.04, 1.1, -length / 2 + 0.25, y + 0.15, 0), shade(s.main, 0.85), s.material)]
    n = s.n("engines")
    zs = [(i - (n - 1) / 2) * span * 0.6 / max(1, n - 1) if n > 1 else 0 for i in range(n)]
    zs = [z if abs(z) > 0.35 else (0.6 if z >= 0 else -0.6) for z in zs]
    engines = [cyl(0.13, 0.5, 0.2, y - 0.22, z, rot=(0, 0, 90)) for z in zs]
    return parts + numbered("engines", "engine", engines, COLOURS["silver"], "metal")


def sphere_ball(s: Spec) -> list[Part]:
    r = 0.5 * s.width
    parts = [part("ball", ball(r, y=r, scale=(1, s.height, 1)), s.main, s.material)]
    if s.style == "striped":
        parts.append(part("stripe", ring(r * 0.99, r * 0.08, y=r, scale=(1, s.height, 1)), WHITE, s.material))
    return parts


def donut(s: Spec) -> list[Part]:
    rng = s.rng()
    parts = [part("dough", ring(0.5 * s.width, 0.22, y=0.22, scale=(1, s.height, 1)), (0.85, 0.6, 0.3), "fabric"),
             part("icing", ring(0.5 * s.width, 0.2, y=0.22 + 0.07 * s.height, scale=(1, 0.75 * s.height, 1)),
                  s.main, s.material)]
    bits = []
    for _ in range(s.n("sprinkles")):
        a, d = rng.uniform(0, 2 * math.pi), rng.uniform(0.38, 0.62) * s.width
        bits.append(capsule(0.015, 0.06, d * math.cos(a), 0.22 + 0.2 * s.height, d * math.sin(a),
                            rot=(90, rng.uniform(0, 180), 0)))
    if bits:
        parts.append(part("sprinkles", bits, COLOURS["yellow"], "plastic"))
    return parts


TEMPLATES: tuple[Template, ...] = (
    Template("tree", ("tree", "christmas tree", "pine tree", "oak", "fir"), tree, COLOURS["green"], "plastic",
             counts={"layers": (3, 2, 6)}, styles=("pine", "round")),
    Template("snowman", ("snowman", "snow man", "snowmen"), snowman, WHITE, "snow", counts={"balls": (3, 2, 4)},
             flags={"hat": True, "scarf": True, "arms": True}),
    Template("car", ("car", "automobile", "truck", "taxi", "vehicle"), car, COLOURS["red"], "metal",
             counts={"wheels": (4, 4, 8)}),
    Template("rocket", ("rocket", "spaceship", "rocket ship"), rocket, WHITE, "metal", counts={"fins": (3, 2, 6)},
             flags={"flame": False}),
    Template("teapot", ("teapot", "tea pot", "kettle"), teapot, COLOURS["white"], "ceramic"),
    Template("mug", ("mug", "cup", "coffee cup", "coffee mug"), mug, COLOURS["blue"], "ceramic"),
    Template("bottle", ("bottle", "wine bottle", "flask"), bottle, COLOURS["dark green"], "glass"),
    Template("vase", ("vase", "urn", "jar"), vase, COLOURS["light blue"], "ceramic"),
    Template("robot", ("robot", "android", "droid"), robot, COLOURS["silver"], "metal"),
    Template("boat", ("boat", "sailboat", "ship", "yacht"), boat, COLOURS["navy"], "wood", flags={"sail": True}),
    Template("airplane", ("airplane", "aeroplane", "plane", "jet", "aircraft"), airplane, WHITE, "metal",
             counts={"engines": (2, 0, 4)}),
    Template("ball", ("ball", "sphere", "orb", "beach ball"), sphere_ball, COLOURS["red"], "rubber",
             styles=("striped", "plain")),
    Template("donut", ("donut", "doughnut"), donut, COLOURS["pink"], "plastic", counts={"sprinkles": (30, 0, 80)}),
)
