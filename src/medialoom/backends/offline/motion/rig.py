"""Bodies for a skeleton: a mannequin of capsules (each rigid on one joint), and automatic skin
weights that bind any 3D model to the skeleton (fitted to its height, bound in an A-pose with
the arms down, each vertex weighted to its two nearest bones by inverse distance).

Both give `Body`: vertices in the bind pose, per-vertex joints and weights (4 each, glTF style),
the bind pose's world transforms, faces and vertex colours.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy.spatial.transform import Rotation

from .skeleton import SOLE_DEPTH, STANDING_HEIGHT, Skeleton, forward_kinematics

SKIN = (0.86, 0.72, 0.58)
SHIRT = (0.25, 0.45, 0.75)
TROUSERS = (0.22, 0.24, 0.3)
THICK = {"Hips": 0.11, "Spine": 0.12, "Spine1": 0.13, "Neck": 0.05, "LeftUpLeg": 0.07, "RightUpLeg": 0.07,
         "LeftLeg": 0.055, "RightLeg": 0.055, "LeftArm": 0.05, "RightArm": 0.05,
         "LeftForeArm": 0.042, "RightForeArm": 0.042, "LeftShoulder": 0.05, "RightShoulder": 0.05}


@dataclass
class Body:
    vertices: np.ndarray      # (V, 3) bind pose, world
    faces: np.ndarray         # (T, 3)
    colors: np.ndarray        # (V, 4) uint8
    joints: np.ndarray        # (V, 4) int
    weights: np.ndarray       # (V, 4) float, rows sum to 1
    bind: np.ndarray          # (J, 4, 4) world transforms of the joints in the bind pose

    def skin(self, pos: np.ndarray, glob: np.ndarray) -> np.ndarray:
        """Vertices (V, 3) for one frame's joint positions (J, 3) and rotations (J, 3, 3)."""
        pose = np.tile(np.eye(4), (len(pos), 1, 1))
        pose[:, :3, :3], pose[:, :3, 3] = glob, pos
        mats = pose @ np.linalg.inv(self.bind)                          # (J, 4, 4)
        blended = np.einsum("vk,vkij->vij", self.weights, mats[self.joints])
        return np.einsum("vij,vj->vi", blended[:, :3, :3], self.vertices) + blended[:, :3, 3]


def rest_transforms(sk: Skeleton, quats: np.ndarray | None = None) -> np.ndarray:
    """World transforms (J, 4, 4) of a pose (rest when quats is None), root at standing height."""
    rot = np.tile(np.eye(3), (1, sk.count, 1, 1)) if quats is None else \
        Rotation.from_quat(quats.reshape(-1, 4)).as_matrix().reshape(1, sk.count, 3, 3)
    pos, glob = forward_kinematics(sk, np.array([[0.0, STANDING_HEIGHT, 0.0]]), rot)
    out = np.tile(np.eye(4), (sk.count, 1, 1))
    out[:, :3, :3], out[:, :3, 3] = glob[0], pos[0]
    return out


def mannequin(sk: Skeleton) -> Body:
    import trimesh

    bind = rest_transforms(sk)
    rest = bind[:, :3, 3]
    parts: list[tuple[int, object, tuple]] = []
    for j, p in enumerate(sk.parents):
        if p < 0:
            continue
        name = sk.names[p]
        if name.endswith(("Foot", "ToeBase")) or sk.names[j].endswith("Shoulder"):
            continue
        radius = THICK.get(name, 0.045)
        colour = TROUSERS if "Leg" in name or name == "Hips" else SKIN if "Fore" in name or name == "Neck" else SHIRT
        parts.append((p, _capsule(trimesh, rest[p], rest[j], radius), colour))
    for j, name in enumerate(sk.names):
        if name == "Head":
            head = trimesh.creation.icosphere(subdivisions=2, radius=0.11)
            head.apply_translation(rest[j] + [0, 0.08, 0.01])
            parts.append((j, head, SKIN))
        elif name.endswith("Hand"):
            hand = trimesh.creation.icosphere(subdivisions=1, radius=0.045)
            hand.apply_translation(rest[j] + np.sign(rest[j][0]) * np.array([0.05, 0, 0]))
            parts.append((j, hand, SKIN))
        elif name.endswith("Foot"):
            foot = trimesh.creation.box(extents=(0.09, 0.07, 0.22))
            foot.apply_translation(rest[j] + [0, -0.035 - SOLE_DEPTH / 2 + 0.01, 0.05])
            parts.append((j, foot, TROUSERS))
    return _merge(parts, bind)


