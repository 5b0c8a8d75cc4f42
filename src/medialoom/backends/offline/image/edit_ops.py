"""Pixel implementations of the edit operations (see edit.py for the vocabulary).

`apply_one(img, op)` keeps an alpha channel: colour operations change RGB only, geometric
operations move alpha along with the pixels. Everything is deterministic.
"""

from __future__ import annotations

from typing import Any, Callable

import numpy as np
from PIL import Image, ImageEnhance, ImageFilter, ImageOps

from ....errors import InputError
from .instructions import Operation

MAX_SIDE = 8192


def _split(img: Image.Image) -> tuple[Image.Image, Image.Image | None]:
    if img.mode == "RGBA":
        return img.convert("RGB"), img.getchannel("A")
    return img.convert("RGB"), None


def _join(rgb: Image.Image, alpha: Image.Image | None) -> Image.Image:
    if alpha is None:
        return rgb
    out = rgb.convert("RGBA")
    out.putalpha(alpha.resize(rgb.size) if alpha.size != rgb.size else alpha)
    return out


def _arr(img: Image.Image) -> np.ndarray:
    return np.asarray(img, dtype=np.float32)


def _img(a: np.ndarray) -> Image.Image:
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))


# -- colour ----------------------------------------------------------------------------------
def brightness(rgb: Image.Image, p: dict[str, Any]) -> Image.Image:
    return ImageEnhance.Brightness(rgb).enhance(p["factor"])


def contrast(rgb: Image.Image, p: dict[str, Any]) -> Image.Image:
    return ImageEnhance.Contrast(rgb).enhance(p["factor"])


def saturation(rgb: Image.Image, p: dict[str, Any]) -> Image.Image:
    return ImageEnhance.Color(rgb).enhance(p["factor"])


def temperature(rgb: Image.Image, p: dict[str, Any]) -> Image.Image:
    a = _arr(rgb)
    t = float(p["amount"])
    a[..., 0] *= 1 + 0.6 * t
    a[..., 1] *= 1 + 0.12 * t
    a[..., 2] *= 1 - 0.6 * t
    return _img(a)


def hue(rgb: Image.Image, p: dict[str, Any]) -> Image.Image:
    import cv2

    hsv = cv2.cvtColor(np.asarray(rgb), cv2.COLOR_RGB2HSV)
    hsv[..., 0] = ((hsv[..., 0].astype(np.int32) + int(round(p["degrees"] / 2))) % 180).astype(np.uint8)
    return Image.fromarray(cv2.cvtColor(hsv, cv2.COLOR_HSV2RGB))


def grayscale(rgb: Image.Image, p: dict[str, Any]) -> Image.Image:
    return rgb.convert("L").convert("RGB")


def sepia(rgb: Image.Image, p: dict[str, Any]) -> Image.Image:
    m = np.array([[0.393, 0.769, 0.189], [0.349, 0.686, 0.168], [0.272, 0.534, 0.131]], np.float32)
    a = _arr(rgb) @ m.T
    return _img(a * 0.92 + 10)


def invert(rgb: Image.Image, p: dict[str, Any]) -> Image.Image:
    return ImageOps.invert(rgb)


def blur(rgb: Image.Image, p: dict[str, Any]) -> Image.Image:
    return rgb.filter(ImageFilter.GaussianBlur(min(100.0, max(0.1, float(p["radius"])))))


def sharpen(rgb: Image.Image, p: dict[str, Any]) -> Image.Image:
    return rgb.filter(ImageFilter.UnsharpMask(radius=2, percent=int(160 * p.get("amount", 1.0)), threshold=2))


def vignette(rgb: Image.Image, p: dict[str, Any]) -> Image.Image:
    a = _arr(rgb)
    h, w = a.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    d = np.sqrt(((xx - w / 2) / (w / 2)) ** 2 + ((yy - h / 2) / (h / 2)) ** 2) / np.sqrt(2)
    fall = 1 - float(p.get("strength", 0.5)) * np.clip((d - 0.35) / 0.65, 0, 1) ** 1.5
    return _img(a * fall[..., None])


# -- stylisation --------------------------------------------------------------------------------
def cartoon(rgb: Image.Image, p: dict[str, Any]) -> Image.Image:
    import cv2

    src = np.asarray(rgb)
    smooth = src
    for _ in range(2):
        smooth = cv2.bilateralFilter(smooth, 9, 60, 60)
    quant = (smooth // 32) * 32 + 16
    gray = cv2.medianBlur(cv2.cvtColor(src, cv2.COLOR_RGB2GRAY), 5)
    edges = cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY, 9, 5)
    return Image.fromarray(cv2.bitwise_and(quant.astype(np.uint8), quant.astype(np.uint8), mask=edges))


