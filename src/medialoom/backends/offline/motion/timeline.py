"""The timeline actions write into before the pose solver turns it into joint rotations.

Per frame it holds where the root goes (ground position, heading, the height it aims for),
what each foot does (planted on a footprint, swinging between two, or carried by the body in
flight) and the upper-body layer (lean, sway, pelvis twist, arm directions in the chest frame).
Actions fill spans of frames; `State` carries where the body stands from one action to the next.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .skeleton import STANDING_HEIGHT

PLANTED, SWING, CARRIED = 0, 1, 2
SIDES = ("Left", "Right")
HIP_HALF_WIDTH = 0.09
# relaxed arm directions in the chest frame (x = the character's left, y = up, z = forward)
REST_UPPER = {"Left": (0.18, -1.0, 0.0), "Right": (-0.18, -1.0, 0.0)}
REST_FORE = {"Left": (0.12, -1.0, 0.12), "Right": (-0.12, -1.0, 0.12)}


def unit(v: np.ndarray) -> np.ndarray:
    return v / np.maximum(np.linalg.norm(v, axis=-1, keepdims=True), 1e-12)


def yaw_matrix(angle: np.ndarray) -> np.ndarray:
    """(N, 3, 3) rotations about +y (radians); +90 degrees turns +z (forward) into +x (left)."""
    c, s = np.cos(angle), np.sin(angle)
    m = np.zeros(np.shape(angle) + (3, 3))
    m[..., 0, 0], m[..., 0, 2], m[..., 1, 1], m[..., 2, 0], m[..., 2, 2] = c, s, 1.0, -s, c
    return m


def forward_of(heading: np.ndarray) -> np.ndarray:
    return np.stack([np.sin(heading), np.zeros_like(heading), np.cos(heading)], axis=-1)


def left_of(heading: np.ndarray) -> np.ndarray:
    return np.stack([np.cos(heading), np.zeros_like(heading), -np.sin(heading)], axis=-1)


@dataclass
class Foot:
    mode: np.ndarray          # PLANTED / SWING / CARRIED
    plant: np.ndarray         # (F, 2) flat-foot ankle ground position of the footprint in use
    yaw: np.ndarray           # (F,) footprint heading
    lift: np.ndarray          # (F,) swing clearance (m)
    tuck: np.ndarray          # (F,) knee tuck in flight (m)


@dataclass
class State:
    """Where the body stands between actions."""

    xz: np.ndarray = field(default_factory=lambda: np.zeros(2))
    heading: float = 0.0
    feet: dict[str, tuple[np.ndarray, float]] = field(default_factory=dict)
    seated: bool = False

    def __post_init__(self) -> None:
        if not self.feet:
            for side, sign in zip(SIDES, (1.0, -1.0)):
                self.feet[side] = (self.xz + sign * HIP_HALF_WIDTH * left_of(np.array(self.heading))[[0, 2]],
                                   self.heading)


class Timeline:
    def __init__(self, frames: int, fps: float):
        self.frames, self.fps = frames, fps
        self.xz = np.zeros((frames, 2))
        self.heading = np.zeros(frames)
        self.height = np.full(frames, STANDING_HEIGHT)   # the root height aimed for
        self.fixed = np.zeros(frames, bool)              # height exact (flight), not reach-limited
        self.feet = {s: Foot(np.zeros(frames, int), np.zeros((frames, 2)), np.zeros(frames),
                             np.zeros(frames), np.zeros(frames)) for s in SIDES}
        self.lean = np.zeros(frames)        # spine pitch forward (degrees)
        self.sway = np.zeros(frames)        # spine roll (degrees, + leans to the left)
        self.twist = np.zeros(frames)       # pelvis yaw against the heading (degrees)
        self.upper = {s: np.tile(REST_UPPER[s], (frames, 1)).astype(float) for s in SIDES}
        self.fore = {s: np.tile(REST_FORE[s], (frames, 1)).astype(float) for s in SIDES}
        self.labels: list[tuple[str, float, float]] = []

    def times(self, a: int, b: int) -> np.ndarray:
        return (np.arange(a, b) - a) / self.fps

    def hold(self, state: State, a: int, b: int) -> None:
        """Stand where the state says for frames a..b, feet planted."""
        self.xz[a:b] = state.xz
        self.heading[a:b] = state.heading
        for side in SIDES:
            self.plant(side, a, b, *state.feet[side])

    def plant(self, side: str, a: int, b: int, at: np.ndarray, yaw: float) -> None:
        foot = self.feet[side]
        foot.mode[a:b], foot.plant[a:b], foot.yaw[a:b] = PLANTED, at, yaw
