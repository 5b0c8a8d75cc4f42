"""The pose solver: a filled Timeline -> root positions and local joint rotations.

    1. root height: as high as the action asks, but never higher than a planted foot can reach
       (with heel or toe rocking), smoothed: the body dips in double support as it does in gait
    2. planted feet: the footprint stays where it is; the foot rocks on its heel or its toes by
       the smallest angle that keeps the ankle in reach (foot-locking: the contact never slides)
    3. swinging feet travel between footprints with clearance; carried feet ride with the body
    4. two-bone leg IK (knees bend forward), then spine, neck and arms from the upper-body layer
"""

from __future__ import annotations

import numpy as np
from scipy.ndimage import gaussian_filter1d, minimum_filter1d
from scipy.spatial.transform import Rotation

from .skeleton import ANKLE_HEIGHT, HEEL, Skeleton
from .timeline import CARRIED, PLANTED, SIDES, SWING, Timeline, forward_of, unit, yaw_matrix

ANKLE_SWING = 45.0                               # degrees a swinging foot may turn from its shin
REACH = 0.995                                    # of the full leg length, never locked straight
PITCHES = np.radians(np.concatenate([np.arange(0, 51), -np.arange(1, 21)]))  # + heel up, - toes up
PITCHES = PITCHES[np.argsort(np.abs(PITCHES), kind="stable")]


def _clamped(local: np.ndarray, degrees: float) -> np.ndarray:
    """Local rotations no larger than `degrees` (a swinging foot follows its shin)."""
    vec = Rotation.from_matrix(local).as_rotvec()
    size = np.linalg.norm(vec, axis=1, keepdims=True)
    vec *= np.minimum(1.0, np.radians(degrees) / np.maximum(size, 1e-12))
    return Rotation.from_rotvec(vec).as_matrix()


def rx(angle: np.ndarray) -> np.ndarray:
    c, s = np.cos(angle), np.sin(angle)
    m = np.zeros(np.shape(angle) + (3, 3))
    m[..., 0, 0], m[..., 1, 1], m[..., 1, 2], m[..., 2, 1], m[..., 2, 2] = 1.0, c, -s, s, c
    return m


def rz(angle: np.ndarray) -> np.ndarray:
    c, s = np.cos(angle), np.sin(angle)
    m = np.zeros(np.shape(angle) + (3, 3))
    m[..., 0, 0], m[..., 0, 1], m[..., 1, 0], m[..., 1, 1], m[..., 2, 2] = c, -s, s, c, 1.0
    return m


