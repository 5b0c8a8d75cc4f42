"""Program -> trimesh Scene -> glTF binary. One node per part, named after the part; the
program's JSON rides along in the GLB's scene extras (`medialoom_program`)."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import numpy as np

from ....errors import InputError
from .kit import MATERIALS
from .program import Part, Placement, Primitive, Program

EXTRAS_KEY = "medialoom_program"
ROUND_SEGMENTS = 32


def primitive_mesh(p: Primitive):
    """One primitive as a trimesh, in place: scaled, rotated (x, y, z) and moved."""
    mesh = _base_shape(p)
    matrix = _translation(p.position) @ rotation_matrix(p.rotation) @ np.diag([*p.scale, 1.0])
    mesh.apply_transform(matrix)
    return mesh


def _base_shape(p: Primitive):
    import trimesh
    from trimesh import creation

    seg = p.segments or ROUND_SEGMENTS
    to_y = trimesh.transformations.rotation_matrix(-math.pi / 2, [1, 0, 0])  # z axis -> y axis
    if p.shape == "box":
        return creation.box(extents=p.size)
    if p.shape == "sphere":
        return creation.uv_sphere(radius=p.size[0], count=[max(8, seg // 2), seg])
    if p.shape == "extrusion":
        from shapely.geometry import Polygon

        poly = Polygon(p.profile)
        if not poly.is_valid or poly.area <= 0:
            raise InputError("an extrusion profile must be a simple polygon with an area")
        mesh = creation.extrude_polygon(poly, height=p.size[0])
        mesh.apply_translation([0, 0, -p.size[0] / 2])
        return mesh
    if p.shape == "cylinder":
        mesh = creation.cylinder(radius=p.size[0], height=p.size[1], sections=seg)
    elif p.shape == "cone":
        mesh = creation.cone(radius=p.size[0], height=p.size[1], sections=seg)
        mesh.apply_translation([0, 0, -p.size[1] / 2])
    elif p.shape == "torus":
        mesh = creation.torus(major_radius=p.size[0], minor_radius=p.size[1],
                              major_sections=seg, minor_sections=max(8, seg // 2))
    else:  # capsule
        mesh = creation.capsule(height=p.size[1], radius=p.size[0], count=[seg, seg])
    mesh.apply_transform(to_y)
    return mesh


def part_mesh(part: Part):
    """The part's primitives joined into one mesh with the part's colour and material; a part
    scale applies about the part's own centre, except that a part standing on the ground (legs,
    posts) made longer or shorter keeps its top where it holds the rest, and grows downwards."""
    import trimesh

    meshes = [primitive_mesh(p) for p in part.primitives]
    mesh = trimesh.util.concatenate(meshes) if len(meshes) > 1 else meshes[0]
    if part.scale != (1.0, 1.0, 1.0):
        low, high = mesh.bounds
        centre = (low + high) / 2
        sx, sy, sz = part.scale
        if low[1] <= 1e-3 and not sx == sy == sz:
            centre[1] = high[1]
        mesh.apply_transform(_translation(centre) @ np.diag([*part.scale, 1.0]) @ _translation(-centre))
    mesh = mesh.smooth_shaded  # split vertices at sharp edges: flat boxes, smooth spheres
    mesh.visual = trimesh.visual.TextureVisuals(material=pbr_material(part))
    return mesh


def pbr_material(part: Part):
    from trimesh.visual.material import PBRMaterial

    metallic, roughness, alpha = MATERIALS.get(part.material, MATERIALS["plastic"])
    return PBRMaterial(name=f"{part.name}:{part.material}",
                       baseColorFactor=[*part.color, alpha], metallicFactor=metallic,
                       roughnessFactor=roughness, alphaMode="BLEND" if alpha < 1 else "OPAQUE",
                       doubleSided=alpha < 1)


def placement_matrix(o: Placement) -> np.ndarray:
    """Where one object of a scene stands: its scale, its turn about y, then its position."""
    return _translation(o.position) @ rotation_matrix((0.0, o.yaw, 0.0)) @ np.diag([o.scale] * 3 + [1.0])


def placed_part_mesh(program: Program, part: Part):
    """The part's mesh where its object stands in the scene (as drawn for single objects)."""
    mesh = part_mesh(part)
    owner = program.placement(part.name)
    if owner is not None:
        mesh.apply_transform(placement_matrix(owner))
    return mesh


