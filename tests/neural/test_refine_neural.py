"""run --refine on a neural generator: tiny random SD makes the pictures, a tiny random CLIP
scores them (a real CLIPScore of a random model, under the asked minimum), so every round
retries with another seed and the loop stops at N."""

from __future__ import annotations

import dataclasses


def test_refine_runs_end_to_end_and_stops_at_n(tiny_model, config):
    from medialoom.check.refine import refine
    from medialoom.plan import Plan, Step
    from medialoom.session import Session

    clip = tiny_model("clip")
    sections = {"neural": {"steps": 2}, "check": {"clip": str(clip), "clip_min": 101}}
    session = Session(dataclasses.replace(config, sections=sections))
    plan = Plan([Step("s1", "image.generate", {"prompt": "a red ball", "width": 64, "height": 64})], "a red ball")
    try:
        result, refined = refine(session, plan, 2, backend="neural", models={"image.generate": str(tiny_model("sd"))})
    finally:
        session.store.close()
    atts = refined.attempts["s1"]
    assert refined.rounds == 2 and len(atts) == 3
    assert all(0 <= a.report.scores["clip"] <= 100 and a.report.problems[0].what == "CLIP score" for a in atts)
    assert len({s.args["seed"] for s in refined.tried}) == 2 and all(s.tool == "image.generate" for s in refined.tried)
    assert result.steps[refined.best("s1").step].backend == "neural"
