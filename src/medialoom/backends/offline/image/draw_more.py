"""More drawings: common objects of everyday photos (COCO-like classes) and animals."""

from __future__ import annotations

import math

from .palette import NEUTRAL_DARK, PALE_GLASS
from .pen import Pen, circle, ellipse, eye, line, path, poly, rect

GLASS = f'stroke="{NEUTRAL_DARK}" stroke-width="2"'


def _wheel(cx: float, cy: float, r: float) -> str:
    return circle(cx, cy, r, "#2b2f33") + circle(cx, cy, r * 0.45, "#c0c6cc")


def truck(p: Pen) -> str:  # 230 x 110
    cargo = rect(4, 6, 150, 80, p.fill, p.line(), 4)
    cab = path("M150,30 L196,30 L222,56 L224,86 L150,86 Z", p.dark, p.line())
    win = path("M166,38 L192,38 L210,56 L166,56 Z", PALE_GLASS, GLASS)
    return cargo + cab + win + _wheel(44, 90, 17) + _wheel(120, 90, 17) + _wheel(196, 90, 17)


def train(p: Pen) -> str:  # 260 x 110
    cars = "".join(rect(x, 14, 80, 74, p.fill, p.line(), 8) + "".join(
        rect(x + 10 + i * 22, 26, 16, 20, PALE_GLASS, GLASS, 2) for i in range(3)) for x in (6, 92))
    engine = path("M178,88 L178,14 L226,14 Q256,30 256,88 Z", p.dark, p.line()) + rect(190, 26, 22, 22, PALE_GLASS, GLASS, 3)
    wheels = "".join(_wheel(x, 92, 11) for x in (26, 66, 112, 152, 198, 236))
    couplers = rect(82, 58, 14, 8, p.dark) + rect(168, 58, 14, 8, p.dark)
    return rect(0, 84, 260, 6, NEUTRAL_DARK) + couplers + cars + engine + wheels


def motorcycle(p: Pen) -> str:  # 170 x 100
    body = path("M46,62 L70,40 L118,40 L132,62 Z", p.fill, p.line())
    tank = ellipse(96, 38, 22, 10, p.dark, p.line())
    fork = line(132, 62, 146, 24, NEUTRAL_DARK, 5) + line(140, 22, 154, 18, NEUTRAL_DARK, 4)
    seat = rect(56, 30, 30, 8, NEUTRAL_DARK, rx=4)
    return _wheel(38, 72, 26) + _wheel(142, 72, 26) + body + tank + fork + seat


def bench(p: Pen) -> str:  # 200 x 90
    slats = "".join(rect(8, y, 184, 10, p.fill, p.line(), 3) for y in (6, 22, 46))
    legs = rect(20, 54, 10, 34, p.dark) + rect(170, 54, 10, 34, p.dark)
    return legs + rect(20, 10, 8, 44, p.dark) + rect(172, 10, 8, 44, p.dark) + slats


def elephant(p: Pen) -> str:  # 170 x 130
    legs = "".join(rect(x, 80, 20, 46, p.fill, p.line(), 6) for x in (44, 70, 112, 134))
    body = ellipse(100, 66, 62, 40, p.fill, p.line())
    head = circle(46, 50, 30, p.fill, p.line())
    trunk = path("M24,62 Q10,90 18,118 L30,116 Q26,92 40,70 Z", p.fill, p.line())
    ear = ellipse(62, 50, 20, 26, p.dark, p.line())
    tusk = path("M30,74 Q24,90 36,92", "none", 'stroke="#f7f3e8" stroke-width="5"')
    return legs + body + head + ear + trunk + tusk + eye(38, 42, 3.5)


def bear(p: Pen) -> str:  # 140 x 120
    legs = "".join(rect(x, 78, 22, 38, p.fill, p.line(), 8) for x in (26, 52, 86, 108))
    body = ellipse(76, 70, 58, 34, p.fill, p.line())
    head = (circle(28, 30, 9, p.fill, p.line()) + circle(52, 28, 9, p.fill, p.line())
            + circle(40, 50, 26, p.fill, p.line()) + ellipse(32, 60, 12, 9, p.light, p.line(p.dark, 2))
            + circle(26, 57, 3.5, "#1d2327") + eye(34, 44, 3) + eye(50, 44, 3))
    return legs + body + head


