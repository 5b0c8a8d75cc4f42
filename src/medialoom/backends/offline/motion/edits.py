"""Motion edits on the sampled poses: speed, mirror, loop, trim, blend into another motion,
layer another motion's upper body, retarget to another skeleton (by joint names) or size.

Every operation takes Motions and returns a new one; nothing here parses words (edit_words.py).
"""

from __future__ import annotations

import numpy as np
from scipy.spatial.transform import Rotation, Slerp

from ....errors import InputError
from .clip import Motion
from .skeleton import Skeleton
from .timeline import yaw_matrix

UPPER = ("Spine", "Spine1", "Neck", "Head", "LeftShoulder", "LeftArm", "LeftForeArm", "LeftHand",
         "RightShoulder", "RightArm", "RightForeArm", "RightHand")
MAX_SECONDS = 600.0


def _new(m: Motion, root: np.ndarray, quats: np.ndarray, skeleton: Skeleton | None = None) -> Motion:
    if root.shape[0] / m.fps > MAX_SECONDS:
        raise InputError(f"the edited motion would last {root.shape[0] / m.fps:.0f} s, over the "
                         f"{MAX_SECONDS / 60:g} minute limit; loop fewer times")
    return Motion(skeleton or m.skeleton, m.fps, root, quats)


def resample(m: Motion, frames: int) -> Motion:
    """The same motion sampled at `frames` frames (rotations slerped, root interpolated)."""
    frames = max(2, int(frames))
    src = np.arange(m.frames)
    at = np.linspace(0, m.frames - 1, frames)
    root = np.stack([np.interp(at, src, m.root[:, k]) for k in range(3)], axis=1)
    quats = np.empty((frames, m.skeleton.count, 4))
    for j in range(m.skeleton.count):
        if m.frames == 1:
            quats[:, j] = m.quats[0, j]
            continue
        quats[:, j] = Slerp(src, Rotation.from_quat(m.quats[:, j]))(at).as_quat()
    return _new(m, root, quats)


def speed(m: Motion, factor: float) -> Motion:
    """factor 2 = twice as fast (half as long); the path on the ground stays the same."""
    if not 0.05 <= factor <= 20:
        raise InputError(f"speed factor {factor:g} is out of range; use 0.05 to 20")
    return resample(m, round(m.frames / factor))


def mirror(m: Motion) -> Motion:
    """Left and right swapped: reflected in the body's middle plane (x -> -x)."""
    swap = m.skeleton.mirror_index()
    root = m.root * np.array([-1.0, 1.0, 1.0])
    quats = m.quats[:, swap] * np.array([1.0, -1.0, -1.0, 1.0])
    return _new(m, root, quats)


def loop(m: Motion, times: int) -> Motion:
    """N copies one after another, each starting where (and facing how) the last one ended."""
    if not 1 <= times <= 100:
        raise InputError(f"loop {times} times is out of range; use 1 to 100")
    rot0 = Rotation.from_quat(m.quats[0, 0])
    turn = _yaw(Rotation.from_quat(m.quats[-1, 0])) - _yaw(rot0)
    roots, quats = [m.root], [m.quats]
    start, heading = m.root[-1], turn
    for _ in range(times - 1):
        spin = yaw_matrix(np.array(heading))
        local = (m.root - m.root[0]) @ spin.T
        roots.append(local + np.array([start[0], 0.0, start[2]]))
        roots[-1][:, 1] = m.root[:, 1]
        q = m.quats.copy()
        q[:, 0] = (Rotation.from_matrix(spin) * Rotation.from_quat(m.quats[:, 0])).as_quat()
        quats.append(q)
        start, heading = roots[-1][-1], heading + turn
    return _new(m, np.concatenate(roots), np.concatenate(quats))


def _yaw(r: Rotation) -> float:
    f = r.apply([0.0, 0.0, 1.0])
    return float(np.arctan2(f[0], f[2]))


def trim(m: Motion, start: float, end: float | None) -> Motion:
    a = int(round(max(0.0, start) * m.fps))
    b = m.frames if end is None else int(round(min(end, m.duration) * m.fps))
    if b - a < 2:
        raise InputError(f"trimming {start:g}-{end if end is not None else m.duration:g} s leaves no motion "
                         f"(the clip lasts {m.duration:.1f} s); pick times inside it")
    return _new(m, m.root[a:b].copy(), m.quats[a:b].copy())


