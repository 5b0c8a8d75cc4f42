"""Text tools: offline templates and storyboards, and their LLM versions over a loopback endpoint."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from medialoom.backends.offline import text as offline_text
from medialoom.errors import InputError, ToolError

from loopback_llm import ChatServer, message


def read(outputs, name: str) -> str:
    return outputs[name].path.read_text(encoding="utf-8")


def test_offline_storyboard_has_n_scenes_with_all_parts(make_ctx):
    outputs = offline_text.storyboard(make_ctx("text.storyboard"),
                                      "a short video story about a dog who learns to fly a red kite, gentle music",
                                      scenes=5)
    board = json.loads(read(outputs, "main"))
    assert len(board["scenes"]) == 5 and board["total_duration"] == sum(s["duration"] for s in board["scenes"])
    for i, scene in enumerate(board["scenes"], 1):
        assert scene["visual"] and scene["narration"].endswith((".", "!")) and scene["duration"] > 0
        assert read(outputs, f"scene{i}_prompt") == scene["visual"]
        assert read(outputs, f"scene{i}_narration") == scene["narration"]
    assert "dog" in board["scenes"][0]["visual"] and "kite" in board["scenes"][-1]["visual"]
    assert "gentle" in read(outputs, "music") and "scene6_prompt" not in outputs
    assert read(outputs, "narration") == " ".join(s["narration"] for s in board["scenes"])


def test_storyboard_is_deterministic_and_follows_mood():
    a = offline_text.storyboard_data("a story about a haunted castle at night", 3)
    assert a == offline_text.storyboard_data("a story about a haunted castle at night", 3)
    assert "dark" in a.music and a.topic == "a haunted castle at night"
    timed = offline_text.storyboard_data("a 30 second story about two cats", 3, seconds=30)
    assert [s.duration for s in timed.scenes] == [10.0, 10.0, 10.0]


def test_refine_and_write(make_ctx):
    refined = offline_text.refine_prompt(make_ctx("text.refine_prompt"), "cyberpunk cat", "image")
    text = refined.path.read_text()
    assert text.startswith("cyberpunk cat, ") and len(text) > 40
    poem = offline_text.write(make_ctx("text.write"), "write a short poem about autumn").path.read_text()
    assert "Autumn" in poem and poem.count("\n") >= 4
    with pytest.raises(InputError):
        offline_text.write(make_ctx("text.write"), "  ")


@pytest.mark.parametrize("n", [5, 9, 14, 46])
def test_write_honours_about_n_words(make_ctx, n):
    text = offline_text.write(make_ctx("text.write"), f"a narration of about {n} words about a fox in snow")
    words = text.path.read_text().split()
    assert n - 3 <= len(words) <= n and words[-1].endswith(".") and "words" not in words


@pytest.fixture
def llm_ctx(make_ctx):
    servers = []

    def make(answer: str, tool: str):
        server = ChatServer(lambda payload, n: (200, message(answer)))
        servers.append(server)
        ctx = make_ctx(tool, backend="neural")
        return server, replace(ctx, config=replace(ctx.config, llm_base_url=server.url, llm_model="tiny"))

    yield make
    for s in servers:
        s.close()


def test_llm_storyboard_is_checked_and_split(llm_ctx):
    from medialoom.backends.neural import text as neural_text

    scenes = [{"visual": f"a fox, shot {i}", "narration": f"Line {i}.", "duration": 50 if i == 2 else 3,
               "mood": "calm"} for i in range(1, 4)]
    server, ctx = llm_ctx(json.dumps({"title": "Fox", "music": "soft harp", "scenes": scenes}), "text.storyboard")
    outputs = neural_text.storyboard(ctx, "a fox story", scenes=3)
    board = json.loads(read(outputs, "main"))
    assert [s["duration"] for s in board["scenes"]] == [3, 20.0, 3]   # clamped to 1-20 s
    assert read(outputs, "scene2_narration") == "Line 2." and read(outputs, "music") == "soft harp"
    assert server.requests[0]["payload"]["response_format"] == {"type": "json_object"}

    server, ctx = llm_ctx(json.dumps({"title": "Fox", "scenes": scenes[:2]}), "text.storyboard")
    with pytest.raises(ToolError, match="2 scenes, not 3"):
        neural_text.storyboard(ctx, "a fox story", scenes=3)


def test_llm_layout_and_write(llm_ctx):
    from medialoom.backends.neural import text as neural_text

    layout = {"setting": "park", "objects": [{"name": "red ball", "colour": "red", "box": [40, 300, 140, 400]},
                                             {"name": "dog", "colour": "brown", "box": [200, 250, 400, 450]}]}
    _, ctx = llm_ctx(json.dumps(layout), "image.layout")
    data = json.loads(neural_text.layout(ctx, "a red ball next to a dog").path.read_text())
    assert [o["box"] for o in data["objects"]] == [[40, 300, 140, 400], [200, 250, 400, 450]]
    _, ctx = llm_ctx("Leaves fall,\nquiet gold.", "text.write")
    assert neural_text.write(ctx, "a poem about autumn").path.read_text() == "Leaves fall,\nquiet gold.\n"
    _, ctx = llm_ctx("not json at all", "image.layout")
    with pytest.raises(ToolError, match="not valid JSON"):
        neural_text.layout(ctx, "a dog")
