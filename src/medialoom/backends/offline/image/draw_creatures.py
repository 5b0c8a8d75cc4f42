"""Parametric drawings of more animals: swan, camel, lion, bee, snail, whale, dolphin, octopus,
crab, dinosaur, unicorn, dragon. Each returns SVG in its own design box (noted beside each function);
the fill is the animal's main colour, so a coloured animal reads as one shape of that colour."""

from __future__ import annotations

from .draw_wild import BEAK, _warm, shade_of
from .palette import NEUTRAL_DARK, PALE_GLASS
from .pen import Pen, circle, ellipse, eye, line, path, poly, rect


def _tube(d: str, p: Pen, width: float) -> str:
    """A thick curved limb or neck: an outline stroke under a fill stroke."""
    return (path(d, "none", f'stroke="{p.dark}" stroke-width="{width + 2 * p.sw:.1f}" stroke-linecap="round"')
            + path(d, "none", f'stroke="{p.fill}" stroke-width="{width:.1f}" stroke-linecap="round"'))


def swan(p: Pen) -> str:  # 120 x 100
    accent = NEUTRAL_DARK if _warm(p.fill) else BEAK
    body = path("M30,62 Q26,92 66,92 Q104,92 116,58 Q100,70 84,64 Q60,52 30,62 Z", p.fill, p.line())
    wing = path("M44,66 Q70,58 100,66 Q84,84 56,82 Z", p.light, p.line(p.dark, 2))
    neck = _tube("M40,70 Q22,54 26,34 Q30,14 20,12", p, 9)
    head = ellipse(18, 14, 9, 7, p.fill, p.line())
    beak = poly([(10, 12), (0, 20), (11, 18)], accent, p.line(shade_of(accent), 1.5))
    return neck + body + wing + head + beak + eye(17, 12, 2)


def camel(p: Pen) -> str:  # 150 x 130
    legs = "".join(rect(x, 70, 9, 56, p.fill, p.line(), 3) for x in (52, 66, 108, 120))
    body = path("M46,78 Q44,56 62,52 Q72,20 86,50 Q98,20 112,52 Q134,56 132,78 Q90,92 46,78 Z", p.fill, p.line())
    neck = path("M52,70 Q30,74 24,44 L36,40 Q40,60 58,60 Z", p.fill, p.line())
    head = ellipse(24, 36, 16, 9, p.fill, p.line()) + ellipse(22, 28, 4, 3, p.fill, p.line(p.dark, 2))
    tail = path("M132,70 Q142,84 138,96", "none", p.line(p.dark, 3))
    return tail + legs + body + neck + head + eye(20, 33, 2.4) + circle(10, 38, 1.8, "#1d2327")


def lion(p: Pen) -> str:  # 150 x 120
    legs = "".join(rect(x, 74, 13, 42, p.fill, p.line(), 5) for x in (50, 66, 108, 122))
    body = ellipse(90, 70, 50, 26, p.fill, p.line())
    tail = path("M138,66 Q150,40 140,28", "none", p.line(p.dark, 4)) + ellipse(140, 26, 6, 8, p.deep)
    mane = "".join(circle(38 + 26 * c, 46 + 26 * s, 11, p.deep) for c, s in (
        (1, 0), (.7, .7), (0, 1), (-.7, .7), (-1, 0), (-.7, -.7), (0, -1), (.7, -.7))) + circle(38, 46, 30, p.deep)
    face = (circle(38, 46, 20, p.fill, p.line()) + ellipse(38, 56, 9, 6, p.light)
            + poly([(34, 50), (42, 50), (38, 55)], "#5a3a2a") + eye(31, 42, 3) + eye(45, 42, 3))
    ears = circle(24, 30, 6, p.fill, p.line(p.dark, 2)) + circle(52, 30, 6, p.fill, p.line(p.dark, 2))
    return tail + legs + mane + body + ears + face


def bee(p: Pen) -> str:  # 100 x 80
    wings = (ellipse(40, 22, 16, 20, PALE_GLASS, f'stroke="{NEUTRAL_DARK}" stroke-width="2" opacity="0.9"')
             + ellipse(60, 24, 14, 18, PALE_GLASS, f'stroke="{NEUTRAL_DARK}" stroke-width="2" opacity="0.9"'))
    body = ellipse(54, 52, 34, 22, p.fill, p.line(NEUTRAL_DARK, 2.5))
    stripes = "".join(path(f"M{x},33 Q{x + 6},46 {x + 2},60", "none", f'stroke="{NEUTRAL_DARK}" stroke-width="7"')
                      for x in (50, 68))
    sting = poly([(87, 50), (98, 53), (87, 57)], NEUTRAL_DARK)
    head = circle(20, 50, 13, NEUTRAL_DARK) + eye(15, 47, 3)
    feelers = (path("M18,38 Q14,24 6,22", "none", f'stroke="{NEUTRAL_DARK}" stroke-width="2"')
               + path("M24,38 Q26,24 20,18", "none", f'stroke="{NEUTRAL_DARK}" stroke-width="2"'))
    return sting + body + stripes + head + feelers + wings


