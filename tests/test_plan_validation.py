"""Every validation error is caught before anything runs, as one line naming the problem."""

from __future__ import annotations

import os

import pytest

import engine_tools
from medialoom.errors import PlanError
from medialoom.plan import Plan, find_cycle, validate
from medialoom.registry import Registry


@pytest.fixture
def registry():
    reg = Registry.default()
    for spec in engine_tools.TOOLS:
        reg.add(spec)
    return reg


def problems(plan_data, registry, base_dir=None):
    with pytest.raises(PlanError) as info:
        validate(Plan.from_dict(plan_data), registry, base_dir)
    assert all("\n" not in p for p in info.value.problems)
    return info.value.problems


def test_valid_plan_passes(registry):
    plan = Plan.from_dict({"steps": [
        {"id": "s1", "tool": "image.generate", "args": {"prompt": "a cat", "width": 256}},
        {"id": "s2", "tool": "video.animate", "args": {"image": "$s1", "duration": "0:03"}},
        {"id": "s3", "tool": "audio.music", "args": {"prompt": "calm piano", "duration": 8}},
        {"id": "s4", "tool": "video.add_audio", "args": {"video": "$s2", "audio": "$s3"}},
        {"id": "s5", "tool": "image.caption", "args": {"image": "$s1"}},
        {"id": "s6", "tool": "audio.speech", "args": {"text": "$s5"}},
    ]})
    assert validate(plan, registry) is None


def test_unknown_tool(registry):
    (p,) = problems({"steps": [{"id": "s1", "tool": "image.paint", "args": {}}]}, registry)
    assert "unknown tool 'image.paint'" in p and "medialoom tools" in p


def test_missing_argument(registry):
    (p,) = problems({"steps": [{"id": "s1", "tool": "image.generate", "args": {}}]}, registry)
    assert "needs the argument 'prompt'" in p


def test_unknown_argument(registry):
    (p,) = problems({"steps": [{"id": "s1", "tool": "audio.music", "args": {"prompt": "x", "genre": 1}}]},
                    registry)
    assert "no argument 'genre'" in p and "prompt" in p


@pytest.mark.parametrize("args, expect", [
    ({"prompt": "x", "width": "big"}, "expects an integer"),
    ({"prompt": "x", "width": 5}, "at least 16"),
    ({"prompt": "x", "seed": 1.5}, "expects an integer"),
    ({"prompt": 42}, "expects a string"),
])
def test_argument_types(registry, args, expect):
    (p,) = problems({"steps": [{"id": "s1", "tool": "image.generate", "args": args}]}, registry)
    assert expect in p


def test_point_box_time_enum(registry, tmp_path):
    from PIL import Image

    Image.new("RGB", (8, 8)).save(tmp_path / "a.png")
    ps = problems({"steps": [
        {"id": "s1", "tool": "image.segment", "args": {"image": "a.png", "point": [1]}},
        {"id": "s2", "tool": "image.segment", "args": {"image": "a.png", "box": "x"}},
        {"id": "s3", "tool": "video.generate", "args": {"prompt": "x", "duration": "soon"}},
        {"id": "s4", "tool": "image.combine", "args": {"images": ["a.png"], "mode": "spiral"}},
    ]}, registry, tmp_path)
    assert "like [420, 310]" in ps[0] and "like [10, 20, 200, 180]" in ps[1]
    assert "m:ss" in ps[2] and "one of collage, panorama, grid" in ps[3]


def test_wrong_kind(registry):
    (p,) = problems({"steps": [
        {"id": "s1", "tool": "audio.music", "args": {"prompt": "x"}},
        {"id": "s2", "tool": "video.animate", "args": {"image": "$s1"}},
    ]}, registry)
    assert "gets audio from $s1 (audio.music), but needs image" in p


def test_reference_to_later_and_unknown_step(registry):
    ps = problems({"steps": [
        {"id": "s1", "tool": "video.animate", "args": {"image": "$s2"}},
        {"id": "s2", "tool": "image.generate", "args": {"prompt": "x"}},
        {"id": "s3", "tool": "video.animate", "args": {"image": "$s9"}},
    ]}, registry)
    assert any("refers to later step $s2" in p for p in ps)
    assert any("unknown step $s9" in p for p in ps)


def test_cycle(registry):
    plan = {"steps": [
        {"id": "a", "tool": "test.echo", "args": {"text": "$b"}},
        {"id": "b", "tool": "test.echo", "args": {"text": "$a"}},
    ]}
    ps = problems(plan, registry)
    assert any("cycle: a -> b -> a" in p or "cycle: b -> a -> b" in p for p in ps)
    assert find_cycle(Plan.from_dict(plan)) is not None


