"""With no [llm] configured, the planner finds an LLM by itself: a local OpenAI-compatible server
on a default port (a loopback server here), else OPENAI_API_KEY; it says which, and a bad
answer falls back to the offline planner with one line saying so."""

from __future__ import annotations

import json
import socket

import pytest
from loopback_llm import ChatServer, message

from medialoom.errors import UsageError
from medialoom.lang import llm_discovery
from medialoom.planner import plan_request
from medialoom.registry import Registry

PLAN = {"steps": [{"id": "s1", "tool": "video.extract_audio", "args": {"video": "trip.mp4"}}],
        "left_out": [{"words": "post it on my blog", "reason": "medialoom does not publish"}]}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def served(monkeypatch):
    """A loopback server standing in for Ollama on its port; discovery looks only there (and on
    a closed port first, as a machine without llama.cpp would have)."""
    servers = []

    def start(reply, models=("tiny",)):
        server = ChatServer(reply, models)
        servers.append(server)
        port = int(server.url.rsplit(":", 1)[1].split("/")[0])
        monkeypatch.setattr(llm_discovery, "SERVERS", (("llama.cpp server", free_port()), ("Ollama", port)))
        monkeypatch.setenv("MEDIALOOM_LLM", "auto")
        monkeypatch.delenv("OPENAI_API_KEY", raising=False)
        llm_discovery.forget()
        return server

    yield start
    llm_discovery.forget()
    for s in servers:
        s.close()


def test_a_local_server_is_found_used_and_named(served, config):
    server = served(lambda payload, n: (200, message(json.dumps(PLAN))))
    plan = plan_request("Pull the audio out of trip.mp4 and post it on my blog", Registry.default(), config)
    assert [s.to_dict() for s in plan.steps] == PLAN["steps"]
    assert plan.left_out == PLAN["left_out"]
    assert len(plan.notes) == 1 and plan.notes[0].startswith(f"planned by Ollama (tiny) found at {server.url}")
    assert "MEDIALOOM_LLM=offline" in plan.notes[0]
    assert llm_discovery.describe(config).startswith(f"planner: Ollama (tiny) found at {server.url}")
    payload = server.requests[0]["payload"]
    assert payload["model"] == "tiny" and server.requests[0]["auth"] is None
    schema = payload["response_format"]["json_schema"]["schema"]
    assert schema["properties"]["left_out"]["items"]["required"] == ["words", "reason"]
    system = payload["messages"][0]["content"]
    assert '"left_out"' in system and "video.extract_audio(video)" in system
    shots = [m["content"] for m in payload["messages"][1:-1] if m["role"] == "assistant"]
    assert any('"left_out"' in s for s in shots)  # the few-shot examples (data file) show left_out


def test_a_bad_answer_falls_back_to_the_offline_planner_with_one_line(served, config):
    served(lambda payload, n: (200, message("import os; os.system('rm -rf /')")))
    plan = plan_request("draw a red fox", Registry.default(), config)
    assert [s.tool for s in plan.steps] == ["image.generate"]
    [failed] = plan.notes  # one line: which LLM failed, and that the offline planner stood in
    assert failed.startswith("the LLM found at http://127.0.0.1:") and "offline planner made this plan" in failed
    assert "\n" not in failed


def test_offline_mode_never_looks(served, config, monkeypatch):
    server = served(lambda payload, n: (200, message(json.dumps(PLAN))))
    monkeypatch.setenv("MEDIALOOM_LLM", "offline")
    plan = plan_request("draw a red fox", Registry.default(), config)
    assert [s.tool for s in plan.steps] == ["image.generate"] and server.requests == []
    assert llm_discovery.describe(config) == "planner: offline (MEDIALOOM_LLM=offline)"


def test_a_configured_endpoint_is_not_second_guessed(served, config):
    from dataclasses import replace

    served(lambda payload, n: (200, message(json.dumps(PLAN))))
    cfg = replace(config, llm_base_url="http://127.0.0.1:9/v1")
    assert llm_discovery.configured(cfg) == (cfg, None)


def test_a_server_that_lists_no_models_is_no_llm(served):
    served(lambda payload, n: (200, message("{}")), models=())
    assert llm_discovery.discover({}) is None


def test_an_openai_key_is_used_when_no_local_server_answers(monkeypatch, config):
    monkeypatch.setattr(llm_discovery, "SERVERS", (("Ollama", free_port()),))
    llm_discovery.forget()
    found = llm_discovery.discover({"OPENAI_API_KEY": "sk-test"})
    assert found == llm_discovery.FoundLLM("OpenAI", "https://api.openai.com/v1", "gpt-4o-mini", "sk-test")
    assert "OPENAI_API_KEY" in found.line() and "sk-test" not in found.line()
    cfg, again = llm_discovery.configured(config, {"MEDIALOOM_LLM": "auto", "OPENAI_API_KEY": "sk-test",
                                                   "OPENAI_MODEL": "gpt-x"})
    assert again.model == "gpt-x" and cfg.llm_base_url == "https://api.openai.com/v1" and cfg.llm_api_key == "sk-test"
    llm_discovery.forget()
    assert llm_discovery.discover({}) is None
    assert "no LLM server answered" in llm_discovery.describe(config, {"MEDIALOOM_LLM": "auto"})
    llm_discovery.forget()


def test_an_unknown_mode_is_one_clear_line():
    with pytest.raises(UsageError, match="auto, offline"):
        llm_discovery.mode({}, {"MEDIALOOM_LLM": "gpt"})
    assert llm_discovery.mode({"llm": {"planner": "offline"}}, {}) == "offline"


def test_tools_says_which_planner_requests_go_to(home):
    import os
    import subprocess
    import sys

    proc = subprocess.run([sys.executable, "-m", "medialoom.cli", "tools"], capture_output=True, text=True,
                          env=dict(os.environ, MEDIALOOM_HOME=str(home), MEDIALOOM_LLM="offline"), timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.strip().splitlines()[-1] == "medialoom: planner: offline (MEDIALOOM_LLM=offline)"
