"""Drawings of household objects, food and toys (design boxes in kinds.py)."""

from __future__ import annotations

import math

from .palette import NEUTRAL_DARK, PALE_GLASS, TRUNK
from .pen import Pen, circle, ellipse, line, path, poly, rect


def apple(p: Pen) -> str:  # 80 x 86
    body = path("M40,22 Q58,8 72,24 Q84,44 70,70 Q58,88 40,80 Q22,88 10,70 Q-4,44 8,24 Q22,8 40,22 Z",
                p.fill, p.line())
    stem = path("M40,24 Q40,10 46,2", "none", f'stroke="{TRUNK}" stroke-width="4"')
    leaf = path("M44,12 Q56,0 66,6 Q56,16 44,12 Z", "#4caf50", 'stroke="#2e7d32" stroke-width="1.5"')
    return stem + body + leaf + ellipse(24, 36, 6, 10, p.light, 'opacity="0.7"')


def banana(p: Pen) -> str:  # 120 x 70
    body = path("M8,20 Q30,62 74,60 Q104,58 116,36 Q110,30 104,34 Q88,48 66,46 Q34,42 18,14 Z",
                p.fill, p.line())
    return body + rect(4, 10, 14, 10, "#6d5a3a", rx=3) + circle(114, 36, 3, "#5a4a30")


def cup(p: Pen) -> str:  # 90 x 80
    handle = (path("M62,24 Q88,24 86,42 Q84,58 62,56", "none", p.line(p.dark, 12))
              + path("M62,24 Q88,24 86,42 Q84,58 62,56", "none", p.line(p.fill, 6)))
    body = path("M6,10 L66,10 L60,72 Q58,78 50,78 L22,78 Q14,78 12,72 Z", p.fill, p.line())
    rim = ellipse(36, 10, 30, 6, p.dark, p.line())
    steam = "".join(path(f"M{x},2 Q{x - 6},-8 {x},-16", "none", 'stroke="#c9d1d6" stroke-width="2"')
                    for x in (28, 44))
    return handle + body + rim + steam


def cake(p: Pen) -> str:  # 120 x 100
    plate = ellipse(60, 94, 58, 6, "#dfe4e8", 'stroke="#b7c3cc" stroke-width="1.5"')
    base = rect(12, 44, 96, 48, p.fill, p.line(), 6)
    icing = path("M12,50 Q12,40 24,40 L96,40 Q108,40 108,50 Q100,62 92,52 Q84,62 76,52 Q68,62 60,52 "
                 "Q52,62 44,52 Q36,62 28,52 Q20,62 12,50 Z", "#fbf4ea", p.line("#e3d6c4", 1.5))
    candles = "".join(rect(x, 18, 6, 22, "#f7f7f2", p.line("#c9c4b8", 1)) + ellipse(x + 3, 12, 3.5, 6, "#ffcc4d")
                      for x in (40, 57, 74))
    return plate + base + icing + candles


def book(p: Pen) -> str:  # 100 x 80
    pages = rect(14, 6, 82, 68, "#f7f3e8", p.line("#c9c0ac", 1.5), 2)
    cover = rect(4, 10, 84, 68, p.fill, p.line(), 3)
    spine = rect(4, 10, 12, 68, p.dark)
    label = rect(30, 26, 44, 14, "#f7f3e8", rx=2)
    return pages + cover + spine + label


def chair(p: Pen) -> str:  # 80 x 120
    back = rect(8, 2, 12, 116, p.fill, p.line(), 3) + rect(8, 4, 60, 12, p.fill, p.line(), 3)
    seat = rect(6, 62, 68, 12, p.fill, p.line(), 3)
    legs = rect(60, 72, 10, 46, p.fill, p.line(), 3)
    slats = rect(8, 26, 50, 8, p.dark, rx=2)
    return back + legs + seat + slats


def table(p: Pen) -> str:  # 240 x 110
    top = rect(2, 2, 236, 16, p.fill, p.line(), 4)
    legs = rect(18, 16, 14, 92, p.dark, p.line()) + rect(208, 16, 14, 92, p.dark, p.line())
    grain = line(30, 10, 110, 10, p.dark, 1.5) + line(140, 8, 210, 8, p.dark, 1.5)
    return legs + top + grain


def lamp(p: Pen) -> str:  # 70 x 140
    shade_ = poly([(16, 4), (54, 4), (68, 50), (2, 50)], p.fill, p.line())
    pole = rect(31, 50, 8, 80, NEUTRAL_DARK)
    base = ellipse(35, 132, 24, 7, NEUTRAL_DARK)
    glow = ellipse(35, 52, 24, 5, "#fff3b0", 'opacity="0.9"')
    return pole + base + glow + shade_


