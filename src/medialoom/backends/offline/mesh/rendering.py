"""Pictures of a model with pyrender, offscreen: a camera that frames the whole object, a
three-point light (key, fill, rim) that moves with the camera, a soft ground disc.

Headless OpenGL: EGL first, then OSMesa. PYOPENGL_PLATFORM must be set before PyOpenGL is
imported, so it is set here, inside the call, never at import time; a value the user set wins.
"""

from __future__ import annotations

import math
import os
import sys
from dataclasses import dataclass

import numpy as np

from ....errors import BackendUnavailable

BACKGROUND = (0.93, 0.94, 0.96, 1.0)
YFOV = math.radians(40)
VIEWS: dict[str, tuple[float, float, float]] = {
    "front": (0.0, 0.18, 1.0), "side": (1.0, 0.18, 0.0), "top": (0.0, 1.0, 0.02),
    "three-quarter": (0.85, 0.55, 1.0), "back": (0.0, 0.18, -1.0),
}
VIEW_WORDS = {"3/4": "three-quarter", "three quarter": "three-quarter", "threequarter": "three-quarter",
              "perspective": "three-quarter", "iso": "three-quarter", "isometric": "three-quarter",
              "left": "side", "right": "side", "profile": "side", "above": "top", "overhead": "top",
              "front view": "front", "rear": "back"}
# objects built nose along +x (degrees about y from +z to their front); the rest face +z
FACING = {"car": 90.0, "boat": 90.0, "airplane": 90.0}
FACING_VIEWS = ("front", "side", "back")
# (direction from the object, relative to the camera's right/up/back axes; intensity)
LIGHTS = (((0.6, 0.7, 0.6), 3.2), ((-0.8, 0.2, 0.5), 1.3), ((0.0, 0.6, -1.0), 2.2))


def view_direction(view: str | None) -> tuple[float, float, float]:
    from ....errors import InputError

    name = (view or "three-quarter").strip().lower().replace("_", "-")
    name = VIEW_WORDS.get(name, VIEW_WORDS.get(name.replace("-", " "), name))
    if name.endswith(" view"):
        name = name[:-5]
    if name not in VIEWS:
        raise InputError(f"unknown view {view!r}; views are {', '.join(VIEWS)}")
    return VIEWS[name]


def object_view(view: str | None, obj: str | None, turned: float = 0.0) -> tuple[float, float, float]:
    """The camera direction for a view of this object: "front" looks at its front (a car's
    nose), "side" at its profile; `turned` is the program's own rotation about y (degrees)."""
    x, y, z = view_direction(view)
    name = (view or "").strip().lower()
    name = VIEW_WORDS.get(name, name).removesuffix(" view")
    if name not in FACING_VIEWS:
        return x, y, z
    a = math.radians(FACING.get(obj or "", 0.0) + turned)
    return (x * math.cos(a) + z * math.sin(a), y, -x * math.sin(a) + z * math.cos(a))


def gl_module():
    """pyrender, imported with a headless OpenGL platform chosen first."""
    if "pyrender" not in sys.modules:
        os.environ.setdefault("PYOPENGL_PLATFORM", "egl")
    import pyrender

    _patch_numpy2(pyrender)
    return pyrender


def _patch_numpy2(pyrender) -> None:
    """pyrender 0.1.45 (its last release, 2021) reads np.infty in Mesh.bounds, which NumPy 2
    removed: the property is replaced by the same computation with np.inf."""
    if hasattr(np, "infty") or getattr(pyrender.Mesh, "_medialoom_patched", False):
        return

    def bounds(self):
        if self._bounds is None:
            found = np.array([[np.inf] * 3, [-np.inf] * 3])
            for p in self.primitives:
                found[0] = np.minimum(found[0], p.bounds[0])
                found[1] = np.maximum(found[1], p.bounds[1])
            self._bounds = found
        return self._bounds

    pyrender.Mesh.bounds = property(bounds, doc="(2,3) float: the axis-aligned bounds of the mesh")
    pyrender.Mesh._medialoom_patched = True


def offscreen(width: int, height: int):
    """An OffscreenRenderer: the platform already chosen (or EGL), then EGL, then OSMesa; a
    platform that fails is dropped with PyOpenGL and pyrender so the next one starts clean."""
    tried: list[str] = []
    error: Exception | None = None
    for platform in (os.environ.get("PYOPENGL_PLATFORM") or "egl", "egl", "osmesa"):
        if platform in tried:
            continue
        if tried:
            for name in [m for m in sys.modules if m == "pyrender" or m.startswith(("pyrender.", "OpenGL"))]:
                del sys.modules[name]
        os.environ["PYOPENGL_PLATFORM"] = platform
        tried.append(platform)
        try:
            return gl_module().OffscreenRenderer(width, height)
        except Exception as exc:  # PyOpenGL raises many kinds here
            error = exc
    raise _no_gl(error) from error