def giraffe(p: Pen) -> str:  # 120 x 200
    legs = "".join(rect(x, 120, 10, 76, p.fill, p.line(), 3) for x in (30, 46, 78, 92))
    body = ellipse(64, 116, 44, 24, p.fill, p.line())
    neck = poly([(30, 108), (18, 30), (36, 26), (52, 104)], p.fill, p.line())
    head = ellipse(22, 24, 18, 11, p.fill, p.line()) + line(20, 14, 18, 2, p.deep, 3) + line(28, 14, 30, 2, p.deep, 3)
    spots = "".join(circle(x, y, 5, p.deep) for x, y in ((50, 108), (70, 118), (86, 110), (60, 126), (34, 80), (28, 54)))
    return legs + body + neck + head + spots + eye(16, 22, 2.5)


def zebra(p: Pen) -> str:  # 150 x 120
    stripe = NEUTRAL_DARK if p.fill.lower() in ("#f7f7f2", "#ffffff") else p.deep
    legs = "".join(rect(x, 62, 11, 54, p.fill, p.line(NEUTRAL_DARK, 2.5), 3) for x in (36, 52, 102, 116))
    body = ellipse(82, 58, 50, 24, p.fill, p.line(NEUTRAL_DARK, 2.5))
    neck = poly([(40, 50), (28, 14), (44, 10), (62, 44)], p.fill, p.line(NEUTRAL_DARK, 2.5))
    head = path("M26,10 Q34,2 44,10 L22,40 Q12,42 12,34 Z", p.fill, p.line(NEUTRAL_DARK, 2.5))
    stripes = "".join(line(x, 40, x - 6, 76, stripe, 5) for x in range(62, 128, 14))
    stripes += "".join(line(30 + i * 6, 16 + i * 8, 46 + i * 6, 14 + i * 8, stripe, 4) for i in range(3))
    return legs + body + neck + head + stripes + eye(32, 16, 3)


def pig(p: Pen) -> str:  # 130 x 100
    legs = "".join(rect(x, 64, 12, 32, p.fill, p.line(), 4) for x in (30, 46, 84, 98))
    body = ellipse(70, 52, 52, 32, p.fill, p.line())
    head = (circle(30, 44, 24, p.fill, p.line()) + poly([(16, 24), (14, 8), (28, 20)], p.dark)
            + ellipse(14, 50, 10, 8, p.light, p.line()) + circle(11, 50, 2, p.deep) + circle(17, 50, 2, p.deep)
            + eye(26, 38, 3))
    tail = path("M122,46 q8,-4 4,-10 q-6,-2 -2,-8", "none", p.line(p.dark, 3))
    return tail + legs + body + head


def rabbit(p: Pen) -> str:  # 100 x 110
    ears = ellipse(34, 24, 8, 24, p.fill, p.line()) + ellipse(52, 22, 8, 24, p.fill, p.line())
    body = ellipse(60, 80, 34, 28, p.fill, p.line())
    head = circle(40, 56, 20, p.fill, p.line()) + eye(34, 52, 3) + circle(24, 60, 3, "#d98c8c")
    tail = circle(94, 80, 8, "#f7f7f2", p.line("#c9c4b8", 1.5))
    return ears + tail + body + rect(40, 98, 20, 10, p.fill, p.line(), 5) + head


def teddy(p: Pen) -> str:  # 100 x 120
    parts = (circle(26, 16, 12, p.fill, p.line()) + circle(74, 16, 12, p.fill, p.line())
             + ellipse(50, 84, 32, 30, p.fill, p.line()) + circle(22, 104, 13, p.fill, p.line())
             + circle(78, 104, 13, p.fill, p.line()) + circle(50, 36, 26, p.fill, p.line())
             + ellipse(50, 46, 12, 9, p.light) + circle(50, 42, 3.5, "#1d2327") + eye(40, 30, 3) + eye(60, 30, 3)
             + ellipse(50, 86, 16, 14, p.light))
    return parts


