"""Safe image loading and PNG saving for the offline image tools.

`open_image(path)` refuses zero-byte, unreadable, truncated and oversized files (over 50
megapixels, checked from the header before any decoding) with one clear line, applies EXIF
rotation and converts CMYK, 16-bit, palette, greyscale and LA images to RGB / RGBA.
`save_png(img, path, tool=..., prompt=..., seed=...)` writes PNG text metadata (prompt, seed,
tool, version).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image, ImageOps, PngImagePlugin, UnidentifiedImageError

from ....errors import InputError

MAX_PIXELS = 50_000_000
ENGINE_VERSION = "offline-image 1"


def _version() -> str:
    from .... import __version__

    return f"medialoom {__version__} ({ENGINE_VERSION})"


def open_image(path: str | Path, keep_alpha: bool = True) -> Image.Image:
    """An RGB (or RGBA when it has real transparency) image, upright, 8 bits per channel."""
    path = Path(path)
    try:
        if path.stat().st_size == 0:
            raise InputError(f"{path.name} is empty (0 bytes); give a real image file")
    except OSError as exc:
        raise InputError(f"cannot read {path.name} ({exc.strerror}); check the path") from exc
    try:
        img = Image.open(path)
        w, h = img.size
        if w * h > MAX_PIXELS:
            raise InputError(f"{path.name} is {w}x{h} ({w * h / 1e6:.0f} megapixels), over the 50 megapixel "
                             "limit; downscale it first")
        img.load()
    except InputError:
        raise
    except UnidentifiedImageError as exc:
        raise InputError(f"{path.name} is not an image this machine can read; use PNG, JPEG, WebP, "
                         "GIF, BMP or TIFF") from exc
    except Image.DecompressionBombError as exc:
        raise InputError(f"{path.name} is too large to decode safely; downscale it first") from exc
    except (OSError, SyntaxError, ValueError) as exc:
        raise InputError(f"{path.name} is corrupt or truncated ({exc}); re-export the image") from exc
    try:
        img = ImageOps.exif_transpose(img)
    except Exception:  # a broken EXIF block: keep the pixels as stored
        pass
    return to_8bit(img, keep_alpha)


def to_8bit(img: Image.Image, keep_alpha: bool = True) -> Image.Image:
    """RGB or RGBA, 8 bits per channel, from any PIL mode."""
    if img.mode in ("I;16", "I;16B", "I;16L", "I", "F"):
        a = np.asarray(img, dtype=np.float64)
        top = 65535.0 if img.mode.startswith("I;16") or a.max() > 255 else 255.0
        img = Image.fromarray(np.clip(a / top * 255.0, 0, 255).astype(np.uint8), "L")
    if img.mode == "P":
        img = img.convert("RGBA" if "transparency" in img.info else "RGB")
    if img.mode in ("LA", "PA", "La", "RGBa"):
        img = img.convert("RGBA")
    if img.mode == "RGBA":
        alpha = np.asarray(img.getchannel("A"))
        if keep_alpha and alpha.min() < 255:
            return img
        return img.convert("RGB")
    if img.mode != "RGB":
        img = img.convert("RGB")  # CMYK, L, 1, YCbCr, LAB, HSV
    return img


def flatten(img: Image.Image, background: str = "#ffffff") -> Image.Image:
    """RGB over a background colour (for tools that work on colour only)."""
    if img.mode != "RGBA":
        return img.convert("RGB")
    out = Image.new("RGB", img.size, background)
    out.paste(img, mask=img.getchannel("A"))
    return out


def open_mask(path: str | Path, size: tuple[int, int]) -> np.ndarray:
    """A boolean mask at `size` (nearest-neighbour resize); white/opaque = selected."""
    img = open_image(path)
    if img.mode == "RGBA" and np.asarray(img.getchannel("A")).min() < 128:
        grey = img.getchannel("A")
    else:
        grey = img.convert("L")
    if grey.size != size:
        grey = grey.resize(size, Image.Resampling.NEAREST)
    return np.asarray(grey) > 127


def save_png(img: Image.Image, path: Path, tool: str, seed: int | None = None,
             prompt: str | None = None, extra: dict[str, Any] | None = None) -> Path:
    """Write a PNG with text metadata: prompt, seed, tool, version (and any extra strings)."""
    info = PngImagePlugin.PngInfo()
    fields = {"tool": tool, "version": _version(), "Software": "medialoom"}
    if prompt is not None:
        fields["prompt"] = prompt
    if seed is not None:
        fields["seed"] = str(seed)
    for key, value in {**fields, **(extra or {})}.items():
        info.add_itxt(key, str(value))
    img.save(path, "PNG", pnginfo=info, optimize=False, compress_level=6)
    return path


def save_mask(mask: np.ndarray, path: Path, tool: str, seed: int | None = None) -> Path:
    return save_png(Image.fromarray(np.where(mask, 255, 0).astype(np.uint8), "L"), path, tool, seed)
