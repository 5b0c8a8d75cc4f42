"""A motion clip: a skeleton and a sampled pose sequence (root positions and local joint
rotations as unit quaternions, x y z w), with forward kinematics and the measures the tests
and metadata use (root speed, foot contact, airborne time)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
from scipy.spatial.transform import Rotation

from .skeleton import HEEL, SOLE_DEPTH, Skeleton, forward_kinematics

SHIN = 0.40   # the humanoid's knee-to-ankle length the sole offsets belong to

CONTACT_HEIGHT = 0.01    # a sole point this close to the floor touches it


@dataclass
class Motion:
    skeleton: Skeleton
    fps: float
    root: np.ndarray            # (F, 3) metres
    quats: np.ndarray           # (F, J, 4) local rotations, x y z w
    program: dict[str, Any] | None = field(default=None)   # how it was made (for edits)

    def __post_init__(self) -> None:
        if self.root.ndim != 2 or self.quats.shape[:2] != (self.root.shape[0], self.skeleton.count):
            raise ValueError("root and rotations must agree on frames and joints")

    @property
    def frames(self) -> int:
        return int(self.root.shape[0])

    @property
    def duration(self) -> float:
        return self.frames / self.fps

    def matrices(self) -> np.ndarray:
        f, j = self.quats.shape[:2]
        return Rotation.from_quat(self.quats.reshape(-1, 4)).as_matrix().reshape(f, j, 3, 3)

    def positions(self) -> np.ndarray:
        return forward_kinematics(self.skeleton, self.root, self.matrices())[0]

    def world(self) -> tuple[np.ndarray, np.ndarray]:
        return forward_kinematics(self.skeleton, self.root, self.matrices())

    def joint(self, name: str) -> np.ndarray:
        return self.positions()[:, self.skeleton.index(name)]


def sole_points(motion: Motion, side: str) -> tuple[np.ndarray, np.ndarray]:
    """World positions (F, 3) of the heel and toe sole points of one foot ('Left'/'Right')."""
    pos, glob = motion.world()
    sk = motion.skeleton
    ankle, toe = sk.index(f"{side}Foot"), sk.index(f"{side}ToeBase")
    size = float(np.linalg.norm(sk.offsets[ankle])) / SHIN          # the sole scales with the body
    heel = pos[:, ankle] + glob[:, ankle] @ (HEEL * size)
    tip = pos[:, toe] + glob[:, toe] @ np.array([0.0, -SOLE_DEPTH * size, 0.0])
    return heel, tip


def root_speed(motion: Motion, start: float = 0.0, end: float | None = None) -> float:
    """Mean horizontal speed of the root (m/s) between two times."""
    a = int(round(start * motion.fps))
    b = motion.frames - 1 if end is None else min(motion.frames - 1, int(round(end * motion.fps)))
    path = np.diff(motion.root[a:b + 1][:, [0, 2]], axis=0)
    return float(np.linalg.norm(path, axis=1).sum() / max((b - a) / motion.fps, 1e-9))


def contact_slide(motion: Motion) -> float:
    """Fastest a sole point moves (m/s) between two frames in which it touches the floor."""
    worst = 0.0
    for side in ("Left", "Right"):
        for point in sole_points(motion, side):
            down = point[:, 1] < CONTACT_HEIGHT
            both = down[1:] & down[:-1]
            if both.any():
                speed = np.linalg.norm(np.diff(point[:, [0, 2]], axis=0), axis=1) * motion.fps
                worst = max(worst, float(speed[both].max()))
    return worst


def airborne_spans(motion: Motion) -> list[float]:
    """Durations (s) of the spans in which no sole point of either foot touches the floor."""
    low = np.full(motion.frames, np.inf)
    for side in ("Left", "Right"):
        for point in sole_points(motion, side):
            low = np.minimum(low, point[:, 1])
    up = low > CONTACT_HEIGHT
    spans, run = [], 0
    for flag in up:
        if flag:
            run += 1
        elif run:
            spans.append(run / motion.fps)
            run = 0
    if run:
        spans.append(run / motion.fps)
    return spans


def range_violations(motion: Motion, limits: dict[str, float]) -> list[str]:
    """Joints whose rotation away from rest exceeds their range (degrees), and knees or elbows
    that bend the wrong way."""
    out = []
    angles = np.degrees(Rotation.from_quat(motion.quats.reshape(-1, 4)).magnitude()).reshape(
        motion.frames, motion.skeleton.count)
    for j, name in enumerate(motion.skeleton.names):
        worst = float(angles[:, j].max())
        if worst > limits.get(name, 180.0) + 0.5:
            out.append(f"{name} {worst:.0f} deg > {limits[name]:.0f}")
    pos, glob = motion.world()
    sk = motion.skeleton
    for side in ("Left", "Right"):
        hip, knee, ankle = (sk.index(f"{side}{n}") for n in ("UpLeg", "Leg", "Foot"))
        thigh, shin = pos[:, knee] - pos[:, hip], pos[:, ankle] - pos[:, knee]
        forward = glob[:, hip] @ np.array([0.0, 0.0, 1.0])
        # a knee bends so the shin swings backwards: the knee lies ahead of the hip-ankle line
        line = pos[:, ankle] - pos[:, hip]
        ahead = np.einsum("fi,fi->f", pos[:, knee] - pos[:, hip] - line * (
            np.einsum("fi,fi->f", thigh, line) / np.maximum(np.einsum("fi,fi->f", line, line), 1e-9))[:, None],
            forward)
        bent = np.degrees(np.arccos(np.clip(np.einsum("fi,fi->f", thigh, shin) / (
            np.linalg.norm(thigh, axis=1) * np.linalg.norm(shin, axis=1)), -1, 1)))
        if np.any((bent > 5) & (ahead < -0.005)):
            out.append(f"{side} knee bends backwards")
    return out
