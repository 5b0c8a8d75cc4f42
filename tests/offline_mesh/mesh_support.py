"""Fixtures for the offline 3D tests: models made by the backends, stored as the executor
stores them (the producing step's meta rides on the artifact), and small foreign files."""

from __future__ import annotations

from pathlib import Path

import pytest

trimesh = pytest.importorskip("trimesh")


@pytest.fixture
def stored(store):
    """stored(output) -> Artifact with the output's meta, as the executor records it."""

    def make(output, kind: str = "mesh"):
        return store.put_file(output.path, kind, output.meta, move=False)

    return make


@pytest.fixture
def make_model(make_ctx, stored):
    """make_model("a red chair", seed=0) -> Artifact of mesh.generate offline."""
    from medialoom.backends.offline import mesh

    def make(prompt: str, seed: int = 0):
        return stored(mesh.generate(make_ctx("mesh.generate", seed), prompt, seed=seed))

    return make


@pytest.fixture
def foreign(tmp_path, artifact):
    """foreign(".stl") -> a user's file (no program): a 2x1x1 box next to a sphere."""

    def make(suffix: str = ".stl"):
        box = trimesh.creation.box(extents=(2.0, 1.0, 0.6) if suffix == ".stl" else (2.0, 0.6, 1.0))
        ball = trimesh.creation.icosphere(subdivisions=3, radius=0.5)
        ball.apply_translation((2.0, 0.0, 0.0))
        path = tmp_path / f"user{suffix}"
        if suffix == ".glb":
            scene = trimesh.Scene()
            scene.add_geometry(box, node_name="crate", geom_name="crate")
            scene.add_geometry(ball, node_name="ball", geom_name="ball")
            path.write_bytes(scene.export(file_type="glb"))
        else:
            trimesh.util.concatenate([box, ball]).export(path)
        return artifact(path, "mesh")

    return make


def load(artifact_or_path):
    """The scene as the backends see it (STL and PLY turned Y-up)."""
    from medialoom.backends.offline.mesh.loading import load_scene

    return load_scene(Path(getattr(artifact_or_path, "path", artifact_or_path)))


def height(scene) -> float:
    lo, hi = scene.bounds
    return float(hi[1] - lo[1])


def colour_of(scene, node: str) -> tuple[int, int, int]:
    geom = scene.geometry[scene.graph[node][1]]
    return tuple(int(v) for v in geom.visual.material.baseColorFactor[:3])


def near(rgb255, name: str) -> bool:
    """A GLB colour (0-255) is the named medialoom colour, within rounding."""
    from medialoom.backends.offline.mesh.kit import COLOURS

    return all(abs(a - b * 255) <= 1.5 for a, b in zip(rgb255, COLOURS[name]))
