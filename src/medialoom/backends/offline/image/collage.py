"""Several images -> one: grid, collage (scrapbook with white borders, seeded) or panorama
(OpenCV's stitcher when the images overlap, otherwise a height-matched strip)."""

from __future__ import annotations

import math
import random

import numpy as np
from PIL import Image, ImageOps

MAX_SIDE = 8192
BACKGROUND = "#ffffff"


def _fit(img: Image.Image, w: int, h: int) -> Image.Image:
    return ImageOps.contain(img.convert("RGB"), (w, h), Image.Resampling.LANCZOS)


def grid(images: list[Image.Image], cell: int = 512, pad: int = 12) -> Image.Image:
    n = len(images)
    cols = math.ceil(math.sqrt(n))
    rows = math.ceil(n / cols)
    aspect = float(np.median([im.width / im.height for im in images]))
    cw, ch = (cell, round(cell / aspect)) if aspect >= 1 else (round(cell * aspect), cell)
    cw, ch = min(cw, MAX_SIDE // cols - pad), min(ch, MAX_SIDE // rows - pad)
    out = Image.new("RGB", (cols * cw + (cols + 1) * pad, rows * ch + (rows + 1) * pad), BACKGROUND)
    for i, im in enumerate(images):
        r, c = divmod(i, cols)
        tile = _fit(im, cw, ch)
        x = pad + c * (cw + pad) + (cw - tile.width) // 2
        y = pad + r * (ch + pad) + (ch - tile.height) // 2
        out.paste(tile, (x, y))
    return out


def collage(images: list[Image.Image], seed: int, size: tuple[int, int] = (1024, 768)) -> Image.Image:
    rng = random.Random(seed)
    W, H = size
    out = Image.new("RGBA", size, "#f4efe6")
    n = len(images)
    cols = math.ceil(math.sqrt(n * W / H))
    rows = math.ceil(n / cols)
    cw, ch = W / cols, H / rows
    for i, im in enumerate(images):
        r, c = divmod(i, cols)
        in_row = min(cols, n - r * cols)
        offset = (cols - in_row) * cw / 2  # centre a short last row
        tile = _fit(im, int(cw * 0.86), int(ch * 0.86))
        framed = ImageOps.expand(tile, border=max(6, tile.width // 30), fill="#ffffff").convert("RGBA")
        framed = framed.rotate(rng.uniform(-7, 7), expand=True, resample=Image.Resampling.BICUBIC)
        x = int(offset + c * cw + (cw - framed.width) / 2 + rng.uniform(-0.05, 0.05) * cw)
        y = int(r * ch + (ch - framed.height) / 2 + rng.uniform(-0.05, 0.05) * ch)
        shadow = Image.new("RGBA", framed.size, (0, 0, 0, 0))
        shadow.putalpha(framed.getchannel("A").point(lambda a: a // 4))
        out.alpha_composite(shadow, (max(0, x + 5), max(0, y + 6)))
        out.alpha_composite(framed, (max(0, x), max(0, y)))
    return out.convert("RGB")


def strip(images: list[Image.Image], height: int | None = None) -> Image.Image:
    height = height or min(1024, min(im.height for im in images))
    tiles = [im.convert("RGB").resize((max(1, round(im.width * height / im.height)), height),
                                      Image.Resampling.LANCZOS) for im in images]
    total = sum(t.width for t in tiles)
    if total > MAX_SIDE:
        scale = MAX_SIDE / total
        tiles = [t.resize((max(1, int(t.width * scale)), max(1, int(height * scale)))) for t in tiles]
    out = Image.new("RGB", (sum(t.width for t in tiles), tiles[0].height), BACKGROUND)
    x = 0
    for t in tiles:
        out.paste(t, (x, 0))
        x += t.width
    return out


def panorama(images: list[Image.Image]) -> tuple[Image.Image, bool]:
    """A stitched panorama and True, or a side-by-side strip and False when they do not overlap."""
    import cv2

    scale = min(1.0, 1200 / max(max(im.size) for im in images))
    arrs = [np.ascontiguousarray(np.asarray(im.convert("RGB").resize(
        (max(1, int(im.width * scale)), max(1, int(im.height * scale)))))[..., ::-1]) for im in images]
    status, pano = -1, None
    for mode in (cv2.Stitcher_PANORAMA, cv2.Stitcher_SCANS):
        try:
            status, pano = cv2.Stitcher_create(mode).stitch(arrs)
        except cv2.error:
            status, pano = -1, None
        if status == 0 and pano is not None and pano.size:
            break
    if status != 0 or pano is None or pano.size == 0:
        return strip(images), False
    return _crop_black(Image.fromarray(np.ascontiguousarray(pano[..., ::-1]))), True


def _crop_black(img: Image.Image) -> Image.Image:
    a = np.asarray(img.convert("L"))
    rows, cols = np.nonzero((a > 3).mean(axis=1) > 0.98)[0], np.nonzero((a > 3).mean(axis=0) > 0.98)[0]
    if len(rows) < 10 or len(cols) < 10:
        return img
    return img.crop((int(cols[0]), int(rows[0]), int(cols[-1]) + 1, int(rows[-1]) + 1))
