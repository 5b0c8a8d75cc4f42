"""Drawings of buildings and vehicles (design boxes in kinds.py)."""

from __future__ import annotations

from .palette import NEUTRAL_DARK, PALE_GLASS
from .pen import Pen, circle, line, path, poly, rect

GLASS = f'stroke="{NEUTRAL_DARK}" stroke-width="2"'


def _wheel(cx: float, cy: float, r: float) -> str:
    return circle(cx, cy, r, "#2b2f33") + circle(cx, cy, r * 0.45, "#c0c6cc")


def house(p: Pen) -> str:  # 120 x 120
    walls = rect(14, 52, 92, 66, p.fill, p.line())
    roof = poly([(4, 56), (60, 8), (116, 56)], p.dark, p.line())
    chimney = rect(82, 16, 12, 26, p.dark, p.line())
    door = rect(50, 80, 20, 38, "#5b4636", 'stroke="#3e2f25" stroke-width="2"', 3) + circle(65, 100, 2, "#e8d8b8")
    n = 1 if p.var < 0.5 else 2
    wins = "".join(rect(x, 66, 18, 18, PALE_GLASS, GLASS) + line(x + 9, 66, x + 9, 84, NEUTRAL_DARK, 1.5)
                   for x in ((24, 78) if n == 2 else (24, 78)))
    return chimney + walls + roof + door + wins


def castle(p: Pen) -> str:  # 160 x 150
    def crenel(x: float, y: float, w: float) -> str:
        return "".join(rect(x + i * w / 5, y - 10, w / 5 * 0.6, 11, p.fill, p.line()) for i in range(0, 5, 2))
    towers = rect(4, 40, 40, 110, p.fill, p.line()) + rect(116, 40, 40, 110, p.fill, p.line())
    keep = rect(36, 60, 88, 90, p.fill, p.line())
    gate = path("M64,150 L64,112 Q80,94 96,112 L96,150 Z", "#4a3a2e", 'stroke="#2e241c" stroke-width="2"')
    flag = line(80, 60, 80, 22, NEUTRAL_DARK, 2.5) + poly([(80, 22), (102, 30), (80, 38)], p.dark)
    wins = rect(18, 70, 12, 18, NEUTRAL_DARK, rx=6) + rect(130, 70, 12, 18, NEUTRAL_DARK, rx=6)
    return flag + towers + keep + crenel(4, 40, 40) + crenel(116, 40, 40) + crenel(36, 60, 88) + gate + wins


def lighthouse(p: Pen) -> str:  # 60 x 160
    body = poly([(14, 156), (20, 40), (40, 40), (46, 156)], p.fill, p.line())
    stripes = "".join(poly([(24 - (y - 40) * 0.052, y), (36 + (y - 40) * 0.052, y),
                            (36 + (y + 18 - 40) * 0.052, y + 18), (24 - (y + 18 - 40) * 0.052, y + 18)], "#f7f7f2")
                      for y in (58, 98))
    top = (rect(16, 34, 28, 8, NEUTRAL_DARK) + rect(20, 16, 20, 18, "#fff3b0", GLASS)
           + poly([(16, 16), (30, 2), (44, 16)], p.fill, p.line()))
    return body + stripes + top


def car(p: Pen) -> str:  # 200 x 90
    body = path("M8,68 L8,48 Q10,40 24,38 L52,36 L76,12 Q80,8 90,8 L140,8 Q150,8 156,16 L176,38 "
                "Q192,40 194,52 L194,68 Z", p.fill, p.line())
    wins = (path("M62,38 L82,16 L112,16 L112,38 Z", PALE_GLASS, GLASS)
            + path("M120,38 L120,16 L146,16 L164,38 Z", PALE_GLASS, GLASS))
    lights = rect(184, 46, 10, 8, "#fff3b0", rx=2) + rect(6, 46, 8, 8, p.deep, rx=2)
    return body + wins + lights + _wheel(48, 70, 18) + _wheel(154, 70, 18)


def bus(p: Pen) -> str:  # 240 x 120
    body = rect(4, 8, 232, 92, p.fill, p.line(), 12)
    wins = "".join(rect(x, 20, 30, 30, PALE_GLASS, GLASS, 3) for x in range(18, 200, 40))
    door = rect(204, 24, 22, 66, PALE_GLASS, GLASS, 3)
    stripe = rect(4, 62, 232, 8, p.dark)
    return body + stripe + wins + door + _wheel(50, 100, 18) + _wheel(186, 100, 18)


def bicycle(p: Pen) -> str:  # 160 x 100
    def ring(cx: float) -> str:
        return circle(cx, 68, 28, "none", 'stroke="#2b2f33" stroke-width="6"') + circle(cx, 68, 4, NEUTRAL_DARK)
    frame = path("M38,68 L70,68 L106,34 L60,34 Z M70,68 L56,24 M106,34 L124,68 M104,34 L100,18 L112,16",
                 "none", p.line(p.fill, 7))
    seat = rect(46, 18, 22, 7, NEUTRAL_DARK, rx=3)
    return ring(38) + ring(124) + frame + seat


