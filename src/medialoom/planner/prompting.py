"""What LLM planners are told: the catalogue (as compact lines and as JSON schema), the plan
format with `left_out`, a few worked examples, the files a request may use, and repair messages.
The rules and the examples are data files (data/planner_system.md, data/planner_examples.jsonl).

The LLM's answer is data: it is parsed as JSON, turned into a Plan and validated; nothing in it
is ever executed.
"""

from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Any, Sequence

from ..plan import Plan
from ..registry import Registry
from ..tools import ToolSpec
from .draft import Source

DATA = "medialoom"


@functools.lru_cache(maxsize=1)
def system_text() -> str:
    """The system prompt's rules (data/planner_system.md), the catalogue is added after it."""
    return resources.files(DATA).joinpath("data", "planner_system.md").read_text(encoding="utf-8")


@functools.lru_cache(maxsize=1)
def worked_examples() -> tuple[tuple[str, dict[str, Any]], ...]:
    """The few-shot examples (data/planner_examples.jsonl): {"request", "plan"} per line."""
    text = resources.files(DATA).joinpath("data", "planner_examples.jsonl").read_text(encoding="utf-8")
    rows = [json.loads(line) for line in text.splitlines() if line.strip()]
    return tuple((row["request"], row["plan"]) for row in rows)


def catalogue_lines(registry: Registry) -> str:
    lines = []
    for spec in registry:
        args = ", ".join(p.name + ("" if p.required else "?") for p in spec.params)
        extra = f" (+ outputs {', '.join(spec.extra_outputs)})" if spec.extra_outputs else ""
        lines.append(f"- {spec.id}({args}) -> {spec.output}{extra}: {spec.description}")
    return "\n".join(lines)


def system_prompt(registry: Registry) -> str:
    return system_text() + catalogue_lines(registry)


def user_prompt(request: str, context: Sequence[Source] = ()) -> str:
    text = f"Request: {request}"
    if context:
        files = "\n".join(f"- {s.ref} ({s.kind}{', from ' + s.tool if s.tool else ''})" for s in context[-8:])
        text += ("\nFiles from earlier in this conversation (newest last; 'it' usually means the last "
                 f"one), usable as file paths:\n{files}")
    return text


STORY_EXAMPLE = "Make a video story in two scenes about a cat who finds a hat, with narration and music"


def examples(registry: Registry) -> list[tuple[str, dict[str, Any]]]:
    """The worked examples, plus a story plan (made by the offline story planner, so it always
    shows the storyboard's per-scene outputs as this catalogue names them)."""
    out = list(worked_examples())
    if "text.storyboard" in registry:
        from .story import story_plan

        plan = story_plan(STORY_EXAMPLE, registry)
        out.append((STORY_EXAMPLE, {"steps": [s.to_dict() for s in plan.steps]}))
    return out


def messages(registry: Registry, request: str, context: Sequence[Source] = ()) -> list[dict[str, str]]:
    out = [{"role": "system", "content": system_prompt(registry)}]
    for example, plan in examples(registry):
        if all(s["tool"] in registry for s in plan["steps"]):
            out.append({"role": "user", "content": user_prompt(example)})
            out.append({"role": "assistant", "content": json.dumps(plan)})
    out.append({"role": "user", "content": user_prompt(request, context)})
    return out


def repair_message(problems: Sequence[str]) -> dict[str, str]:
    listed = "\n".join(f"- {p}" for p in problems[:12])
    return {"role": "user", "content": f"That plan is not valid:\n{listed}\n"
                                       "Answer with the corrected plan as one JSON object, nothing else."}


def step_schema(spec: ToolSpec) -> dict[str, Any]:
    return {"type": "object",
            "properties": {"id": {"type": "string"}, "tool": {"const": spec.id}, "args": spec.json_schema()},
            "required": ["id", "tool", "args"], "additionalProperties": False}


def plan_schema(registry: Registry) -> dict[str, Any]:
    """JSON schema of a plan whose steps are calls of catalogue tools (one branch per tool)."""
    return {"type": "object",
            "properties": {"steps": {"type": "array", "minItems": 1,
                                     "items": {"anyOf": [step_schema(spec) for spec in registry]}},
                           "left_out": LEFT_OUT_SCHEMA},
            "required": ["steps"], "additionalProperties": False}


LEFT_OUT_SCHEMA: dict[str, Any] = {
    "type": "array", "description": "parts of the request no tool can do, in the user's words, with why",
    "items": {"type": "object", "properties": {"words": {"type": "string"}, "reason": {"type": "string"}},
              "required": ["words", "reason"], "additionalProperties": False}}


def openai_tools(registry: Registry) -> list[dict[str, Any]]:
    """The catalogue as OpenAI function tools (for servers that answer with tool calls)."""
    return [{"type": "function", "function": {"name": "submit_plan", "description": "submit the plan",
                                              "parameters": plan_schema(registry)}}]


def parse_plan_text(text: str) -> Plan:
    """A plan from the model's text: the JSON object in it (a ```json fence is allowed)."""
    from ..errors import PlanError

    body = text.strip()
    if body.startswith("```"):
        body = body.strip("`")
        body = body[body.find("{"):] if "{" in body else body
    start, end = body.find("{"), body.rfind("}")
    if start < 0 or end <= start:
        raise PlanError("the answer holds no JSON object; answer with {\"steps\": [...]} only")
    return Plan.from_json(body[start:end + 1])
