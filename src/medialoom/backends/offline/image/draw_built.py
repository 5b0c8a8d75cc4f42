"""Parametric drawings of more things: pumpkin, robot, helicopter, candle, ice cream, igloo,
windmill, tower, tractor, submarine, piano, astronaut, bridge. Each returns SVG in its own design
box (noted beside each function); the fill is the thing's main colour."""

from __future__ import annotations

from .draw_wild import _warm, shade_of
from .palette import NEUTRAL_DARK, PALE_GLASS
from .pen import Pen, circle, ellipse, line, path, poly, rect

GLASS = f'stroke="{NEUTRAL_DARK}" stroke-width="2"'
STEM = "#5d8a3a"


def _wheel(cx: float, cy: float, r: float) -> str:
    return circle(cx, cy, r, "#2b2f33") + circle(cx, cy, r * 0.45, "#c0c6cc")


def pumpkin(p: Pen) -> str:  # 110 x 90
    stem = path("M52,20 Q50,8 58,2 L62,6 Q58,12 60,20 Z", STEM, p.line(shade_of(STEM), 2))
    lobes = (ellipse(30, 54, 26, 32, p.fill, p.line()) + ellipse(80, 54, 26, 32, p.fill, p.line())
             + ellipse(55, 54, 28, 34, p.fill, p.line()))
    ribs = path("M42,24 Q34,54 42,86 M68,24 Q76,54 68,86", "none", p.line(p.dark, 2))
    return stem + lobes + ribs


def robot(p: Pen) -> str:  # 100 x 150
    antenna = line(50, 4, 50, 18, NEUTRAL_DARK, 3) + circle(50, 6, 5, "#e53935" if not _red(p.fill) else "#fdd835")
    head = rect(24, 16, 52, 40, p.fill, p.line(), 8) + rect(32, 26, 36, 20, NEUTRAL_DARK, rx=5)
    eyes = circle(42, 36, 5, "#7fe7ff") + circle(58, 36, 5, "#7fe7ff")
    neck = rect(44, 54, 12, 8, p.dark)
    arms = rect(6, 66, 12, 44, p.fill, p.line(), 6) + rect(82, 66, 12, 44, p.fill, p.line(), 6)
    body = rect(18, 60, 64, 52, p.fill, p.line(), 6) + rect(32, 72, 36, 24, p.light, p.line(p.dark, 2), 4)
    buttons = "".join(circle(x, 84, 3.5, c) for x, c in ((40, "#e53935"), (50, "#43a047"), (60, "#1e88e5")))
    legs = rect(28, 110, 16, 34, p.dark, p.line(), 4) + rect(56, 110, 16, 34, p.dark, p.line(), 4)
    feet = rect(22, 140, 26, 8, NEUTRAL_DARK, rx=3) + rect(52, 140, 26, 8, NEUTRAL_DARK, rx=3)
    return antenna + legs + feet + arms + neck + body + buttons + head + eyes


def _red(colour: str) -> bool:
    import colorsys

    from .palette import to_rgb

    h, s, _ = colorsys.rgb_to_hsv(*(c / 255 for c in to_rgb(colour)))
    return s > 0.4 and (h < 0.04 or h > 0.93)


def helicopter(p: Pen) -> str:  # 200 x 100
    rotor = rect(20, 8, 150, 6, NEUTRAL_DARK, rx=3) + rect(88, 12, 8, 14, NEUTRAL_DARK)
    boom = path("M120,46 L186,40 L186,50 L120,62 Z", p.fill, p.line())
    tail = ellipse(188, 38, 4, 16, NEUTRAL_DARK)
    cabin = path("M40,56 Q40,24 92,24 Q130,24 132,56 Q132,80 92,80 L60,80 Q40,80 40,56 Z", p.fill, p.line())
    window = path("M48,54 Q50,32 80,30 L80,54 Z", PALE_GLASS, GLASS)
    skids = (line(62, 80, 58, 92, NEUTRAL_DARK, 3) + line(110, 80, 114, 92, NEUTRAL_DARK, 3)
             + line(40, 92, 132, 92, NEUTRAL_DARK, 4))
    return skids + boom + tail + cabin + window + rotor


