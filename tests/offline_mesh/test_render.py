"""mesh.render and mesh.turntable: pictures that show the object, videos of one orbit."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from medialoom.backends.offline import mesh
from medialoom.backends.offline.mesh.rendering import BACKGROUND
from medialoom.errors import InputError

import importlib.util

if importlib.util.find_spec("pyrender") is None:  # not imported here: the backend picks the GL platform
    pytest.skip("pyrender is not installed", allow_module_level=True)
av = pytest.importorskip("av")
BG = np.array(BACKGROUND[:3]) * 255


def picture(make_ctx, model, view=None, size=128) -> np.ndarray:
    out = mesh.render(make_ctx("mesh.render"), model, view=view, size=size)
    assert out.path.suffix == ".png"
    return np.asarray(Image.open(out.path).convert("RGB")).astype(float)


def object_mask(img: np.ndarray) -> np.ndarray:
    """Pixels of the object: coloured or darker than the pale background and ground disc."""
    return (img.max(axis=2) - img.min(axis=2) > 40) | (img.mean(axis=2) < 170)


def test_a_render_shows_the_object_in_the_middle(make_model, make_ctx):
    img = picture(make_ctx, make_model("a red car"))
    assert img.shape == (128, 128, 3) and img.std() > 20
    mask = object_mask(img)
    centre = mask[40:88, 40:88].mean()
    assert centre > 0.4, centre  # the object fills the middle
    assert mask[:8].mean() < 0.02 and mask[:, :4].mean() < 0.05 and mask[:, -4:].mean() < 0.05  # margins
    assert np.abs(img[:8] - BG).max() < 3  # the sky is the plain background
    red = (img[..., 0] > 120) & (img[..., 1] < 80) & (img[..., 2] < 80)
    assert red.sum() > 300  # a red car looks red


def test_views_look_different_and_bad_views_are_refused(make_model, make_ctx):
    model = make_model("a tall lighthouse")
    front, top = picture(make_ctx, model, "front", 96), picture(make_ctx, model, "top", 96)
    assert np.abs(front - top).mean() > 10
    tall = object_mask(front)
    rows, cols = np.nonzero(tall)
    assert rows.max() - rows.min() > 2 * (cols.max() - cols.min())  # a tall thing looks tall from the front
    with pytest.raises(InputError, match="views are"):
        mesh.render(make_ctx(), model, view="from the moon")


def test_foreign_stl_renders(foreign, make_ctx):
    img = picture(make_ctx, foreign(".stl"), "front", 96)
    assert object_mask(img)[30:66, 20:76].mean() > 0.3


def test_turntable_has_the_asked_duration_frames_and_motion(make_model, make_ctx):
    model = make_model("a car")
    out = mesh.turntable(make_ctx("mesh.turntable"), model, duration="0:01", size=64, fps=12)
    with av.open(str(out.path)) as container:
        stream = container.streams.video[0]
        assert stream.codec_context.name == "h264"
        frames = [f.to_ndarray(format="rgb24").astype(float) for f in container.decode(video=0)]
        assert stream.codec_context.pix_fmt == "yuv420p"
        seconds = float(stream.duration * stream.time_base) if stream.duration else container.duration / 1e6
    assert len(frames) == 12 == out.meta["frames"]
    assert seconds == pytest.approx(1.0, abs=0.1)
    assert frames[0].shape == (64, 64, 3)
    assert np.abs(frames[0] - frames[3]).mean() > 2  # the view turns
    # one full orbit: the last frame (330 degrees) is nearer the first than the 90-degree one
    assert np.abs(frames[0] - frames[-1]).mean() < np.abs(frames[0] - frames[3]).mean()


def test_turntable_durations_out_of_range_are_refused(make_model, make_ctx):
    model = make_model("a ball")
    for bad in (0, 600, "soon"):
        with pytest.raises(InputError):
            mesh.turntable(make_ctx(), model, duration=bad, size=32)


def test_a_platform_that_fails_falls_back_to_one_that_works(tmp_path):
    """PYOPENGL_PLATFORM set to something unusable (here: a display that is not there) is
    dropped with PyOpenGL and pyrender, and EGL or OSMesa takes over."""
    import os
    import subprocess
    import sys

    code = ("import numpy as np, trimesh\n"
            "from medialoom.backends.offline.mesh.rendering import stage\n"
            "s = trimesh.Scene(); s.add_geometry(trimesh.creation.box())\n"
            "st = stage(s, 32, 32); img = st.shoot((1, 1, 1)); st.close()\n"
            "import os; print(os.environ['PYOPENGL_PLATFORM'], float(img.std()))\n")
    env = {**os.environ, "PYOPENGL_PLATFORM": "x11", "DISPLAY": ""}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    platform, std = out.stdout.split()
    assert platform in ("egl", "osmesa") and float(std) > 5


def test_front_and_side_views_follow_the_object_not_the_axes(make_model, make_ctx, stored):
    """A car is built nose along +x: "side" shows its long profile, "front" its narrow nose,
    also after the program turns it by 90 degrees."""
    from medialoom.backends.offline.mesh.rendering import object_view

    def width(img: np.ndarray) -> int:
        cols = np.nonzero(object_mask(img).any(axis=0))[0]
        return int(cols.max() - cols.min())

    car = make_model("a red car")
    side, front = picture(make_ctx, car, "side", 64), picture(make_ctx, car, "front", 64)
    assert width(side) > 1.4 * width(front)
    turned = stored(mesh.edit(make_ctx("mesh.edit"), car, "rotate it 90 degrees"))
    assert width(picture(make_ctx, turned, "side", 64)) > 1.4 * width(picture(make_ctx, turned, "front", 64))
    assert object_view("front", "table") == pytest.approx((0.0, 0.18, 1.0))


def test_pyrender_mesh_bounds_work_under_numpy_2():
    """pyrender 0.1.45's Mesh.bounds reads np.infty (gone in NumPy 2); the patch must mend it."""
    import numpy as np
    import trimesh

    from medialoom.backends.offline.mesh.rendering import gl_module

    pyrender = gl_module()
    mesh = pyrender.Mesh.from_trimesh(trimesh.creation.box(extents=(2.0, 4.0, 6.0)))
    assert np.allclose(mesh.bounds, [[-1, -2, -3], [1, 2, 3]])
    scene = pyrender.Scene()
    scene.add(mesh)
    assert np.allclose(scene.centroid, [0, 0, 0]) and np.isclose(scene.scale, np.linalg.norm([2, 4, 6]))


def test_osmesa_renders_where_it_is_asked_for(tmp_path):
    """OSMesa must work where EGL does not: it needs PyOpenGL 3.1.7 or newer (scripts/setup.sh
    installs 3.1.10 over the 3.1.0 that pyrender pins)."""
    import os
    import subprocess
    import sys

    code = ("import trimesh\n"
            "from medialoom.backends.offline.mesh.rendering import stage\n"
            "s = trimesh.Scene(); s.add_geometry(trimesh.creation.box())\n"
            "st = stage(s, 32, 32); img = st.shoot((1, 1, 1)); st.close()\n"
            "import os; print(os.environ['PYOPENGL_PLATFORM'], float(img.std()))\n")
    env = {**os.environ, "PYOPENGL_PLATFORM": "osmesa"}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    platform, std = out.stdout.split()
    assert platform == "osmesa" and float(std) > 5