def program_matrix(program: Program) -> np.ndarray:
    """The program-wide transform: scale first, then rotation."""
    return rotation_matrix(program.rotation) @ np.diag([*program.scale, 1.0])


def build_scene(program: Program):
    """The program as a trimesh Scene standing on y = 0, one node per part."""
    import trimesh

    if not program.parts:
        raise InputError("the model has no parts left; add a part or start from a new model")
    matrix = program_matrix(program)
    meshes = []
    for p in program.parts:
        mesh = placed_part_mesh(program, p)
        mesh.apply_transform(matrix)
        meshes.append((p.name, mesh))
    if program.params.get("simplify"):
        meshes = _simplified(meshes, program.params["simplify"])
    low = min(float(m.bounds[0][1]) for _, m in meshes)
    scene = trimesh.Scene()
    for name, mesh in meshes:
        mesh.apply_translation([0, -low, 0])
        scene.add_geometry(mesh, geom_name=name, node_name=name)
    scene.metadata[EXTRAS_KEY] = program.to_dict()
    return scene


def _simplified(meshes: list, how: dict) -> list:
    """Quadric decimation of every part: to a ratio of its faces, or to a total face count."""
    total = sum(len(m.faces) for _, m in meshes)
    ratio = min(1.0, float(how["faces"]) / total) if how.get("faces") else float(how.get("ratio", 0.5))
    out = []
    for name, mesh in meshes:
        if len(mesh.faces) > 8 and ratio < 1:
            smaller = mesh.simplify_quadric_decimation(face_count=max(4, int(len(mesh.faces) * ratio)))
            smaller.visual = mesh.visual.__class__(material=mesh.visual.material)
            mesh = smaller
        out.append((name, mesh))
    return out


def write_glb(program: Program, path: Path) -> dict[str, Any]:
    """Build and export; returns the meta for the artifact record."""
    scene = build_scene(program)
    Path(path).write_bytes(scene.export(file_type="glb"))
    return scene_meta(scene) | {"program": program.to_dict(), "object": program.object}


def scene_meta(scene) -> dict[str, Any]:
    bounds = scene.bounds
    return {"parts": list(scene.graph.nodes_geometry),
            "faces": int(sum(len(g.faces) for g in scene.geometry.values() if hasattr(g, "faces"))),
            "bounds": [[round(float(v), 4) for v in row] for row in bounds],
            "size": [round(float(v), 4) for v in bounds[1] - bounds[0]]}


def program_from_glb(scene) -> Program | None:
    """The program a medialoom GLB carries in its extras, if any."""
    data = scene.metadata.get(EXTRAS_KEY) if isinstance(scene.metadata, dict) else None
    if isinstance(data, str):
        try:
            data = json.loads(data)
        except json.JSONDecodeError:
            return None
    if not isinstance(data, dict):
        return None
    try:
        return Program.from_dict(data)
    except InputError:
        return None


def _translation(v) -> np.ndarray:
    m = np.eye(4)
    m[:3, 3] = v
    return m


def rotation_matrix(degrees) -> np.ndarray:
    import trimesh

    rx, ry, rz = (math.radians(d) for d in degrees)
    t = trimesh.transformations
    return (t.rotation_matrix(rz, [0, 0, 1]) @ t.rotation_matrix(ry, [0, 1, 0])
            @ t.rotation_matrix(rx, [1, 0, 0]))
