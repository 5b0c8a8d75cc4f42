"""Image benchmark: images per second of the offline image backends.

1. image.generate at 512x512 (layout planning + SVG + resvg + PNG with metadata) over a set of
   prompts, against the peer floor measured in the same run: resvg rendering a one-rectangle
   SVG and PNG-encoding it (what any SVG pipeline pays at least);
2. every image.edit operation applied to a 512x512 generated picture, against the peer
   PIL.ImageEnhance.Brightness on the same picture.

Usage: .venv/bin/python bench/image.py [--repeat 3] [--size 512]
"""

from __future__ import annotations

import argparse
import io
import tempfile
import time
from pathlib import Path
from typing import Callable

from PIL import ImageEnhance

from medialoom.backends.offline.image.instructions import apply_operations, parse_instruction
from medialoom.backends.offline.image.io import save_png
from medialoom.backends.offline.image.scene import plan_layout, render_layout, svg_to_image

PROMPTS = ("three red apples and a blue cup on a wooden table", "a dog and a cat in a park",
           "a lighthouse and a sailboat on the sea at night", "two cars and a bus on a city street",
           "a castle on a hill with a rainbow", "five yellow stars above a purple house on the beach",
           "a person with an umbrella in the rain", "three orange fish under the sea")
EDITS = ("20% brighter", "more contrast", "more saturated", "warmer", "shift hue 40", "black and white",
         "sepia", "invert", "blur 4", "sharpen", "rotate 90", "flip horizontally", "crop to square",
         "resize to 256x256", "vignette", "cartoon", "pencil sketch", "oil painting", "winter", "night",
         "sunset", "fog", "rain")


def rate(fn: Callable[[int], None], n: int, repeat: int) -> float:
    """Best images per second over `repeat` runs of n calls."""
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        for i in range(n):
            fn(i)
        best = min(best, time.perf_counter() - t)
    return n / best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--size", type=int, default=512)
    args = ap.parse_args()
    size, tmp = args.size, Path(tempfile.mkdtemp())

    def generate(i: int) -> None:
        prompt = PROMPTS[i % len(PROMPTS)]
        save_png(render_layout(plan_layout(prompt, i, size, size)), tmp / "g.png", "image.generate", i, prompt)

    def floor(i: int) -> None:
        svg = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}">'
               f'<rect width="{size}" height="{size}" fill="#8ccff5"/></svg>')
        svg_to_image(svg).save(io.BytesIO(), "PNG")

    g, f = rate(generate, len(PROMPTS), args.repeat), rate(floor, len(PROMPTS), args.repeat)
    print(f"image.generate {size}x{size}: {g:7.1f} images/s   peer (resvg floor): {f:7.1f}/s   ratio {g / f:.2f}")
    pic = render_layout(plan_layout(PROMPTS[1], 0, size, size))
    peer = rate(lambda i: ImageEnhance.Brightness(pic).enhance(1.2), 8, args.repeat)
    print(f"image.edit peer (PIL brightness): {peer:7.1f} images/s")
    for text in EDITS:
        ops = parse_instruction(text)
        r = rate(lambda i: apply_operations(pic, ops), 4, args.repeat)
        print(f"image.edit {text!r:22} {r:8.1f} images/s   ratio to peer {r / peer:.3f}")


if __name__ == "__main__":
    main()