def snail(p: Pen) -> str:  # 120 x 80
    foot_c = "#c9b79c"
    foot = path("M6,74 Q2,60 16,56 Q18,36 30,36 Q42,38 42,56 L108,58 Q118,76 100,76 Z", foot_c,
                p.line(shade_of(foot_c), 2.5))
    stalks = line(26, 40, 22, 14, shade_of(foot_c), 3) + line(34, 40, 40, 14, shade_of(foot_c), 3)
    shell = circle(74, 40, 32, p.fill, p.line())
    spiral = path("M74,40 Q82,36 80,46 Q72,56 64,44 Q60,28 78,26 Q98,28 96,46 Q92,66 70,66",
                  "none", p.line(p.dark, 3))
    return foot + stalks + circle(22, 12, 4, "#1d2327") + circle(40, 12, 4, "#1d2327") + eye(26, 48, 2.4) + shell + spiral


def whale(p: Pen) -> str:  # 200 x 110
    spout = path("M52,30 Q46,10 34,8 M52,30 Q52,8 52,2 M52,30 Q58,10 70,8", "none",
                 f'stroke="{PALE_GLASS}" stroke-width="5" stroke-linecap="round"')
    tail = path("M160,62 Q176,50 178,30 Q186,40 198,32 Q194,54 174,72 Z", p.fill, p.line())
    body = path("M10,70 Q10,32 60,30 Q120,30 166,64 Q150,100 80,102 Q12,102 10,70 Z", p.fill, p.line())
    belly = path("M14,80 Q40,100 90,98 Q130,96 150,82 Q90,92 14,80 Z", p.light)
    fin = path("M80,84 Q96,98 84,106 Q74,96 70,86 Z", p.dark, p.line(p.dark, 2))
    return spout + tail + body + belly + fin + eye(34, 60, 3.5) + path("M14,74 Q30,80 44,74", "none", p.line(p.dark, 2))


def dolphin(p: Pen) -> str:  # 160 x 90
    body = path("M4,58 Q12,52 24,50 Q34,28 70,28 Q118,28 140,54 L156,36 Q160,50 152,57 Q160,66 156,78 "
                "L138,62 Q110,76 70,72 Q36,70 24,62 L4,62 Z", p.fill, p.line())
    fin = path("M66,31 Q76,6 96,4 Q86,16 92,31 Z", p.fill, p.line())
    flipper = path("M58,68 Q54,84 40,88 Q48,72 46,67 Z", p.dark, p.line(p.dark, 2))
    belly = path("M22,62 Q50,70 96,68 Q60,76 28,66 Z", p.light)
    mouth = path("M6,60 Q14,62 22,58", "none", p.line(p.dark, 2))
    return fin + body + belly + flipper + mouth + eye(32, 48, 3)


def octopus(p: Pen) -> str:  # 120 x 120
    arms = "".join(_tube(f"M{x0},66 Q{x0 + dx},92 {x0 + 2 * dx},{100 + k % 3 * 6} Q{x0 + 3 * dx},114 {x0 + 2.4 * dx},116", p, 9)
                   for k, (x0, dx) in enumerate(((34, -8), (44, -5), (52, -2), (58, 2), (62, -2), (68, 2), (76, 5), (86, 8))))
    head = path("M22,70 Q14,6 60,4 Q106,6 98,70 Q60,84 22,70 Z", p.fill, p.line())
    face = eye(48, 48, 5) + eye(72, 48, 5) + path("M52,62 Q60,68 68,62", "none", p.line(p.dark, 2.5))
    spots = circle(44, 24, 4, p.light) + circle(72, 20, 5, p.light) + circle(60, 32, 3, p.light)
    return arms + head + spots + face


def crab(p: Pen) -> str:  # 140 x 90
    legs = "".join(path(f"M{70 + s * 30},{56 + i * 7} L{70 + s * 52},{62 + i * 10} L{70 + s * 58},{76 + i * 6}",
                        "none", p.line(p.dark, 5)) for s in (-1, 1) for i in range(3))
    arms = path("M46,50 L26,36", "none", p.line(p.dark, 6)) + path("M94,50 L114,36", "none", p.line(p.dark, 6))
    claws = (path("M26,40 Q4,36 10,16 L22,24 L18,10 Q38,14 32,36 Z", p.fill, p.line())
             + path("M114,40 Q136,36 130,16 L118,24 L122,10 Q102,14 108,36 Z", p.fill, p.line()))
    stalks = line(60, 44, 56, 26, p.dark, 3) + line(80, 44, 84, 26, p.dark, 3)
    body = ellipse(70, 58, 36, 22, p.fill, p.line())
    return legs + arms + claws + stalks + body + eye(56, 24, 4) + eye(84, 24, 4) + path(
        "M60,64 Q70,70 80,64", "none", p.line(p.dark, 2))