def _check_same(m: Motion, other: Motion, what: str) -> None:
    missing = [n for n in m.skeleton.names if n not in other.skeleton.names]
    if missing:
        raise InputError(f"cannot {what}: the other motion's skeleton lacks {', '.join(missing[:4])}"
                         f"{' ...' if len(missing) > 4 else ''}; give a motion with the same joints")


def _aligned(m: Motion, other: Motion) -> np.ndarray:
    """The other motion's rotations in this skeleton's joint order."""
    order = [other.skeleton.index(n) for n in m.skeleton.names]
    return other.quats[:, order]


def blend(m: Motion, other: Motion, seconds: float = 0.5) -> Motion:
    """This motion, then the other one, crossfading poses over `seconds`; the other one
    continues from where and how this one ends."""
    _check_same(m, other, "blend")
    if abs(other.fps - m.fps) > 1e-6:
        other = resample(other, round(other.frames * m.fps / other.fps))
        other = Motion(other.skeleton, m.fps, other.root, other.quats)
    oq = _aligned(m, other)
    turn = _yaw(Rotation.from_quat(m.quats[-1, 0])) - _yaw(Rotation.from_quat(oq[0, 0]))
    spin = yaw_matrix(np.array(turn))
    oroot = (other.root - other.root[0]) @ spin.T + np.array([m.root[-1, 0], 0.0, m.root[-1, 2]])
    oroot[:, 1] = other.root[:, 1]
    oq = oq.copy()
    oq[:, 0] = (Rotation.from_matrix(spin) * Rotation.from_quat(oq[:, 0])).as_quat()
    n = min(int(round(seconds * m.fps)), m.frames // 2, other.frames // 2)
    if n >= 2:
        oroot[:, [0, 2]] += m.root[-n, [0, 2]] - oroot[0, [0, 2]]     # the overlap starts together
        w = np.linspace(0, 1, n)
        w = w * w * (3 - 2 * w)
        mixed = np.empty((n, m.skeleton.count, 4))
        for j in range(m.skeleton.count):
            for i in range(n):
                pair = Rotation.from_quat([m.quats[-n + i, j], oq[i, j]])
                mixed[i, j] = Slerp([0, 1], pair)([w[i]]).as_quat()[0]
        seam = m.root[-n:] * (1 - w)[:, None] + oroot[:n] * w[:, None]
        root = np.concatenate([m.root[:-n], seam, oroot[n:]])
        quats = np.concatenate([m.quats[:-n], mixed, oq[n:]])
    else:
        root, quats = np.concatenate([m.root, oroot]), np.concatenate([m.quats, oq])
    return _new(m, root, quats)


def layer_upper(m: Motion, other: Motion) -> Motion:
    """This motion's legs and path with the other motion's upper body (spine, arms, head)."""
    _check_same(m, other, "layer the upper body")
    oq = _aligned(m, other)
    if other.frames != m.frames:
        idx = np.minimum((np.arange(m.frames) * other.frames / m.frames).astype(int), other.frames - 1)
        oq = oq[idx]
    quats = m.quats.copy()
    for name in UPPER:
        if name in m.skeleton.names:
            j = m.skeleton.index(name)
            quats[:, j] = oq[:, j]
    return _new(m, m.root.copy(), quats)


def retarget(m: Motion, target: Skeleton) -> Motion:
    """The rotations on another skeleton (joints matched by name); the root path scaled by the
    ratio of leg lengths so stride and foot contact keep their proportions."""
    missing = [n for n in target.names if n not in m.skeleton.names]
    if missing:
        raise InputError(f"this motion does not fit that skeleton: it has no {', '.join(missing[:4])}"
                         f"{' ...' if len(missing) > 4 else ''}; retarget only between skeletons with the same "
                         "joint names")
    order = [m.skeleton.index(n) for n in target.names]
    ratio = _leg(target) / max(_leg(m.skeleton), 1e-9)
    return Motion(target, m.fps, m.root * ratio, m.quats[:, order].copy())


def _leg(sk: Skeleton) -> float:
    rest = sk.rest_positions()
    return float(rest[:, 1].max() - rest[:, 1].min()) if "LeftUpLeg" not in sk.names else float(
        -(rest[sk.index("LeftFoot"), 1] - rest[sk.index("LeftUpLeg"), 1]))
