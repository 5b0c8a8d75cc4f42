"""Planners turn a request into a Plan. `plan_request` picks one: the LLM planner when an
endpoint is configured (issue #6), otherwise the offline planner."""

from __future__ import annotations

from ..config import Config
from ..plan import Plan
from ..registry import Registry


def plan_request(request: str, registry: Registry, config: Config) -> Plan:
    from .offline import OfflinePlanner

    return OfflinePlanner(registry).plan(request)
