"""The motion tools through real plans: session -> executor -> store, cached on a second run;
bad input through the real CLI is one line on stderr with exit 2 and nothing half-written."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

SRC = Path(__file__).resolve().parents[2] / "src"


def test_generate_edit_to_mesh_plan_runs_and_caches(config):
    import pygltflib

    from medialoom.plan import Plan
    from medialoom.session import Session

    plan = Plan.from_dict({"steps": [
        {"id": "s1", "tool": "motion.generate", "args": {"prompt": "walk, then turn left, then wave", "seed": 3}},
        {"id": "s2", "tool": "motion.generate", "args": {"prompt": "dance", "duration": 2}},
        {"id": "s3", "tool": "motion.edit", "args": {"motion": "$s2", "instruction": "slow it down and mirror it"}},
        {"id": "s4", "tool": "motion.edit", "args": {"motion": "$s1", "instruction": "loop it twice"}},
        {"id": "s5", "tool": "motion.to_mesh", "args": {"motion": "$s3"}},
    ]})
    session = Session(config)
    result = session.run(plan, backend="offline")
    assert result.ok, [s.error for s in result.steps.values()]
    made, dance, slow, looped = (result.steps[s].outputs["main"] for s in ("s1", "s2", "s3", "s4"))
    assert made.kind == "motion" and made.mime == "application/x-bvh" and made.path.suffix == ".bvh"
    assert made.meta["actions"] == ["walk", "turn", "wave"] and made.meta["program"]["seed"] == 3
    assert dance.meta["duration"] == pytest.approx(2.0, abs=0.04)
    assert slow.meta["duration"] == pytest.approx(1.5 * dance.meta["duration"], abs=0.04)
    assert looped.meta["frames"] == 2 * made.meta["frames"]
    assert made.meta["foot_slide_mps"] < 0.1
    glb = pygltflib.GLTF2().load(str(result.steps["s5"].outputs["main"].path))
    assert len(glb.animations) == 1 and len(glb.skins[0].joints) == 21
    again = session.run(plan, backend="offline")
    assert set(again.cached) == {"s1", "s2", "s3", "s4", "s5"}


@pytest.mark.slow
def test_render_films_the_mannequin_and_a_rigged_model(config, tmp_path):
    import importlib.util

    import av

    if importlib.util.find_spec("pyrender") is None:
        pytest.skip("pyrender is not installed")
    from medialoom.backends.offline.motion.compose import compose
    from medialoom.backends.offline.motion.edits import trim
    from medialoom.backends.offline.motion.film import film
    from medialoom.backends.offline.motion.words import parse
    from medialoom.plan import Plan
    from medialoom.session import Session

    plan = Plan.from_dict({"steps": [
        {"id": "s1", "tool": "motion.generate", "args": {"prompt": "jump"}},
        {"id": "s2", "tool": "motion.render", "args": {"motion": "$s1"}},
        {"id": "s3", "tool": "mesh.generate", "args": {"prompt": "a robot"}},
    ]})
    result = Session(config).run(plan, backend="offline")
    assert result.ok, [s.error for s in result.steps.values()]
    with av.open(str(result.steps["s2"].outputs["main"].path)) as c:
        frames = [f.to_ndarray(format="rgb24") for f in c.decode(video=0)]
    assert len(frames) == 43 and frames[0].shape == (384, 384, 3)
    # the rigged robot, smaller and shorter: frames 12..21 of the same jump
    clip = trim(compose(parse("jump"), None, 0), 0.4, 0.7)
    meta = film(clip, tmp_path / "robot.mp4", 128, result.steps["s3"].outputs["main"].path)
    assert meta["body"] == "rigged model" and meta["frames"] == 9
    with av.open(str(tmp_path / "robot.mp4")) as c:
        robot = [f.to_ndarray(format="rgb24") for f in c.decode(video=0)]
    # the body moves: the take-off frame and the apex frame differ where the figure is
    for a, b in ((frames[12], frames[20]), (robot[0], robot[8])):
        diff = np.abs(a.astype(int) - b.astype(int)).sum(axis=2)
        assert (diff > 40).mean() > 0.005


def _cli(steps: list[dict], tmp_path: Path) -> subprocess.CompletedProcess:
    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps({"steps": steps}))
    env = dict(os.environ, MEDIALOOM_HOME=str(tmp_path / "home"),
               PYTHONPATH=os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")]))
    env.pop("MEDIALOOM_PLUGINS", None)
    return subprocess.run([sys.executable, "-m", "medialoom.cli", "run", "--plan", str(plan), "--json",
                           "--out", str(tmp_path / "out"), "--backend", "offline"],
                          check=False, env=env, cwd=tmp_path, capture_output=True, text=True, timeout=120)


def _bvh(tmp_path: Path, text: str, name: str) -> str:
    path = tmp_path / f"{name}.bvh"
    path.write_text(text)
    return str(path)


GOOD_HEAD = ("HIERARCHY\nROOT Root\n{\n OFFSET 0 0 0\n CHANNELS 6 Xposition Yposition Zposition Zrotation "
             "Xrotation Yrotation\n JOINT Tail\n {\n  OFFSET 0 0 -0.5\n  CHANNELS 3 Zrotation Xrotation Yrotation\n"
             "  End Site\n  {\n   OFFSET 0 0 -0.2\n  }\n }\n}\nMOTION\nFrames: 2\nFrame Time: 0.0333333\n"
             "0 1 0 0 0 0 0 0 0\n0 1 0.1 0 0 0 0 0 0\n")


@pytest.mark.parametrize("case, words", [
    ("unknown", "cannot do a cartwheel yet"),
    ("nothing", "no movement found"),
    ("zero", "a motion lasts 0.5 s to 2 minutes"),
    ("hours", "a motion lasts 0.5 s to 2 minutes"),
    ("corrupt", "not a readable BVH"),
    ("truncated", "declares 2 frames but holds 1"),
    ("no_fit", "does not fit that skeleton"),
    ("edit", "cannot understand the motion edit"),
])
def test_bad_motion_input_is_one_line_exit_2(tmp_path, case, words):
    steps = {
        "unknown": [{"id": "s1", "tool": "motion.generate", "args": {"prompt": "a robot doing a cartwheel"}}],
        "nothing": [{"id": "s1", "tool": "motion.generate", "args": {"prompt": "a lovely blue teapot"}}],
        "zero": [{"id": "s1", "tool": "motion.generate", "args": {"prompt": "walk", "duration": 0}}],
        "hours": [{"id": "s1", "tool": "motion.generate", "args": {"prompt": "walk", "duration": "3:00:00"}}],
        "corrupt": [{"id": "s1", "tool": "motion.render", "args": {"motion": _bvh(tmp_path, "HIERARCHY\nROOT x\n{", "corrupt")}}],
        "truncated": [{"id": "s1", "tool": "motion.to_mesh",
                       "args": {"motion": _bvh(tmp_path, GOOD_HEAD.rsplit("0 1 0.1", 1)[0], "cut")}}],
        "no_fit": [{"id": "s1", "tool": "motion.generate", "args": {"prompt": "walk"}},
                   {"id": "s2", "tool": "motion.edit", "args": {"motion": _bvh(tmp_path, GOOD_HEAD, "tail"),
                                                               "instruction": "retarget to the other skeleton",
                                                               "other": "$s1"}}],
        "edit": [{"id": "s1", "tool": "motion.generate", "args": {"prompt": "walk"}},
                 {"id": "s2", "tool": "motion.edit", "args": {"motion": "$s1", "instruction": "paint it purple"}}],
    }[case]
    proc = _cli(steps, tmp_path)
    assert proc.returncode == 2, proc.stderr
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and words in lines[0], proc.stderr
    assert "Traceback" not in proc.stderr
    out = tmp_path / "out"
    failed = steps[-1]["id"]
    assert not out.exists() or [p for p in out.rglob(f"{failed}-*") if p.is_file()] == []
