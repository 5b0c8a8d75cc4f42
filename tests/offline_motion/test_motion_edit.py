"""motion.edit operations and the words that ask for them."""

from __future__ import annotations

import numpy as np
import pytest
from motion_support import make

from medialoom.backends.offline.motion import edits
from medialoom.backends.offline.motion.clip import contact_slide, root_speed, sole_points
from medialoom.backends.offline.motion.edit_words import parse_edit
from medialoom.backends.offline.motion.skeleton import humanoid
from medialoom.errors import InputError


def test_mirror_swaps_left_and_right():
    m = make("wave with the left hand")
    flipped = edits.mirror(m)
    sk = m.skeleton
    a, b = m.positions(), flipped.positions()
    reflect = np.array([-1.0, 1.0, 1.0])
    assert np.abs(b[:, sk.index("RightHand")] - a[:, sk.index("LeftHand")] * reflect).max() < 1e-6
    assert np.abs(b[:, sk.index("LeftFoot")] - a[:, sk.index("RightFoot")] * reflect).max() < 1e-6


def test_loop_n_times_is_n_times_as_long_and_continues_the_path():
    m = make("walk", 2.0)
    looped = edits.loop(m, 3)
    assert looped.frames == 3 * m.frames and looped.duration == pytest.approx(3 * m.duration)
    travelled = m.root[-1, 2] - m.root[0, 2]
    assert looped.root[-1, 2] - looped.root[0, 2] == pytest.approx(3 * travelled, rel=1e-3)
    assert contact_slide(looped) < 0.2


def test_slower_keeps_the_path_and_feet_planted():
    m = make("walk", 4.0)
    slow = edits.speed(m, 0.5)
    assert slow.frames == 2 * m.frames
    assert root_speed(slow, 2.0, 6.0) == pytest.approx(root_speed(m, 1.0, 3.0) / 2, rel=0.05)
    assert np.abs(slow.root[-1] - m.root[-1]).max() < 1e-6
    assert contact_slide(slow) < 0.2


def test_trim_keeps_the_asked_span():
    m = make("dance", 4.0)
    cut = edits.trim(m, 1.0, 3.0)
    assert cut.frames == 60 and np.array_equal(cut.quats[0], m.quats[30])
    with pytest.raises(InputError, match="leaves no motion"):
        edits.trim(m, 5.0, 6.0)


def test_blend_crossfades_into_the_other_motion():
    a, b = make("walk", 2.0), make("jump")
    mixed = edits.blend(a, b, 0.5)
    assert mixed.frames == a.frames + b.frames - 15
    step = np.linalg.norm(np.diff(mixed.root, axis=0), axis=1)
    assert step.max() < 0.1            # no jump in the root at the seam
    assert mixed.root[-1, 2] == pytest.approx(a.root[-15, 2], abs=0.05)   # the jump lands where the overlap began


def test_layer_puts_the_waving_arm_on_the_walk():
    walk = make("walk", 3.0)
    layered = edits.layer_upper(walk, make("wave with the left hand", 3.0))
    sk = walk.skeleton
    assert np.array_equal(layered.quats[:, sk.index("LeftUpLeg")], walk.quats[:, sk.index("LeftUpLeg")])
    hand = layered.positions()[:, sk.index("LeftHand"), 1] - layered.root[:, 1]
    assert hand.max() > 0.55


def test_retarget_scales_path_with_the_legs_and_refuses_a_foreign_skeleton():
    m = make("walk", 3.0)
    child = edits.retarget(m, humanoid().scaled(0.7))
    assert child.root[-1, 2] == pytest.approx(0.7 * m.root[-1, 2])
    heel, _toe = sole_points(child, "Left")
    assert contact_slide(child) < 0.2 and heel[:, 1].min() > -0.01
    from medialoom.backends.offline.motion.skeleton import Skeleton
    quad = Skeleton(("Root", "Tail"), (-1, 0), np.array([[0, 0, 0], [0, 0, -0.5]], float), (None, None))
    with pytest.raises(InputError, match="does not fit that skeleton"):
        edits.retarget(m, quad)


def test_bigger_steps_are_longer_at_the_same_speed():
    from medialoom.backends.offline.motion import _restride
    m = make("walk", 5.0)
    big = _restride(m, 1.3)

    def steps(clip):
        heel, toe = sole_points(clip, "Left")
        down = np.minimum(heel[:, 1], toe[:, 1]) < 0.01
        return np.count_nonzero(np.diff(down.astype(int)) == 1)

    assert steps(big) < steps(m)
    assert root_speed(big, 1.5, 3.5) == pytest.approx(root_speed(m, 1.5, 3.5), rel=0.06)


@pytest.mark.parametrize("text, ops", [
    ("slow the dance down and mirror it", ["speed", "mirror"]),
    ("loop it 3 times", ["loop"]),
    ("make it twice as fast", ["speed"]),
    ("keep the first 2 seconds", ["trim"]),
    ("bigger steps", ["stride"]),
    ("only the upper body waves", ["wave_layer"]),
    ("blend into the other motion", ["blend"]),
    ("retarget it to a child", ["scale"]),
])
def test_edit_words(text, ops):
    assert [op.name for op in parse_edit(text)] == ops


def test_edit_words_values_and_unknown():
    assert parse_edit("loop it 3 times")[0].value == 3
    assert parse_edit("make it twice as fast")[0].value == 2
    assert parse_edit("from 1 to 3 seconds")[0].value == 1 and parse_edit("from 1 to 3 seconds")[0].end == 3
    with pytest.raises(InputError, match="motion.edit can do"):
        parse_edit("make it purple")
