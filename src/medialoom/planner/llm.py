"""LLM planner over any OpenAI-compatible chat-completions endpoint.

    1. send the catalogue (system prompt + plan JSON schema), few-shot examples and the request;
       ask for structured output (response_format json_schema), stepping down to json_object and
       then plain text when the server refuses it
    2. parse the answer as data (JSON -> Plan), validate it
    3. on a problem, send the validator's lines back for repair, at most `repairs` times
    4. if it still fails (or the server cannot be reached), the offline planner answers and the
       plan's notes say so

Config: [llm] base_url, model, api_key, timeout, repairs (or MEDIALOOM_LLM_* variables).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Sequence

from ..config import Config
from ..errors import PlanError
from ..lang.llm_client import LLMUnavailable, content, post_chat
from ..plan import Plan, validate
from ..registry import Registry
from . import prompting
from .draft import Source
from .offline import OfflinePlanner, check_request

MODES = ("json_schema", "json_object", "plain")


@dataclass
class LLMPlanner:
    registry: Registry
    config: Config
    offline: OfflinePlanner
    repairs: int = 2
    timeout: float = 60.0
    found: str = ""    # the line saying which LLM was found, when none was configured
    _mode: int = field(default=0, repr=False)

    def __post_init__(self) -> None:
        llm = self.config.sections.get("llm", {}) if isinstance(self.config.sections, dict) else {}
        self.repairs = int(llm.get("repairs", self.repairs))
        self.timeout = float(llm.get("timeout", self.timeout))

    def plan(self, request: str, context: Sequence[Source] = ()) -> Plan:
        text = check_request(request)
        try:
            plan = self._ask(text, context)
        except (LLMUnavailable, PlanError) as exc:
            plan = self.offline.plan(text, list(context))
            which = f"the LLM found at {self.config.llm_base_url}" if self.found else "LLM planner"
            plan.notes.append(f"{which} failed ({exc.one_line()[:200]}); the offline planner made this plan")
            return plan
        plan.request = request
        plan.notes.append(self.found or f"planned by {self.config.llm_model or 'the LLM'} at {self.config.llm_base_url}")
        return plan

    # -- the conversation with the model ------------------------------------------------------
    def _ask(self, request: str, context: Sequence[Source]) -> Plan:
        messages = prompting.messages(self.registry, request, context)
        last: PlanError | None = None
        for _ in range(self.repairs + 1):
            answer = self._complete(messages)
            try:
                plan = prompting.parse_plan_text(answer)
                validate(plan, self.registry, check_files=False)
                return plan
            except PlanError as exc:
                last = exc
                messages = messages + [{"role": "assistant", "content": answer},
                                       prompting.repair_message(exc.problems)]
        raise PlanError(f"no valid plan after {self.repairs + 1} tries: {last.one_line() if last else ''}")

    def _complete(self, messages: list[dict[str, str]]) -> str:
        """One chat completion; steps down through the structured-output modes on HTTP 400/422."""
        while True:
            mode = MODES[self._mode]
            status, body = self._post(self._payload(messages, mode))
            if status in (400, 404, 415, 422, 501) and self._mode < len(MODES) - 1 and mode != "plain":
                self._mode += 1
                continue
            if status != 200:
                raise LLMUnavailable(f"the LLM endpoint answered HTTP {status}: {str(body)[:160]}")
            return content(body)

    def _payload(self, messages: list[dict[str, str]], mode: str) -> dict[str, Any]:
        payload: dict[str, Any] = {"model": self.config.llm_model or "default", "messages": messages,
                                   "temperature": 0}
        if mode == "json_schema":
            payload["response_format"] = {"type": "json_schema", "json_schema": {
                "name": "plan", "schema": prompting.plan_schema(self.registry), "strict": False}}
        elif mode == "json_object":
            payload["response_format"] = {"type": "json_object"}
        return payload

    def _post(self, payload: dict[str, Any]) -> tuple[int, Any]:
        return post_chat(self.config.llm_base_url or "", payload, self.config.llm_api_key, self.timeout)

