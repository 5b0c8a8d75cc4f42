"""Offline video benchmark at 512x512: generation, encoding, decoding and the 3D turntable.

Each figure is measured in this run against a peer measured in the same run:
  1. video.generate end to end (script, layout, per-frame render, H.264), frames per second,
     with the drawing share; drawing with still layers cached against drawing every frame whole
     through the image engine's render_layout;
  2. H.264 encoding of 512x512 frames through medialoom's writer (yuv420p, veryfast, CRF 20),
     against OpenCV's VideoWriter (MPEG-4 Part 2) on the same frames;
  3. decoding back to RGB at a constant rate (timestamps, rotation), against PyAV's plain decode;
  4. mesh.turntable (4 s, 24 fps) of a generated model, when the 3D backend is present.

Usage: .venv/bin/python bench/video.py [--seconds 4] [--fps 24]
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from medialoom.artifacts import Artifact, mime_for
from medialoom.config import load_config
from medialoom.context import ToolContext

SIZE = 512
PROMPT = "a red ball bouncing across green grass"


def context(tool: str, root: Path, name: str) -> ToolContext:
    return ToolContext(name, tool, "offline", 7, root / name, load_config(root / "home"))


def artifact(path: Path, kind: str) -> Artifact:
    return Artifact(kind, path, hashlib.sha256(path.read_bytes()).hexdigest(), mime_for(path))


def bench_generate(root: Path, seconds: float, fps: int) -> Path:
    from medialoom.backends.offline.video import generate
    from medialoom.backends.offline.video.generate import GROUNDED, Scene, _camera, _frames, cast
    from medialoom.backends.offline.video.script import split_prompt

    frames = round(seconds * fps)
    generate(context("video.generate", root, "warm"), PROMPT, duration=0.5, fps=4, width=64, height=64)
    t0 = time.perf_counter()
    out = generate(context("video.generate", root, "gen"), PROMPT, duration=seconds, fps=fps,
                   width=SIZE, height=SIZE, seed=7)
    total = time.perf_counter() - t0
    timings = {}
    for mode in ("layered", "whole"):
        script = split_prompt(PROMPT)
        scene = Scene(script.scene_prompt, 7, (SIZE, SIZE))
        actors = cast(scene.layout, script, seconds)
        camera = _camera(script, actors)
        t0 = time.perf_counter()
        if mode == "layered":
            scene.prepare({a.id for a in actors if a.trajectory.kind != "still"}, camera.name == "still",
                          {a.id for a in actors if a.trajectory.kind in GROUNDED})
        for _ in _frames(scene, actors, camera, frames):
            pass
        timings[mode] = time.perf_counter() - t0
    print(f"1. video.generate {SIZE}x{SIZE}, {frames} frames of '{PROMPT}': {frames / total:.1f} frames/s "
          f"end to end ({total:.2f}s; drawing {timings['layered'] / total:.0%}, encoding the rest); "
          f"drawing the still layers once and only the moving objects per frame: "
          f"{frames / timings['layered']:.1f} frames/s, against drawing every frame whole "
          f"{frames / timings['whole']:.1f} frames/s -> {timings['whole'] / timings['layered']:.1f}x")
    return out.path


def bench_encode(root: Path, frames: int, clip: Path) -> None:
    import cv2

    from medialoom.backends.offline.video import io

    drawn = list(io.iter_frames(clip, io.probe(clip).fps))
    t0 = time.perf_counter()
    io.write_video(root / "enc_drawn.mp4", drawn, 24, (SIZE, SIZE))
    cartoon = time.perf_counter() - t0
    rng = np.random.default_rng(0)
    base = rng.integers(0, 255, (SIZE, SIZE, 3), dtype=np.uint8)
    pictures = [np.roll(base, 4 * k, axis=1) for k in range(frames)]
    t0 = time.perf_counter()
    io.write_video(root / "enc.mp4", pictures, 24, (SIZE, SIZE))
    ours = time.perf_counter() - t0
    writer = cv2.VideoWriter(str(root / "enc_cv.mp4"), cv2.VideoWriter_fourcc(*"mp4v"), 24, (SIZE, SIZE))
    t0 = time.perf_counter()
    for p in pictures:
        writer.write(p)
    writer.release()
    peer = time.perf_counter() - t0
    size_ours, size_cv = (root / "enc.mp4").stat().st_size, (root / "enc_cv.mp4").stat().st_size
    print(f"2. encoding {SIZE}x{SIZE} H.264: the generated clip's {len(drawn)} frames "
          f"{len(drawn) / cartoon:.0f} frames/s; {frames} noisy frames {frames / ours:.0f} frames/s "
          f"({size_ours / 1e6:.1f} MB), OpenCV mp4v on the same {frames / peer:.0f} frames/s "
          f"({size_cv / 1e6:.1f} MB)")


def bench_decode(path: Path) -> None:
    import av

    from medialoom.backends.offline.video import io

    info = io.probe(path)
    t0 = time.perf_counter()
    count = sum(1 for _ in io.iter_frames(path, info.fps))
    ours = time.perf_counter() - t0
    t0 = time.perf_counter()
    with av.open(str(path)) as container:
        plain = sum(1 for f in container.decode(video=0) if f.to_ndarray(format="rgb24") is not None)
    peer = time.perf_counter() - t0
    print(f"3. decoding {count} frames to RGB at a constant rate: {count / ours:.0f} frames/s; "
          f"plain PyAV decode {plain / peer:.0f} frames/s")


def bench_turntable(root: Path, seconds: float) -> None:
    try:
        from medialoom.backends.offline.mesh import generate as mesh_generate
        from medialoom.backends.offline.mesh import turntable
    except ImportError:
        print("4. mesh.turntable: the offline 3D backend is not present; skipped")
        return
    model = mesh_generate(context("mesh.generate", root, "mesh"), "a snowman", seed=1)
    t0 = time.perf_counter()
    try:
        out = turntable(context("mesh.turntable", root, "turn"), artifact(model.path, "mesh"), duration=seconds)
    except Exception as exc:        # a headless GL problem is reported, not hidden
        print(f"4. mesh.turntable failed here: {exc.__class__.__name__}: {exc}")
        return
    took = time.perf_counter() - t0
    from medialoom.backends.offline.video import io

    info = io.probe(out.path)
    print(f"4. mesh.turntable {info.width}x{info.height}, {info.duration:.1f}s at {info.fps:g} fps: "
          f"{took:.2f}s ({info.frame_count / took:.1f} frames/s, {took / info.duration:.2f}x real time)")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=4.0)
    parser.add_argument("--fps", type=int, default=24)
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="medialoom-bench-video-"))
    clip = bench_generate(root, args.seconds, args.fps)
    bench_encode(root, round(args.seconds * args.fps), clip)
    bench_decode(clip)
    bench_turntable(root, args.seconds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
