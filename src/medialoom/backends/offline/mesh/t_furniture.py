"""Furniture templates: table, chair, stool, bench, bed, sofa, bookshelf, lamp."""

from __future__ import annotations

from .kit import (COLOURS, DARK, WHITE, WOOD, Spec, Template, around, ball, box, cone, cyl,
                  leg_spots, numbered, part, shade)
from .program import Part


def table(s: Spec) -> list[Part]:
    h, w, d = 0.75 * s.height, 1.2 * s.width, 0.8
    top_t = 0.05
    round_ = s.style == "round"
    if round_:
        top = part("top", cyl(0.5 * s.width, top_t, y=h - top_t / 2), s.main, s.material)
        spots = [(x, z) for x, z, _ in around(s.n("legs"), 0.36 * s.width, 0.4)]
    else:
        top = part("top", box(w, top_t, d, y=h - top_t / 2), s.main, s.material)
        spots = leg_spots(s.n("legs"), w / 2 - 0.07, d / 2 - 0.07)
    legs = [cyl(0.03, h - top_t, x, (h - top_t) / 2, z) for x, z in spots]
    return [top, *numbered("legs", "leg", legs, shade(s.main, 0.8), s.material)]


def chair(s: Spec) -> list[Part]:
    seat_h, w, d = 0.45 * s.height, 0.45 * s.width, 0.45
    parts = [part("seat", box(w, 0.05, d, y=seat_h), s.main, s.material)]
    legs = [box(0.04, seat_h - 0.025, 0.04, x, (seat_h - 0.025) / 2, z)
            for x, z in leg_spots(s.n("legs"), w / 2 - 0.03, d / 2 - 0.03)]
    parts += numbered("legs", "leg", legs, shade(s.main, 0.8), s.material)
    if s.on("back"):
        back_h = 0.45 * s.height
        parts.append(part("backrest", [box(w, back_h * 0.55, 0.035, y=seat_h + back_h * 0.62, z=-d / 2 + 0.02),
                                       box(0.04, back_h, 0.04, -w / 2 + 0.03, seat_h + back_h / 2, -d / 2 + 0.02),
                                       box(0.04, back_h, 0.04, w / 2 - 0.03, seat_h + back_h / 2, -d / 2 + 0.02)],
                          s.main, s.material))
    if s.on("arms"):
        arms = [box(0.05, 0.04, d, x, seat_h + 0.22, 0) for x in (-w / 2, w / 2)]
        arms += [box(0.035, 0.22, 0.035, x, seat_h + 0.11, d / 2 - 0.03) for x in (-w / 2, w / 2)]
        parts.append(part("armrests", arms, shade(s.main, 0.85), s.material, "arms"))
    return parts


def stool(s: Spec) -> list[Part]:
    h = 0.65 * s.height
    seat = part("seat", cyl(0.18 * s.width, 0.045, y=h), s.main, s.material)
    legs = [cyl(0.022, h, x, h / 2, z) for x, z, _ in around(s.n("legs"), 0.13 * s.width)]
    ringp = part("footrest", cyl(0.12 * s.width, 0.02, y=h * 0.35), shade(s.main, 0.8), s.material)
    return [seat, *numbered("legs", "leg", legs, shade(s.main, 0.8), s.material), ringp]


def bench(s: Spec) -> list[Part]:
    length, seat_h, d = 1.5 * s.width, 0.45 * s.height, 0.42
    n = s.n("slats")
    slat_d = d / n
    slats = [box(length, 0.04, slat_d * 0.85, y=seat_h, z=-d / 2 + slat_d * (i + 0.5)) for i in range(n)]
    parts = numbered("slats", "slat", slats, s.main, s.material)
    frame = shade(s.main, 0.55) if s.material == "wood" else DARK
    for i, x in enumerate((-length / 2 + 0.12, length / 2 - 0.12)):
        parts.append(part(f"leg_{i + 1}", [box(0.05, seat_h, 0.05, x, seat_h / 2, -d / 2 + 0.05),
                                           box(0.05, seat_h, 0.05, x, seat_h / 2, d / 2 - 0.05),
                                           box(0.05, 0.05, d, x, seat_h - 0.05, 0)], frame, "metal", "legs"))
    if s.on("back"):
        parts.append(part("backrest", [box(length, 0.12, 0.04, y=seat_h + 0.22, z=-d / 2),
                                       box(length, 0.12, 0.04, y=seat_h + 0.4, z=-d / 2)], s.main, s.material))
    return parts


def bed(s: Spec) -> list[Part]:
    w, length, h = 1.4 * s.width, 2.0, 0.3 * s.height
    parts = [part("frame", box(w + 0.08, 0.15, length + 0.08, y=h), WOOD, "wood"),
             part("mattress", box(w, 0.2, length, y=h + 0.17), WHITE, "fabric"),
             part("blanket", box(w + 0.04, 0.06, length * 0.6, y=h + 0.26, z=length * 0.2), s.main, "fabric"),
             part("headboard", box(w + 0.08, 0.9 * s.height, 0.06, y=h + 0.25, z=-length / 2 - 0.04), WOOD, "wood")]
    n = s.n("pillows")
    pillows = [box(w / n * 0.8, 0.1, 0.35, -w / 2 + w / n * (i + 0.5), h + 0.32, -length / 2 + 0.28) for i in range(n)]
    parts += numbered("pillows", "pillow", pillows, shade(s.main, 1.6), "fabric")
    legs = [box(0.07, h - 0.075, 0.07, x, (h - 0.075) / 2, z) for x, z in leg_spots(4, w / 2 - 0.02, length / 2 - 0.02)]
    return parts + numbered("legs", "leg", legs, shade(WOOD, 0.7), "wood")


