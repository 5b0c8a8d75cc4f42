"""The humanoid skeleton: joint hierarchy, rest pose (a T-pose, Y up, metres, facing +z, the
character's left on +x), joint ranges, and forward kinematics.

Proportions follow a 1.75 m adult (hip joint 0.89 m, thigh 0.42 m, shin 0.40 m, ankle 0.07 m
over the floor); names are the ones BVH tools and Mixamo rigs use, so retargeting by name works.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np

# name, parent, offset from the parent in its rest frame (metres)
_HUMANOID: tuple[tuple[str, str | None, tuple[float, float, float]], ...] = (
    ("Hips", None, (0.0, 0.0, 0.0)),
    ("Spine", "Hips", (0.0, 0.10, 0.0)),
    ("Spine1", "Spine", (0.0, 0.20, 0.0)),
    ("Neck", "Spine1", (0.0, 0.22, 0.0)),
    ("Head", "Neck", (0.0, 0.10, 0.0)),
    ("LeftShoulder", "Spine1", (0.04, 0.17, 0.0)),
    ("LeftArm", "LeftShoulder", (0.14, 0.0, 0.0)),
    ("LeftForeArm", "LeftArm", (0.28, 0.0, 0.0)),
    ("LeftHand", "LeftForeArm", (0.25, 0.0, 0.0)),
    ("RightShoulder", "Spine1", (-0.04, 0.17, 0.0)),
    ("RightArm", "RightShoulder", (-0.14, 0.0, 0.0)),
    ("RightForeArm", "RightArm", (-0.28, 0.0, 0.0)),
    ("RightHand", "RightForeArm", (-0.25, 0.0, 0.0)),
    ("LeftUpLeg", "Hips", (0.09, -0.06, 0.0)),
    ("LeftLeg", "LeftUpLeg", (0.0, -0.42, 0.0)),
    ("LeftFoot", "LeftLeg", (0.0, -0.40, 0.0)),
    ("LeftToeBase", "LeftFoot", (0.0, -0.05, 0.13)),
    ("RightUpLeg", "Hips", (-0.09, -0.06, 0.0)),
    ("RightLeg", "RightUpLeg", (0.0, -0.42, 0.0)),
    ("RightFoot", "RightLeg", (0.0, -0.40, 0.0)),
    ("RightToeBase", "RightFoot", (0.0, -0.05, 0.13)),
)
STANDING_HEIGHT = 0.95        # root (Hips) over the floor, standing
ANKLE_HEIGHT = 0.07
SOLE_DEPTH = 0.02             # toe joint to floor
HEEL = np.array([0.0, -ANKLE_HEIGHT, -0.05])   # sole under the heel, from the ankle
END_SITES = {"Head": (0.0, 0.18, 0.0), "LeftHand": (0.08, 0.0, 0.0), "RightHand": (-0.08, 0.0, 0.0),
             "LeftToeBase": (0.0, 0.0, 0.06), "RightToeBase": (0.0, 0.0, 0.06)}
# largest rotation away from the rest pose (degrees) each joint may take
RANGE_DEG = {"Hips": 180.0, "Spine": 40.0, "Spine1": 40.0, "Neck": 50.0, "Head": 50.0,
             "LeftShoulder": 30.0, "RightShoulder": 30.0, "LeftArm": 170.0, "RightArm": 170.0,
             "LeftForeArm": 150.0, "RightForeArm": 150.0, "LeftHand": 80.0, "RightHand": 80.0,
             "LeftUpLeg": 125.0, "RightUpLeg": 125.0, "LeftLeg": 150.0, "RightLeg": 150.0,
             "LeftFoot": 65.0, "RightFoot": 65.0, "LeftToeBase": 50.0, "RightToeBase": 50.0}


@dataclass(frozen=True)
class Skeleton:
    names: tuple[str, ...]
    parents: tuple[int, ...]          # -1 for the root; parents come before children
    offsets: np.ndarray               # (J, 3) rest offsets in the parent's frame
    end_sites: tuple[tuple[float, float, float] | None, ...] = ()

    def __post_init__(self) -> None:
        if any(p >= i for i, p in enumerate(self.parents)):
            raise ValueError("skeleton joints must be listed parents first")

    @property
    def count(self) -> int:
        return len(self.names)

    def index(self, name: str) -> int:
        return self.names.index(name)

    def children(self, j: int) -> list[int]:
        return [i for i, p in enumerate(self.parents) if p == j]

    def rest_positions(self) -> np.ndarray:
        out = np.zeros((self.count, 3))
        for j, p in enumerate(self.parents):
            out[j] = self.offsets[j] + (out[p] if p >= 0 else 0.0)
        return out

    def height(self) -> float:
        """Floor-to-crown height standing (root at its standing height over the floor)."""
        rest = self.rest_positions()
        tops = [rest[j] + np.asarray(e) for j, e in enumerate(self.end_sites) if e is not None]
        top = max([p[1] for p in tops] + list(rest[:, 1]))
        return float(top - rest[:, 1].min() + SOLE_DEPTH)

    def scaled(self, factor: float) -> Skeleton:
        ends = tuple(None if e is None else tuple(float(v) * factor for v in e) for e in self.end_sites)
        return Skeleton(self.names, self.parents, self.offsets * factor, ends)  # type: ignore[arg-type]

    def mirror_index(self) -> np.ndarray:
        """For each joint, the joint on the other side (itself for the middle)."""
        swap = []
        for n in self.names:
            other = n.replace("Left", "\0").replace("Right", "Left").replace("\0", "Right")
            swap.append(self.names.index(other) if other in self.names else self.names.index(n))
        return np.array(swap)


@cache
def humanoid() -> Skeleton:
    names = tuple(n for n, _, _ in _HUMANOID)
    parents = tuple(-1 if p is None else names.index(p) for _, p, _ in _HUMANOID)
    offsets = np.array([o for _, _, o in _HUMANOID], dtype=float)
    offsets.setflags(write=False)
    return Skeleton(names, parents, offsets, tuple(END_SITES.get(n) for n in names))


def forward_kinematics(skeleton: Skeleton, root: np.ndarray, rotations: np.ndarray
                       ) -> tuple[np.ndarray, np.ndarray]:
    """World joint positions (F, J, 3) and world rotation matrices (F, J, 3, 3) from root
    positions (F, 3) and local rotation matrices (F, J, 3, 3)."""
    frames, count = rotations.shape[0], skeleton.count
    glob = np.empty((frames, count, 3, 3))
    pos = np.empty((frames, count, 3))
    for j, p in enumerate(skeleton.parents):
        if p < 0:
            glob[:, j] = rotations[:, j]
            pos[:, j] = root
        else:
            glob[:, j] = glob[:, p] @ rotations[:, j]
            pos[:, j] = pos[:, p] + glob[:, p] @ skeleton.offsets[j]
    return pos, glob
