"""Checking a video: duration (within 5 % when asked), frame rate, motion when motion was
asked (mean change between frames), blank frames, and a sound track when sound was asked."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import numpy as np

from .asked import Asked
from .pixels import blank
from .report import Report

DURATION_TOLERANCE = 0.05
MOTION_MIN = 0.5          # mean absolute change between sampled frames (0..255) that is motion
SAMPLES = 12


def check_video(path: Path, asked: Asked, config: Any = None) -> Report:
    from ..backends.offline.video.io import iter_frames, probe

    info = probe(path)
    report = Report("video")
    report.measure("duration_s", info.duration)
    report.measure("fps", info.fps)
    rate = min(info.fps, SAMPLES / max(info.duration, 1e-3))
    frames = [f[::4, ::4].astype(np.int16) for f in iter_frames(path, rate, rotation=info.rotation)][:SAMPLES + 1]
    if not frames:
        report.expect(False, "frames", "at least one frame", "none")
        return report
    motion = report.measure("motion", float(np.mean([np.abs(a - b).mean() for a, b in itertools.pairwise(frames)]))
                            if len(frames) > 1 else 0.0)
    spread = report.measure("contrast", min(blank(f.astype(np.uint8)) for f in frames))
    report.expect(spread >= 2.0, "picture", "something drawn on every frame", "a blank frame")
    if asked.duration:
        off = abs(info.duration - asked.duration) / asked.duration
        report.expect(off <= DURATION_TOLERANCE, "duration", f"{asked.duration:g} s (within 5 %)",
                      f"{info.duration:.2f} s")
    if asked.fps:
        report.expect(abs(info.fps - asked.fps) < 0.5, "frame rate", f"{asked.fps} fps", f"{info.fps:g} fps")
    if asked.motion:
        report.expect(motion >= MOTION_MIN, "motion", "visible motion", f"mean change {motion:.2f} of 255",
                      {"op": "reseed"})
    if asked.sound:
        report.expect(info.has_audio, "sound track", "present", "none")
    return report