def sofa(s: Spec) -> list[Part]:
    n, d, seat_h = s.n("cushions"), 0.85, 0.42 * s.height
    w = 0.6 * n * s.width
    parts = [part("base", box(w, 0.25, d, y=0.22), shade(s.main, 0.8), s.material),
             part("backrest", box(w + 0.3, 0.5 * s.height, 0.2, y=0.25 + 0.5 * s.height / 2, z=-d / 2 + 0.1),
                  s.main, s.material)]
    cushions = [box(w / n * 0.96, 0.14, d - 0.22, -w / 2 + w / n * (i + 0.5), seat_h, 0.1) for i in range(n)]
    parts += numbered("cushions", "cushion", cushions, shade(s.main, 1.15), s.material)
    if s.on("arms"):
        arms = [box(0.15, 0.62 * s.height * 0.9, d, x, 0.62 * s.height * 0.45 + 0.06, 0) for x in (-w / 2 - 0.075, w / 2 + 0.075)]
        parts += numbered("arms", "arm", arms, s.main, s.material)
    legs = [cyl(0.03, 0.1, x, 0.05, z) for x, z in leg_spots(4, w / 2, d / 2 - 0.06)]
    return parts + numbered("legs", "leg", legs, DARK, "wood")


def bookshelf(s: Spec) -> list[Part]:
    n, w, d = s.n("shelves"), 0.9 * s.width, 0.3
    h = 0.4 * n * s.height + 0.05
    parts = [part("sides", [box(0.03, h, d, -w / 2, h / 2, 0), box(0.03, h, d, w / 2, h / 2, 0)], s.main, s.material),
             part("back", box(w, h, 0.02, y=h / 2, z=-d / 2 + 0.01), shade(s.main, 0.8), s.material)]
    step = (h - 0.03) / n
    boards = [box(w, 0.03, d, y=0.015 + step * i) for i in range(n + 1)]
    parts += numbered("shelves", "shelf", boards, s.main, s.material)
    if s.on("books"):
        rng, palette = s.rng(), [COLOURS[c] for c in ("red", "blue", "green", "yellow", "purple", "orange", "teal")]
        for i in range(n):
            books, x = [], -w / 2 + 0.03
            while x < w / 2 - 0.1:
                t, bh = rng.uniform(0.03, 0.06), rng.uniform(0.6, 0.85) * step
                books.append(box(t, bh, d * 0.8, x + t / 2, 0.03 + step * i + bh / 2, 0.01))
                x += t + 0.004
            parts.append(part(f"books_{i + 1}", books, palette[i % len(palette)], "fabric", "books"))
    return parts


def lamp(s: Spec) -> list[Part]:
    h = 0.55 * s.height
    shade_c = s.main
    return [part("base", cyl(0.13 * s.width, 0.04, y=0.02), DARK if s.material != "wood" else WOOD, "metal"),
            part("pole", cyl(0.015, h, y=h / 2), COLOURS["silver"], "metal"),
            part("bulb", ball(0.05, y=h + 0.02), (1.0, 0.95, 0.6), "glass"),
            part("shade", cone(0.2 * s.width, 0.26, y=h + 0.08, segments=s.n("sides") or 0), shade_c, "fabric")]


TEMPLATES: tuple[Template, ...] = (
    Template("table", ("table", "desk", "dining table", "coffee table"), table, WOOD, "wood",
             counts={"legs": (4, 1, 8)}, styles=("round", "square")),
    Template("chair", ("chair", "armchair", "seat"), chair, COLOURS["brown"], "wood",
             counts={"legs": (4, 3, 6)}, flags={"back": True, "arms": False}),
    Template("stool", ("stool", "bar stool"), stool, WOOD, "wood", counts={"legs": (3, 3, 6)}),
    Template("bench", ("bench", "park bench"), bench, WOOD, "wood", counts={"slats": (3, 2, 6)},
             flags={"back": True}),
    Template("bed", ("bed",), bed, COLOURS["blue"], "fabric", counts={"pillows": (2, 1, 4)}),
    Template("sofa", ("sofa", "couch", "settee"), sofa, COLOURS["teal"], "fabric",
             counts={"cushions": (3, 1, 5)}, flags={"arms": True}),
    Template("bookshelf", ("bookshelf", "bookcase", "shelf", "shelves"), bookshelf, WOOD, "wood",
             counts={"shelves": (4, 1, 8)}, flags={"books": True}),
    Template("lamp", ("lamp", "desk lamp", "floor lamp", "table lamp", "light"), lamp, COLOURS["cream"], "fabric",
             counts={"sides": (0, 0, 12)}),
)