def _capsule(trimesh, a: np.ndarray, b: np.ndarray, radius: float):
    length = float(np.linalg.norm(b - a))
    cap = trimesh.creation.capsule(height=max(length - radius, 1e-3), radius=radius, count=[10, 10])
    direction = (b - a) / max(length, 1e-9)
    align = trimesh.geometry.align_vectors([0, 0, 1], direction)
    cap.apply_transform(align)
    cap.apply_translation((a + b) / 2)
    return cap


def _merge(parts, bind: np.ndarray) -> Body:
    verts, faces, cols, joints = [], [], [], []
    base = 0
    for j, mesh, colour in parts:
        verts.append(np.asarray(mesh.vertices))
        faces.append(np.asarray(mesh.faces) + base)
        cols.append(np.tile([*(int(c * 255) for c in colour), 255], (len(mesh.vertices), 1)))
        joints.append(np.full(len(mesh.vertices), j))
        base += len(mesh.vertices)
    v = np.concatenate(verts)
    jt = np.zeros((len(v), 4), int)
    jt[:, 0] = np.concatenate(joints)
    w = np.zeros((len(v), 4))
    w[:, 0] = 1.0
    return Body(v, np.concatenate(faces), np.concatenate(cols).astype(np.uint8), jt, w, bind)


def a_pose(sk: Skeleton) -> np.ndarray:
    """Local rotations (J, 4) with the arms hanging down at the sides."""
    quats = np.tile([0.0, 0.0, 0.0, 1.0], (sk.count, 1))
    for name, angle in (("LeftArm", -75.0), ("RightArm", 75.0)):
        if name in sk.names:
            quats[sk.index(name)] = Rotation.from_euler("z", angle, degrees=True).as_quat()
    return quats


def skinned(sk: Skeleton, path: Path) -> Body:
    """Any model bound to the skeleton: scaled to its height, standing on the floor, skinned."""

    from ....media import load_mesh

    scene = load_mesh(Path(path))
    mesh = scene.to_geometry() if hasattr(scene, "to_geometry") else scene.dump(concatenate=True)
    v = np.asarray(mesh.vertices, float)
    lo, hi = v.min(0), v.max(0)
    scale = sk.height() / max(hi[1] - lo[1], 1e-9)
    v = (v - [(lo[0] + hi[0]) / 2, lo[1], (lo[2] + hi[2]) / 2]) * scale
    bind = rest_transforms(sk, a_pose(sk))
    starts, ends, owners = [], [], []
    for j, p in enumerate(sk.parents):
        if p >= 0:
            starts.append(bind[p, :3, 3])
            ends.append(bind[j, :3, 3])
            owners.append(p)
    for j, e in enumerate(sk.end_sites):
        if e is not None:
            starts.append(bind[j, :3, 3])
            ends.append(bind[j, :3, 3] + bind[j, :3, :3] @ np.asarray(e))
            owners.append(j)
    a, b = np.array(starts), np.array(ends)
    ab = b - a
    t = np.clip(np.einsum("vbi,bi->vb", v[:, None] - a[None], ab) / np.maximum((ab * ab).sum(1), 1e-12), 0, 1)
    d = np.linalg.norm(v[:, None] - (a[None] + t[..., None] * ab[None]), axis=2)
    near = np.argsort(d, axis=1)[:, :2]
    w = 1.0 / np.maximum(np.take_along_axis(d, near, 1), 1e-4) ** 4
    w /= w.sum(1, keepdims=True)
    joints = np.zeros((len(v), 4), int)
    weights = np.zeros((len(v), 4))
    joints[:, :2], weights[:, :2] = np.array(owners)[near], w
    colours = _vertex_colours(mesh, len(v))
    return Body(v, np.asarray(mesh.faces), colours, joints, weights, bind)


def _vertex_colours(mesh, n: int) -> np.ndarray:
    try:
        c = np.asarray(mesh.visual.to_color().vertex_colors, dtype=np.uint8)
        if c.shape == (n, 4):
            return c
    except Exception:  # textures and odd visuals fall back to one colour
        pass
    return np.tile(np.array([190, 190, 200, 255], np.uint8), (n, 1))