def laptop(p: Pen) -> str:  # 160 x 110
    screen = rect(22, 4, 116, 80, p.fill, p.line(), 6) + rect(30, 12, 100, 64, "#2f4a6b", rx=2)
    glare = poly([(40, 12), (70, 12), (40, 46)], "#ffffff", 'opacity="0.12"')
    base = path("M4,98 L22,84 L138,84 L156,98 Q156,106 148,106 L12,106 Q4,106 4,98 Z", p.light, p.line())
    return screen + glare + base


def tv(p: Pen) -> str:  # 170 x 130
    return (rect(4, 4, 162, 104, p.fill, p.line(), 8) + rect(14, 14, 142, 84, "#2f4a6b", rx=3)
            + poly([(24, 14), (70, 14), (24, 60)], "#ffffff", 'opacity="0.1"')
            + rect(70, 108, 30, 10, p.dark) + rect(50, 116, 70, 8, p.dark, rx=3))


def bowl(p: Pen) -> str:  # 120 x 60
    return (path("M4,14 Q60,24 116,14 Q112,54 60,56 Q8,54 4,14 Z", p.fill, p.line())
            + ellipse(60, 14, 56, 8, p.dark, p.line()) + path("M18,28 Q40,44 70,44", "none", p.line(p.light, 3)))


def donut(p: Pen) -> str:  # 100 x 100
    sprinkles = "".join(line(50 + 30 * math.cos(a), 50 + 30 * math.sin(a), 54 + 30 * math.cos(a + .2),
                             52 + 30 * math.sin(a + .2), "#f7f7f2", 3) for a in (i * 0.7 for i in range(9)))
    return (circle(50, 50, 46, "#d9a066", p.line("#a8703a", 2)) + path(
        "M50,10 Q88,10 88,48 Q90,60 80,64 Q84,80 60,86 Q40,92 22,78 Q8,68 12,50 Q12,10 50,10 Z", p.fill, p.line())
            + circle(50, 50, 14, "#fbf7f0", p.line("#a8703a", 2)) + sprinkles)


def carrot(p: Pen) -> str:  # 50 x 130
    return (path("M10,34 Q25,26 40,34 L26,128 Q25,130 24,128 Z", p.fill, p.line())
            + "".join(line(y_x[1], y_x[0], y_x[1] + 8, y_x[0] + 2, p.dark, 2) for y_x in ((54, 16), (74, 20), (94, 22)))
            + path("M25,32 Q16,8 10,4 M25,32 Q26,6 30,0 M25,32 Q34,10 42,6", "none",
                   'stroke="#43a047" stroke-width="5" stroke-linecap="round"'))


def fruit_orange(p: Pen) -> str:  # 80 x 84
    return (circle(40, 46, 36, p.fill, p.line()) + ellipse(28, 32, 7, 5, p.light, 'opacity="0.8"')
            + path("M40,12 Q50,0 62,4 Q54,14 40,12 Z", "#4caf50") + circle(40, 12, 2.5, "#6d4c33"))


def backpack(p: Pen) -> str:  # 90 x 110
    return (path("M30,14 Q30,2 45,2 Q60,2 60,14", "none", p.line(p.dark, 6))
            + rect(8, 12, 74, 94, p.fill, p.line(), 20) + rect(20, 60, 50, 34, p.dark, p.line(), 8)
            + line(24, 68, 66, 68, p.deep, 2))


def suitcase(p: Pen) -> str:  # 110 x 110
    return (path("M38,20 L38,6 L72,6 L72,20", "none", p.line(NEUTRAL_DARK, 6)) + rect(4, 20, 102, 80, p.fill, p.line(), 10)
            + rect(28, 20, 8, 80, p.dark) + rect(74, 20, 8, 80, p.dark)
            + circle(18, 104, 5, NEUTRAL_DARK) + circle(92, 104, 5, NEUTRAL_DARK))


def traffic_light(p: Pen) -> str:  # 50 x 160
    return (rect(21, 90, 8, 70, NEUTRAL_DARK) + rect(4, 4, 42, 92, "#2b2f33", rx=8)
            + circle(25, 22, 10, "#e53935") + circle(25, 50, 10, "#f9a825") + circle(25, 78, 10, "#43a047"))


