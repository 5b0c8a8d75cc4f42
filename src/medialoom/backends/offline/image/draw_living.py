"""Drawings of people and animals (design boxes in kinds.py). Details are neutral or shades
of the main fill so a colour reader sees one colour per object."""

from __future__ import annotations

from .palette import NEUTRAL_DARK
from .pen import Pen, circle, ellipse, eye, line, path, poly, rect

SKIN = "#f1c9a8"
HAIR = "#4a3a33"


def person(p: Pen) -> str:  # 60 x 140
    lean = (p.var - 0.5) * 6
    legs = (rect(18, 92, 10, 44, NEUTRAL_DARK, rx=4) + rect(32, 92, 10, 44, NEUTRAL_DARK, rx=4)
            + ellipse(22, 136, 8, 4, "#2b2f33") + ellipse(38, 136, 8, 4, "#2b2f33"))
    arms = (line(14, 52, 7 + lean, 86, p.dark, 9) + line(46, 52, 53 - lean, 86, p.dark, 9)
            + line(14, 52, 7 + lean, 86, p.fill, 6) + line(46, 52, 53 - lean, 86, p.fill, 6)
            + circle(7 + lean, 89, 4.5, SKIN) + circle(53 - lean, 89, 4.5, SKIN))
    body = path("M14,46 Q30,38 46,46 L48,96 L12,96 Z", p.fill, p.line())
    head = (circle(30, 24, 15, SKIN, 'stroke="#c99a7a" stroke-width="1.5"')
            + path("M15,22 Q17,6 30,7 Q44,6 45,22 Q38,14 30,15 Q22,14 15,22 Z", HAIR)
            + circle(25, 25, 1.8, "#1d2327") + circle(35, 25, 1.8, "#1d2327")
            + path("M25,31 Q30,35 35,31", "none", 'stroke="#9c5b45" stroke-width="1.5"'))
    return legs + body + arms + head


def woman(p: Pen) -> str:  # 60 x 140
    lean = (p.var - 0.5) * 6
    legs = (rect(21, 100, 7, 36, SKIN, rx=3) + rect(32, 100, 7, 36, SKIN, rx=3)
            + ellipse(24, 136, 7, 4, "#2b2f33") + ellipse(36, 136, 7, 4, "#2b2f33"))
    hair_back = path("M13,24 Q12,6 30,6 Q48,6 47,24 L49,52 Q40,48 30,48 Q20,48 11,52 Z", HAIR)
    dress = path("M16,46 Q30,38 44,46 L52,106 Q30,112 8,106 Z", p.fill, p.line())
    arms = (line(15, 52, 8 + lean, 86, p.dark, 9) + line(45, 52, 52 - lean, 86, p.dark, 9)
            + line(15, 52, 8 + lean, 86, p.fill, 6) + line(45, 52, 52 - lean, 86, p.fill, 6)
            + circle(8 + lean, 89, 4.5, SKIN) + circle(52 - lean, 89, 4.5, SKIN))
    head = (circle(30, 24, 14, SKIN, 'stroke="#c99a7a" stroke-width="1.5"')
            + path("M16,22 Q18,8 30,9 Q42,8 44,22 Q36,12 24,16 Q20,18 16,22 Z", HAIR)
            + circle(25, 25, 1.8, "#1d2327") + circle(35, 25, 1.8, "#1d2327")
            + path("M25,31 Q30,35 35,31", "none", 'stroke="#c0504d" stroke-width="1.8"'))
    return hair_back + legs + dress + arms + head


def cat(p: Pen) -> str:  # 120 x 100
    tail_y = 40 + p.var * 20
    tail = path(f"M92,84 Q122,80 112,{tail_y:.0f} Q108,30 100,36", "none",
                p.line(p.fill, 9))
    body = ellipse(70, 70, 34, 26, p.fill, p.line())
    legs = (rect(44, 78, 10, 20, p.fill, p.line(), 4) + rect(80, 78, 10, 20, p.fill, p.line(), 4))
    head = (poly([(14, 30), (20, 4), (34, 22)], p.fill, p.line())
            + poly([(44, 22), (56, 4), (60, 30)], p.fill, p.line())
            + circle(37, 38, 24, p.fill, p.line())
            + eye(29, 36, 3.6) + eye(45, 36, 3.6)
            + poly([(35, 45), (39, 45), (37, 48)], "#d98c8c")
            + line(20, 46, 6, 44, p.deep, 1.2) + line(20, 49, 6, 52, p.deep, 1.2)
            + line(54, 46, 68, 44, p.deep, 1.2) + line(54, 49, 68, 52, p.deep, 1.2))
    return tail + body + legs + head


def dog(p: Pen) -> str:  # 140 x 110
    wag = p.var * 16
    tail = path(f"M118,52 Q134,{36 - wag:.0f} 130,{24 - wag * 0.5:.0f}", "none",
                p.line(p.fill, 8))
    legs = "".join(rect(x, 70, 12, 36, p.fill, p.line(), 4) for x in (40, 56, 96, 110))
    body = rect(36, 44, 90, 40, p.fill, p.line(), 20)
    head = (circle(34, 40, 24, p.fill, p.line())
            + ellipse(16, 52, 12, 9, p.light, p.line())
            + circle(6, 49, 5, "#1d2327")
            + path("M40,20 Q58,16 56,46 Q48,50 44,40 Z", p.dark, p.line())
            + eye(30, 34, 3.6))
    return tail + legs + body + head