def sketch(rgb: Image.Image, p: dict[str, Any]) -> Image.Image:
    import cv2

    src = np.asarray(rgb)
    gray, _ = cv2.pencilSketch(src, sigma_s=50, sigma_r=0.08, shade_factor=0.04)
    lab = cv2.cvtColor(src, cv2.COLOR_RGB2LAB)
    edges = np.max([cv2.Canny(lab[..., i], 40, 110) for i in range(3)], axis=0)  # outlines of flat colour
    edges = cv2.GaussianBlur(edges, (3, 3), 0).astype(np.float32)
    tone = 255 - (255 - cv2.cvtColor(src, cv2.COLOR_RGB2GRAY).astype(np.float32)) * 0.25  # light shading
    out = np.minimum(np.minimum(gray.astype(np.float32), tone), 255 - edges * 0.85)
    return Image.fromarray(out.astype(np.uint8)).convert("RGB")


def painting(rgb: Image.Image, p: dict[str, Any]) -> Image.Image:
    import cv2

    w, h = rgb.size
    scale = min(1.0, (160_000 / (w * h)) ** 0.5)   # the painterly smoothing survives a smaller pass
    small = rgb.resize((max(8, round(w * scale)), max(8, round(h * scale))), Image.Resampling.LANCZOS) \
        if scale < 1 else rgb
    out = Image.fromarray(cv2.stylization(np.asarray(small), sigma_s=60 * scale ** 0.5, sigma_r=0.45))
    return out.resize((w, h), Image.Resampling.LANCZOS) if scale < 1 else out


# -- moods ----------------------------------------------------------------------------------------
def _flakes(a: np.ndarray, seed: int, count_per_mp: int, colour: tuple[int, int, int],
            streak: bool = False) -> np.ndarray:
    import cv2

    h, w = a.shape[:2]
    rng = np.random.default_rng(seed)
    n = max(20, int(count_per_mp * w * h / 1e6))
    layer = np.zeros((h, w), np.uint8)
    xs, ys = rng.random(n) * w, rng.random(n) * h
    sizes = rng.uniform(0.6, 1.6, n) * max(1.0, min(w, h) / 300)
    for x, y, s in zip(xs, ys, sizes):
        if streak:
            cv2.line(layer, (int(x), int(y)), (int(x - 4 * s), int(y + 22 * s)), 180, 1, cv2.LINE_AA)
        else:
            cv2.circle(layer, (int(x), int(y)), max(1, int(round(s * 1.6))), 255, -1, cv2.LINE_AA)
    alpha = cv2.GaussianBlur(layer, (3, 3), 0).astype(np.float32)[..., None] / 255
    return a * (1 - alpha) + np.array(colour, np.float32) * alpha


def winter(rgb: Image.Image, p: dict[str, Any]) -> Image.Image:
    a = _arr(ImageEnhance.Color(rgb).enhance(0.7))
    a = a * 0.85 + np.array([228, 238, 250], np.float32) * 0.15
    a[..., 2] = a[..., 2] * 1.05
    return _img(_flakes(a, int(p.get("seed", 7)), 900, (255, 255, 255)))


def night(rgb: Image.Image, p: dict[str, Any]) -> Image.Image:
    a = _arr(ImageEnhance.Color(rgb).enhance(0.6)) / 255
    a = np.power(a, 1.5) * 0.55
    a = a * np.array([0.7, 0.8, 1.15], np.float32) + np.array([0.0, 0.01, 0.05], np.float32)
    return _img(a * 255)


def sunset(rgb: Image.Image, p: dict[str, Any]) -> Image.Image:
    a = _arr(rgb)
    h = a.shape[0]
    t = np.linspace(0, 1, h, dtype=np.float32)[:, None, None]
    top, bottom = np.array([255, 120, 60], np.float32), np.array([170, 70, 120], np.float32)
    grad = top * (1 - t) + bottom * t
    out = a * (1 - 0.32) + grad * 0.32
    out[..., 0] *= 1.08
    out[..., 2] *= 0.88
    return _img(out)


