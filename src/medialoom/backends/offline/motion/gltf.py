"""motion.to_mesh: an animated GLB written with pygltflib: the skeleton as a node hierarchy, a
skin (joints, inverse bind matrices), a body skinned to it (the mannequin, or a model rigged
by rig.skinned) and one animation (root translation, every joint's rotation, linear)."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from .clip import Motion
from .rig import Body, mannequin, skinned

FLOAT, UINT, USHORT, UBYTE = 5126, 5125, 5123, 5121
ARRAY, ELEMENTS = 34962, 34963


class _Blob:
    def __init__(self):
        self.data = bytearray()
        self.views: list = []
        self.accessors: list = []

    def add(self, array: np.ndarray, kind: str, component: int, target: int | None = None,
            normalized: bool = False, bounds: bool = False) -> int:
        import pygltflib as g

        raw = np.ascontiguousarray(array).tobytes()
        while len(self.data) % 4:
            self.data.append(0)
        self.views.append(g.BufferView(buffer=0, byteOffset=len(self.data), byteLength=len(raw), target=target))
        self.data += raw
        count = len(array)
        flat = np.asarray(array, float).reshape(count, -1)
        acc = g.Accessor(bufferView=len(self.views) - 1, componentType=component, count=count, type=kind,
                         normalized=normalized or None,
                         min=flat.min(0).tolist() if bounds else None, max=flat.max(0).tolist() if bounds else None)
        self.accessors.append(acc)
        return len(self.accessors) - 1


def write_glb(clip: Motion, path: Path, mesh: Path | None = None) -> dict:
    import pygltflib as g

    sk = clip.skeleton
    body: Body = skinned(sk, mesh) if mesh is not None else mannequin(sk)
    blob = _Blob()
    position = blob.add(body.vertices.astype(np.float32), "VEC3", FLOAT, ARRAY, bounds=True)
    colour = blob.add(body.colors.astype(np.uint8), "VEC4", UBYTE, ARRAY, normalized=True)
    joints = blob.add(body.joints.astype(np.uint16), "VEC4", USHORT, ARRAY)
    weights = blob.add(body.weights.astype(np.float32), "VEC4", FLOAT, ARRAY)
    indices = blob.add(body.faces.astype(np.uint32).reshape(-1), "SCALAR", UINT, ELEMENTS, bounds=True)
    inverse = np.linalg.inv(body.bind).transpose(0, 2, 1).astype(np.float32)   # column-major
    ibm = blob.add(inverse.reshape(len(inverse), 16), "MAT4", FLOAT)
    times = blob.add((np.arange(clip.frames) / clip.fps).astype(np.float32), "SCALAR", FLOAT, bounds=True)
    samplers, channels = [], []
    out = blob.add(clip.root.astype(np.float32), "VEC3", FLOAT)
    samplers.append(g.AnimationSampler(input=times, output=out, interpolation="LINEAR"))
    channels.append(g.AnimationChannel(sampler=0, target=g.AnimationChannelTarget(node=0, path="translation")))
    for j in range(sk.count):
        out = blob.add(clip.quats[:, j].astype(np.float32), "VEC4", FLOAT)
        samplers.append(g.AnimationSampler(input=times, output=out, interpolation="LINEAR"))
        channels.append(g.AnimationChannel(sampler=len(samplers) - 1,
                                           target=g.AnimationChannelTarget(node=j, path="rotation")))
    nodes = []
    for j, name in enumerate(sk.names):
        translation = clip.root[0] if sk.parents[j] < 0 else sk.offsets[j]
        nodes.append(g.Node(name=name, translation=[float(v) for v in translation],
                            rotation=[float(v) for v in clip.quats[0, j]], children=sk.children(j)))
    nodes.append(g.Node(name="body", mesh=0, skin=0))
    gltf = g.GLTF2(
        asset=g.Asset(generator="medialoom motion", version="2.0"),
        scene=0, scenes=[g.Scene(nodes=[0, sk.count])], nodes=nodes,
        meshes=[g.Mesh(name="body", primitives=[g.Primitive(
            attributes=g.Attributes(POSITION=position, COLOR_0=colour, JOINTS_0=joints, WEIGHTS_0=weights),
            indices=indices, material=0)])],
        materials=[g.Material(pbrMetallicRoughness=g.PbrMetallicRoughness(metallicFactor=0.0, roughnessFactor=0.8),
                              doubleSided=True)],
        skins=[g.Skin(joints=list(range(sk.count)), inverseBindMatrices=ibm, skeleton=0)],
        animations=[g.Animation(name="motion", samplers=samplers, channels=channels)],
        accessors=blob.accessors, bufferViews=blob.views, buffers=[g.Buffer(byteLength=len(blob.data))],
    )
    gltf.set_binary_blob(bytes(blob.data))
    tmp = path.with_name(path.name + ".part")
    gltf.save_binary(str(tmp))
    tmp.replace(path)
    return {"frames": clip.frames, "fps": clip.fps, "duration": round(clip.duration, 4), "joints": sk.count,
            "vertices": int(len(body.vertices)), "faces": int(len(body.faces)),
            "body": "mannequin" if mesh is None else "rigged model"}
