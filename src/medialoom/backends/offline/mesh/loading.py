"""Reading a mesh artifact once, with the checks of `medialoom.media.probe_mesh`: unreadable,
corrupt or truncated files, no faces, over 5 million faces; each is one line."""

from __future__ import annotations

from pathlib import Path

from ....artifacts import Artifact
from ....errors import InputError
from ....media import check_not_empty, load_mesh
from .build import program_from_glb
from .program import Program

Z_UP_SUFFIXES = (".stl", ".ply")


def load_scene(path: Path):
    """A trimesh Scene from GLB, glTF, OBJ, STL or PLY; STL and PLY (Z-up by habit) are
    turned Y-up so every model stands the same way."""
    import numpy as np
    import trimesh

    path = Path(path)
    check_not_empty(path, "3D model")
    scene = load_mesh(path)
    if path.suffix.lower() in Z_UP_SUFFIXES:
        scene.apply_transform(trimesh.transformations.rotation_matrix(-np.pi / 2, [1, 0, 0]))
    return scene


def load_mesh_artifact(mesh: Artifact) -> tuple[object, Program | None]:
    """The scene and, for models medialoom made, the scene program that produced it (from the
    producing step's meta, else from the GLB's extras)."""
    scene = load_scene(mesh.path)
    program = None
    data = mesh.meta.get("program") if mesh.meta else None
    if isinstance(data, dict):
        try:
            program = Program.from_dict(dict(data))
        except InputError:
            program = None
    return scene, program or program_from_glb(scene)