def _no_gl(exc: Exception | None) -> BackendUnavailable:
    detail = (str(exc).strip().splitlines() or [""])[0][:160]
    return BackendUnavailable(f"no headless OpenGL for rendering ({exc.__class__.__name__}: {detail}); "
                              "install libegl1 (EGL), or libosmesa6 with PyOpenGL 3.1.7 or newer (OSMesa)")


def look_at(eye: np.ndarray, target: np.ndarray) -> np.ndarray:
    """Camera-to-world pose looking from eye at target, y up (the camera looks along -z)."""
    back = eye - target
    back = back / np.linalg.norm(back)
    up = np.array([0.0, 1.0, 0.0]) if abs(back[1]) < 0.999 else np.array([0.0, 0.0, -1.0])
    right = np.cross(up, back)
    right /= np.linalg.norm(right)
    pose = np.eye(4)
    pose[:3, 0], pose[:3, 1], pose[:3, 2], pose[:3, 3] = right, np.cross(back, right), back, eye
    return pose


@dataclass
class Stage:
    """A model set up for pictures: reuse it for many camera positions (turntables)."""

    scene: object
    renderer: object
    camera: object
    lights: list
    centre: np.ndarray
    distance: float

    def shoot(self, direction) -> np.ndarray:
        """An RGB picture (H x W x 3, uint8) from `direction` (pointing from the object)."""
        d = np.asarray(direction, dtype=float)
        pose = look_at(self.centre + d / np.linalg.norm(d) * self.distance, self.centre)
        self.scene.set_pose(self.camera, pose)
        for node, (offset, _) in zip(self.lights, LIGHTS):
            o = pose[:3, :3] @ np.asarray(offset)
            self.scene.set_pose(node, look_at(self.centre + o, self.centre))
        color, _ = self.renderer.render(self.scene)
        return np.ascontiguousarray(color[:, :, :3])

    def close(self) -> None:
        self.renderer.delete()


def stage(tm_scene, width: int, height: int) -> Stage:
    """A pyrender scene of a trimesh scene with camera, lights and ground."""
    renderer = offscreen(width, height)  # first: it may switch the OpenGL platform
    pyrender = gl_module()
    import trimesh

    scene = pyrender.Scene(bg_color=BACKGROUND, ambient_light=(0.28, 0.28, 0.3))
    for node in tm_scene.graph.nodes_geometry:
        transform, geom_name = tm_scene.graph[node]
        geom = tm_scene.geometry[geom_name]
        if isinstance(geom, trimesh.Trimesh) and len(geom.faces):
            scene.add(pyrender.Mesh.from_trimesh(geom, smooth=len(geom.faces) < 2_000_000), pose=transform)
    lo, hi = tm_scene.bounds
    centre = (lo + hi) / 2
    radius = max(float(np.linalg.norm(hi - lo)) / 2, 1e-6)
    _add_ground(scene, pyrender, trimesh, centre, lo[1], radius)
    aspect = width / height
    fov = YFOV if aspect >= 1 else 2 * math.atan(math.tan(YFOV / 2) * aspect)
    camera = scene.add(pyrender.PerspectiveCamera(yfov=YFOV, aspectRatio=aspect,
                                                  znear=radius * 0.05, zfar=radius * 20))
    lights = [scene.add(pyrender.DirectionalLight(color=np.ones(3), intensity=i)) for _, i in LIGHTS]
    return Stage(scene, renderer, camera, lights, centre, radius / math.sin(fov / 2) * 1.04)


def _add_ground(scene, pyrender, trimesh, centre, floor: float, radius: float) -> None:
    disc = trimesh.creation.cylinder(radius=radius * 1.6, height=radius * 0.002, sections=64)
    disc.apply_transform(trimesh.transformations.rotation_matrix(-math.pi / 2, [1, 0, 0]))
    disc.apply_translation([centre[0], floor - radius * 0.0015, centre[2]])
    mat = pyrender.MetallicRoughnessMaterial(baseColorFactor=(0.6, 0.61, 0.64, 1.0),
                                             metallicFactor=0.0, roughnessFactor=1.0)
    scene.add(pyrender.Mesh.from_trimesh(disc, material=mat, smooth=False))