def fog(rgb: Image.Image, p: dict[str, Any]) -> Image.Image:
    a = _arr(rgb.filter(ImageFilter.GaussianBlur(1.2)))
    h = a.shape[0]
    t = np.linspace(0.62, 0.38, h, dtype=np.float32)[:, None, None]
    return _img(a * (1 - t) + np.array([222, 226, 230], np.float32) * t)


def rain(rgb: Image.Image, p: dict[str, Any]) -> Image.Image:
    a = _arr(ImageEnhance.Color(rgb).enhance(0.7)) * 0.78
    a = a * np.array([0.95, 0.98, 1.06], np.float32)
    return _img(_flakes(a, int(p.get("seed", 11)), 1500, (205, 215, 228), streak=True))


# -- geometry -----------------------------------------------------------------------------------------
def rotate(img: Image.Image, p: dict[str, Any]) -> Image.Image:
    deg = float(p["degrees"]) % 360
    exact = {90.0: Image.Transpose.ROTATE_270, 180.0: Image.Transpose.ROTATE_180, 270.0: Image.Transpose.ROTATE_90}
    if deg in exact:
        return img.transpose(exact[deg])
    fill = (0, 0, 0, 0) if img.mode == "RGBA" else (255, 255, 255)
    return img.rotate(-deg, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=fill)


def flip(img: Image.Image, p: dict[str, Any]) -> Image.Image:
    return ImageOps.mirror(img) if p.get("axis", "horizontal") == "horizontal" else ImageOps.flip(img)


def crop(img: Image.Image, p: dict[str, Any]) -> Image.Image:
    w, h = img.size
    if "region" in p:   # fractions of the picture: [x0, y0, x1, y1]
        x0, y0, x1, y1 = (float(v) for v in p["region"])
        box = (round(x0 * w), round(y0 * h), round(x1 * w), round(y1 * h))
        return img.crop((box[0], box[1], max(box[0] + 1, box[2]), max(box[1] + 1, box[3])))
    if "aspect" in p:
        aspect = float(p["aspect"])
        cw, ch = (w, round(w / aspect)) if w / h < aspect else (round(h * aspect), h)
    elif "width" in p:
        cw, ch = min(w, int(p["width"])), min(h, int(p["height"]))
    else:
        m = min(0.45, float(p.get("margin", 0.1)))
        cw, ch = round(w * (1 - 2 * m)), round(h * (1 - 2 * m))
    x0, y0 = (w - cw) // 2, (h - ch) // 2
    return img.crop((x0, y0, x0 + max(1, cw), y0 + max(1, ch)))


def resize(img: Image.Image, p: dict[str, Any]) -> Image.Image:
    w, h = img.size
    if "scale" in p:
        nw, nh = round(w * float(p["scale"])), round(h * float(p["scale"]))
    elif "height" in p:
        nw, nh = int(p["width"]), int(p["height"])
    else:
        nw = int(p["width"])
        nh = round(h * nw / w)
    if not (1 <= nw <= MAX_SIDE and 1 <= nh <= MAX_SIDE):
        raise InputError(f"resize to {nw}x{nh} is outside 1..{MAX_SIDE} pixels per side; choose a size in that range")
    return img.resize((nw, nh), Image.Resampling.LANCZOS)


COLOUR_OPS: dict[str, Callable[[Image.Image, dict[str, Any]], Image.Image]] = {
    "brightness": brightness, "contrast": contrast, "saturation": saturation, "temperature": temperature,
    "hue": hue, "grayscale": grayscale, "sepia": sepia, "invert": invert, "blur": blur, "sharpen": sharpen,
    "vignette": vignette, "cartoon": cartoon, "sketch": sketch, "painting": painting, "winter": winter,
    "night": night, "sunset": sunset, "fog": fog, "rain": rain,
}
GEOMETRY_OPS: dict[str, Callable[[Image.Image, dict[str, Any]], Image.Image]] = {
    "rotate": rotate, "flip": flip, "crop": crop, "resize": resize,
}


def apply_one(img: Image.Image, op: Operation) -> Image.Image:
    if op.name in GEOMETRY_OPS:
        return GEOMETRY_OPS[op.name](img if img.mode in ("RGB", "RGBA") else img.convert("RGB"), op.params)
    if op.name not in COLOUR_OPS:
        raise InputError(f"unknown edit operation '{op.name}'; known: {', '.join(sorted(COLOUR_OPS | GEOMETRY_OPS))}")
    rgb, alpha = _split(img)
    return _join(COLOUR_OPS[op.name](rgb, op.params), alpha)
