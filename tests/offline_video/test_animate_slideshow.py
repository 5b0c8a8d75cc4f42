"""video.animate (camera moves over a still) and video.slideshow (transitions, letterboxing)."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from medialoom.backends.offline import video
from medialoom.backends.offline.video import io
from medialoom.backends.offline.video.motion import camera_for
from medialoom.errors import InputError


def picture(tmp_path, name: str, size: tuple[int, int], colour, marker=None):
    array = np.zeros((size[1], size[0], 3), np.uint8)
    array[:] = colour
    if marker is not None:                     # (x0, y0, x1, y1, colour)
        x0, y0, x1, y1, c = marker
        array[y0:y1, x0:x1] = c
    path = tmp_path / f"{name}.png"
    Image.fromarray(array).save(path)
    return path


def blob(frame: np.ndarray) -> tuple[float, float, int]:
    """Centre x, y and area of the white pixels."""
    ys, xs = np.nonzero(frame.min(axis=2) > 200)
    return float(xs.mean()), float(ys.mean()), len(xs)


def test_zoom_in_magnifies_the_centre(tmp_path, artifact, make_ctx):
    img = artifact(picture(tmp_path, "dot", (96, 64), (0, 0, 80), (40, 24, 56, 40, (255, 255, 255))), "image")
    out = video.animate(make_ctx(), img, motion="zoom in", duration=1)
    info = io.probe(out.path)
    assert (info.width, info.height, info.frame_count) == (96, 64, 24)
    frames = list(io.iter_frames(out.path, info.fps))
    first, last = blob(frames[0])[2], blob(frames[-1])[2]
    assert last > 1.8 * first
    assert abs(blob(frames[-1])[0] - 48) < 3


def test_pan_left_moves_the_picture_right(tmp_path, artifact, make_ctx):
    img = artifact(picture(tmp_path, "bar", (96, 64), (0, 60, 0), (44, 0, 52, 64, (255, 255, 255))), "image")
    out = video.animate(make_ctx(), img, motion="pan left", duration="0:01")
    frames = list(io.iter_frames(out.path, io.probe(out.path).fps))
    xs = [blob(f)[0] for f in frames]
    assert xs[-1] - xs[0] > 10
    assert all(b >= a - 0.5 for a, b in zip(xs, xs[1:]))      # steady, one direction


def test_unknown_motion_lists_the_vocabulary(tmp_path, artifact, make_ctx):
    img = artifact(picture(tmp_path, "x", (32, 32), (9, 9, 9)), "image")
    with pytest.raises(InputError, match="zoom in"):
        video.animate(make_ctx(), img, motion="dance wildly")


def test_camera_words():
    assert camera_for("slow zoom in").zoom[1] < camera_for("fast zoom in").zoom[1]
    assert camera_for("pan right and zoom out").name == "zoom out + pan right"
    assert camera_for("make it nice") is None
    assert camera_for("pan left to right").name == "pan right"             # the destination, not 'left'
    assert camera_for("pan from top to bottom").name == "pan down"
    assert camera_for("move the camera up").name == "pan up"


def test_slideshow_cut_letterboxes_and_times_each_image(tmp_path, artifact, make_ctx):
    a = artifact(picture(tmp_path, "a", (64, 48), (220, 30, 30)), "image")
    b = artifact(picture(tmp_path, "b", (24, 48), (30, 220, 30)), "image")     # tall: pillarboxed
    c = artifact(picture(tmp_path, "c", (128, 96), (30, 30, 220)), "image")    # larger, same shape
    out = video.slideshow(make_ctx(), [a, b, c], durations=[0.5, 1.0, 0.5], transition="cut")
    info = io.probe(out.path)
    assert (info.width, info.height) == (64, 48)
    assert info.duration == pytest.approx(2.0)
    frames = list(io.iter_frames(out.path, info.fps))
    assert len(frames) == 48
    dominant = [int(np.argmax(f[20:28, 28:36].reshape(-1, 3).mean(axis=0))) for f in frames]
    assert dominant == [0] * 12 + [1] * 24 + [2] * 12
    middle = frames[24]
    assert middle[:, :16].max() < 30 and middle[:, 48:].max() < 30


def test_slideshow_crossfade_and_slide_blend_neighbours(tmp_path, artifact, make_ctx):
    red = artifact(picture(tmp_path, "r", (64, 32), (230, 0, 0)), "image")
    blue = artifact(picture(tmp_path, "b", (64, 32), (0, 0, 230)), "image")
    fade = video.slideshow(make_ctx(), [red, blue], durations=[1], transition="crossfade")
    frames = list(io.iter_frames(fade.path, 24))
    assert len(frames) == 48 and fade.meta["transition_seconds"] > 0
    mixes = [f[8:24, 24:40].reshape(-1, 3).mean(axis=0) for f in frames]
    assert any(r > 60 and b > 60 for r, _, b in mixes)          # a frame shows both
    slide = video.slideshow(make_ctx(), [red, blue], durations=[1], transition="slide")
    frames = list(io.iter_frames(slide.path, 24))
    split = [f for f in frames if f[16, 4, 0] > 150 and f[16, 60, 2] > 150]
    assert split, "a slide frame has the old image on the left and the new one on the right"


def test_slideshow_bad_arguments(tmp_path, artifact, make_ctx):
    a = artifact(picture(tmp_path, "a", (32, 32), (1, 2, 3)), "image")
    with pytest.raises(InputError, match="one duration per image"):
        video.slideshow(make_ctx(), [a, a, a], durations=[1, 2])
    with pytest.raises(InputError, match="cut, crossfade or slide"):
        video.slideshow(make_ctx(), [a], transition="wipe")


def test_odd_images_are_read_upright_and_flattened(tmp_path, artifact, make_ctx):
    # a transparent PNG and a 16-bit grey image, both odd-sized, in one slideshow
    rgba = np.zeros((31, 41, 4), np.uint8)
    rgba[..., 0] = 200
    rgba[:, :20, 3] = 255                         # left half red, right half transparent
    Image.fromarray(rgba, "RGBA").save(tmp_path / "alpha.png")
    grey = (np.full((31, 41), 40000, np.uint16))
    Image.fromarray(grey).save(tmp_path / "deep.png")
    out = video.slideshow(make_ctx(), [artifact(tmp_path / "alpha.png", "image"),
                                       artifact(tmp_path / "deep.png", "image")],
                          durations=[0.5], transition="cut")
    info = io.probe(out.path)
    assert (info.width, info.height) == (40, 30)   # made even for H.264
    frames = list(io.iter_frames(out.path, info.fps))
    assert frames[0][15, 5, 0] > 170 and frames[0][15, 35].min() > 220      # transparent -> white
    assert abs(int(frames[-1][15, 20].mean()) - 155) < 12                  # 16-bit scaled, not clipped


def test_slideshow_durations_take_m_ss_times(tmp_path, artifact, make_ctx):
    from medialoom.plan import Plan, validate
    from medialoom.registry import Registry

    a = artifact(picture(tmp_path, "a", (64, 48), (220, 30, 30)), "image")
    b = artifact(picture(tmp_path, "b", (64, 48), (30, 220, 30)), "image")
    plan = Plan.from_dict({"steps": [{"id": "s1", "tool": "video.slideshow",
                                      "args": {"images": [str(a.path), str(b.path)], "durations": ["0:01", 0.5]}}]})
    assert validate(plan, Registry.default(), tmp_path) is None
    out = video.slideshow(make_ctx(), [a, b], durations=["0:01", "0.5s"], transition="cut")
    assert io.probe(out.path).duration == pytest.approx(1.5)
    with pytest.raises(InputError, match="durations"):
        video.slideshow(make_ctx(), [a, b], durations=["soon", 1])
