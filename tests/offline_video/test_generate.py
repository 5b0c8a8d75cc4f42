"""video.generate offline: prompt -> scene -> trajectories -> frames drawn by the image scene
renderer. Motion is checked on pixels (colour blobs tracked across frames)."""

from __future__ import annotations

import numpy as np
import pytest

from medialoom.backends.offline import video
from medialoom.backends.offline.video import io
from medialoom.backends.offline.video.motion import Camera
from medialoom.backends.offline.video.script import split_prompt
from medialoom.errors import InputError


def red_blob(frame: np.ndarray) -> tuple[float, float, int] | None:
    """Centre x, y and area of strongly red pixels."""
    f = frame.astype(int)
    mask = (f[..., 0] > 150) & (f[..., 1] < 90) & (f[..., 2] < 90)
    if mask.sum() < 4:
        return None
    ys, xs = np.nonzero(mask)
    return float(xs.mean()), float(ys.mean()), int(mask.sum())


def frames_of(out) -> list[np.ndarray]:
    info = io.probe(out.path)
    return list(io.iter_frames(out.path, info.fps))


def test_red_ball_bounces_across_the_grass(make_ctx):
    out = video.generate(make_ctx(), "a red ball bouncing across green grass", duration=2, fps=12,
                         width=128, height=96, seed=3)
    info = io.probe(out.path)
    assert (info.width, info.height, info.fps) == (128, 96, 12.0)
    assert info.duration == pytest.approx(2.0) and info.frame_count == 24
    track = [red_blob(f) for f in frames_of(out)]
    assert all(t is not None for t in track), "the ball is in every frame"
    xs = [t[0] for t in track]
    ys = [t[1] for t in track]
    assert xs[-1] - xs[0] > 40 and all(b >= a - 1 for a, b in zip(xs, xs[1:]))   # across, rightwards
    assert max(ys) - min(ys) > 15                                              # it leaves the ground
    # it bounces: at least two high points, and back on the ground in between
    ground = max(ys)
    apexes = [i for i in range(1, len(ys) - 1) if ys[i] <= ys[i - 1] and ys[i] < ys[i + 1]
              and ground - ys[i] > 10]
    assert len(apexes) >= 2
    lowest_between = max(ys[apexes[0]:apexes[1] + 1])
    assert ground - lowest_between < 0.25 * (ground - ys[apexes[0]])
    assert out.meta["motions"]["ball_1"]["motion"] == "bounce"


def test_same_seed_same_video_other_prompt_other_video(make_ctx):
    a = video.generate(make_ctx(), "a red ball bouncing", duration=0.5, fps=8, width=64, height=64, seed=1)
    b = video.generate(make_ctx(), "a red ball bouncing", duration=0.5, fps=8, width=64, height=64, seed=1)
    fa, fb = frames_of(a), frames_of(b)
    assert len(fa) == len(fb) == 4 and all(np.array_equal(x, y) for x, y in zip(fa, fb))


def test_car_drives_left_and_faces_its_way(make_ctx):
    out = video.generate(make_ctx(), "a red car driving to the left on a road", duration=1, fps=8,
                         width=128, height=96)
    xs = [red_blob(f)[0] for f in frames_of(out)]
    assert xs[0] - xs[-1] > 30
    assert out.meta["motions"]["car_1"]["direction"] == "left"


def test_still_scene_gets_a_slow_push_in(make_ctx):
    out = video.generate(make_ctx(), "a red apple on a table", duration=1, fps=8, width=96, height=96)
    assert out.meta["camera"] == "zoom in"
    frames = frames_of(out)
    assert red_blob(frames[-1])[2] > 1.2 * red_blob(frames[0])[2]


def test_bad_arguments(make_ctx):
    with pytest.raises(InputError, match="duration"):
        video.generate(make_ctx(), "a ball", duration=0)
    with pytest.raises(InputError, match="fps"):
        video.generate(make_ctx(), "a ball", fps=100)


def test_prompt_is_split_into_scene_motion_and_camera():
    script = split_prompt("A bird flying from left to right over a house, camera slowly zooming in")
    assert script.scene_prompt == "a bird over a house"
    assert [c.phrase for c in script.cues] == ["flying from left to right"]
    assert "zooming in" in script.camera_text
    parked = split_prompt("a car parked next to a house while a dog runs to the left")
    assert [(c.phrase, c.still) for c in parked.cues] == [("parked", True), ("runs to the left", False)]
    sea = split_prompt("a boat on the sea, camera pans from left to right")
    assert sea.scene_prompt == "a boat on the sea" and "from left to right" in sea.camera_text
    assert split_prompt("a beach, camera moves up").scene_prompt == "a beach"
    assert split_prompt("a dog moves left").camera_text == ""               # the dog moves, not the camera


def test_drawing_still_layers_once_matches_drawing_whole_frames():
    from medialoom.backends.offline.video.generate import Scene, _camera, _frames, cast

    script = split_prompt("a bird flying over a house at sunset")     # a tinted style, a still house
    frames = {}
    for layered in (False, True):
        scene = Scene(script.scene_prompt, 5, (96, 96))
        actors = cast(scene.layout, script, 1.0)
        camera = _camera(script, actors)
        if layered:
            scene.prepare({a.id for a in actors if a.trajectory.kind != "still"}, True)
            assert scene.layers is not None
        frames[layered] = list(_frames(scene, actors, camera, 4))
    for whole, stacked in zip(frames[False], frames[True]):
        assert np.abs(whole.astype(int) - stacked.astype(int)).max() <= 4


def test_camera_move_in_the_prompt_is_applied(make_ctx):
    out = video.generate(make_ctx(), "a red apple on a table, camera pans right", duration=1, fps=8,
                         width=96, height=96)
    assert out.meta["camera"] == "pan right"
    xs = [red_blob(f)[0] for f in frames_of(out)]
    assert xs[0] - xs[-1] > 8           # the camera goes right, so the apple goes left in view


def test_animals_face_the_way_they_go_and_rockets_rise(make_ctx):
    from medialoom.backends.offline.video.generate import FACES_LEFT, Scene, _frames, cast

    script = split_prompt("a dog running to the right")
    scene = Scene(script.scene_prompt, 0, (96, 64))
    actors = cast(scene.layout, script, 1.0)
    seen: dict[str, bool] = {}
    original = scene.draw

    def spy(moves, window, flips):
        seen.update(flips)
        return original(moves, window, flips)

    scene.draw = spy
    list(_frames(scene, actors, Camera(), 2))
    assert "dog" in FACES_LEFT and seen == {"dog_1": True}      # a left-facing drawing is mirrored
    out = video.generate(make_ctx(), "a red rocket launching", duration=1, fps=8, width=64, height=96)
    assert out.meta["motions"]["rocket_1"]["motion"] == "rise"
    ys = [b[1] for b in (red_blob(f) for f in frames_of(out)) if b is not None]
    assert ys[0] - ys[-1] > 15


def test_flying_up_goes_up_not_across(make_ctx):
    from medialoom.backends.offline.video.motion import trajectory_for

    assert trajectory_for("flying up", 2.0, "rocket").kind == "rise"
    assert trajectory_for("flying left", 2.0, "bird").kind == "fly"
    out = video.generate(make_ctx(), "a red rocket flying up into the sky", duration=1, fps=8,
                         width=96, height=96)
    assert out.meta["motions"]["rocket_1"]["motion"] == "rise"
    track = [b for b in (red_blob(f) for f in frames_of(out)) if b is not None]
    assert track[0][1] - track[-1][1] > 15 and abs(track[-1][0] - track[0][0]) < 10