def candle(p: Pen) -> str:  # 50 x 130
    flame_c = "#fff6d5" if _warm(p.fill) else "#fdb92e"
    flame = path("M25,6 Q36,24 25,36 Q14,24 25,6 Z", flame_c, p.line("#f08c00", 1.5)) + ellipse(25, 28, 3, 5, "#fffbe6")
    wick = line(25, 34, 25, 42, NEUTRAL_DARK, 2.5)
    body = rect(10, 42, 30, 80, p.fill, p.line(), 3) + path("M10,46 Q10,58 16,58 Q20,56 20,46 Z", p.light)
    holder = ellipse(25, 122, 22, 6, "#c0c6cc", p.line("#7d8790", 2))
    return holder + body + wick + flame


def ice_cream(p: Pen) -> str:  # 80 x 140
    cone_c = "#deb168"
    cone = poly([(14, 60), (66, 60), (40, 136)], cone_c, p.line(shade_of(cone_c), 2.5))
    left, right = (lambda t: (14 + 26 * t, 60 + 76 * t)), (lambda t: (66 - 26 * t, 60 + 76 * t))
    waffle = "".join(line(*a(t), *b(t + .34), shade_of(cone_c), 1.5)
                     for t in (0, .16, .32, .48) for a, b in ((left, right), (right, left)))
    scoops = circle(40, 30, 22, p.fill, p.line()) + path(
        "M10,62 Q8,44 24,44 Q40,40 56,44 Q72,44 70,62 Q62,70 56,62 Q48,72 40,62 Q32,72 24,62 Q18,70 10,62 Z",
        p.fill, p.line())
    cherry = circle(44, 7, 6, "#c62828" if not _red(p.fill) else "#6d4c41") + circle(42, 5, 1.8, "#ffffff")
    return cone + waffle + scoops + circle(32, 22, 5, p.light) + cherry


def igloo(p: Pen) -> str:  # 160 x 100
    dome = path("M6,96 Q6,10 80,10 Q154,10 154,96 Z", p.fill, p.line(p.dark if p.fill.lower() != "#e3f2fd" else "#90a4ae"))
    rows = "".join(path(f"M{10 + k * 3},{y} Q80,{y - 10} {150 - k * 3},{y}", "none", p.line("#90a4ae", 2))
                   for k, y in ((0, 78), (2, 58), (6, 38)))
    joints = "".join(line(x, y, x, y + 18, "#90a4ae", 2) for x, y in ((40, 60), (80, 58), (120, 60), (60, 40), (100, 40)))
    entrance = path("M52,96 L52,70 Q80,46 108,70 L108,96 Z", p.fill, p.line(p.dark, 2.5))
    door = path("M64,96 L64,76 Q80,62 96,76 L96,96 Z", "#33414d")
    return dome + rows + joints + entrance + door


def windmill(p: Pen) -> str:  # 130 x 180
    tower = poly([(44, 176), (52, 58), (78, 58), (86, 176)], p.fill, p.line())
    cap = path("M46,62 Q65,30 84,62 Z", p.dark, p.line())
    door = path("M58,176 L58,150 Q65,142 72,150 L72,176 Z", "#5d4037")
    win = rect(60, 96, 10, 14, PALE_GLASS, GLASS, 2)
    sails = "".join(f'<g transform="rotate({a + p.var * 30:.1f} 65 52)">'
                    + rect(61, 2, 8, 50, "#8d6e63") + rect(69, 6, 16, 42, "#f5f0e6", p.line("#8d6e63", 2))
                    + line(69, 20, 85, 20, "#8d6e63", 1.5) + line(69, 34, 85, 34, "#8d6e63", 1.5) + "</g>"
                    for a in (0, 90, 180, 270))
    return tower + door + win + cap + sails + circle(65, 52, 6, NEUTRAL_DARK)


def tower(p: Pen) -> str:  # 80 x 180
    top = path("M6,22 L6,6 L18,6 L18,14 L30,14 L30,6 L50,6 L50,14 L62,14 L62,6 L74,6 L74,22 L66,34 L14,34 Z",
               p.fill, p.line())
    shaft = rect(14, 32, 52, 144, p.fill, p.line())
    stones = "".join(line(14, y, 66, y, p.dark, 1.5) for y in range(52, 176, 24))
    wins = rect(32, 48, 16, 24, "#33414d", rx=7) + rect(32, 96, 16, 24, "#33414d", rx=7)
    door = path("M28,176 L28,146 Q40,134 52,146 L52,176 Z", "#5d4037")
    return shaft + stones + top + wins + door


