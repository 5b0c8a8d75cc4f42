"""Named colours of the offline image engine and small colour helpers (hex <-> rgb, shade, tint).

The named colours are clip-art colours chosen so a colour-blob reader can tell them apart
(distinct hues, high saturation for chromatic names); secondary parts of drawings use
neutral greys or shades of the main colour so they never read as another named colour.
"""

from __future__ import annotations

import colorsys
import random
import re
from typing import Any

COLOURS: dict[str, str] = {
    "red": "#e53935", "orange": "#fb8c00", "yellow": "#fdd835", "green": "#43a047",
    "blue": "#1e88e5", "purple": "#8e24aa", "pink": "#ff69b4", "brown": "#8d5a3b",
    "black": "#2b2f33", "white": "#f7f7f2", "grey": "#9aa0a6", "cyan": "#00bcd4",
    "gold": "#f2b705", "silver": "#c0c6cc", "beige": "#e8d8b8", "navy": "#1a3a8a",
    "teal": "#00897b", "violet": "#7e57c2", "magenta": "#d81b60", "lime": "#9ccc1a",
}
ALIASES: dict[str, str] = {
    "gray": "grey", "golden": "gold", "wooden": "brown", "wood": "brown", "turquoise": "cyan",
    "crimson": "red", "scarlet": "red", "lilac": "violet", "lavender": "violet", "tan": "beige",
    "cream": "beige", "metal": "silver", "metallic": "silver", "emerald": "green", "azure": "blue",
    "maroon": "red", "indigo": "navy", "rose": "pink", "aqua": "cyan", "ivory": "white",
}
NEUTRAL_DARK = "#3c4650"
NEUTRAL_MID = "#7b8790"
PALE_GLASS = "#e4eef2"
TRUNK = "#7a5540"


def colour_name(word: str) -> str | None:
    """The canonical colour name of a word ("gray" -> "grey"), or None."""
    word = word.lower()
    if word in COLOURS:
        return word
    return ALIASES.get(word)


def to_rgb(hex_colour: str) -> tuple[int, int, int]:
    h = hex_colour.lstrip("#")
    if len(h) == 3:
        h = "".join(c * 2 for c in h)
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


def to_hex(rgb: tuple[float, float, float]) -> str:
    return "#" + "".join(f"{max(0, min(255, round(c))):02x}" for c in rgb)


def shade(hex_colour: str, factor: float) -> str:
    """Darker (factor < 1) with the same hue and saturation."""
    r, g, b = to_rgb(hex_colour)
    return to_hex((r * factor, g * factor, b * factor))


def tint(hex_colour: str, amount: float) -> str:
    """Mixed towards white by `amount` (0..1)."""
    r, g, b = to_rgb(hex_colour)
    return to_hex((r + (255 - r) * amount, g + (255 - g) * amount, b + (255 - b) * amount))


def mix(a: str, b: str, t: float) -> str:
    ra, rb = to_rgb(a), to_rgb(b)
    return to_hex(tuple(x + (y - x) * t for x, y in zip(ra, rb)))  # type: ignore[arg-type]


def jitter(hex_colour: str, rng: random.Random, hue: float = 0.012, light: float = 0.05) -> str:
    """A seed-dependent variant that keeps the colour's name (small hue and value changes)."""
    r, g, b = (c / 255 for c in to_rgb(hex_colour))
    h, s, v = colorsys.rgb_to_hsv(r, g, b)
    if s > 0.25:
        h = (h + rng.uniform(-hue, hue)) % 1.0
    v = max(0.0, min(1.0, v * (1 + rng.uniform(-light, light))))
    return to_hex(tuple(c * 255 for c in colorsys.hsv_to_rgb(h, s, v)))  # type: ignore[arg-type]


def resolve(colour: str | None, default: str) -> str:
    """Hex for a colour name, a hex string, or the default hex."""
    if colour:
        name = colour_name(colour)
        if name:
            return COLOURS[name]
        tone, _, base = colour.partition(" ")
        if tone in TONES and colour_name(base):   # "light blue", "dark green", "pale pink"
            return TONES[tone](COLOURS[colour_name(base)])  # type: ignore[index]
        if HEX.match(colour):
            return colour
    return default


def is_colour(value: Any) -> bool:
    """Colour syntax only (#rgb, #rrggbb or a colour name): what may go into an SVG attribute."""
    return isinstance(value, str) and (bool(HEX.match(value)) or colour_name(value) is not None)


HEX = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
TONES = {"light": lambda c: tint(c, 0.45), "pale": lambda c: tint(c, 0.6), "dark": lambda c: shade(c, 0.6),
         "deep": lambda c: shade(c, 0.75)}
