"""motion.render: the motion filmed with pyrender on a tiled floor, a camera that follows the
body (smoothed, three-quarter view from the front) and a soft blob shadow under the pelvis,
encoded as H.264 MP4 with PyAV."""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from pathlib import Path

import numpy as np
from scipy.ndimage import gaussian_filter1d

from ....errors import InputError
from .clip import Motion
from .rig import Body, mannequin, skinned

MAX_FRAMES = 3600
CAMERA = np.array([2.0, 1.0, 3.2])   # from the body, in its starting heading's frame
BACKGROUND = (0.86, 0.9, 0.95, 1.0)


def film(clip: Motion, path: Path, size: int, mesh: Path | None,
         progress: Callable[[float, str], None] | None = None) -> dict:
    from ..mesh.rendering import gl_module, look_at, offscreen

    if clip.frames > MAX_FRAMES:
        raise InputError(f"the motion has {clip.frames} frames, over the {MAX_FRAMES} a video takes; trim it first")
    size += size % 2
    body = skinned(clip.skeleton, mesh) if mesh is not None else mannequin(clip.skeleton)
    pos, glob = clip.world()
    renderer = offscreen(size, size)
    pyrender = gl_module()
    scene = pyrender.Scene(bg_color=BACKGROUND, ambient_light=(0.35, 0.35, 0.38))
    _floor(scene, pyrender, clip.root)
    camera = scene.add(pyrender.PerspectiveCamera(yfov=np.radians(45), aspectRatio=1.0, znear=0.05, zfar=80))
    light = scene.add(pyrender.DirectionalLight(color=np.ones(3), intensity=3.0))
    scene.set_pose(light, look_at(np.array([2.0, 5.0, 3.0]), np.zeros(3)))
    shadow = scene.add(_shadow(pyrender))
    rigid = mesh is None
    nodes = _rigid_nodes(scene, pyrender, body) if rigid else None
    target = gaussian_filter1d(clip.root, 12, axis=0, mode="nearest") * [1, 0, 1] + [0, 0.9, 0]
    offset = CAMERA * [1, 1, 1]
    skin_node = None
    with _Encoder(path, size, clip.fps) as encode:
        try:
            for i in range(clip.frames):
                if nodes is not None:
                    _pose_rigid(scene, nodes, body, pos[i], glob[i])
                else:
                    if skin_node is not None:
                        scene.remove_node(skin_node)
                    skin_node = scene.add(_skinned_mesh(pyrender, body, pos[i], glob[i]))
                scene.set_pose(shadow, _translate([clip.root[i, 0], 0.002, clip.root[i, 2]]))
                scene.set_pose(camera, look_at(target[i] + offset, target[i]))
                color, _ = renderer.render(scene)
                encode(np.ascontiguousarray(color[:, :, :3]))
                if progress is not None and i % max(1, clip.frames // 10) == 0:
                    progress(i / clip.frames, f"frame {i + 1}/{clip.frames}")
        finally:
            renderer.delete()
    return {"frames": clip.frames, "fps": clip.fps, "duration": round(clip.frames / clip.fps, 4),
            "width": size, "height": size, "body": "mannequin" if rigid else "rigged model"}


def _translate(t) -> np.ndarray:
    m = np.eye(4)
    m[:3, 3] = t
    return m


def _floor(scene, pyrender, root: np.ndarray) -> None:
    import trimesh

    lo = np.floor(root[:, [0, 2]].min(0)) - 6
    hi = np.ceil(root[:, [0, 2]].max(0)) + 6
    verts: list[tuple] = []
    faces: list[tuple] = []
    cols: list[tuple] = []
    for x in np.arange(lo[0], hi[0], 1.0):
        for z in np.arange(lo[1], hi[1], 1.0):
            k = len(verts)
            verts += [(x, 0, z), (x + 1, 0, z), (x + 1, 0, z + 1), (x, 0, z + 1)]
            faces += [(k, k + 2, k + 1), (k, k + 3, k + 2)]
            c = (200, 200, 196, 255) if (int(x) + int(z)) % 2 else (170, 172, 170, 255)
            cols += [c] * 4
    tiles = trimesh.Trimesh(np.array(verts, float), np.array(faces), vertex_colors=np.array(cols, np.uint8),
                            process=False)
    scene.add(pyrender.Mesh.from_trimesh(tiles, smooth=False))


def _shadow(pyrender):
    import trimesh

    disc = trimesh.creation.cylinder(radius=0.35, height=0.002, sections=32)
    disc.apply_transform(trimesh.transformations.rotation_matrix(-np.pi / 2, [1, 0, 0]))
    mat = pyrender.MetallicRoughnessMaterial(baseColorFactor=(0.1, 0.1, 0.12, 0.45), alphaMode="BLEND")
    return pyrender.Mesh.from_trimesh(disc, material=mat, smooth=False)


def _rigid_nodes(scene, pyrender, body: Body) -> dict:
    import trimesh

    nodes = {}
    for j in np.unique(body.joints[:, 0]):
        keep = body.joints[:, 0] == j
        index = -np.ones(len(keep), int)
        index[keep] = np.arange(keep.sum())
        faces = body.faces[np.all(keep[body.faces], axis=1)]
        part = trimesh.Trimesh(body.vertices[keep], index[faces], vertex_colors=body.colors[keep], process=False)
        nodes[int(j)] = scene.add(pyrender.Mesh.from_trimesh(part))
    return nodes


def _pose_rigid(scene, nodes: dict, body: Body, pos: np.ndarray, glob: np.ndarray) -> None:
    inv = np.linalg.inv(body.bind)
    for j, node in nodes.items():
        pose = np.eye(4)
        pose[:3, :3], pose[:3, 3] = glob[j], pos[j]
        scene.set_pose(node, pose @ inv[j])


def _skinned_mesh(pyrender, body: Body, pos: np.ndarray, glob: np.ndarray):
    import trimesh

    mesh = trimesh.Trimesh(body.skin(pos, glob), body.faces, vertex_colors=body.colors, process=False)
    return pyrender.Mesh.from_trimesh(mesh)


class _Encoder:
    def __init__(self, path: Path, size: int, fps: float):
        self.path, self.size, self.fps = path, size, fps

    def __enter__(self):
        import av

        self.container = av.open(str(self.path), mode="w")
        self.stream = self.container.add_stream("libx264", rate=Fraction(round(self.fps * 1000), 1000))
        self.stream.width = self.stream.height = self.size
        self.stream.pix_fmt = "yuv420p"
        self.stream.options = {"crf": "22", "preset": "veryfast"}
        return self

    def __call__(self, image: np.ndarray) -> None:
        import av

        for packet in self.stream.encode(av.VideoFrame.from_ndarray(image, format="rgb24")):
            self.container.mux(packet)

    def __exit__(self, *exc) -> None:
        for packet in self.stream.encode():
            self.container.mux(packet)
        self.container.close()
