"""Cost estimates against measured memory: does costs.py bound what the offline backends use?

Each case runs one offline backend in a fresh process on a generated input and reads the peak
resident memory it added (ru_maxrss after the call minus before it, imports warmed first); the
peer is the estimate `costs.estimate` gives for the same call. A ratio (estimate / measured)
of 1 or more means the limit check is conservative for that tool.

Usage: .venv/bin/python bench/costs.py [--megapixels 2.25] [--seconds 60]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys

CHILD = r'''
import json, resource, sys, tempfile
from pathlib import Path
import numpy as np, soundfile as sf
from PIL import Image
from medialoom.budget import step_cost
from medialoom.catalogue import catalogue
from medialoom.config import Config
from medialoom.context import ToolContext
from medialoom.registry import Registry
from medialoom.store import Store

tool, side, seconds = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
tmp = Path(tempfile.mkdtemp())
store = Store(tmp / "home")
picture = np.zeros((side, side, 3), np.uint8)
picture[side // 4: 3 * side // 4, side // 4: 3 * side // 4] = (200, 50, 50)
Image.fromarray(picture).save(tmp / "in.png")
mask = np.zeros((side, side), np.uint8)
mask[side // 3: side // 2, side // 3: side // 2] = 255
Image.fromarray(mask).save(tmp / "mask.png")
noise = (np.random.default_rng(0).standard_normal((int(seconds * 44100), 2)) * 0.1).astype(np.float32)
sf.write(tmp / "in.wav", noise, 44100, subtype="PCM_16")
image, mask_art = store.import_user_file(tmp / "in.png", "image"), store.import_user_file(tmp / "mask.png", "mask")
audio = store.import_user_file(tmp / "in.wav", "audio")
args = {"image.segment": {"image": image, "point": [side // 2, side // 2]},
        "image.remove_background": {"image": image}, "image.inpaint": {"image": image, "mask": mask_art},
        "image.edit": {"image": image, "instruction": "make it brighter"}, "image.caption": {"image": image},
        "image.add_text": {"image": image, "text": "hello"}, "image.upscale": {"image": image, "scale": 2},
        "audio.mix": {"audios": [audio, audio], "offsets": [0, seconds / 2]}, "audio.concat": {"audios": [audio, audio]},
        "audio.edit": {"audio": audio, "instruction": "add reverb"}, "audio.denoise": {"audio": audio},
        "audio.trim": {"audio": audio, "start": 1}, "audio.visualize": {"audio": audio, "kind": "spectrogram"}}[tool]
registry = Registry(catalogue())
bound = registry.choose(tool, "offline")
fn = bound.function()
import cv2, scipy.ndimage, scipy.signal  # noqa: F401,E401  warm the imports the tools use
try:
    import noisereduce, pedalboard  # noqa: F401,E401
except ImportError:
    pass
estimate = step_cost(tool, bound.spec, args).memory
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
ctx = ToolContext("s1", tool, "offline", 1, store.tmpdir("b"), Config(home=tmp / "home"), None)
fn(ctx, **args)
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"tool": tool, "measured": (after - before) * 1024, "estimate": estimate}))
'''
IMAGE_TOOLS = ("image.segment", "image.remove_background", "image.inpaint", "image.edit", "image.caption",
               "image.add_text", "image.upscale")
AUDIO_TOOLS = ("audio.mix", "audio.concat", "audio.edit", "audio.denoise", "audio.trim", "audio.visualize")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--megapixels", type=float, default=2.25)
    ap.add_argument("--seconds", type=float, default=60.0)
    args = ap.parse_args()
    side = int((args.megapixels * 1e6) ** 0.5)
    print(f"{'tool':26} {'measured MB':>12} {'estimate MB':>12} {'estimate/measured':>18}")
    worst = float("inf")
    for tool in IMAGE_TOOLS + AUDIO_TOOLS:
        out = subprocess.run([sys.executable, "-c", CHILD, tool, str(side), str(args.seconds)],
                             capture_output=True, text=True, check=False)
        if out.returncode != 0:
            print(f"{tool:26} failed: {out.stderr.strip().splitlines()[-1] if out.stderr.strip() else '?'}")
            continue
        row = json.loads(out.stdout.strip().splitlines()[-1])
        ratio = row["estimate"] / max(row["measured"], 1)
        worst = min(worst, ratio)
        print(f"{tool:26} {row['measured'] / 2**20:12.0f} {row['estimate'] / 2**20:12.0f} {ratio:18.2f}")
    print(f"lowest estimate/measured: {worst:.2f} ({side}x{side} images, {args.seconds:g} s stereo 44.1 kHz audio)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
