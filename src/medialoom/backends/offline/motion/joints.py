"""Joint positions -> a Motion: what text-to-motion networks output (HumanML3D's 22 SMPL joints,
20 fps) turned into rotations on the humanoid skeleton, so a neural motion is saved, edited and
filmed like an offline one.

Each bone's world rotation is the smallest turn from its rest direction to the direction the
positions give (the hips and chest also take their left-right axis from the hips and
shoulders); local rotations follow from the parents. Twist about a bone is not observable
from positions and stays zero.
"""

from __future__ import annotations

import numpy as np
from scipy.spatial.transform import Rotation

from ....errors import InputError
from .clip import Motion
from .skeleton import humanoid

# HumanML3D / SMPL joint order -> humanoid joint names
SMPL22 = ("Hips", "LeftUpLeg", "RightUpLeg", "Spine", "LeftLeg", "RightLeg", "Spine1", "LeftFoot", "RightFoot",
          None, "LeftToeBase", "RightToeBase", "Neck", "LeftShoulder", "RightShoulder", "Head", "LeftArm",
          "RightArm", "LeftForeArm", "RightForeArm", "LeftHand", "RightHand")


def _frame(up: np.ndarray, left: np.ndarray) -> np.ndarray:
    """(F, 3, 3) rotations whose y follows `up` and x follows `left` (made orthogonal)."""
    y = up / np.linalg.norm(up, axis=1, keepdims=True)
    x = left - np.einsum("fi,fi->f", left, y)[:, None] * y
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    return np.stack([x, y, np.cross(x, y)], axis=-1)


def from_positions(joints: np.ndarray, fps: float) -> Motion:
    """A Motion on the humanoid from world joint positions (F, 22, 3), y up, metres."""
    joints = np.asarray(joints, dtype=float)
    if joints.ndim != 3 or joints.shape[1:] != (22, 3) or len(joints) < 2 or not np.all(np.isfinite(joints)):
        raise InputError(f"a motion model must give finite joint positions shaped (frames, 22, 3), not "
                         f"{joints.shape}")
    sk = humanoid()
    at = {name: joints[:, i] for i, name in enumerate(SMPL22) if name}
    f, count = len(joints), sk.count
    glob = np.tile(np.eye(3), (f, count, 1, 1))
    glob[:, sk.index("Hips")] = _frame(at["Spine"] - at["Hips"], at["LeftUpLeg"] - at["RightUpLeg"])
    glob[:, sk.index("Spine1")] = _frame(at["Neck"] - at["Spine1"], at["LeftShoulder"] - at["RightShoulder"])
    glob[:, sk.index("Spine")] = _frame(at["Spine1"] - at["Spine"], at["LeftUpLeg"] - at["RightUpLeg"])
    for j, name in enumerate(sk.names):
        kids = [c for c in sk.children(j) if sk.names[c] in at]
        if name in ("Hips", "Spine", "Spine1") or len(kids) != 1 or name not in at:
            continue
        child = kids[0]
        rest = sk.offsets[child] / np.linalg.norm(sk.offsets[child])
        parent = glob[:, sk.parents[j]]
        want = at[sk.names[child]] - at[name]
        # the bone turns from where its parent carries it to where the positions point
        carried = parent @ rest
        turn = _min_turn(carried, want)
        glob[:, j] = turn @ parent
    local = np.empty_like(glob)
    for j, p in enumerate(sk.parents):
        local[:, j] = glob[:, j] if p < 0 else np.swapaxes(glob[:, p], 1, 2) @ glob[:, j]
    quats = Rotation.from_matrix(local.reshape(-1, 3, 3)).as_quat().reshape(f, count, 4)
    legs = np.linalg.norm(at["LeftLeg"] - at["LeftUpLeg"], axis=1).mean() + \
        np.linalg.norm(at["LeftFoot"] - at["LeftLeg"], axis=1).mean()
    ours = np.linalg.norm(sk.offsets[sk.index("LeftLeg")]) + np.linalg.norm(sk.offsets[sk.index("LeftFoot")])
    root = at["Hips"] * (ours / max(legs, 1e-9))
    return Motion(sk, float(fps), root, quats)


def _min_turn(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    a = a / np.linalg.norm(a, axis=1, keepdims=True)
    b = b / np.maximum(np.linalg.norm(b, axis=1, keepdims=True), 1e-12)
    axis = np.cross(a, b)
    angle = np.arctan2(np.linalg.norm(axis, axis=1), np.einsum("fi,fi->f", a, b))
    axis = axis / np.maximum(np.linalg.norm(axis, axis=1, keepdims=True), 1e-12)
    return Rotation.from_rotvec(axis * angle[:, None]).as_matrix()