def dinosaur(p: Pen) -> str:  # 180 x 130
    plates = "".join(poly([(x - 9, 62 - h * .3), (x, 44 - h), (x + 9, 62 - h * .3)], p.dark, p.line(p.dark, 2))
                     for x, h in ((70, 6), (90, 12), (110, 10), (128, 2)))
    legs = "".join(rect(x, 84, 16, 42, p.fill, p.line(), 5) for x in (64, 82, 116, 132))
    body = path("M40,70 Q60,40 106,44 Q146,48 150,76 Q170,86 178,112 Q150,94 132,98 Q90,110 56,96 Q40,86 40,70 Z",
                p.fill, p.line())
    neck = path("M48,74 Q30,60 28,34 L44,30 Q46,54 66,64 Z", p.fill, p.line())
    head = ellipse(30, 28, 22, 13, p.fill, p.line()) + path("M10,32 Q20,36 30,34", "none", p.line(p.dark, 2))
    belly = path("M60,96 Q96,108 132,96 Q96,102 60,96 Z", p.light)
    return plates + legs + body + belly + neck + head + eye(28, 22, 3.2)


def unicorn(p: Pen) -> str:  # 150 x 130
    mane_c = "#ab47bc" if not _purple(p.fill) else "#ec407a"
    legs = "".join(rect(x, 76, 11, 50, p.fill, p.line(), 3) for x in (48, 62, 110, 124))
    body = ellipse(90, 70, 48, 24, p.fill, p.line())
    tail = path("M136,62 Q152,80 140,110 Q132,90 130,70 Z", mane_c, p.line(shade_of(mane_c), 2))
    neck = poly([(44, 66), (30, 28), (50, 20), (70, 58)], p.fill, p.line())
    head = path("M28,26 Q38,12 52,22 L30,58 Q14,60 12,50 Z", p.fill, p.line())
    mane = path("M50,18 Q66,26 72,56 Q60,50 56,40 Q50,30 46,26 Z", mane_c, p.line(shade_of(mane_c), 2))
    horn = poly([(36, 18), (44, 20), (40, 0)], "#f5c518", p.line("#b8860b", 1.5))
    ear = poly([(44, 20), (50, 8), (52, 22)], p.fill, p.line())
    return tail + legs + body + neck + mane + head + ear + horn + eye(32, 32, 2.8)


def dragon(p: Pen) -> str:  # 180 x 140
    wing = path("M86,62 L110,6 L122,30 L140,14 L146,40 L166,34 L132,72 Z", p.dark, p.line())
    ribs = path("M90,62 L110,8 M100,64 L140,16 M112,66 L164,36", "none", p.line(p.deep, 2))
    spikes = "".join(poly([(x - 7, 60), (x, 48), (x + 7, 60)], p.dark, p.line(p.dark, 2)) for x in (60, 76, 128, 144))
    legs = "".join(rect(x, 92, 15, 36, p.fill, p.line(), 5) for x in (62, 80, 118, 134))
    body = path("M44,78 Q60,52 104,56 Q144,58 152,80 Q166,92 176,78 L172,96 Q156,104 146,96 Q120,112 80,106 "
                "Q48,100 44,78 Z", p.fill, p.line())
    tip = poly([(170, 70), (180, 72), (176, 86)], p.dark, p.line(p.dark, 2))
    neck = path("M50,84 Q30,66 34,40 L50,40 Q50,62 68,70 Z", p.fill, p.line())
    head = (poly([(36, 26), (30, 6), (46, 22)], "#f5e6c8", p.line("#a08c6a", 1.5))
            + path("M22,24 Q44,16 56,32 Q56,46 40,46 L10,44 Q4,36 22,24 Z", p.fill, p.line()))
    belly = path("M60,100 Q96,110 140,98 Q100,104 60,100 Z", p.light)
    return (wing + ribs + spikes + tip + legs + body + belly + neck + head + eye(36, 30, 3.2)
            + circle(12, 38, 1.8, "#1d2327"))


def _purple(colour: str) -> bool:
    import colorsys

    from .palette import to_rgb

    h, s, _ = colorsys.rgb_to_hsv(*(c / 255 for c in to_rgb(colour)))
    return s > 0.3 and 0.7 < h < 0.95
