"""The local planner: a tiny random-weight causal LM (built here from a config, no hub) decodes
under per-position JSON schemas, so even random weights give plans that validate."""

from __future__ import annotations

from pathlib import Path

import pytest

from medialoom.plan import Step, validate
from medialoom.planner.local import LocalPlanner, args_schema
from medialoom.planner.offline import OfflinePlanner
from medialoom.registry import Registry

pytest.importorskip("lmformatenforcer")
pytest.importorskip("transformers")
pytestmark = pytest.mark.neural


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory) -> Path:
    from tiny_causal_lm import build_tiny_lm

    return build_tiny_lm(tmp_path_factory.mktemp("tiny-lm"))


def test_random_weights_still_give_valid_plans(tiny_model):
    registry = Registry.default()
    planner = LocalPlanner(registry, str(tiny_model), OfflinePlanner(registry), max_steps=2,
                           compact=True, max_new_tokens=40, max_text=8)
    for request in ("mix a.wav and b.wav",):
        plan = planner.decode(request)
        validate(plan, registry, check_files=False)
        assert 1 <= len(plan.steps) <= 2
        for step in plan.steps:
            spec = registry.spec(step.tool)
            assert set(spec.required) <= set(step.args)
            for _, ref in step.refs():
                assert int(ref.step[1:]) < int(step.id[1:])      # only earlier steps


def test_schemas_only_offer_inputs_that_exist():
    registry = Registry.default()
    files = [("a.wav", "audio")]
    steps = [Step("s1", "image.generate", {"prompt": "x"})]
    schema = args_schema(registry.spec("video.add_audio"), steps, files, registry)
    assert schema["properties"]["audio"] == {"enum": ["a.wav"]}
    assert schema["properties"]["video"] == {"enum": []}                 # no video yet: infeasible
    speed = args_schema(registry.spec("video.speed"), [], [], registry)["properties"]["factor"]
    assert all(0.05 <= v <= 20 for v in speed["enum"])
    prompt = args_schema(registry.spec("audio.speech"), steps, [], registry)["properties"]["text"]
    assert prompt["pattern"].startswith("[A-Za-z0-9]")                     # text cannot pose as "$s9"


def test_missing_model_falls_back_to_offline(tmp_path):
    registry = Registry.default()
    planner = LocalPlanner(registry, str(tmp_path / "nothing-here"), OfflinePlanner(registry))
    plan = planner.plan("draw a lighthouse, then animate it")
    assert [s.tool for s in plan.steps] == ["image.generate", "video.animate"]
    assert "offline planner made this plan" in plan.notes[-1]


def test_neural_text_runs_a_local_model(tiny_model, make_ctx):
    from dataclasses import replace

    from medialoom.backends.neural import text as neural_text

    ctx = make_ctx("text.write", model=str(tiny_model), backend="neural")
    ctx = replace(ctx, config=replace(ctx.config, sections={"neural": {"max_new_tokens": 12}}))
    out = neural_text.write(ctx, "a poem about the sea")
    assert out.path.read_text().strip() and out.meta["llm"] == str(tiny_model)