def min_rotation(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """(N, 3, 3) smallest rotations taking unit vector(s) a onto unit vectors b."""
    a = np.broadcast_to(unit(np.asarray(a, float)), b.shape)
    b = unit(b)
    axis = np.cross(a, b)
    sin = np.linalg.norm(axis, axis=-1)
    cos = np.einsum("ni,ni->n", a, b)
    angle = np.arctan2(sin, cos)
    fallback = np.cross(a, np.array([0.0, 0.0, 1.0]))
    axis = np.where(sin[:, None] > 1e-9, axis, fallback)
    return Rotation.from_rotvec(unit(axis) * angle[:, None]).as_matrix()


def rocker_ankles(plant: np.ndarray, yaw: np.ndarray, toe: np.ndarray) -> np.ndarray:
    """(F, P, 3) ankle positions for every candidate pitch of a planted foot."""
    flat = np.column_stack([plant[:, 0], np.full(len(plant), ANKLE_HEIGHT), plant[:, 1]])
    turn = yaw_matrix(yaw)                                   # (F, 3, 3)
    rock = rx(PITCHES)                                       # (P, 3, 3)
    toe_joint = flat + turn @ toe
    heel_point = flat + turn @ HEEL
    up = PITCHES > 0
    vec = np.where(up[:, None], -(rock @ toe), -(rock @ HEEL))              # (P, 3)
    base = np.where(up[None, :, None], toe_joint[:, None], heel_point[:, None])
    return base + np.einsum("fij,pj->fpi", turn, vec)


def solve(tl: Timeline, sk: Skeleton) -> tuple[np.ndarray, np.ndarray]:
    """Root positions (F, 3) and local rotations (F, J, 4) for a timeline."""
    f = tl.frames
    idx = {n: i for i, n in enumerate(sk.names)}
    pelvis = yaw_matrix(tl.heading + np.radians(tl.twist))
    legs = {s: (sk.offsets[idx[f"{s}UpLeg"]], float(np.linalg.norm(sk.offsets[idx[f"{s}Leg"]])),
                float(np.linalg.norm(sk.offsets[idx[f"{s}Foot"]])), sk.offsets[idx[f"{s}ToeBase"]]) for s in SIDES}
    root_y = _root_height(tl, pelvis, legs)
    root = np.column_stack([tl.xz[:, 0], root_y, tl.xz[:, 1]])
    rot = np.tile(np.eye(3), (f, sk.count, 1, 1))
    rot[:, idx["Hips"]] = pelvis
    for side in SIDES:
        hip_off, l1, l2, toe = legs[side]
        hip = root + pelvis @ hip_off
        ankle, pitch, yaw, heel_up = _feet(tl, side, hip, root, l1 + l2, toe)
        thigh, shin = _leg_ik(hip, ankle, forward_of(yaw), l1, l2)
        foot = yaw_matrix(yaw) @ rx(pitch)
        free = tl.feet[side].mode == SWING
        foot[free] = shin[free] @ _clamped(np.swapaxes(shin[free], 1, 2) @ foot[free], ANKLE_SWING)
        toe_global = np.where(heel_up[:, None, None], yaw_matrix(yaw), foot)
        rot[:, idx[f"{side}UpLeg"]] = np.swapaxes(pelvis, 1, 2) @ thigh
        rot[:, idx[f"{side}Leg"]] = np.swapaxes(thigh, 1, 2) @ shin
        rot[:, idx[f"{side}Foot"]] = np.swapaxes(shin, 1, 2) @ foot
        rot[:, idx[f"{side}ToeBase"]] = np.swapaxes(foot, 1, 2) @ toe_global
    _upper_body(tl, sk, idx, rot)
    quats = Rotation.from_matrix(rot.reshape(-1, 3, 3)).as_quat().reshape(f, sk.count, 4)
    return root, quats


def _root_height(tl: Timeline, pelvis: np.ndarray, legs: dict) -> np.ndarray:
    """The height actions ask for, lowered where a planted foot could not be reached; only the
    reach limit is smoothed (erode, then blur within the erosion), so it never overshoots."""
    reach_limit = tl.height + 0.5
    for side in SIDES:
        hip_off, l1, l2, toe = legs[side]
        foot = tl.feet[side]
        planted = (foot.mode == PLANTED) & ~tl.fixed
        if not planted.any():
            continue
        hip_xz = tl.xz[planted] + (pelvis[planted] @ hip_off)[:, [0, 2]]
        ankles = rocker_ankles(foot.plant[planted], foot.yaw[planted], toe)
        d2 = np.sum((ankles[:, :, [0, 2]] - hip_xz[:, None]) ** 2, axis=-1)
        reach = ankles[:, :, 1] + np.sqrt(np.maximum((REACH * (l1 + l2)) ** 2 - d2, 0.0))
        reach[d2 > (REACH * (l1 + l2)) ** 2] = -np.inf
        best = reach.max(axis=1) - hip_off[1]
        ok = np.isfinite(best)
        rows = np.flatnonzero(planted)[ok]
        reach_limit[rows] = np.minimum(reach_limit[rows], best[ok])
    smooth = gaussian_filter1d(minimum_filter1d(reach_limit, 7, mode="nearest"), 1.5, truncate=2.0, mode="nearest")
    return np.where(tl.fixed, tl.height, np.minimum(tl.height, np.minimum(smooth, reach_limit)))


def _feet(tl: Timeline, side: str, hip: np.ndarray, root: np.ndarray, leg: float, toe: np.ndarray):
    """Ankle targets, foot pitch, foot yaw and heel-up flags for one side."""
    foot = tl.feet[side]
    f = tl.frames
    ankles = rocker_ankles(foot.plant, foot.yaw, toe)                       # (F, P, 3)
    dist = np.linalg.norm(ankles - hip[:, None], axis=-1)
    ok = dist <= REACH * leg + 1e-9
    pick = np.where(ok.any(axis=1), ok.argmax(axis=1), dist.argmin(axis=1))
    ankle = ankles[np.arange(f), pick]
    pitch = PITCHES[pick].copy()
    yaw = foot.yaw.copy()
    for a, b, mode in _runs(foot.mode):
        if mode == CARRIED:
            ref = max(a - 1, 0)
            local = yaw_matrix(tl.heading[ref]).T @ (ankle[ref] - root[ref])
            for i in range(a, b):
                ankle[i] = root[i] + yaw_matrix(tl.heading[i]) @ (local + np.array([0.0, foot.tuck[i], 0.0]))
            pitch[a:b], yaw[a:b] = pitch[ref], tl.heading[a:b] - tl.heading[ref] + yaw[ref]
        elif mode == SWING:
            start, end = max(a - 1, 0), min(b, f - 1)
            s = (np.arange(a, b) - a + 1) / (b - a + 1)
            e = np.clip((s - 0.1) / 0.65, 0, 1)           # lift first, travel, then set down
            ease = e * e * (3 - 2 * e)
            ankle[a:b] = ankle[start] + (ankle[end] - ankle[start]) * ease[:, None]
            ankle[a:b, 1] = (ankle[start, 1] + (ankle[end, 1] - ankle[start, 1]) * s
                             + foot.lift[a:b] * np.sin(np.pi * s))
            pitch[a:b] = pitch[start] + (pitch[end] - pitch[start]) * s - 0.25 * np.sin(np.pi * s)
            turn = (yaw[end] - yaw[start] + np.pi) % (2 * np.pi) - np.pi
            yaw[a:b] = yaw[start] + turn * ease
    heel_up = (foot.mode != SWING) & (pitch > 0)          # the toes stay flat on (or over) the floor
    return ankle, pitch, yaw, heel_up


def _runs(mode: np.ndarray):
    """(start, end, mode) of the spans that are not PLANTED, in time order."""
    start = None
    for i in range(len(mode) + 1):
        m = mode[i] if i < len(mode) else PLANTED
        if start is not None and (m != mode[start] or i == len(mode)):
            yield start, i, int(mode[start])
            start = None
        if start is None and i < len(mode) and m != PLANTED:
            start = i


def _leg_ik(hip: np.ndarray, ankle: np.ndarray, forward: np.ndarray, l1: float, l2: float):
    """Global thigh and shin rotations (rest bones point down -y, knees bend towards forward)."""
    to = ankle - hip
    d = np.clip(np.linalg.norm(to, axis=1), abs(l1 - l2) + 1e-4, (l1 + l2) * 0.9999)
    u = unit(to)
    w = unit(forward - np.einsum("ni,ni->n", forward, u)[:, None] * u)
    alpha = np.arccos(np.clip((l1 * l1 + d * d - l2 * l2) / (2 * l1 * d), -1, 1))
    knee = hip + l1 * (np.cos(alpha)[:, None] * u + np.sin(alpha)[:, None] * w)
    end = hip + u * d[:, None]
    hinge = unit(np.cross(w, u))                       # the knee axis, the character's left
    return _bone_frame(knee - hip, hinge), _bone_frame(end - knee, hinge)


def _bone_frame(bone: np.ndarray, hinge: np.ndarray) -> np.ndarray:
    y = -unit(bone)
    return np.stack([hinge, y, np.cross(hinge, y)], axis=-1)


def _upper_body(tl: Timeline, sk: Skeleton, idx: dict, rot: np.ndarray) -> None:
    lean, sway, twist = (np.radians(a) for a in (tl.lean, tl.sway, tl.twist))
    half = rx(lean / 2) @ rz(-sway / 2) @ yaw_matrix(-twist / 2)
    rot[:, idx["Spine"]] = half
    rot[:, idx["Spine1"]] = half
    rot[:, idx["Neck"]] = rx(-lean * 0.35)
    rot[:, idx["Head"]] = rx(-lean * 0.3)
    for side in SIDES:
        arm, fore, hand = idx[f"{side}Arm"], idx[f"{side}ForeArm"], idx[f"{side}Hand"]
        upper = min_rotation(sk.offsets[fore], tl.upper[side])
        rot[:, arm] = upper
        rot[:, fore] = min_rotation(sk.offsets[hand], np.einsum("nji,nj->ni", upper, unit(tl.fore[side])))
