"""Motion benchmark: frames per second of the offline motion backend against a plain
forward-kinematics pass measured in the same run.

  1. motion.generate (words -> actions -> timeline -> reach-limited root, foot-locking, leg IK
     -> rotations) in frames per second, against forward kinematics alone over the same frames
     (the least any pose pipeline must do: one matrix product per joint per frame);
  2. BVH writing (bvhio) in frames per second;
  3. motion.render (pyrender mannequin, following camera, H.264) in frames per second, against
     the same forward kinematics pass.

Usage: .venv/bin/python bench/motion.py [--seconds 20] [--repeat 3] [--size 384] [--render-seconds 2]
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from medialoom.backends.offline.motion.bvh import write_bvh
from medialoom.backends.offline.motion.compose import compose
from medialoom.backends.offline.motion.film import film
from medialoom.backends.offline.motion.words import parse
from timing import best  # noqa: E402 - bench/ is on the path when run as a script

PROMPTS = ("walk forward", "run in a circle", "jump twice, then wave with the left hand",
           "dance", "walk, then turn left, then sit down")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=20.0)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--size", type=int, default=384)
    ap.add_argument("--render-seconds", type=float, default=2.0)
    args = ap.parse_args()
    print(f"{'prompt':42} {'generate f/s':>13} {'FK f/s':>10} {'FK/gen':>7} {'BVH f/s':>9}")
    for prompt in PROMPTS:
        actions = parse(prompt)
        clip = compose(actions, args.seconds, 0)
        gen = best(lambda actions=actions: compose(actions, args.seconds, 0), args.repeat)
        fk = best(clip.positions, args.repeat)
        with tempfile.TemporaryDirectory() as tmp:
            bvh = best(lambda clip=clip, tmp=tmp: write_bvh(clip, Path(tmp) / "m.bvh"), 1)
        n = clip.frames
        print(f"{prompt:42} {n / gen:13.0f} {n / fk:10.0f} {gen / fk:6.0f}x {n / bvh:9.0f}")
    clip = compose(parse("walk, then wave"), args.render_seconds, 0)
    fk = best(clip.positions, args.repeat)
    with tempfile.TemporaryDirectory() as tmp:
        render = best(lambda: film(clip, Path(tmp) / "m.mp4", args.size, None), 1)
    print(f"render {args.size}px {clip.frames} frames: {clip.frames / render:.1f} frames/s "
          f"(forward kinematics alone: {clip.frames / fk:.0f} frames/s)")


if __name__ == "__main__":
    main()