def test_self_reference_and_duplicate_ids(registry):
    ps = problems({"steps": [
        {"id": "s1", "tool": "test.echo", "args": {"text": "$s1"}},
        {"id": "s1", "tool": "test.echo", "args": {"text": "x"}},
    ]}, registry)
    assert any("its own output" in p for p in ps) and any("used twice" in p for p in ps)


def test_extra_output_reference(registry):
    ok = Plan.from_dict({"steps": [
        {"id": "s1", "tool": "audio.music", "args": {"prompt": "x"}},
        {"id": "s2", "tool": "audio.edit", "args": {"audio": "$s1", "instruction": "reverb"}},
    ]})
    validate(ok, registry)
    (p,) = problems({"steps": [
        {"id": "s1", "tool": "audio.music", "args": {"prompt": "x"}},
        {"id": "s2", "tool": "audio.edit", "args": {"audio": "$s1.lyrics", "instruction": "reverb"}},
    ]}, registry)
    assert "no output 'lyrics'" in p and "midi" in p


def test_missing_unreadable_and_corrupt_files(registry, tmp_path):
    from PIL import Image

    Image.new("RGB", (64, 64), "red").save(tmp_path / "good.png")
    data = (tmp_path / "good.png").read_bytes()
    (tmp_path / "cut.png").write_bytes(data[: len(data) // 2])
    (tmp_path / "empty.png").write_bytes(b"")
    (tmp_path / "text.png").write_text("not an image")
    locked = tmp_path / "locked.png"
    locked.write_bytes(data)
    locked.chmod(0)
    steps = [{"id": f"s{i}", "tool": "image.caption", "args": {"image": name}}
             for i, name in enumerate(["missing.png", "cut.png", "empty.png", "text.png", "locked.png",
                                       "good.png"], 1)]
    ps = problems({"steps": steps}, registry, tmp_path)
    joined = "\n".join(ps)
    assert "missing.png does not exist" in joined
    assert "cut.png is corrupt or truncated" in joined
    assert "empty.png is empty" in joined
    assert "text.png is not an image" in joined
    if os.geteuid() != 0:  # root reads any file
        assert "locked.png is not readable" in joined
    assert "good.png" not in joined


def test_malformed_plan_json():
    with pytest.raises(PlanError, match="not valid JSON"):
        Plan.from_json("{steps: [")
    with pytest.raises(PlanError, match="a plan is a JSON object"):
        Plan.from_json('{"plan": 1}')
    with pytest.raises(PlanError, match="has no \"tool\""):
        Plan.from_json('{"steps": [{"id": "s1"}]}')


def test_empty_plan(registry):
    (p,) = problems({"steps": []}, registry)
    assert "no steps" in p


def test_json_schema_export(registry):
    schema = registry.spec("image.segment").json_schema()
    assert schema["required"] == ["image"]
    assert schema["properties"]["point"]["minItems"] == 2
    assert len([s for s in registry if not s.id.startswith("test.")]) == 45   # 38 of TOOLS.md + image.customize (17) + media.check (15) + 4 motion tools (18) + audio.to_midi (16)


@pytest.mark.parametrize("tool, arg, name, content", [
    ("audio.trim", "audio", "cut.wav", b"RIFF\x24\x00\x00\x00WAVEfmt "),
    ("audio.trim", "audio", "noise.mp3", b"\x00\x01garbage" * 10),
    ("video.trim", "video", "clip.mp4", b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 40),
    ("mesh.render", "mesh", "model.glb", b"glTF\x02\x00\x00\x00" + b"\x00" * 10),
])
def test_corrupt_audio_video_mesh_files(registry, tmp_path, tool, arg, name, content):
    (tmp_path / name).write_bytes(content)
    (p,) = problems({"steps": [{"id": "s1", "tool": tool, "args": {arg: name}}]}, registry, tmp_path)
    assert name in p and ("corrupt" in p or "not a readable" in p or "not readable" in p
                          or "no audio" in p), p


def test_artifacts_pickle_for_worker_processes(store, tmp_path):
    import pickle

    (tmp_path / "t.txt").write_text("hello")
    art = store.import_user_file(tmp_path / "t.txt", "text")
    back = pickle.loads(pickle.dumps(art))
    assert back == art and back.meta["kind"] == "text"
