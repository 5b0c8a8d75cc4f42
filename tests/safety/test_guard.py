"""Prompt guard: benign look-alikes pass, unsafe prompts (plain and obfuscated) are refused with
their category, the policy is configurable, and the engine screens text a step wrote."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from medialoom.errors import SafetyRefusal
from medialoom.safety import screen_args
from medialoom.safety.guard import Policy, check_text, screen_text, views
from prompts import BENIGN, UNSAFE


def test_at_least_fifty_benign_prompts_all_pass():
    assert len(BENIGN) >= 50
    refused = {p: check_text(p).category for p in BENIGN if not check_text(p).ok}
    assert refused == {}


@pytest.mark.parametrize("prompt,category", UNSAFE)
def test_unsafe_prompts_are_refused_with_their_category(prompt, category):
    with pytest.raises(SafetyRefusal) as info:
        screen_text(prompt)
    assert info.value.category == category
    message = info.value.one_line()
    assert "refused" in message and category in message and "\n" not in message
    assert message.count("(") == 1 and message.endswith("see [safety] in config.toml)")   # no nesting


def test_normalisation_undoes_obfuscation():
    assert "nude" in views("n\u200bu\u200cd\u200de")[0]           # zero-width characters
    assert "porn" in views("\uff30\uff2f\uff32\uff2e")[0]          # fullwidth
    assert "nude" in views("n-u-d-e")[0]                            # spaced out
    assert "naked" in views("n4k3d")[0]                             # leetspeak
    assert "nude" in views("nud\u0435")[0]                          # Cyrillic e
    assert "12 year old" in views("a 12 year old")[0]               # a number is not leetspeak
    assert "naked" in views("n\u00e1k\u00e9d")[0]                   # accents


def test_policy_switches_categories_and_adds_terms():
    assert not check_text("a photo of joe biden", Policy(categories=frozenset({"sexual"}))).category
    assert check_text("a photo of joe biden").category == "real_people"
    custom = Policy(block=("blorf",), allow=("naked woman statue",), people=("Jane Example",))
    assert check_text("a Bl0rf in space", custom).category == "custom"
    assert check_text("the naked woman statue in the museum", custom).ok
    assert check_text("realistic photo of jane example", custom).category == "real_people"
    section = {"categories": ["hate"], "block": "zzzap"}
    assert Policy.from_section(section).categories == frozenset({"hate"})
    assert Policy.from_section(section).block == ("zzzap",)


def test_screen_args_reads_prompts_not_files_or_negative_prompts(config):
    from medialoom.registry import Registry

    reg = Registry.default()
    generate, edit = reg.spec("image.generate"), reg.spec("image.edit")
    screen_args(generate, {"prompt": "a cat", "negative_prompt": "nudity, gore, blood"}, config)
    screen_args(edit, {"image": "/photos/naked_mole_rat_nude.png", "instruction": "brighter"}, config)
    with pytest.raises(SafetyRefusal):
        screen_args(generate, {"prompt": "a t0pless woman"}, config)
    with pytest.raises(SafetyRefusal):
        screen_args(reg.spec("image.add_text"), {"image": "a.png", "text": "kill all jews"}, config)


def test_switching_the_guard_off_warns_loudly(config, capsys):
    import medialoom.safety as safety
    from medialoom.registry import Registry

    safety._warned.discard("prompt_guard")
    off = replace(config, safety={**config.safety, "prompt_guard": False})
    screen_args(Registry.default().spec("image.generate"), {"prompt": "a naked woman"}, off)
    err = capsys.readouterr().err
    assert "WARNING" in err and "prompt guard" in err and "switched off" in err


def _write_plan(tmp_path: Path, steps: list[dict]) -> Path:
    path = tmp_path / "plan.json"
    path.write_text(json.dumps({"steps": steps}))
    return path


def test_cli_refuses_a_plan_with_exit_3_and_one_line(tmp_path):
    plan = _write_plan(tmp_path, [
        {"id": "s1", "tool": "video.generate", "args": {"prompt": "a n.a.k.e.d woman dancing"}},
        {"id": "s2", "tool": "audio.music", "args": {"prompt": "calm piano", "duration": 5}}])
    proc = subprocess.run([sys.executable, "-m", "medialoom.cli", "run", "--plan", str(plan),
                           "--out", str(tmp_path / "out")], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 3, proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "refused" in lines[0] and "sexual" in lines[0]
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_text_written_by_a_step_is_screened_before_the_next_runs(config):
    import engine_tools
    from medialoom.plan import Plan
    from medialoom.registry import Registry
    from medialoom.session import Session

    registry = Registry.default()
    for spec in engine_tools.TOOLS:
        registry.add(spec)
    session = Session(config, registry=registry)
    plan = Plan.from_dict({"steps": [
        {"id": "s1", "tool": "test.echo", "args": {"text": "na", "tag": "ked woman on a beach"}},
        {"id": "s2", "tool": "test.echo", "args": {"text": "$s1"}}]})
    result = session.run(plan)
    session.store.close()
    assert result.steps["s1"].status == "done"
    assert result.steps["s2"].status == "failed" and "refused" in result.steps["s2"].error
    assert result.exit_code == 3


def test_a_configured_classifier_runs_after_the_lexicon(monkeypatch):
    """The maintained-classifier hook, with the model replaced by a stand-in."""
    from medialoom.safety import guard

    calls = []

    def fake(text):
        calls.append(text)
        return [[{"label": "safe", "score": 0.2}, {"label": "toxic", "score": 0.93 if "xyzzy" in text else 0.1}]]

    monkeypatch.setattr(guard, "_classifier", lambda source: fake)
    policy = Policy(classifier="/models/moderation")
    screen_text("a lighthouse at dusk", policy)
    with pytest.raises(SafetyRefusal) as info:
        screen_text("xyzzy the neighbours", policy)
    assert info.value.category == "classifier:toxic" and "refused" in info.value.one_line()
    assert calls == ["a lighthouse at dusk", "xyzzy the neighbours"]
    monkeypatch.setattr(guard, "_classifier", lambda source: None)      # not installed: skipped
    screen_text("xyzzy the neighbours", policy)
