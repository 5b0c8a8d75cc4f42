"""The LLM planner's HTTP path against a loopback chat-completions server started here
(127.0.0.1 only): structured output, repair of invalid plans, fallback to the offline planner."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from loopback_llm import ChatServer, message

from medialoom.errors import UsageError
from medialoom.planner import plan_request
from medialoom.planner.llm import LLMPlanner
from medialoom.planner.offline import OfflinePlanner
from medialoom.registry import Registry

GOOD = {"steps": [{"id": "s1", "tool": "image.generate", "args": {"prompt": "a red fox"}},
                  {"id": "s2", "tool": "video.animate", "args": {"image": "$s1"}}]}
BAD = {"steps": [{"id": "s1", "tool": "video.animate", "args": {"image": "$s7"}},
                 {"id": "s2", "tool": "image.paint", "args": {}}]}


@pytest.fixture
def serve(config):
    servers = []

    def start(reply):
        server = ChatServer(reply)
        servers.append(server)
        cfg = replace(config, llm_base_url=server.url, llm_model="tiny", llm_api_key="k-123")
        return server, cfg

    yield start
    for s in servers:
        s.close()


def test_valid_answer_becomes_the_plan(serve):
    server, cfg = serve(lambda payload, n: (200, message(json.dumps(GOOD))))
    plan = plan_request("draw a red fox and animate it", Registry.default(), cfg)
    assert [s.to_dict() for s in plan.steps] == GOOD["steps"]
    assert "planned by tiny" in plan.notes[0]
    sent = server.requests[0]
    assert sent["path"] == "/v1/chat/completions" and sent["auth"] == "Bearer k-123"
    payload = sent["payload"]
    assert payload["response_format"]["type"] == "json_schema"
    branches = payload["response_format"]["json_schema"]["schema"]["properties"]["steps"]["items"]["anyOf"]
    assert len(branches) == len(Registry.default())
    assert "video.add_audio(video, audio, mode?, volume?)" in payload["messages"][0]["content"]
    assert payload["messages"][-1]["content"].endswith("draw a red fox and animate it")
    assert any(m["role"] == "assistant" for m in payload["messages"][1:-1])   # few-shot examples


def test_invalid_plan_is_sent_back_for_repair(serve):
    answers = [json.dumps(BAD), "```json\n" + json.dumps(GOOD) + "\n```"]
    server, cfg = serve(lambda payload, n: (200, message(answers[n - 1])))
    plan = plan_request("draw a red fox and animate it", Registry.default(), cfg)
    assert [s.tool for s in plan.steps] == ["image.generate", "video.animate"]
    repair = server.requests[1]["payload"]["messages"][-1]["content"]
    assert "unknown tool 'image.paint'" in repair and "unknown step $s7" in repair


def test_structured_output_steps_down_when_refused(serve):
    def reply(payload, n):
        if payload.get("response_format", {}).get("type") == "json_schema":
            return 400, {"error": {"message": "response_format json_schema is not supported"}}
        return 200, {"choices": [{"message": {"content": None, "tool_calls": [
            {"function": {"name": "submit_plan", "arguments": json.dumps(GOOD)}}]}}]}

    server, cfg = serve(reply)
    planner = LLMPlanner(Registry.default(), cfg, OfflinePlanner(Registry.default()))
    planner.plan("draw a red fox and animate it")
    planner.plan("draw a red fox and animate it")
    kinds = [r["payload"].get("response_format", {}).get("type") for r in server.requests]
    assert kinds == ["json_schema", "json_object", "json_object"]   # remembered after the first refusal


def test_model_that_never_validates_falls_back_to_offline(serve):
    server, cfg = serve(lambda payload, n: (200, message("I would love to help! Here is a cat.")))
    plan = plan_request("Transcribe meeting.wav and read the transcript aloud", Registry.default(), cfg)
    assert [s.tool for s in plan.steps] == ["audio.transcribe", "audio.speech"]
    assert "offline planner made this plan" in plan.notes[-1]
    assert len(server.requests) == 3   # the first answer plus two repairs, then no more


def test_unreachable_endpoint_falls_back(config):
    cfg = replace(config, llm_base_url="http://127.0.0.1:9/v1")
    plan = plan_request("draw a lighthouse", Registry.default(), cfg)
    assert [s.tool for s in plan.steps] == ["image.generate"]
    assert "cannot reach the LLM" in plan.notes[-1]


def test_bad_requests_never_reach_the_endpoint(serve):
    server, cfg = serve(lambda payload, n: (200, message(json.dumps(GOOD))))
    with pytest.raises(UsageError):
        plan_request("   ", Registry.default(), cfg)
    assert server.requests == []
