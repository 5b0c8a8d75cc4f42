"""The planner's words for human motion (issue 18): a character made to move is a motion, the
actions said after it are one motion, and it is shown as a video or an animated model when asked;
a picture or a video of people moving stays a picture or a video."""

from __future__ import annotations

import pytest

from medialoom.planner.offline import OfflinePlanner
from medialoom.registry import Registry


@pytest.fixture(scope="module")
def planner() -> OfflinePlanner:
    return OfflinePlanner(Registry.default())


def steps(plan):
    return [(s.tool, s.args) for s in plan.steps]


def test_a_character_made_to_move_is_one_motion(planner):
    assert steps(planner.plan("make the knight wave, then walk off to the left")) == [
        ("motion.generate", {"prompt": "the knight wave, then walk off to the left"})]
    assert steps(planner.plan("a motion of someone jumping twice, as a video")) == [
        ("motion.generate", {"prompt": "a motion of someone jumping twice"}), ("motion.render", {"motion": "$s1"})]
    plan = planner.plan("mocap of a dancer dancing for 6 seconds as an animated 3D model")
    assert steps(plan) == [("motion.generate", {"prompt": "mocap of a dancer dancing for 6 seconds", "duration": 6}),
                           ("motion.to_mesh", {"motion": "$s1"})]


def test_people_moving_in_a_scene_stay_pictures_and_videos(planner):
    assert [s.tool for s in planner.plan("a video of a man walking on a beach").steps] == ["video.generate"]
    assert [s.tool for s in planner.plan("a person waving").steps] == ["image.generate"]
    assert [s.tool for s in planner.plan("animate photo.jpg").steps] == ["video.animate"]


def test_a_bvh_file_is_a_motion_to_edit_show_or_export(planner):
    assert steps(planner.plan("slow dance.bvh down and mirror it")) == [
        ("motion.edit", {"motion": "dance.bvh", "instruction": "slow it down"}),
        ("motion.edit", {"motion": "$s1", "instruction": "mirror it"})]
    assert steps(planner.plan("render dance.bvh as a video")) == [("motion.render", {"motion": "dance.bvh"})]
    assert steps(planner.plan("turn dance.bvh into an animated 3D model")) == [("motion.to_mesh", {"motion": "dance.bvh"})]
    assert steps(planner.plan("loop dance.bvh 3 times")) == [
        ("motion.edit", {"motion": "dance.bvh", "instruction": "loop it 3 times"})]
