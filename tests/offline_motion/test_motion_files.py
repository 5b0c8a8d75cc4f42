"""BVH out and back in (bvhio, and the independent `bvh` parser), animated GLB read back with
pygltflib and replayed, and one-line refusals for damaged files."""

from __future__ import annotations

import numpy as np
import pytest
from motion_support import make
from scipy.spatial.transform import Rotation

from medialoom.backends.offline.motion.bvh import read_bvh, write_bvh
from medialoom.errors import InputError


def test_bvh_round_trips_through_bvhio(tmp_path):
    m = make("walk, then turn left, then wave")
    write_bvh(m, tmp_path / "a.bvh")
    back = read_bvh(tmp_path / "a.bvh")
    assert back.frames == m.frames and back.fps == pytest.approx(30.0)
    assert back.skeleton.names == m.skeleton.names
    assert np.abs(back.positions() - m.positions()).max() < 1e-4


def test_an_independent_parser_reads_the_same_angles(tmp_path):
    bvh = pytest.importorskip("bvh")
    m = make("dance")
    write_bvh(m, tmp_path / "d.bvh")
    doc = bvh.Bvh((tmp_path / "d.bvh").read_text())
    assert doc.nframes == m.frames and doc.frame_time == pytest.approx(1 / 30)
    assert doc.get_joints_names() == list(m.skeleton.names)
    for frame in (0, 37, m.frames - 1):
        for name in ("LeftArm", "RightUpLeg", "Spine1"):
            zxy = doc.frame_joint_channels(frame, name, ["Zrotation", "Xrotation", "Yrotation"])
            ours = Rotation.from_quat(m.quats[frame, m.skeleton.index(name)])
            assert Rotation.from_euler("ZXY", zxy, degrees=True).approx_equal(ours, atol=1e-4)
        root = doc.frame_joint_channels(frame, "Hips", ["Xposition", "Yposition", "Zposition"])
        assert root == pytest.approx(m.root[frame], abs=1e-5)


@pytest.mark.parametrize("text, words", [
    ("HIERARCHY\nROOT Hips\n{\n  OFFSET 0 0\n", "not a readable BVH"),
    ("just some text\n", "not a readable BVH"),
])
def test_corrupt_bvh_is_one_line(tmp_path, text, words):
    bad = tmp_path / "bad.bvh"
    bad.write_text(text)
    with pytest.raises(InputError, match=words) as err:
        read_bvh(bad)
    assert "\n" not in str(err.value)


def test_truncated_bvh_is_refused(tmp_path):
    m = make("walk", 2.0)
    write_bvh(m, tmp_path / "w.bvh")
    lines = (tmp_path / "w.bvh").read_text().splitlines()
    (tmp_path / "cut.bvh").write_text("\n".join(lines[:-20]) + "\n")
    with pytest.raises(InputError):
        read_bvh(tmp_path / "cut.bvh")


def _accessor(doc, blob: bytes, index: int) -> np.ndarray:
    acc = doc.accessors[index]
    view = doc.bufferViews[acc.bufferView]
    dtype = {5126: np.float32, 5125: np.uint32, 5123: np.uint16, 5121: np.uint8}[acc.componentType]
    width = {"SCALAR": 1, "VEC3": 3, "VEC4": 4, "MAT4": 16}[acc.type]
    raw = np.frombuffer(blob[view.byteOffset:view.byteOffset + view.byteLength], dtype=dtype)
    return raw.reshape(acc.count, width)


def test_animated_glb_replays_the_motion(tmp_path):
    pygltflib = pytest.importorskip("pygltflib")
    from medialoom.backends.offline.motion.gltf import write_glb

    m = make("jump")
    meta = write_glb(m, tmp_path / "j.glb")
    doc = pygltflib.GLTF2().load(str(tmp_path / "j.glb"))
    blob = doc.binary_blob()
    anim = doc.animations[0]
    assert len(doc.skins[0].joints) == m.skeleton.count == meta["joints"]
    assert len(anim.channels) == m.skeleton.count + 1
    times = _accessor(doc, blob, anim.samplers[0].input)[:, 0]
    assert len(times) == m.frames and times[-1] == pytest.approx((m.frames - 1) / 30, abs=1e-5)
    # replay frame 20 from the file alone: node hierarchy + animated values -> world joint positions
    frame = 20
    values = {(c.target.node, c.target.path): _accessor(doc, blob, anim.samplers[c.sampler].output)[frame]
              for c in anim.channels}
    world = {}

    def place(node: int, parent: np.ndarray) -> None:
        n = doc.nodes[node]
        local = np.eye(4)
        local[:3, :3] = Rotation.from_quat(values.get((node, "rotation"), n.rotation)).as_matrix()
        local[:3, 3] = values.get((node, "translation"), n.translation)
        world[node] = parent @ local
        for child in n.children:
            place(child, world[node])

    place(0, np.eye(4))
    replayed = np.array([world[j][:3, 3] for j in range(m.skeleton.count)])
    assert np.abs(replayed - m.positions()[frame]).max() < 1e-4
    weights = _accessor(doc, blob, doc.meshes[0].primitives[0].attributes.WEIGHTS_0)
    assert np.allclose(weights.sum(1), 1.0, atol=1e-5)


def test_uploaded_bvh_is_recognised_as_motion(tmp_path):
    from medialoom.server.uploads import sniff

    m = make("wave", 1.0)
    write_bvh(m, tmp_path / "w.bvh")
    found = sniff((tmp_path / "w.bvh").read_bytes()[:64])
    assert found is not None and (found.kind, found.suffix) == ("motion", ".bvh")
