"""Finding an LLM when none is configured.

With no `[llm] base_url` (MEDIALOOM_LLM_BASE_URL) and no `[llm] local`, and unless MEDIALOOM_LLM
(or `[llm] planner`) is "offline", the planner looks, in this order, for
    1. a local OpenAI-compatible server on its default port: Ollama 11434, llama.cpp server 8080,
       LM Studio 1234, vLLM 8000 (GET /v1/models on 127.0.0.1, short timeout; it must answer a
       model list);
    2. OPENAI_API_KEY (OPENAI_BASE_URL and OPENAI_MODEL may change the endpoint and model);
and uses the first it finds, saying which in one line. A local server comes first: nothing
leaves the machine unless no local model is there and a key is set. Found once per process.
"""

from __future__ import annotations

import functools
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from typing import Any, Mapping

from ..errors import UsageError

SERVERS = (("Ollama", 11434), ("llama.cpp server", 8080), ("LM Studio", 1234), ("vLLM", 8000))
MODES = ("auto", "offline")
OPENAI_URL = "https://api.openai.com/v1"
OPENAI_MODEL = "gpt-4o-mini"


@dataclass(frozen=True)
class FoundLLM:
    name: str
    base_url: str
    model: str
    api_key: str | None = None

    def line(self) -> str:
        """One line saying what was found and how to choose otherwise."""
        where = "OPENAI_API_KEY" if self.name == "OpenAI" else self.base_url
        return (f"planned by {self.name} ({self.model}) found at {where}; "
                "set [llm] base_url to choose another, or MEDIALOOM_LLM=offline for the offline planner")


def mode(sections: Mapping[str, Any] | None = None, env: Mapping[str, str] | None = None) -> str:
    """'auto' (look for an LLM) or 'offline' (never look): MEDIALOOM_LLM, then [llm] planner."""
    env = os.environ if env is None else env
    llm = (sections or {}).get("llm", {})
    value = env.get("MEDIALOOM_LLM") or (llm.get("planner") if isinstance(llm, dict) else None) or "auto"
    value = str(value).strip().lower()
    if value not in MODES:
        raise UsageError(f"MEDIALOOM_LLM / [llm] planner must be one of {', '.join(MODES)}, not {value!r}")
    return value


def probe(port: int, host: str = "127.0.0.1", timeout: float = 0.3) -> str | None:
    """The first model id an OpenAI-compatible server on `port` lists, or None."""
    try:
        import httpx
    except ImportError:
        return None
    try:
        response = httpx.get(f"http://{host}:{port}/v1/models", timeout=timeout)
        data = response.json() if response.status_code == 200 else None
    except (httpx.HTTPError, ValueError):
        return None
    models = data.get("data") if isinstance(data, dict) else None
    if not isinstance(models, list) or not models:
        return None
    first = models[0]
    ident = first.get("id") if isinstance(first, dict) else None
    return ident if isinstance(ident, str) and ident else None


@functools.lru_cache(maxsize=8)
def _discover(servers: tuple[tuple[str, int], ...], key: str | None, base: str | None,
              model: str | None, timeout: float) -> FoundLLM | None:
    with ThreadPoolExecutor(max_workers=max(1, len(servers))) as pool:  # all ports at once: one timeout in all
        answers = list(pool.map(lambda server: probe(server[1], timeout=timeout), servers))
    for (name, port), found in zip(servers, answers):
        if found:
            return FoundLLM(name, f"http://127.0.0.1:{port}/v1", found)
    if key:
        return FoundLLM("OpenAI", (base or OPENAI_URL).rstrip("/"), model or OPENAI_MODEL, key)
    return None


def discover(env: Mapping[str, str] | None = None, servers: tuple[tuple[str, int], ...] | None = None,
             timeout: float = 0.3) -> FoundLLM | None:
    """A local server on a default port, else OpenAI with OPENAI_API_KEY, else None."""
    env = os.environ if env is None else env
    return _discover(tuple(SERVERS if servers is None else servers), env.get("OPENAI_API_KEY") or None, env.get("OPENAI_BASE_URL") or None,
                     env.get("OPENAI_MODEL") or None, timeout)


def forget() -> None:
    """Look again next time (a server started or stopped)."""
    _discover.cache_clear()


def configured(config: Any, env: Mapping[str, str] | None = None,
               servers: tuple[tuple[str, int], ...] | None = None) -> tuple[Any, FoundLLM | None]:
    """(config, what was found): the config with the LLM found filled in when none is set and
    the mode is auto; unchanged (and None) otherwise."""
    llm = config.sections.get("llm", {}) if isinstance(config.sections, dict) else {}
    env = os.environ if env is None else env
    if config.llm_base_url or env.get("MEDIALOOM_LLM_LOCAL") or (isinstance(llm, dict) and llm.get("local")):
        return config, None
    if mode(config.sections if isinstance(config.sections, dict) else None, env) == "offline":
        return config, None
    found = discover(env, servers)
    if found is None:
        return config, None
    return replace(config, llm_base_url=found.base_url, llm_model=found.model,
                   llm_api_key=found.api_key), found


def describe(config: Any, env: Mapping[str, str] | None = None) -> str:
    """One line: which planner a request goes to with this config, and why."""
    env = os.environ if env is None else env
    llm = config.sections.get("llm", {}) if isinstance(config.sections, dict) else {}
    if config.llm_base_url:
        return f"planner: the LLM at {config.llm_base_url} ([llm] base_url)"
    local = env.get("MEDIALOOM_LLM_LOCAL") or (llm.get("local") if isinstance(llm, dict) else None)
    if local:
        return f"planner: the local model {local} ([llm] local)"
    if mode(config.sections if isinstance(config.sections, dict) else None, env) == "offline":
        return "planner: offline (MEDIALOOM_LLM=offline)"
    found = discover(env)
    if found is not None:
        return "planner: " + found.line().replace("planned by ", "", 1)
    ports = ", ".join(f"{name} {port}" for name, port in SERVERS)
    return (f"planner: offline (no LLM server answered on {ports}, and OPENAI_API_KEY is not set; "
            "set [llm] base_url to use one)")
