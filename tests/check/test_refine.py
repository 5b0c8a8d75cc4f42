"""run --refine N: outputs are checked, named problems fixed as plan steps, at most N rounds."""

from __future__ import annotations

import pytest
from check_tools import registry_with

from medialoom.errors import UsageError
from medialoom.plan import Plan, Step


@pytest.fixture
def session_with(config):
    made = []

    def make(entry: str):
        from medialoom.session import Session

        s = Session(config, registry=registry_with(entry))
        made.append(s)
        return s

    yield make
    for s in made:
        s.store.close()


def _plan(prompt: str) -> Plan:
    return Plan([Step("s1", "image.generate", {"prompt": prompt, "width": 256, "height": 256, "seed": 4})], prompt)


def test_a_dropped_object_is_found_and_added_in_its_box(session_with, tmp_path):
    from medialoom.check import check_file
    from medialoom.check.refine import refine

    session = session_with("drop_generate")
    first = session.run(_plan("a red ball to the left of a blue car"))
    art = first.steps["s1"].outputs["main"]
    before = check_file(art.path, "a red ball to the left of a blue car", meta=dict(art.meta))
    assert not before.ok and next(p.what for p in before.problems) == "ball count"
    assert before.problems[0].fix["op"] == "add"

    result, refined = refine(session, _plan("a red ball to the left of a blue car"), 3, out=tmp_path / "out")
    assert refined.rounds == 1, "fixed in one round: no further rounds"
    fix = [s for s in refined.plan.steps if s.id != "s1"]
    assert [s.tool for s in fix] == ["image.inpaint"] and fix[0].args["image"] == "$s1"
    assert fix[0].args["prompt"] == "a red ball"
    best = refined.best("s1")
    assert best.step == fix[0].id and best.report.ok and best.report.scores["match"] == 100
    final = result.steps[fix[0].id].outputs["main"]
    assert check_file(final.path, "a red ball to the left of a blue car", meta=dict(final.meta)).ok
    assert (tmp_path / "out" / f"{fix[0].id}-image-inpaint.png").is_file()
    assert any("after 1 fix" in line for line in refined.lines())

    again, refined2 = refine(session, _plan("a red ball to the left of a blue car"), 3)
    assert again.ran == [] and set(again.cached) == {s.id for s in refined2.plan.steps}, "a re-run replays nothing"


def test_a_problem_with_no_targeted_fix_retries_seeds_and_stops_at_n(session_with):
    from medialoom.check.refine import refine

    session = session_with("blank_generate")
    _result, refined = refine(session, _plan("a red ball"), 2)
    atts = refined.attempts["s1"]
    assert refined.rounds == 2 and len(atts) == 3
    assert [a.how.split()[0] for a in atts] == ["first", "seed", "seed"]
    assert len({s.args["seed"] for s in refined.tried}) == 2
    assert all(a.report.problems[0].what == "picture" for a in atts)
    assert refined.best("s1").step == "s1", "no attempt was better: the first is kept"


def test_a_check_that_cannot_run_does_not_spin(session_with):
    from medialoom.check.refine import refine

    session = session_with("drop_generate")
    plan = Plan([Step("s1", "image.generate", {"prompt": "a beach at sunset", "seed": 4})], "a beach at sunset")
    _, refined = refine(session, plan, 5)
    assert refined.rounds == 0 and not refined.attempts["s1"][0].report.checkable
    assert "not checked" in refined.lines()[0]


@pytest.mark.parametrize("n", [0, 11, 1000, "two", -1])
def test_rounds_out_of_range_are_one_line(session_with, n):
    from medialoom.check.refine import refine

    session = session_with("drop_generate")
    with pytest.raises(UsageError, match="from 1 to 10"):
        refine(session, _plan("a red ball"), n)
    assert session.store.query("SELECT COUNT(*) AS n FROM runs")[0]["n"] == 0, "nothing ran"


def test_settings_given_as_arguments_are_checked_too():
    from medialoom.check.asked import read_request
    from medialoom.check.refine import request_of

    step = Step("s1", "video.generate", {"prompt": "a ball bouncing", "duration": "0:04", "fps": 12})
    asked = read_request(request_of(None, step, None))
    assert (asked.duration, asked.fps, asked.motion) == (4.0, 12, True)
    music = Step("s2", "audio.music", {"prompt": "calm piano", "tempo": 90, "duration": 8})
    assert (read_request(request_of(None, music, None)).tempo, read_request(request_of(None, music, None)).duration) == (90, 8)
    image = Step("s3", "image.generate", {"prompt": "two red apples", "width": 256, "height": 128})
    assert read_request(request_of(None, image, None)).size == (256, 128)
