"""A whole plan through the Session (worker processes, store, safety on): the scene graph
rides on the artifact from step to step, PNG text survives the finishing layers, and a rerun
is served from the cache."""

from __future__ import annotations

from blobs import count, rgb_of
from PIL import Image

from medialoom.plan import Plan
from medialoom.session import Session


def test_generate_select_replace_caption_edit(config, tmp_path):
    plan = Plan.from_dict({"steps": [
        {"id": "s1", "tool": "image.generate", "args": {"prompt": "a red ball, a blue car and a yellow duck",
                                                          "width": 320, "height": 224}},
        {"id": "s2", "tool": "image.segment", "args": {"image": "$s1", "text": "the car"}},
        {"id": "s3", "tool": "image.inpaint", "args": {"image": "$s1", "mask": "$s2", "prompt": "a green dog"}},
        {"id": "s4", "tool": "image.caption", "args": {"image": "$s3"}},
        {"id": "s5", "tool": "image.edit", "args": {"image": "$s3", "instruction": "rotate 90"}},
    ]})
    session = Session(config)
    result = session.run(plan, base_dir=tmp_path, backend="offline")
    assert result.ok, session.answer(result)
    out = {k: v.outputs["main"] for k, v in result.steps.items()}
    first = Image.open(out["s1"].path)
    assert first.text["prompt"] == "a red ball, a blue car and a yellow duck" and first.text["tool"] == "image.generate"
    assert {o["name"] for o in out["s1"].meta["layout"]["objects"]} == {"ball", "car", "duck"}
    replaced = rgb_of(out["s3"].path)
    assert (count(replaced, "blue"), count(replaced, "green"), count(replaced, "red")) == (0, 1, 1)
    assert "green dog" in out["s4"].path.read_text()
    assert Image.open(out["s5"].path).size == (224, 320)
    again = session.run(plan, base_dir=tmp_path, backend="offline")
    assert sorted(again.cached) == ["s1", "s2", "s3", "s4", "s5"]