def clock(p: Pen) -> str:  # 100 x 100
    face = circle(50, 50, 46, p.fill, p.line()) + circle(50, 50, 36, "#fbfaf5", p.line(p.dark, 2))
    ticks = "".join(line(50 + 30 * math.cos(a), 50 + 30 * math.sin(a), 50 + 34 * math.cos(a),
                         50 + 34 * math.sin(a), NEUTRAL_DARK, 2.5) for a in (i * math.pi / 6 for i in range(12)))
    hands = line(50, 50, 50, 26, NEUTRAL_DARK, 4) + line(50, 50, 68, 56, NEUTRAL_DARK, 3)
    return face + ticks + hands + circle(50, 50, 3.5, NEUTRAL_DARK)


def ball(p: Pen) -> str:  # 80 x 80
    return (circle(40, 40, 37, p.fill, p.line())
            + path("M6,34 Q40,50 74,34", "none", f'stroke="{p.dark}" stroke-width="3"')
            + path("M34,4 Q50,40 34,76", "none", f'stroke="{p.dark}" stroke-width="3"')
            + ellipse(26, 24, 8, 5, p.light, 'opacity="0.8"'))


def box(p: Pen) -> str:  # 100 x 90
    front = rect(6, 26, 70, 60, p.fill, p.line())
    top = poly([(6, 26), (28, 6), (96, 6), (76, 26)], p.light, p.line())
    side = poly([(76, 26), (96, 6), (96, 66), (76, 86)], p.dark, p.line())
    return front + top + side + rect(34, 26, 14, 60, p.dark, 'opacity="0.35"')


def bottle(p: Pen) -> str:  # 40 x 110
    body = path("M14,4 L26,4 L26,28 Q38,36 38,50 L38,102 Q38,108 32,108 L8,108 Q2,108 2,102 L2,50 "
                "Q2,36 14,28 Z", p.fill, p.line() + ' fill-opacity="0.92"')
    return body + rect(12, 0, 16, 8, NEUTRAL_DARK, rx=2) + rect(9, 62, 22, 20, "#f7f3e8", rx=2) + rect(8, 40, 5, 56, p.light, 'opacity="0.5"')


def hat(p: Pen) -> str:  # 100 x 60
    return (ellipse(50, 52, 48, 8, p.fill, p.line()) + rect(22, 6, 56, 46, p.fill, p.line(), 6)
            + rect(22, 36, 56, 8, p.dark))


def vase(p: Pen) -> str:  # 60 x 100
    return (path("M18,4 L42,4 L40,16 Q60,36 54,70 Q50,96 30,98 Q10,96 6,70 Q0,36 20,16 Z", p.fill, p.line())
            + path("M12,60 Q30,70 48,60", "none", p.line(p.light, 3)))


def pizza(p: Pen) -> str:  # 100 x 100
    return (circle(50, 50, 47, "#e0a85a", p.line("#b07a36", 2)) + circle(50, 50, 39, p.fill)
            + "".join(circle(50 + r * math.cos(a), 50 + r * math.sin(a), 5, "#a83a2a")
                      for r, a in ((20, 0.3), (24, 2.2), (18, 4.1), (8, 5.5), (28, 5.0))))


def guitar(p: Pen) -> str:  # 60 x 150
    neck = rect(26, 2, 8, 90, "#5b4636") + rect(22, 0, 16, 12, NEUTRAL_DARK, rx=2)
    body = (circle(30, 96, 18, p.fill, p.line()) + circle(30, 124, 24, p.fill, p.line())
            + circle(30, 106, 16, p.fill) + circle(30, 110, 6, NEUTRAL_DARK))
    return body + neck + rect(22, 128, 16, 4, NEUTRAL_DARK)


def sofa(p: Pen) -> str:  # 200 x 100
    return (rect(14, 8, 172, 56, p.fill, p.line(), 14) + rect(2, 36, 30, 56, p.fill, p.line(), 10)
            + rect(168, 36, 30, 56, p.fill, p.line(), 10) + rect(30, 54, 140, 30, p.light, p.line(), 6)
            + rect(14, 90, 10, 10, NEUTRAL_DARK) + rect(176, 90, 10, 10, NEUTRAL_DARK))


def bed(p: Pen) -> str:  # 200 x 100
    return (rect(4, 10, 20, 88, p.dark, p.line(), 4) + rect(20, 50, 172, 30, p.fill, p.line(), 6)
            + rect(28, 40, 40, 16, "#f7f7f2", p.line("#c9c4b8", 1.5), 6) + rect(176, 40, 16, 58, p.dark, rx=3)
            + rect(20, 80, 10, 18, p.dark) + rect(160, 80, 10, 18, p.dark))


def window(p: Pen) -> str:  # 100 x 100
    return (rect(4, 4, 92, 92, p.fill, p.line(), 3) + rect(12, 12, 36, 36, PALE_GLASS) + rect(52, 12, 36, 36, PALE_GLASS)
            + rect(12, 52, 36, 36, PALE_GLASS) + rect(52, 52, 36, 36, PALE_GLASS))