def bird(p: Pen) -> str:  # 80 x 60
    flap = p.var * 14
    return (poly([(8, 28), (0, 18), (0, 40)], p.dark, p.line())
            + ellipse(38, 34, 28, 18, p.fill, p.line())
            + path(f"M26,30 Q40,{8 - flap:.0f} 52,30 Z", p.dark, p.line())
            + circle(60, 24, 12, p.fill, p.line())
            + poly([(70, 22), (80, 26), (70, 30)], "#3c4650")
            + eye(63, 21, 2.6))


def fish(p: Pen) -> str:  # 100 x 60
    return (poly([(20, 30), (2, 12), (2, 48)], p.dark, p.line())
            + ellipse(56, 30, 38, 22, p.fill, p.line())
            + path("M46,10 Q58,0 70,10 Z", p.dark, p.line())
            + path("M44,22 Q52,30 44,38", "none", p.line(p.dark, 2.5))
            + eye(78, 25, 3.6))


def horse(p: Pen) -> str:  # 150 x 120
    legs = "".join(rect(x, 62, 11, 54, p.fill, p.line(), 3) for x in (36, 52, 102, 116))
    hooves = "".join(rect(x, 110, 11, 8, NEUTRAL_DARK, rx=2) for x in (36, 52, 102, 116))
    body = ellipse(82, 58, 50, 24, p.fill, p.line())
    neck = poly([(40, 50), (28, 14), (44, 10), (62, 44)], p.fill, p.line())
    head = (path("M26,10 Q34,2 44,10 L22,40 Q12,42 12,34 Z", p.fill, p.line())
            + eye(32, 16, 3) + circle(15, 35, 1.8, "#1d2327"))
    mane = path("M44,10 Q52,24 60,40 L54,42 Q46,26 38,14 Z", p.deep)
    tail = path("M130,50 Q146,70 136,96", "none", p.line(p.deep, 8))
    return tail + legs + hooves + body + neck + head + mane


def cow(p: Pen) -> str:  # 150 x 110
    spot = NEUTRAL_DARK if p.fill.lower() in ("#f7f7f2", "#ffffff") else p.deep
    legs = "".join(rect(x, 64, 12, 42, p.fill, p.line(NEUTRAL_DARK, 2.5), 3) for x in (40, 56, 104, 120))
    body = rect(34, 28, 106, 50, p.fill, p.line(NEUTRAL_DARK, 2.5), 18)
    spots = (ellipse(70, 44, 12, 9, spot) + ellipse(110, 56, 10, 8, spot) + ellipse(92, 36, 7, 5, spot))
    head = (rect(4, 20, 36, 38, p.fill, p.line(NEUTRAL_DARK, 2.5), 12)
            + ellipse(22, 52, 17, 10, "#f2b8b0", p.line("#c98b84", 2))
            + poly([(6, 22), (0, 12), (12, 18)], "#d9d2c0") + poly([(36, 22), (42, 12), (30, 18)], "#d9d2c0")
            + eye(14, 32, 3) + eye(30, 32, 3))
    tail = line(140, 34, 148, 66, NEUTRAL_DARK, 3)
    return tail + legs + body + spots + head


def sheep(p: Pen) -> str:  # 130 x 100
    legs = "".join(rect(x, 60, 9, 36, NEUTRAL_DARK, rx=3) for x in (38, 52, 86, 100))
    wool = "".join(circle(x, y, 18, p.fill, p.line("#c9c4b8" if p.fill == "#f7f7f2" else p.dark, 2))
                   for x, y in ((40, 46), (62, 36), (86, 38), (104, 50), (84, 62), (58, 62)))
    body = ellipse(72, 50, 40, 22, p.fill)
    head = (ellipse(22, 44, 15, 19, NEUTRAL_DARK) + ellipse(14, 34, 9, 5, NEUTRAL_DARK)
            + eye(18, 42, 2.6) + eye(28, 42, 2.6))
    return legs + wool + body + head


def duck(p: Pen) -> str:  # 100 x 80
    return (ellipse(54, 54, 40, 22, p.fill, p.line())
            + path("M30,50 Q54,30 76,50 Q54,62 30,50 Z", p.dark)
            + circle(26, 26, 16, p.fill, p.line())
            + poly([(10, 24), (0, 30), (10, 35)], "#f08c1a", 'stroke="#b8620c" stroke-width="1.5"')
            + eye(24, 22, 2.6))


def snowman(p: Pen) -> str:  # 90 x 140
    return (circle(45, 104, 32, p.fill, p.line("#b7c3cc", 2.5))
            + circle(45, 56, 24, p.fill, p.line("#b7c3cc", 2.5))
            + circle(45, 22, 17, p.fill, p.line("#b7c3cc", 2.5))
            + rect(30, 0, 30, 8, NEUTRAL_DARK, rx=2) + rect(24, 7, 42, 4, NEUTRAL_DARK, rx=2)
            + eye(39, 19, 2.2) + eye(51, 19, 2.2)
            + poly([(45, 24), (58, 27), (45, 29)], "#e08a3a")
            + circle(45, 52, 2.5, NEUTRAL_DARK) + circle(45, 64, 2.5, NEUTRAL_DARK))
