"""BVH files through bvhio: the format Blender, MotionBuilder and motion datasets read.

Channels: the root has Xposition Yposition Zposition Zrotation Xrotation Yrotation, the other
joints Zrotation Xrotation Yrotation (intrinsic ZXY Euler angles in degrees). Units are metres.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from scipy.spatial.transform import Rotation

from ....errors import InputError
from .clip import Motion
from .skeleton import Skeleton

ROOT_CHANNELS = ["Xposition", "Yposition", "Zposition", "Zrotation", "Xrotation", "Yrotation"]
CHANNELS = ["Zrotation", "Xrotation", "Yrotation"]
MAX_FRAMES = 120 * 240


def write_bvh(motion: Motion, path: Path) -> None:
    import bvhio

    try:
        from pyglm import glm
    except ImportError:  # older PyGLM
        import glm  # type: ignore[no-redef]

    sk = motion.skeleton
    quats = motion.quats  # x y z w
    joints = []
    for j, name in enumerate(sk.names):
        joint = bvhio.BvhJoint(name, glm.vec3(*map(float, sk.offsets[j])))
        joint.Channels = list(ROOT_CHANNELS if sk.parents[j] < 0 else CHANNELS)
        end = sk.end_sites[j] if j < len(sk.end_sites) else None
        joint.EndSite = glm.vec3(*(end or (0.0, 0.05, 0.0)))
        position = motion.root if sk.parents[j] < 0 else np.zeros((motion.frames, 3))
        joint.Keyframes = [bvhio.Pose(glm.vec3(*map(float, p)), glm.quat(float(q[3]), float(q[0]), float(q[1]), float(q[2])))
                           for p, q in zip(position, quats[:, j])]
        joints.append(joint)
        if sk.parents[j] >= 0:
            joints[sk.parents[j]].Children.append(joint)
    tmp = path.with_name(path.name + ".part")
    bvhio.writeBvh(str(tmp), bvhio.BvhContainer(joints[0], motion.frames, 1.0 / motion.fps), percision=6)
    tmp.replace(path)


def read_bvh(path: Path) -> Motion:
    """A Motion from a BVH file; one clear line for a file that is not a readable BVH."""
    import bvhio

    from ....media import check_bvh_text, check_not_empty

    path = Path(path)
    check_not_empty(path, "motion")
    check_bvh_text(path)
    try:
        container = bvhio.readAsBvh(str(path))
    except OSError as exc:
        raise InputError(f"cannot read {path.name} ({exc.__class__.__name__}); check the path") from exc
    except Exception as exc:  # bvhio raises SyntaxError, IndexError, ValueError ... on damage
        raise InputError(f"{path.name} is not a readable BVH file ({exc.__class__.__name__}): it may be "
                         "corrupt or truncated; export it again as BVH") from exc
    frames = int(container.FrameCount or 0)
    if frames < 1 or not container.FrameTime or container.FrameTime <= 0:
        raise InputError(f"{path.name} has no motion frames (Frames: {frames}); give a BVH with motion")
    if frames > MAX_FRAMES:
        raise InputError(f"{path.name} has {frames} frames, over the {MAX_FRAMES} frame limit; trim it first")
    names: list[str] = []
    parents: list[int] = []
    offsets: list[tuple] = []
    ends: list[tuple | None] = []
    poses: list[list] = []

    def walk(joint, parent: int) -> None:
        if len(joint.Keyframes) != frames:
            raise InputError(f"{path.name} is truncated ({len(joint.Keyframes)} of {frames} frames for "
                             f"{joint.Name}); export it again")
        index = len(names)
        names.append(joint.Name)
        parents.append(parent)
        offsets.append(tuple(joint.Offset))
        ends.append(None if joint.Children else tuple(joint.EndSite))
        poses.append(joint.Keyframes)
        for child in joint.Children:
            walk(child, index)

    walk(container.Root, -1)
    quats = np.array([[[q.Rotation.x, q.Rotation.y, q.Rotation.z, q.Rotation.w] for q in keys] for keys in poses])
    quats = np.transpose(quats, (1, 0, 2))
    root = np.array([tuple(k.Position) for k in poses[0]], dtype=float)
    if not (np.all(np.isfinite(quats)) and np.all(np.isfinite(root))):
        raise InputError(f"{path.name} holds numbers that are not finite; it is corrupt")
    quats = Rotation.from_quat(quats.reshape(-1, 4)).as_quat().reshape(quats.shape)
    sk = Skeleton(tuple(names), tuple(parents), np.array(offsets, dtype=float), tuple(ends))
    return Motion(sk, 1.0 / float(container.FrameTime), root, quats)
