"""Shap-E on a tiny random model: a watertight coloured mesh in a GLB."""

from __future__ import annotations

import pytest
import trimesh

from medialoom.backends.neural import shape

pytestmark = pytest.mark.neural


def test_generate_writes_a_coloured_watertight_glb(tiny_model, nctx):
    folder = tiny_model("shap_e")
    out = shape.generate(nctx("mesh.generate", folder), "a chair", seed=1)
    mesh = trimesh.load(out.path, force="mesh")
    assert out.path.suffix == ".glb" and out.path.read_bytes()[:4] == b"glTF"
    assert len(mesh.faces) == out.meta["faces"] > 0 and mesh.is_watertight
    assert mesh.visual.vertex_colors.shape[0] == len(mesh.vertices)
    again = shape.generate(nctx("mesh.generate", folder), "a chair", seed=1)
    assert again.path.read_bytes() == out.path.read_bytes()