def boat(p: Pen) -> str:  # 160 x 80
    hull = path("M4,40 L156,40 L132,76 L26,76 Z", p.fill, p.line())
    cabin = rect(50, 14, 56, 28, "#f7f7f2", p.line("#b7c3cc", 2), 4)
    wins = "".join(circle(x, 28, 5, PALE_GLASS, GLASS) for x in (64, 78, 92))
    return cabin + wins + hull + rect(8, 46, 144, 5, p.dark)


def sailboat(p: Pen) -> str:  # 140 x 150
    mast = line(70, 8, 70, 112, "#6d4c33", 4)
    sails = (poly([(74, 12), (74, 104), (128, 104)], "#f7f7f2", p.line("#b7c3cc", 2))
             + poly([(66, 24), (66, 104), (22, 104)], "#f0ede4", p.line("#b7c3cc", 2)))
    hull = path("M4,112 L136,112 L116,146 L24,146 Z", p.fill, p.line())
    return mast + sails + hull + poly([(70, 8), (90, 14), (70, 20)], p.dark)


def plane(p: Pen) -> str:  # 200 x 80
    wing_back = poly([(96, 40), (70, 4), (86, 4), (122, 40)], p.dark, p.line())
    body = path("M10,40 Q10,28 30,28 L170,28 Q196,30 196,42 Q190,52 170,52 L30,52 Q10,52 10,40 Z", p.fill, p.line())
    tail = poly([(14, 30), (6, 6), (24, 6), (42, 30)], p.fill, p.line())
    wing = poly([(92, 46), (64, 78), (82, 78), (124, 46)], p.dark, p.line())
    wins = "".join(circle(x, 38, 3.5, PALE_GLASS, GLASS) for x in range(60, 165, 14))
    return wing_back + tail + body + wing + wins + path("M176,32 Q190,34 192,40 L176,40 Z", PALE_GLASS, GLASS)


def rocket(p: Pen) -> str:  # 70 x 160
    body = path("M35,2 Q62,30 60,110 L10,110 Q8,30 35,2 Z", p.fill, p.line())
    nose = path("M35,2 Q50,16 55,36 L15,36 Q20,16 35,2 Z", p.dark, p.line())
    fins = poly([(10, 80), (0, 124), (12, 110)], p.dark, p.line()) + poly([(60, 80), (70, 124), (58, 110)], p.dark, p.line())
    window = circle(35, 62, 10, PALE_GLASS, f'stroke="{NEUTRAL_DARK}" stroke-width="3"')
    flame = path("M18,112 Q35,160 52,112 Z", "#ffcc4d") + path("M26,112 Q35,140 44,112 Z", "#fff3b0")
    return flame + body + nose + fins + window


def balloon(p: Pen) -> str:  # 70 x 130
    string = path("M35,86 Q28,104 38,116 Q44,124 34,130", "none", 'stroke="#7b8790" stroke-width="1.5"')
    return (string + path("M35,2 Q68,2 68,40 Q68,70 35,86 Q2,70 2,40 Q2,2 35,2 Z", p.fill, p.line())
            + poly([(31, 90), (35, 84), (39, 90)], p.dark) + path("M16,22 Q22,12 30,12", "none",
                                                               f'stroke="{p.light}" stroke-width="5"'))


def tent(p: Pen) -> str:  # 160 x 110
    body = poly([(4, 108), (80, 6), (156, 108)], p.fill, p.line())
    door = poly([(60, 108), (80, 50), (100, 108)], p.deep)
    return body + door + line(80, 6, 80, 0, NEUTRAL_DARK, 3)


def road(p: Pen) -> str:  # 300 x 60
    return (rect(0, 0, 300, 60, p.fill, p.line(p.dark, 2))
            + "".join(rect(x, 27, 28, 6, "#f7f7f2") for x in range(12, 300, 48)))


def umbrella(p: Pen) -> str:  # 140 x 130
    canopy = path("M4,60 Q10,4 70,4 Q130,4 136,60 Q120,50 104,60 Q88,50 70,60 Q52,50 36,60 Q20,50 4,60 Z",
                  p.fill, p.line())
    ribs = "".join(line(70, 6, x, 58, p.dark, 2) for x in (36, 104))
    handle = path("M70,60 L70,118 Q70,128 60,128 Q52,128 52,120", "none",
                  f'stroke="{NEUTRAL_DARK}" stroke-width="5" stroke-linecap="round"')
    return handle + canopy + ribs


def kite(p: Pen) -> str:  # 90 x 140
    body = poly([(45, 2), (86, 40), (45, 96), (4, 40)], p.fill, p.line())
    cross = line(45, 2, 45, 96, p.dark, 2) + line(4, 40, 86, 40, p.dark, 2)
    tail = path("M45,96 Q30,110 46,122 Q60,132 44,140", "none", 'stroke="#7b8790" stroke-width="2"')
    bows = poly([(36, 108), (44, 112), (36, 116)], p.dark) + poly([(50, 126), (58, 130), (50, 134)], p.dark)
    return tail + bows + body + cross
