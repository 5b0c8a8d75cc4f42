"""Customization benchmark: is the user's subject still itself in the new scene, and is the
scene the one asked for? 10 synthetic subjects x 5 scenes, offline image.customize against the
peer measured in the same run: image.generate drawing the same scene with the subject's noun
(what medialoom made before concept customization).

    subject fidelity   the subject's box in the result against the source photo's subject crop:
                       colour-histogram cosine (HSV, 16x4x4 bins, subject pixels only) and an ORB
                       keypoint measure (share of the source's keypoints matched with the ratio
                       test); both in [0, 1]
    prompt fidelity    share of scenes whose setting and time of day match the words, read from
                       the pixels: the mean colour of the sky band and the ground band against
                       the offline engine's palette for that setting (no image-check tool is
                       merged yet, so this is a colour test, not object detection)
    speed              images per second of each

Usage: .venv/bin/python bench/customize.py [--subjects 10]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import cv2
import numpy as np
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "customize"))

SCENES = (("on a beach", "beach", None), ("in the snow", "snow", None), ("in a park at sunset", "park", "sunset"),
          ("in a forest", "forest", None), ("on a city street at night", "city", "night"))
COLOURS = ((150, 100, 50), (40, 70, 200), (200, 60, 60), (60, 160, 80), (230, 200, 60), (120, 60, 150),
           (90, 90, 90), (240, 140, 40), (30, 150, 160), (180, 120, 160))


def subject_crop(img: Image.Image, box) -> np.ndarray:
    return np.asarray(img.convert("RGB").crop(tuple(int(v) for v in box)))


def hist_cosine(a: np.ndarray, b: np.ndarray, ma: np.ndarray | None = None, mb: np.ndarray | None = None) -> float:
    def hist(x, m):
        hsv = cv2.cvtColor(x, cv2.COLOR_RGB2HSV)
        h = cv2.calcHist([hsv], [0, 1, 2], None if m is None else m.astype(np.uint8), [16, 4, 4],
                         [0, 180, 0, 256, 0, 256]).ravel()
        return h / (np.linalg.norm(h) + 1e-9)
    return float(hist(a, ma) @ hist(b, mb))


def orb_share(source: np.ndarray, result: np.ndarray) -> float:
    orb = cv2.ORB_create(500)
    g1, g2 = (cv2.cvtColor(x, cv2.COLOR_RGB2GRAY) for x in (source, result))
    g2 = cv2.resize(g2, (g1.shape[1], g1.shape[0]))
    k1, d1 = orb.detectAndCompute(g1, None)
    k2, d2 = orb.detectAndCompute(g2, None)
    if d1 is None or d2 is None or len(k1) == 0:
        return 0.0
    pairs = cv2.BFMatcher(cv2.NORM_HAMMING).knnMatch(d1, d2, k=2)
    good = [p[0] for p in pairs if len(p) == 2 and p[0].distance < 0.75 * p[1].distance]
    return len(good) / len(k1)


def scene_ok(img: Image.Image, box, setting: str, style: str | None) -> bool:
    """The sky and ground colours agree with the setting and time of day."""
    a = np.asarray(img.convert("RGB"), np.float32)
    h = a.shape[0]
    sky = a[: int(h * 0.2)].reshape(-1, 3).mean(axis=0)
    x0, y0, x1, y1 = (int(v) for v in box)
    ground_rows = a[int(h * 0.85):].copy()
    ground_rows[:, x0:x1] = np.nan
    ground = np.nanmean(ground_rows.reshape(-1, 3), axis=0)
    r, g, b = ground
    checks = {"beach": r > 200 and g > 170 and b < 200, "snow": min(r, g, b) > 200,
              "park": g > r and g > b, "forest": g >= r and g >= b, "city": abs(r - b) < 40 and abs(r - g) < 40}
    sky_ok = {None: sky[2] > sky[0] or min(sky) > 180, "sunset": sky[0] > sky[2] + 30,
              "night": sky.mean() < 90}[style]
    return bool(checks[setting] and sky_ok)


def main() -> None:
    from medialoom.backends.offline import image
    from medialoom.backends.offline.image.subject import cut_subject
    from medialoom.config import load_config
    from medialoom.context import ToolContext
    from medialoom.store import Store
    from subjects import subject_photo

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--subjects", type=int, default=10)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        config = replace(load_config(root / "home"), safety={"prompt_guard": True, "output_check": False,
                                                             "watermark": False, "c2pa": False})
        store = Store(root / "home")
        rows = {"customize": [], "generate": []}
        seconds = {"customize": 0.0, "generate": 0.0}
        for i in range(args.subjects):
            path = subject_photo(root / f"subject{i}.png", seed=i, colour=COLOURS[i % len(COLOURS)])
            photo = store.import_user_file(path, "image")
            source = Image.open(path).convert("RGB")
            cut = cut_subject(source, 0)
            src = subject_crop(source, cut.box)
            for j, (words, setting, style) in enumerate(SCENES):
                ctx = ToolContext(f"s{i}_{j}", "image.customize", "offline", j, root / f"w{i}_{j}", config)
                t = time.perf_counter()
                made = image.customize(ctx, [photo], words, name="my dog Rex")
                seconds["customize"] += time.perf_counter() - t
                box = made.meta["subject_box"]
                t = time.perf_counter()
                peer = image.generate(replace(ctx, tool="image.generate", workdir=root / f"g{i}_{j}"), f"a dog {words}")
                seconds["generate"] += time.perf_counter() - t
                mask = np.asarray(Image.fromarray(cut.mask.astype(np.uint8) * 255)
                                  .resize((box[2] - box[0], box[3] - box[1]))) > 127
                for name, out in (("customize", made), ("generate", peer)):
                    res = Image.open(out.path)
                    crop = subject_crop(res, box)
                    src_small = cv2.resize(src, (crop.shape[1], crop.shape[0]), interpolation=cv2.INTER_AREA)
                    src_mask = cv2.resize(cut.mask.astype(np.uint8), (crop.shape[1], crop.shape[0])) > 0
                    rows[name].append((hist_cosine(src_small, crop, src_mask, mask), orb_share(src, crop),
                                       scene_ok(res, box, setting, style)))
        n = args.subjects * len(SCENES)
        print(f"{args.subjects} subjects x {len(SCENES)} scenes = {n} images per method (512x512, offline)")
        print(f"{'':<24}{'histogram cos':>14}{'ORB matched':>13}{'scene ok':>10}{'images/s':>10}")
        means = {}
        for name in ("customize", "generate"):
            arr = np.array([[h, o, float(s)] for h, o, s in rows[name]])
            means[name] = arr.mean(axis=0)
            label = "image.customize" if name == "customize" else "image.generate (peer)"
            print(f"{label:<24}{means[name][0]:>14.3f}{means[name][1]:>13.3f}{means[name][2]:>10.2f}"
                  f"{n / seconds[name]:>10.2f}")
        c, g = means["customize"], means["generate"]
        print(f"ratios customize/peer: histogram x{c[0] / max(g[0], 1e-9):.2f}, ORB x{c[1] / max(g[1], 1e-9):.1f}, "
              f"speed x{(n / seconds['customize']) / (n / seconds['generate']):.2f}")
        store.close()


if __name__ == "__main__":
    main()
