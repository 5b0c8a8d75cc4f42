"""Planners turn a request into a Plan.

`plan_request` picks one:
    - an OpenAI-compatible endpoint when `[llm] base_url` (MEDIALOOM_LLM_BASE_URL) is set (llm.py);
    - a local transformers model with grammar-constrained decoding when `[llm] local`
      (MEDIALOOM_LLM_LOCAL) names a model folder (local.py);
    - with neither, an LLM found by itself (lang/llm_discovery.py: a local OpenAI-compatible
      server on its default port, else OPENAI_API_KEY) unless MEDIALOOM_LLM=offline;
    - otherwise the offline planner (offline.py), which is also the fallback of all.
Every plan returned has passed validation; a plan made by the fallback says so in `plan.notes`.
"""

from __future__ import annotations

import os
from typing import Sequence

from ..config import Config
from ..plan import Plan
from ..registry import Registry
from .draft import Source
from .offline import OfflinePlanner

__all__ = ["plan_request", "OfflinePlanner", "Source", "local_model_path"]


def local_model_path(config: Config) -> str | None:
    llm = config.sections.get("llm", {}) if isinstance(config.sections, dict) else {}
    return os.environ.get("MEDIALOOM_LLM_LOCAL") or (llm.get("local") if isinstance(llm, dict) else None)


def plan_request(request: str, registry: Registry, config: Config,
                 context: Sequence[Source] = ()) -> Plan:
    """Plan a request. `context` lists artifacts of earlier turns (oldest first) that words such
    as "it" or "the video" may refer to."""
    from ..lang.llm_discovery import configured

    offline = OfflinePlanner(registry)
    config, found = configured(config)
    if config.llm_base_url:
        from .llm import LLMPlanner

        return LLMPlanner(registry, config, offline, found=found.line() if found else "").plan(request, list(context))
    if local_model_path(config):
        from .local import LocalPlanner

        return LocalPlanner(registry, local_model_path(config) or "", offline).plan(request, list(context))
    return offline.plan(request, list(context))
