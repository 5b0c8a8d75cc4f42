"""Physical checks on generated motion: speeds, planted feet, joint ranges, ballistic jumps."""

from __future__ import annotations

import numpy as np
import pytest
from motion_support import make

from medialoom.backends.offline.motion.actions import flight_time
from medialoom.backends.offline.motion.clip import (
    airborne_spans,
    contact_slide,
    range_violations,
    root_speed,
    sole_points,
)
from medialoom.backends.offline.motion.skeleton import RANGE_DEG

SLIDE_BOUND = 0.1   # m/s: a planted sole point moves less than this between contact frames


@pytest.mark.parametrize("prompt, speed", [("walk forward", 1.4), ("run", 3.0), ("walk slowly", 0.98)])
def test_root_speed_matches_the_gait(prompt, speed):
    m = make(prompt, 6.0)
    assert root_speed(m, 1.5, 4.0) == pytest.approx(speed, rel=0.06)
    assert m.duration == pytest.approx(6.0, abs=1 / m.fps)


@pytest.mark.parametrize("prompt", ["walk forward", "run", "run in a circle", "dance",
                                    "walk, then turn left, then wave", "jump twice", "sit down then stand up"])
def test_feet_do_not_slide_while_planted_and_joints_stay_in_range(prompt):
    m = make(prompt)
    assert contact_slide(m) < SLIDE_BOUND
    assert range_violations(m, RANGE_DEG) == []
    for side in ("Left", "Right"):
        heel, toe = sole_points(m, side)
        assert min(heel[:, 1].min(), toe[:, 1].min()) > -0.01   # never through the floor


def test_walking_feet_touch_the_floor_every_step():
    m = make("walk forward", 4.0)
    heel, toe = sole_points(m, "Left")
    down = np.minimum(heel[:, 1], toe[:, 1]) < 0.01
    steps = np.count_nonzero(np.diff(down.astype(int)) == 1)
    assert 3 <= steps <= 5          # about 2 steps per second, half of them with the left foot


@pytest.mark.parametrize("prompt, height", [("jump", 0.3), ("jump high", 0.5), ("a small hop", 0.15)])
def test_jumps_leave_the_floor_for_their_ballistic_time(prompt, height):
    m = make(prompt)
    spans = airborne_spans(m)
    assert len(spans) == 1
    assert spans[0] == pytest.approx(flight_time(height), abs=2 / m.fps)
    assert m.root[:, 1].max() - 1.0 == pytest.approx(height, abs=0.02)   # apex over take-off


def test_jump_twice_is_two_flights():
    assert len(airborne_spans(make("jump twice"))) == 2


def test_running_has_flight_and_walking_does_not():
    assert len(airborne_spans(make("run", 3.0))) >= 4
    assert airborne_spans(make("walk", 3.0)) == []


@pytest.mark.parametrize("hand, moves", [("left", "LeftHand"), ("right", "RightHand")])
def test_waving_moves_the_named_wrist_most(hand, moves):
    m = make(f"wave with the {hand} hand")
    pos = m.positions() - m.root[:, None]
    path = {n: float(np.linalg.norm(np.diff(pos[:, m.skeleton.index(n)], axis=0), axis=1).sum())
            for n in ("LeftHand", "RightHand")}
    assert max(path, key=path.get) == moves
    assert path[moves] > 4 * min(path.values())
    assert pos[:, m.skeleton.index(moves), 1].max() > 0.55    # the hand goes above the head's base


def test_sitting_lowers_the_pelvis_and_keeps_it_there():
    m = make("sit down")
    assert m.root[-1, 1] == pytest.approx(0.5, abs=0.02)
    assert contact_slide(m) < SLIDE_BOUND


def test_turn_left_faces_plus_x_and_circle_comes_round():
    m = make("turn left")
    from scipy.spatial.transform import Rotation
    facing = Rotation.from_quat(m.quats[-1, 0]).apply([0, 0, 1])
    assert facing == pytest.approx([1, 0, 0], abs=0.05)
    c = make("walk in a circle", 12.0)
    assert np.ptp(c.root[:, 0]) > 3 and np.ptp(c.root[:, 2]) > 3


def test_seed_varies_the_motion_and_repeats_exactly():
    a, b, c = make("walk", 3.0, seed=1), make("walk", 3.0, seed=1), make("walk", 3.0, seed=2)
    assert np.array_equal(a.quats, b.quats)
    assert not np.allclose(a.quats, c.quats)
