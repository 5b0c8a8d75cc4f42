"""Parametric drawings of wild animals: fox, deer, penguin, owl. Each returns SVG in its own
design box (noted beside each function); the fill is the animal's main colour."""

from __future__ import annotations

from .palette import NEUTRAL_DARK
from .pen import Pen, circle, ellipse, eye, line, path, poly, rect

WHITE = "#fbfaf5"
BEAK = "#f39c1f"


def fox(p: Pen) -> str:  # 140 x 100
    lift = p.var * 10
    tail = (path(f"M104,62 Q140,{50 - lift:.0f} 136,{22 - lift:.0f} Q120,{40 - lift:.0f} 100,52 Z", p.fill, p.line())
            + path(f"M136,{22 - lift:.0f} Q128,{26 - lift:.0f} 126,{36 - lift:.0f} Q134,{34 - lift:.0f} 136,{22 - lift:.0f} Z",
                   WHITE, p.line(p.dark, 2)))
    legs = "".join(rect(x, 66, 9, 30, p.deep, p.line(p.deep, 2), 3) for x in (40, 54, 88, 100))
    body = ellipse(74, 60, 38, 20, p.fill, p.line()) + ellipse(58, 68, 14, 9, WHITE)
    head = (poly([(18, 30), (22, 4), (36, 24)], p.fill, p.line()) + poly([(40, 22), (50, 2), (54, 28)], p.fill, p.line())
            + poly([(14, 28), (58, 26), (48, 52), (2, 50)], p.fill, p.line())
            + path("M2,50 Q20,62 48,52 L30,44 Z", WHITE, p.line(p.dark, 2))
            + circle(3, 49, 4, "#1d2327") + eye(24, 36, 3) + eye(42, 35, 3))
    return tail + legs + body + head


def deer(p: Pen) -> str:  # 130 x 150
    antler = p.line(p.deep, 4)
    antlers = "".join(path(d, "none", antler) for d in (
        "M30,40 L22,14 M24,22 L12,16 M22,14 L26,2", "M42,38 L50,12 M48,20 L60,14 M50,12 L46,2"))
    legs = "".join(rect(x, 100, 9, 46, p.fill, p.line(), 3) for x in (44, 58, 96, 108))
    body = ellipse(82, 96, 44, 22, p.fill, p.line()) + ellipse(80, 104, 28, 9, p.light)
    neck = poly([(30, 62), (44, 56), (62, 92), (44, 98)], p.fill, p.line())
    head = (ellipse(22, 44, 8, 5, p.fill, p.line()) + ellipse(50, 42, 8, 5, p.fill, p.line())
            + ellipse(36, 58, 14, 16, p.fill, p.line()) + ellipse(30, 72, 8, 6, p.light, p.line(p.dark, 2))
            + circle(26, 72, 3, "#1d2327") + eye(31, 54, 2.6) + eye(42, 54, 2.6))
    tail = ellipse(126, 84, 5, 8, WHITE, p.line(p.dark, 2))
    return antlers + legs + tail + body + neck + head


def _warm(colour: str) -> bool:
    """Orange or yellow: an orange beak would read as a second object of the same colour."""
    import colorsys

    from .palette import to_rgb

    h, s, _ = colorsys.rgb_to_hsv(*(c / 255 for c in to_rgb(colour)))
    return s > 0.4 and 0.02 < h < 0.2


def penguin(p: Pen) -> str:  # 80 x 120
    back = p.fill
    accent = NEUTRAL_DARK if _warm(back) else BEAK
    feet = ellipse(28, 114, 10, 5, accent, p.line(NEUTRAL_DARK, 2)) + ellipse(52, 114, 10, 5, accent, p.line(NEUTRAL_DARK, 2))
    body = ellipse(40, 66, 30, 46, back, p.line(NEUTRAL_DARK, 2.5))
    belly = ellipse(40, 74, 19, 30, WHITE)
    wings = (path("M12,54 Q2,80 10,96 Q18,80 18,60 Z", back, p.line(NEUTRAL_DARK, 2))
             + path("M68,54 Q78,80 70,96 Q62,80 62,60 Z", back, p.line(NEUTRAL_DARK, 2)))
    face = (ellipse(40, 40, 14, 11, WHITE) + eye(34, 37, 3) + eye(46, 37, 3)
            + poly([(35, 44), (45, 44), (40, 53)], accent, p.line(shade_of(accent), 1.5)))
    return feet + body + belly + wings + face


def owl(p: Pen) -> str:  # 90 x 110
    tufts = poly([(14, 26), (16, 4), (32, 20)], p.fill, p.line()) + poly([(58, 20), (74, 4), (76, 26)], p.fill, p.line())
    body = ellipse(45, 62, 34, 44, p.fill, p.line())
    belly = ellipse(45, 78, 20, 24, p.light) + "".join(
        path(f"M{x - 4},{y} Q{x},{y + 4} {x + 4},{y}", "none", p.line(p.dark, 1.5)) for x, y in
        ((38, 70), (52, 70), (45, 80), (38, 90), (52, 90)))
    wings = (path("M12,50 Q6,80 20,100 Q24,76 20,52 Z", p.dark, p.line())
             + path("M78,50 Q84,80 70,100 Q66,76 70,52 Z", p.dark, p.line()))
    eyes = "".join(circle(x, 40, 13, WHITE, p.line(p.dark, 2)) + circle(x, 40, 7, "#f5c518") + eye(x, 40, 4)
                   for x in (31, 59))
    beak = poly([(41, 50), (49, 50), (45, 60)], BEAK, p.line(shade_of(BEAK), 1.5))
    feet = line(36, 104, 36, 108, BEAK, 4) + line(54, 104, 54, 108, BEAK, 4)
    return tufts + wings + body + belly + eyes + beak + feet


def shade_of(colour: str) -> str:
    from .palette import shade

    return shade(colour, 0.65)
