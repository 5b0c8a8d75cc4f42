"""The answer names what the offline backends could not make, so nothing is dropped silently."""

from __future__ import annotations

from medialoom.plan import Plan
from medialoom.session import Session


def test_answer_names_sounds_and_objects_left_out(config, tmp_path):
    session = Session(config)
    plan = Plan.from_dict({"steps": [
        {"id": "s1", "tool": "audio.sound", "args": {"prompt": "a lion roaring in the rain", "duration": 1}},
        {"id": "s2", "tool": "image.generate", "args": {"prompt": "a harpsichord next to a red apple",
                                                        "width": 128, "height": 96}},
    ]})
    result = session.run(plan, out=tmp_path / "out")
    assert result.ok
    answer = session.answer(result).splitlines()
    assert "s1 audio.sound: sounds not made: lion roaring (try --backend neural)" in answer
    assert "s2 image.generate: drawn as labelled placeholders: harpsichord (try --backend neural)" in answer
    assert result.steps["s1"].outputs["main"].meta["unknown_sounds"] == ["lion roaring"]
