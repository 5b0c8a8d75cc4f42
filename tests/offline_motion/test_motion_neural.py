"""The neural text-to-motion boundary: joint positions (HumanML3D's 22 joints) become rotations on
the humanoid that reproduce them; without a plugin the step is one line naming the model."""

from __future__ import annotations

from types import SimpleNamespace

import joint_positions_plugin as plugin
import numpy as np
import pytest
from motion_support import make

from medialoom.backends.offline.motion.joints import from_positions
from medialoom.errors import BackendUnavailable, InputError


def test_positions_become_rotations_that_reproduce_them():
    m = make("walk, then wave with the left hand")
    back = from_positions(plugin.smpl22(m), m.fps)
    sk = m.skeleton
    a, b = m.positions(), back.positions()
    for name in ("LeftHand", "RightHand", "LeftFoot", "RightFoot", "Head", "LeftLeg"):
        assert np.abs(a[:, sk.index(name)] - b[:, sk.index(name)]).max() < 0.02, name


def test_bad_positions_are_one_line():
    with pytest.raises(InputError, match=r"shaped \(frames, 22, 3\)"):
        from_positions(np.zeros((10, 17, 3)), 20)


def _ctx(tmp_path, sections):
    from medialoom.context import ToolContext

    return ToolContext("s1", "motion.generate", "neural", 4, tmp_path, SimpleNamespace(sections=sections),
                       model="vumichien/T2M-GPT")


def test_without_a_plugin_the_model_is_named(tmp_path):
    from medialoom.backends.neural.motion import generate

    with pytest.raises(BackendUnavailable, match="vumichien/T2M-GPT needs its research code"):
        generate(_ctx(tmp_path, {}), "walk")
    assert list(tmp_path.iterdir()) == []


def test_a_plugin_model_is_saved_as_bvh(tmp_path):
    from medialoom.backends.neural.motion import generate
    from medialoom.backends.offline.motion.bvh import read_bvh

    sections = {"neural": {"motion.generate": {"plugin": "joint_positions_plugin"}}}
    out = generate(_ctx(tmp_path, sections), "jump", duration=2, seed=7)
    assert plugin.CALLS[-1] == ("jump", 2.0, 20.0, 7, "vumichien/T2M-GPT")
    clip = read_bvh(out.path)
    assert clip.frames == 40 and clip.fps == pytest.approx(20.0)
    assert out.meta["model"] == "vumichien/T2M-GPT" and out.meta["duration"] == pytest.approx(2.0)
