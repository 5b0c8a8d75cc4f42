"""Backgrounds: each setting is a list of named parts (sky, ground, water ...) drawn as SVG on
a W x H canvas, with the style (flat, sunset, night, watercolour) changing sky and light.

`background(setting, style, W, H, horizon, rng) -> list[Part]`; `overlay(style, W, H)` is
drawn over the objects; `DEFS` holds the gradients and filters they use.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from .pen import circle, path, poly, rect

SKIES = {"day": ("#9fd3ef", "#e2f3fc"), "sunset": ("#ff8a5c", "#ffd98a"), "night": ("#0c1633", "#2b3d70"),
         "plain": ("#fbf7f0", "#f1ebe0"), "underwater": ("#2a86bf", "#0d4470"), "space": ("#070b1f", "#1c2150"),
         "snow": ("#c9dbe9", "#eef4f8"), "desert": ("#9fd4f2", "#fff0cc"), "room": ("#f4e9d8", "#efe2cd"),
         "tabletop": ("#f1e8dc", "#e9dccb")}
GROUNDS = {"plain": "#e8e0d2", "beach": "#f1dca4", "forest": "#86b078", "city": "#a3a9ae",
           "mountains": "#a3cf8e", "desert": "#efc27c", "snow": "#f5f9fc", "underwater": "#d8c08a",
           "space": "#5d6275", "room": "#c99a6b", "park": "#a3cf8e", "lake": "#a3cf8e", "tabletop": "#b98556"}


@dataclass(frozen=True)
class Part:
    name: str
    svg: str


def defs(style: str) -> str:
    f = ('<filter id="wc" x="-5%" y="-5%" width="110%" height="110%">'
         '<feTurbulence type="fractalNoise" baseFrequency="0.035" numOctaves="2" seed="3" result="n"/>'
         '<feDisplacementMap in="SourceGraphic" in2="n" scale="3" xChannelSelector="R" yChannelSelector="G" result="d"/>'
         '<feGaussianBlur in="d" stdDeviation="0.6"/></filter>') if style == "watercolour" else ""
    return f"<defs>{f}</defs>"


def _gradient(gid: str, top: str, bottom: str) -> str:
    return (f'<defs><linearGradient id="{gid}" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="{top}"/>'
            f'<stop offset="1" stop-color="{bottom}"/></linearGradient></defs>')


def _sky_key(setting: str, style: str) -> str:
    if setting in ("underwater", "space", "room", "tabletop", "plain"):
        return setting
    if style in ("sunset", "night"):
        return style
    if style in ("rain", "fog"):
        return "snow"
    if style in ("sketch", "vintage"):
        return "day"
    return {"snow": "snow", "desert": "desert"}.get(setting, "day")


def background(setting: str, style: str, W: float, H: float, horizon: float, rng: random.Random) -> list[Part]:
    top, bottom = SKIES[_sky_key(setting, style)]
    sky = _gradient("skyg", top, bottom) + rect(0, 0, W, horizon + 2, "url(#skyg)")
    if _sky_key(setting, style) in ("night", "space"):
        sky += "".join(circle(rng.uniform(0, W), rng.uniform(0, horizon * 0.9), rng.uniform(0.6, 1.8), "#fffbe6")
                       for _ in range(60))
    parts = [Part("sky", sky)]
    ground = GROUNDS.get(setting, GROUNDS["plain"])
    extra = _SCENERY.get(setting, lambda *a: [])(W, H, horizon, rng)
    parts += [p for p in extra if p.name != "ground_detail"]
    parts.append(Part("ground" if setting not in ("room", "tabletop") else "floor" if setting == "room" else "table",
                      rect(0, horizon, W, H - horizon, ground)))
    parts += [p for p in extra if p.name == "ground_detail"]
    return parts


def _far_trees(W: float, H: float, hz: float, rng: random.Random) -> list[Part]:
    trees = "".join(poly([(x, hz + 2), (x + 18, hz - rng.uniform(0.12, 0.22) * H), (x + 36, hz + 2)], "#6f9a72")
                    for x in range(-10, int(W), 26))
    return [Part("trees", trees)]


def _city(W: float, H: float, hz: float, rng: random.Random) -> list[Part]:
    out, x = "", -5.0
    while x < W:
        w, h = rng.uniform(0.08, 0.16) * W, rng.uniform(0.18, 0.42) * H
        out += rect(x, hz - h, w, h + 2, rng.choice(("#9fb0c2", "#b5c2cf", "#8d9db0")))
        out += "".join(rect(x + w * 0.15 + c * w * 0.3, hz - h + 8 + r * 16, w * 0.16, 8, "#e8eef3")
                       for r in range(int(h // 16) - 1) for c in range(3))
        x += w + 3
    road = rect(0, hz + (H - hz) * 0.72, W, (H - hz) * 0.28, "#6b7278")
    road += "".join(rect(x, hz + (H - hz) * 0.85, 30, 4, "#f2f2ea") for x in range(10, int(W), 60))
    return [Part("buildings", out), Part("ground_detail", road)]


def _mountains(W: float, H: float, hz: float, rng: random.Random) -> list[Part]:
    out = ""
    for i in range(3):
        cx, h = W * (0.18 + 0.32 * i) + rng.uniform(-20, 20), H * rng.uniform(0.25, 0.38)
        out += poly([(cx - W * 0.3, hz + 2), (cx, hz - h), (cx + W * 0.3, hz + 2)], "#8ea3b8")
        out += poly([(cx - h * 0.28, hz - h * 0.72), (cx, hz - h), (cx + h * 0.28, hz - h * 0.72)], "#f5f8fb")
    return [Part("mountains", out)]


def _beach(W: float, H: float, hz: float, rng: random.Random) -> list[Part]:
    sea = rect(0, hz - 0.1 * H, W, 0.1 * H + 3, "#3b9fd4")
    sea += "".join(path(f"M{x},{hz - 0.05 * H:.0f} q10,-4 20,0", "none", 'stroke="#e6f5ff" stroke-width="2"')
                   for x in range(15, int(W), 70))
    foam = path(f"M0,{hz + 4:.0f} " + "".join(f"q{W / 16:.0f},8 {W / 8:.0f},0 " for _ in range(8)) +
                f"L{W},{hz - 2:.0f} L0,{hz - 2:.0f} Z", "#f7fbff")
    return [Part("sea", sea), Part("ground_detail", foam)]


def _lake(W: float, H: float, hz: float, rng: random.Random) -> list[Part]:
    hills = path(f"M0,{hz:.0f} Q{W * 0.25:.0f},{hz - 0.16 * H:.0f} {W * 0.5:.0f},{hz - 0.04 * H:.0f} "
                 f"Q{W * 0.75:.0f},{hz - 0.2 * H:.0f} {W},{hz:.0f} Z", "#7fb27a")
    water = rect(0, hz, W, 0.14 * H, "#5aaed8") + "".join(
        rect(x, hz + rng.uniform(0.02, 0.12) * H, 24, 2, "#d9f0fb") for x in range(20, int(W), 90))
    return [Part("hills", hills), Part("ground_detail", water)]


def _desert(W: float, H: float, hz: float, rng: random.Random) -> list[Part]:
    dune = path(f"M0,{hz + 0.12 * H:.0f} Q{W * 0.3:.0f},{hz - 0.02 * H:.0f} {W * 0.6:.0f},{hz + 0.1 * H:.0f} "
                f"T{W},{hz + 0.06 * H:.0f} L{W},{H} L0,{H} Z", "#e3ad63")
    return [Part("ground_detail", dune)]


def _snow(W: float, H: float, hz: float, rng: random.Random) -> list[Part]:
    flakes = "".join(circle(rng.uniform(0, W), rng.uniform(0, H), rng.uniform(1, 2.6), "#ffffff", 'opacity="0.9"')
                     for _ in range(70))
    return _mountains(W, H, hz, rng) + [Part("ground_detail", flakes)]


def _underwater(W: float, H: float, hz: float, rng: random.Random) -> list[Part]:
    rays = "".join(poly([(x, 0), (x + 40, 0), (x + 120, hz), (x + 60, hz)], "#ffffff", 'opacity="0.07"')
                   for x in range(0, int(W), 150))
    weed = "".join(path(f"M{x},{H} q-12,-{0.1 * H:.0f} 0,-{0.18 * H:.0f} q12,-{0.06 * H:.0f} 0,-{0.14 * H:.0f}", "none",
                        'stroke="#2f8f5b" stroke-width="6"') for x in range(30, int(W), 110))
    bubbles = "".join(circle(rng.uniform(0, W), rng.uniform(0.1, 0.8) * H, rng.uniform(2, 5), "none",
                             'stroke="#cfeeff" stroke-width="1.5"') for _ in range(14))
    return [Part("water", rays + bubbles), Part("ground_detail", weed)]


def _room(W: float, H: float, hz: float, rng: random.Random) -> list[Part]:
    win = rect(W * 0.62, H * 0.12, W * 0.24, H * 0.26, "#d6ecf7", 'stroke="#ffffff" stroke-width="6"')
    base = rect(0, hz - 6, W, 8, "#e9dcc4")
    boards = "".join(rect(0, hz + i * (H - hz) / 5, W, 2, "#b78a5c") for i in range(1, 5))
    return [Part("wall_detail", win + base), Part("ground_detail", boards)]


def _tabletop(W: float, H: float, hz: float, rng: random.Random) -> list[Part]:
    edge = rect(0, hz, W, 6, "#a67548")
    grain = "".join(path(f"M0,{hz + i * (H - hz) / 6:.0f} q{W / 2:.0f},6 {W},0", "none",
                         'stroke="#a87a4f" stroke-width="2"') for i in range(1, 6))
    return [Part("ground_detail", edge + grain)]


def _park(W: float, H: float, hz: float, rng: random.Random) -> list[Part]:
    hills = path(f"M0,{hz + 2:.0f} Q{W * 0.3:.0f},{hz - 0.1 * H:.0f} {W * 0.6:.0f},{hz + 2:.0f} "
                 f"Q{W * 0.8:.0f},{hz - 0.06 * H:.0f} {W},{hz + 2:.0f} Z", "#9fd08a")
    tufts = "".join(path(f"M{x},{y:.0f} l3,-8 l3,8 l3,-6 l2,6", "none", 'stroke="#7fa872" stroke-width="2"')
                    for x, y in ((rng.uniform(0, W), rng.uniform(hz + 10, H)) for _ in range(16)))
    return [Part("hills", hills), Part("ground_detail", tufts)]


def _space(W: float, H: float, hz: float, rng: random.Random) -> list[Part]:
    planet = circle(W * 0.82, H * 0.2, H * 0.07, "#c98b5a") + path(
        f"M{W * 0.82 - H * 0.11:.0f},{H * 0.21:.0f} q{H * 0.11:.0f},-{H * 0.04:.0f} {H * 0.22:.0f},-{H * 0.02:.0f}",
        "none", 'stroke="#e8c9a8" stroke-width="3"')
    craters = "".join(circle(rng.uniform(0, W), rng.uniform(hz + 8, H), rng.uniform(4, 12), "#4c5062")
                      for _ in range(8))
    return [Part("planet", planet), Part("ground_detail", craters)]


_SCENERY = {"forest": _far_trees, "city": _city, "mountains": _mountains, "beach": _beach, "lake": _lake,
            "desert": _desert, "snow": _snow, "underwater": _underwater, "room": _room,
            "tabletop": _tabletop, "park": _park, "space": _space}


def overlay(style: str, W: float, H: float) -> str:
    if style == "night":
        return rect(0, 0, W, H, "#0a1440", 'opacity="0.38"')
    if style == "sunset":
        return rect(0, 0, W, H, "#ff7a30", 'opacity="0.12"')
    if style == "watercolour":
        return rect(0, 0, W, H, "#fff8ec", 'opacity="0.08"')
    return ""
