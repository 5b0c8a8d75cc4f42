"""The pen a drawing receives: main fill, its shades, a line width and a seed variation.

Every drawing function has the signature `draw(p: Pen) -> str` and returns SVG markup in its
own design box (see `kinds.KINDS` for each box); the scene translates and scales that box
onto the object's layout box.
"""

from __future__ import annotations

from dataclasses import dataclass

from .palette import shade, tint


@dataclass(frozen=True)
class Pen:
    fill: str
    var: float = 0.5      # 0..1, seed-dependent variation (pose, count of windows ...)
    sw: float = 3.0       # outline width in design units

    @property
    def dark(self) -> str:
        return shade(self.fill, 0.62)

    @property
    def deep(self) -> str:
        return shade(self.fill, 0.45)

    @property
    def light(self) -> str:
        return tint(self.fill, 0.35)

    def line(self, colour: str | None = None, width: float | None = None) -> str:
        """Outline attributes: a dark shade of the fill unless a colour is given."""
        return (f'stroke="{colour or self.dark}" stroke-width="{width or self.sw:.2f}" '
                'stroke-linejoin="round" stroke-linecap="round"')


def ellipse(cx: float, cy: float, rx: float, ry: float, fill: str, extra: str = "") -> str:
    return f'<ellipse cx="{cx:.1f}" cy="{cy:.1f}" rx="{rx:.1f}" ry="{ry:.1f}" fill="{fill}" {extra}/>'


def circle(cx: float, cy: float, r: float, fill: str, extra: str = "") -> str:
    return f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{r:.1f}" fill="{fill}" {extra}/>'


def rect(x: float, y: float, w: float, h: float, fill: str, extra: str = "", rx: float = 0) -> str:
    return (f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" rx="{rx:.1f}" '
            f'fill="{fill}" {extra}/>')


def path(d: str, fill: str, extra: str = "") -> str:
    return f'<path d="{d}" fill="{fill}" {extra}/>'


def poly(points: list[tuple[float, float]], fill: str, extra: str = "") -> str:
    pts = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
    return f'<polygon points="{pts}" fill="{fill}" {extra}/>'


def line(x1: float, y1: float, x2: float, y2: float, colour: str, width: float) -> str:
    return (f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{colour}" '
            f'stroke-width="{width:.1f}" stroke-linecap="round"/>')


def eye(cx: float, cy: float, r: float) -> str:
    """A cartoon eye: dark pupil with a white glint."""
    return circle(cx, cy, r, "#1d2327") + circle(cx + r * 0.35, cy - r * 0.35, r * 0.35, "#ffffff")


def unit_star(cx: float, cy: float, r_out: float, r_in: float, n: int = 5) -> list[tuple[float, float]]:
    import math

    pts = []
    for i in range(2 * n):
        r = r_out if i % 2 == 0 else r_in
        a = -math.pi / 2 + i * math.pi / n
        pts.append((cx + r * math.cos(a), cy + r * math.sin(a)))
    return pts
