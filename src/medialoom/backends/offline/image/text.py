"""Text into images (wrapped, auto-sized, outlined: top, bottom, centre or x,y) and
upscaling (Lanczos + unsharp mask)."""

from __future__ import annotations

import re
from typing import Any

from PIL import Image, ImageDraw, ImageFilter, ImageFont

from ....errors import InputError

BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
POSITIONS = {"top": "top", "bottom": "bottom", "centre": "centre", "top left": "top left",
             "top right": "top right", "bottom left": "bottom left", "bottom right": "bottom right"}
WORDS = {"upper": "top", "lower": "bottom", "center": "centre", "middle": "centre"}
MAX_PIXELS = 50_000_000


def parse_position(position: Any, size: tuple[int, int]) -> tuple[str, tuple[float, float] | None]:
    """('top'|'bottom'|'centre'|'xy', (x, y) in pixels for 'xy')."""
    if position is None or position == "":
        return "bottom", None
    if isinstance(position, (list, tuple)) and len(position) == 2:
        x, y = (float(v) for v in position)
    else:
        text = str(position).strip().lower()
        words = [WORDS.get(w, w) for w in re.findall(r"[a-z]+", text) if w not in ("the", "corner", "at", "in")]
        if words and " ".join(words) in POSITIONS:
            return POSITIONS[" ".join(words)], None
        if text in POSITIONS:
            return POSITIONS[text], None
        m = re.fullmatch(r"\[?\s*(-?\d+(?:\.\d+)?)\s*[, ]\s*(-?\d+(?:\.\d+)?)\s*\]?", text)
        if not m:
            raise InputError(f"position '{position}' is not understood; use top, bottom, centre, top left (or another corner) or 'x,y'")
        x, y = float(m.group(1)), float(m.group(2))
    if 0 <= x <= 1 and 0 <= y <= 1 and not (x == 1 and y == 1 and size == (1, 1)):
        x, y = x * size[0], y * size[1]
    if not (0 <= x < size[0] and 0 <= y < size[1]):
        raise InputError(f"position [{x:g}, {y:g}] is outside the {size[0]}x{size[1]} image")
    return "xy", (x, y)


def _wrap(draw: ImageDraw.ImageDraw, text: str, font: ImageFont.FreeTypeFont, width: float) -> list[str]:
    lines: list[str] = []
    for para in text.splitlines() or [""]:
        line = ""
        for word in para.split():
            trial = f"{line} {word}".strip()
            if draw.textlength(trial, font=font) <= width or not line:
                line = trial
            else:
                lines.append(line)
                line = word
        lines.append(line)
    return lines


def layout_text(img: Image.Image, text: str, max_w: float, max_h: float):
    draw = ImageDraw.Draw(img)
    size = max(10, int(img.height / 8))
    while True:
        font = ImageFont.truetype(BOLD, size)
        lines = _wrap(draw, text, font, max_w)
        widths = [draw.textlength(line, font=font) for line in lines]
        height = len(lines) * size * 1.18
        if (max(widths) <= max_w and height <= max_h) or size <= 9:
            return font, lines, widths, size
        size = int(size * 0.9)


def add_text(img: Image.Image, text: str, position: Any = "bottom") -> Image.Image:
    text = (text or "").strip()
    if not text:
        raise InputError("the text to write is empty; give some words")
    mode, xy = parse_position(position, img.size)
    out = img.convert("RGBA")
    W, H = out.size
    max_w = W * (0.9 if mode in ("top", "bottom", "centre") else 0.6)
    if mode == "xy":
        max_w = max(W * 0.3, W * 0.98 - xy[0])  # type: ignore[index]
    max_h = H * (0.5 if mode in ("centre", "xy") else 0.3)
    font, lines, widths, size = layout_text(out, text, max_w, max_h)
    block_h = len(lines) * size * 1.18
    if mode.startswith("top"):
        y0 = H * 0.04
    elif mode.startswith("bottom"):
        y0 = H * 0.96 - block_h
    elif mode == "centre":
        y0 = (H - block_h) / 2
    else:
        y0 = min(xy[1], H * 0.98 - block_h)  # type: ignore[index]  # kept inside the picture
    draw = ImageDraw.Draw(out)
    stroke = max(1, size // 12)
    for i, (line, lw) in enumerate(zip(lines, widths)):
        draw.text((_line_x(mode, xy, W, lw, max(widths)), y0 + i * size * 1.18), line, font=font,
                  fill="#ffffff", stroke_width=stroke, stroke_fill="#111111")
    return out if img.mode == "RGBA" else out.convert("RGB")


def _line_x(mode: str, xy: tuple[float, float] | None, W: int, line_w: float, block_w: float) -> float:
    """Left edge of one line: centred, aligned to a corner, or at x (moved left to stay inside)."""
    if mode.endswith("left"):
        return W * 0.04
    if mode.endswith("right"):
        return W * 0.96 - line_w
    if mode == "xy":
        return max(0.0, min(xy[0], W * 0.98 - block_w))  # type: ignore[index]
    return (W - line_w) / 2


def upscaled_size(img: Image.Image, scale: float) -> tuple[int, int]:
    """The enlarged size, or InputError for a scale outside 1..8 or a result over 50 MP."""
    if not (1 <= scale <= 8):
        raise InputError(f"scale {scale:g} is outside 1..8; choose e.g. 2 or 4")
    w, h = round(img.width * scale), round(img.height * scale)
    if w * h > MAX_PIXELS:
        raise InputError(f"upscaling to {w}x{h} would exceed 50 megapixels; choose a smaller scale")
    return w, h


def upscale(img: Image.Image, scale: float) -> Image.Image:
    w, h = upscaled_size(img, scale)
    big = img.resize((w, h), Image.Resampling.LANCZOS)
    if big.mode == "RGBA":
        rgb = big.convert("RGB").filter(ImageFilter.UnsharpMask(radius=1.2 * scale ** 0.5, percent=70, threshold=2))
        rgb.putalpha(big.getchannel("A"))
        return rgb
    return big.filter(ImageFilter.UnsharpMask(radius=1.2 * scale ** 0.5, percent=70, threshold=2))