def tractor(p: Pen) -> str:  # 190 x 130
    body = path("M20,96 L20,62 L104,62 L104,96 Z", p.fill, p.line())
    hood = rect(10, 66, 94, 30, p.fill, p.line(), 6) + "".join(line(20 + i * 12, 72, 20 + i * 12, 90, p.dark, 2) for i in range(4))
    cab = path("M96,96 L100,18 L164,18 L170,96 Z", p.fill, p.line()) + rect(92, 12, 80, 10, p.dark, p.line(), 3)
    win = rect(110, 28, 46, 36, PALE_GLASS, GLASS, 3)
    pipe = rect(36, 36, 7, 30, NEUTRAL_DARK, rx=2)
    return (pipe + body + hood + cab + win + circle(140, 96, 32, "#2b2f33") + circle(140, 96, 15, p.dark)
            + circle(140, 96, 5, "#c0c6cc") + circle(38, 108, 20, "#2b2f33") + circle(38, 108, 9, p.dark))


def submarine(p: Pen) -> str:  # 200 x 100
    prop = path("M186,58 L198,44 L198,82 Z", NEUTRAL_DARK)
    hull = rect(8, 40, 180, 48, p.fill, p.line(), 24)
    tower = path("M74,42 L80,18 L124,18 L130,42 Z", p.fill, p.line())
    scope = path("M100,18 L100,4 L112,4", "none", f'stroke="{NEUTRAL_DARK}" stroke-width="4"')
    ports = "".join(circle(x, 62, 8, PALE_GLASS, f'stroke="{p.dark}" stroke-width="3"') for x in (50, 90, 130))
    return prop + scope + tower + hull + ports + rect(176, 56, 14, 14, p.dark)


def piano(p: Pen) -> str:  # 160 x 140
    legs = rect(14, 110, 12, 28, p.dark) + rect(134, 110, 12, 28, p.dark)
    body = rect(8, 6, 144, 110, p.fill, p.line(p.deep), 4) + rect(8, 6, 144, 10, p.dark, rx=3)
    panel = rect(22, 24, 116, 30, p.light, p.line(p.deep, 1.5), 3)
    keys = rect(14, 66, 132, 26, "#fbfaf5", p.line(NEUTRAL_DARK, 1.5), 1)
    whites = "".join(line(14 + i * 11, 66, 14 + i * 11, 92, "#9aa0a6", 1) for i in range(1, 12))
    blacks = "".join(rect(14 + i * 11 - 3.5, 66, 7, 15, "#1d2327") for i in (1, 2, 4, 5, 6, 8, 9, 11))
    return legs + body + panel + keys + whites + blacks


def astronaut(p: Pen) -> str:  # 100 x 150
    pack = rect(14, 50, 72, 60, p.dark, p.line(), 8)
    legs = rect(28, 104, 18, 40, p.fill, p.line(), 6) + rect(54, 104, 18, 40, p.fill, p.line(), 6)
    boots = rect(24, 136, 24, 10, NEUTRAL_DARK, rx=4) + rect(52, 136, 24, 10, NEUTRAL_DARK, rx=4)
    arms = rect(6, 58, 16, 44, p.fill, p.line(), 8) + rect(78, 58, 16, 44, p.fill, p.line(), 8)
    body = rect(22, 54, 56, 58, p.fill, p.line(), 10) + rect(34, 70, 32, 18, p.light, p.line(p.dark, 2), 3)
    lights = circle(42, 79, 3, "#e53935") + circle(58, 79, 3, "#1e88e5")
    helmet = circle(50, 32, 28, p.fill, p.line())
    visor = ellipse(50, 34, 19, 15, "#2a3a5e", f'stroke="{NEUTRAL_DARK}" stroke-width="2"') + ellipse(42, 28, 6, 4, "#9fb8e0")
    return pack + legs + boots + arms + body + lights + helmet + visor


def bridge(p: Pen) -> str:  # 260 x 110
    deck = path("M0,40 L260,40 L260,106 L226,106 Q226,56 130,56 Q34,56 34,106 L0,106 Z", p.fill, p.line())
    rail = rect(0, 26, 260, 6, p.dark, rx=2) + "".join(rect(6 + i * 24, 26, 5, 16, p.dark) for i in range(11))
    stones = "".join(line(x, 44, x, 52, p.dark, 1.5) for x in range(20, 250, 24)) + line(0, 52, 260, 52, p.dark, 1.5)
    arch = path("M34,106 Q34,56 130,56 Q226,56 226,106", "none", p.line(p.deep, 4))
    return rail + deck + stones + arch