def stop_sign(p: Pen) -> str:  # 80 x 150
    octo = [(40 + 38 * math.cos(math.pi / 8 + i * math.pi / 4), 40 + 38 * math.sin(math.pi / 8 + i * math.pi / 4))
            for i in range(8)]
    return (rect(36, 70, 8, 80, "#9aa0a6") + poly(octo, p.fill, 'stroke="#f7f7f2" stroke-width="4"')
            + '<text x="40" y="48" font-family="DejaVu Sans" font-weight="bold" font-size="20" '
              'text-anchor="middle" fill="#ffffff">STOP</text>')


def hydrant(p: Pen) -> str:  # 70 x 100
    return (rect(14, 30, 42, 62, p.fill, p.line(), 6) + path("M14,32 Q14,8 35,8 Q56,8 56,32 Z", p.fill, p.line())
            + rect(2, 44, 66, 14, p.dark, p.line(), 5) + rect(8, 90, 54, 10, p.dark, rx=3) + circle(35, 52, 6, p.deep))


def skateboard(p: Pen) -> str:  # 160 x 40
    return (rect(4, 6, 152, 14, p.fill, p.line(), 7) + circle(34, 28, 8, "#2b2f33") + circle(126, 28, 8, "#2b2f33"))


def potted_plant(p: Pen) -> str:  # 90 x 120
    leaves = "".join(ellipse(45 + 22 * math.cos(a), 40 + 28 * math.sin(a), 12, 26, "#43a047",
                             f'transform="rotate({math.degrees(a) + 90:.0f} {45 + 22 * math.cos(a):.0f} {40 + 28 * math.sin(a):.0f})" '
                             'stroke="#2e7d32" stroke-width="2"') for a in (-2.6, -2.0, -1.57, -1.1, -0.5))
    return leaves + path("M16,70 L74,70 L66,118 L24,118 Z", p.fill, p.line()) + rect(12, 66, 66, 10, p.dark, p.line(), 3)


def frog(p: Pen) -> str:  # 110 x 80
    return (ellipse(55, 54, 44, 24, p.fill, p.line()) + circle(34, 28, 14, p.fill, p.line()) + circle(76, 28, 14, p.fill, p.line())
            + eye(34, 28, 6) + eye(76, 28, 6) + path("M36,56 Q55,68 74,56", "none", p.line(p.deep, 3))
            + ellipse(14, 74, 14, 6, p.dark) + ellipse(96, 74, 14, 6, p.dark))


def turtle(p: Pen) -> str:  # 140 x 80
    legs = "".join(ellipse(x, 70, 10, 8, "#8bc34a", 'stroke="#558b2f" stroke-width="2"') for x in (36, 100))
    head = circle(124, 50, 13, "#8bc34a", 'stroke="#558b2f" stroke-width="2"') + eye(128, 46, 2.5)
    shell = path("M14,62 Q20,8 70,8 Q120,8 118,62 Z", p.fill, p.line())
    plates = path("M48,20 L70,34 L92,20 M70,34 L70,60 M30,46 L70,34 L108,46", "none", p.line(p.dark, 3))
    return legs + head + shell + plates


def butterfly(p: Pen) -> str:  # 120 x 100
    wings = (ellipse(34, 34, 30, 26, p.fill, p.line()) + ellipse(86, 34, 30, 26, p.fill, p.line())
             + ellipse(38, 74, 22, 18, p.dark, p.line()) + ellipse(82, 74, 22, 18, p.dark, p.line())
             + circle(30, 32, 8, p.light) + circle(90, 32, 8, p.light))
    body = ellipse(60, 56, 6, 34, NEUTRAL_DARK) + path("M58,24 Q50,6 44,4 M62,24 Q70,6 76,4", "none",
                                                          f'stroke="{NEUTRAL_DARK}" stroke-width="2"')
    return wings + body


def chicken(p: Pen) -> str:  # 100 x 110
    return (line(44, 86, 40, 106, "#e08a3a", 4) + line(60, 86, 64, 106, "#e08a3a", 4)
            + path("M20,40 Q14,92 56,90 Q96,88 92,50 Q100,30 84,24 L70,50 Q50,56 40,40 Z", p.fill, p.line())
            + circle(30, 30, 16, p.fill, p.line()) + path("M22,16 Q26,6 30,14 Q34,6 38,16 Z", "#e53935")
            + poly([(14, 30), (4, 34), (14, 38)], "#f08c1a") + eye(26, 28, 2.5))
