"""Drawings of plants, sky and landscape objects (design boxes in kinds.py)."""

from __future__ import annotations

import math

from .palette import TRUNK
from .pen import Pen, circle, ellipse, path, poly, rect, unit_star


def tree(p: Pen) -> str:  # 100 x 150
    trunk = path("M42,150 L44,90 L56,90 L58,150 Z", TRUNK, 'stroke="#5a3e2f" stroke-width="2"')
    r = 26 + p.var * 4
    blobs = ((50, 44, r + 8), (26, 66, r), (74, 66, r), (50, 78, r))
    crown = "".join(circle(x, y, rr, p.fill, p.line()) for x, y, rr in blobs)
    crown += "".join(circle(x, y, rr - 3, p.fill) for x, y, rr in blobs)
    crown += circle(40, 36, 9, p.light, 'opacity="0.5"')
    return trunk + crown


def pine(p: Pen) -> str:  # 80 x 150
    trunk = rect(34, 120, 12, 30, TRUNK)
    tiers = ""
    for i, (top, bottom, half) in enumerate(((0, 55, 24), (30, 90, 32), (60, 126, 40))):
        tiers += poly([(40, top), (40 - half, bottom), (40 + half, bottom)], p.fill, p.line())
    return trunk + tiers


def palm(p: Pen) -> str:  # 120 x 160
    trunk = path("M56,160 Q50,100 62,40 L70,40 Q60,100 68,160 Z", "#b08456", 'stroke="#8a6440" stroke-width="2"')
    leaves = ""
    for ang in (-160, -120, -60, -20, -90):
        a = math.radians(ang)
        x, y = 66 + 52 * math.cos(a), 40 + 40 * math.sin(a) + 30
        leaves += path(f"M66,40 Q{66 + 30 * math.cos(a):.0f},{40 + 30 * math.sin(a) - 10:.0f} {x:.0f},{y:.0f} "
                       f"Q{66 + 22 * math.cos(a):.0f},{48 + 20 * math.sin(a):.0f} 66,44 Z", p.fill, p.line())
    return trunk + leaves + circle(62, 46, 5, "#6d4c33") + circle(70, 47, 5, "#6d4c33")


def flower(p: Pen) -> str:  # 50 x 100
    stem = path("M25,100 Q22,70 25,40", "none", 'stroke="#3f8f3f" stroke-width="4"')
    leaf = path("M24,74 Q6,62 10,56 Q22,60 24,74 Z", "#4caf50")
    petals = "".join(ellipse(25 + 11 * math.cos(math.radians(a)), 26 + 11 * math.sin(math.radians(a)),
                             9, 9, p.fill, p.line()) for a in range(0, 360, 60))
    return stem + leaf + petals + circle(25, 26, 7, "#fff3c4", p.line("#e0cc8a", 1.5))


def bush(p: Pen) -> str:  # 120 x 70
    blobs = ((30, 46, 24), (60, 34, 30), (90, 46, 24))
    out = "".join(circle(x, y, r, p.fill, p.line()) for x, y, r in blobs)
    out += rect(10, 46, 100, 24, p.fill, p.line(), 10)
    out += "".join(circle(x, y, r - 3, p.fill) for x, y, r in blobs) + rect(12, 44, 96, 24, p.fill)
    return out


def sun(p: Pen) -> str:  # 100 x 100
    rays = "".join(poly([(50 + 48 * math.cos(a), 50 + 48 * math.sin(a)),
                         (50 + 30 * math.cos(a + 0.18), 50 + 30 * math.sin(a + 0.18)),
                         (50 + 30 * math.cos(a - 0.18), 50 + 30 * math.sin(a - 0.18))], p.fill)
                   for a in (i * math.pi / 6 + p.var * 0.3 for i in range(12)))
    return rays + circle(50, 50, 28, p.fill, p.line(p.dark, 2)) + circle(42, 42, 8, p.light, 'opacity="0.6"')


def moon(p: Pen) -> str:  # 100 x 100
    return path("M62,6 A44,44 0 1,0 94,70 A36,36 0 1,1 62,6 Z", p.fill, p.line(p.dark, 2))


def star(p: Pen) -> str:  # 100 x 100
    return poly(unit_star(50, 52, 48, 20), p.fill, p.line(p.dark, 2.5))


def cloud(p: Pen) -> str:  # 160 x 90
    blobs = ((40, 58, 26), (72, 40, 32), (108, 44, 28), (130, 62, 22))
    edge = "#c9d6df" if p.fill.lower() == "#f7f7f2" else p.dark
    out = "".join(circle(x, y, r, p.fill, f'stroke="{edge}" stroke-width="2.5"') for x, y, r in blobs)
    out += rect(20, 56, 126, 28, p.fill, f'stroke="{edge}" stroke-width="2.5"', 14)
    return out + "".join(circle(x, y, r - 2, p.fill) for x, y, r in blobs) + rect(22, 56, 122, 26, p.fill, rx=12)


def rainbow(p: Pen) -> str:  # 200 x 100
    bands = ("#e53935", "#fb8c00", "#fdd835", "#43a047", "#1e88e5", "#7e57c2")
    return "".join(path(f"M{4 + i * 9},100 A{96 - i * 9},{96 - i * 9} 0 0,1 {196 - i * 9},100", "none",
                        f'stroke="{c}" stroke-width="9"') for i, c in enumerate(bands))


def mountain(p: Pen) -> str:  # 200 x 120
    peak = 90 + (p.var - 0.5) * 30
    body = poly([(0, 120), (peak, 0), (200, 120)], p.fill, p.line())
    snow = poly([(peak - 22, 29), (peak, 0), (peak + 24, 29), (peak + 10, 24), (peak - 2, 32), (peak - 12, 24)],
                "#f7f7f2")
    shade_side = poly([(peak, 0), (200, 120), (peak + 30, 120)], p.dark, 'opacity="0.35"')
    return body + shade_side + snow


def hill(p: Pen) -> str:  # 200 x 80
    return path("M0,80 Q40,4 100,4 Q160,4 200,80 Z", p.fill, p.line())


def rock(p: Pen) -> str:  # 100 x 60
    return (path("M4,60 L14,22 L40,6 L70,10 L92,30 L98,60 Z", p.fill, p.line())
            + path("M40,6 L46,30 L92,30", "none", p.line(p.dark, 2)))


def sea(p: Pen) -> str:  # 200 x 60
    waves = "".join(f"Q{x + 12},{8 + (x // 25 % 2) * 4} {x + 25},14 " for x in range(0, 200, 25))
    body = path(f"M0,14 {waves}L200,60 L0,60 Z", p.fill, p.line(p.dark, 2))
    crest = path(f"M0,14 {waves}", "none", 'stroke="#ffffff" stroke-width="3" opacity="0.7"')
    return body + crest


def mushroom(p: Pen) -> str:  # 80 x 80
    return (path("M30,44 L28,78 L52,78 L50,44 Z", "#f3ead8", p.line("#c9bca0", 2))
            + path("M2,46 Q6,4 40,4 Q74,4 78,46 Z", p.fill, p.line())
            + circle(24, 26, 5, "#ffffff") + circle(48, 18, 6, "#ffffff") + circle(60, 34, 4, "#ffffff"))


def cactus(p: Pen) -> str:  # 80 x 130
    return (rect(30, 10, 22, 120, p.fill, p.line(), 11)
            + path("M30,70 L16,70 Q8,70 8,60 L8,36", "none", p.line(p.fill, 12))
            + path("M52,60 L66,60 Q72,60 72,50 L72,30", "none", p.line(p.fill, 12)))
