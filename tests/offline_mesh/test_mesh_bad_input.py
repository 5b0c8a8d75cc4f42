"""Mesh files that cannot be used are refused with one line, before any work."""

from __future__ import annotations

import pytest

from medialoom.backends.offline import mesh
from medialoom import media
from medialoom.backends.offline.mesh import loading
from medialoom.errors import InputError


@pytest.fixture
def broken(tmp_path, make_model):
    good = make_model("a chair").path.read_bytes()

    def make(name: str, data: bytes):
        path = tmp_path / name
        path.write_bytes(data)
        return path

    return good, make


def refuse(make_ctx, artifact, path, match: str):
    art = artifact(path, "mesh")
    for call in (lambda: mesh.render(make_ctx(), art, size=32), lambda: mesh.edit(make_ctx(), art, "paint it red"),
                 lambda: mesh.turntable(make_ctx(), art, duration=1, size=32)):
        with pytest.raises(InputError, match=match) as err:
            call()
        assert "\n" not in str(err.value)


def test_truncated_glb(broken, make_ctx, artifact):
    good, make = broken
    refuse(make_ctx, artifact, make("half.glb", good[: len(good) // 2]), "corrupt or truncated")


def test_garbage_and_empty_files(broken, make_ctx, artifact):
    _, make = broken
    refuse(make_ctx, artifact, make("noise.glb", b"glTF" + bytes(range(256)) * 4), "corrupt or truncated")
    refuse(make_ctx, artifact, make("text.obj", b"this is not a mesh at all\n"), "no faces|corrupt")
    with pytest.raises(InputError, match="empty"):
        loading.load_scene(make("empty.stl", b""))


def test_truncated_binary_stl(broken, make_ctx, artifact, tmp_path):
    import trimesh

    data = trimesh.creation.icosphere(subdivisions=2).export(file_type="stl")
    refuse(make_ctx, artifact, broken[1]("cut.stl", data[: len(data) - 500]), "corrupt or truncated|no faces")


def test_meshes_over_the_face_limit(broken, make_ctx, artifact, monkeypatch):
    good, make = broken
    monkeypatch.setattr(media, "MAX_MESH_FACES", 50)  # the chair has more; 5 million in production
    refuse(make_ctx, artifact, make("big.glb", good), "over the 5 million limit")


def test_the_limit_is_five_million():
    assert media.MAX_MESH_FACES == 5_000_000
