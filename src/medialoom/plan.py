"""Plans: plain data (steps of tool calls with references) and their validation.

JSON form (shared/spec/TOOLS.md):
    {"steps": [{"id": "s1", "tool": "image.generate", "args": {"prompt": "a cat"}},
               {"id": "s2", "tool": "video.animate", "args": {"image": "$s1"}}]}

`validate` checks everything that can be known before running: known tools, argument names,
required arguments, types, references to earlier steps only, output kinds that fit, no cycles,
user files that exist, are readable and decode. Every problem is one line.
"""

from __future__ import annotations

import json
import math
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Collection, Iterator

from .errors import PlanError
from .registry import Registry
from .tools import TIME_TEXT, Param, ToolSpec

STEP_ID = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]{0,63}$")
REF = re.compile(r"^\$([A-Za-z_][A-Za-z0-9_-]{0,63})(?:\.([A-Za-z_]\w*))?$")
TEXT_KINDS = ("text", "storyboard")


@dataclass(frozen=True)
class Ref:
    """A reference to a step's output: `$s1` (main output) or `$s1.midi`."""

    step: str
    output: str | None = None

    @classmethod
    def parse(cls, value: Any) -> "Ref | None":
        if isinstance(value, str) and (m := REF.match(value.strip())):
            return cls(m.group(1), m.group(2))
        return None

    def __str__(self) -> str:
        return f"${self.step}" + (f".{self.output}" if self.output else "")


@dataclass
class Step:
    id: str
    tool: str
    args: dict[str, Any] = field(default_factory=dict)

    def refs(self) -> Iterator[tuple[str, Ref]]:
        """(argument name, reference) for every reference in the arguments, lists included."""
        for name, value in self.args.items():
            for item in value if isinstance(value, list) else [value]:
                if (ref := Ref.parse(item)) is not None:
                    yield name, ref

    def depends_on(self) -> set[str]:
        return {ref.step for _, ref in self.refs()}

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "tool": self.tool, "args": dict(self.args)}


@dataclass
class Plan:
    steps: list[Step]
    request: str | None = None
    notes: list[str] = field(default_factory=list)  # how it was planned (e.g. an LLM fallback); not in JSON
    # parts of the request that will not be done: [{"words": "translate it", "reason": "..."}]
    left_out: list[dict[str, str]] = field(default_factory=list)

    def step(self, step_id: str) -> Step:
        return next(s for s in self.steps if s.id == step_id)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"steps": [s.to_dict() for s in self.steps]}
        if self.request is not None:
            data["request"] = self.request
        if self.left_out:
            data["left_out"] = [dict(item) for item in self.left_out]
        return data

    def to_json(self, indent: int | None = None) -> str:
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)

    @classmethod
    def from_dict(cls, data: Any) -> "Plan":
        if isinstance(data, list):
            data = {"steps": data}
        if not isinstance(data, dict) or not isinstance(data.get("steps"), list):
            raise PlanError('a plan is a JSON object {"steps": [...]}; see shared/spec/TOOLS.md')
        steps = []
        for i, raw in enumerate(data["steps"], 1):
            if not isinstance(raw, dict):
                raise PlanError(f"step {i} is not an object; each step is {{\"id\", \"tool\", \"args\"}}")
            sid, tool, args = raw.get("id", f"s{i}"), raw.get("tool"), raw.get("args", {})
            if not isinstance(tool, str):
                raise PlanError(f"step {sid} has no \"tool\"; name a tool from 'medialoom tools'")
            if not isinstance(args, dict):
                raise PlanError(f"step {sid}: \"args\" must be an object of argument names to values")
            steps.append(Step(str(sid), tool, dict(args)))
        request = data.get("request")
        left = data.get("left_out")
        left_out = [{"words": str(x.get("words", "")), "reason": str(x.get("reason", ""))}
                    for x in left if isinstance(x, dict)] if isinstance(left, list) else []
        return cls(steps, request if isinstance(request, str) else None, left_out=left_out)

    @classmethod
    def from_json(cls, text: str) -> "Plan":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise PlanError(f"the plan is not valid JSON (line {exc.lineno}, column {exc.colno}: "
                            f"{exc.msg}); fix the file and try again") from exc
        except RecursionError as exc:
            raise PlanError("the plan nests lists or objects too deeply to be a plan; "
                            "see shared/spec/TOOLS.md for the format") from exc
        return cls.from_dict(data)

    @classmethod
    def load(cls, path: str | Path) -> "Plan":
        path = Path(path)
        try:
            text = path.read_text(encoding="utf-8-sig")  # a BOM (Windows editors) is fine
        except FileNotFoundError as exc:
            raise PlanError(f"plan file {path} does not exist; check the path") from exc
        except (OSError, UnicodeDecodeError) as exc:
            raise PlanError(f"cannot read plan file {path} ({exc.__class__.__name__}); "
                            "check it is a readable UTF-8 JSON file") from exc
        return cls.from_json(text)


def validate(plan: Plan, registry: Registry, base_dir: Path | None = None,
             check_files: bool = True) -> None:
    """Raise PlanError listing every problem (one line each); return None when the plan is valid."""
    problems: list[str] = []
    if not plan.steps:
        raise PlanError("the plan has no steps; a plan needs at least one tool call")
    order = {s.id: i for i, s in enumerate(plan.steps)}
    cycle = find_cycle(plan)
    in_cycle = set(cycle or ())
    produced: dict[str, ToolSpec] = {}
    seen: set[str] = set()
    for step in plan.steps:
        if not STEP_ID.match(step.id):
            problems.append(f"step id {step.id!r} is not a plain name like s1")
        if step.id in seen:
            problems.append(f"step id {step.id} is used twice; give each step its own id")
        seen.add(step.id)
        spec = registry.get(step.tool)
        if spec is None:
            problems.append(f"{step.id}: unknown tool '{step.tool}'; 'medialoom tools' lists them")
            continue
        problems += _check_args(step, spec, produced, order, plan, registry, base_dir, check_files,
                                in_cycle)
        produced[step.id] = spec
    if cycle and len(set(cycle)) > 1:  # a step naming itself is reported by _check_ref
        problems.append(f"the steps form a cycle: {' -> '.join(cycle)}; a step can only use earlier steps")
    if problems:
        raise PlanError(list(dict.fromkeys(problems)))


def _check_args(step: Step, spec: ToolSpec, produced: dict[str, ToolSpec], order: dict[str, int],
                plan: Plan, registry: Registry, base_dir: Path | None, check_files: bool,
                in_cycle: Collection[str] = ()) -> list[str]:
    problems = []
    names = ", ".join(p.name for p in spec.params)
    for name in step.args:
        if spec.param(name) is None:
            problems.append(f"{step.id}: {spec.id} has no argument '{name}'; it takes {names}")
    for name in spec.required:
        if step.args.get(name) in (None, "", []):
            problems.append(f"{step.id}: {spec.id} needs the argument '{name}'")
    for name, value in step.args.items():
        param = spec.param(name)
        if param is None or value is None:
            continue
        items = value if (param.type == "array" and isinstance(value, list)) else [value]
        if param.type == "array" and not isinstance(value, list):
            problems.append(f"{step.id}.{name}: expects a list, got {_type_name(value)}")
            continue
        for item in items:
            ref = Ref.parse(item)
            if ref is not None and param.kind is not None:
                problems += _check_ref(step, name, param, ref, produced, order, plan, registry, in_cycle)
            elif ref is not None:
                problems.append(f"{step.id}.{name}: takes a {param.type}, not a reference to a step")
            elif param.kind is not None and param.kind not in TEXT_KINDS:
                problems += _check_file(step, name, param, item, base_dir, check_files)
            else:
                item_type = param.items if param.type == "array" else param.type
                problem = _check_value(param, item_type or "string", item)
                if problem:
                    problems.append(f"{step.id}.{name}: {problem}")
    return problems


def _check_ref(step: Step, name: str, param: Param, ref: Ref, produced: dict[str, ToolSpec],
               order: dict[str, int], plan: Plan, registry: Registry,
               in_cycle: Collection[str] = ()) -> list[str]:
    if ref.step == step.id:
        return [f"{step.id}.{name}: a step cannot use its own output (${ref.step})"]
    if ref.step not in order:
        return [f"{step.id}.{name}: refers to unknown step {ref}; refer to an earlier step's id"]
    if ref.step not in produced:
        target = registry.get(plan.steps[order[ref.step]].tool)
        if order[ref.step] > order[step.id] and target is not None:
            if step.id in in_cycle:
                return []  # reported once, as the cycle
            return [f"{step.id}.{name}: refers to later step {ref}; steps may only use earlier steps"]
        return []
    spec = produced[ref.step]
    kind = spec.output_kind(ref.output)
    if kind is None:
        outs = ", ".join(["main"] + list(spec.extra_outputs))
        return [f"{step.id}.{name}: {spec.id} has no output '{ref.output}' (it has: {outs})"]
    wanted = param.kind
    if kind == wanted or (wanted == "text" and kind in TEXT_KINDS):
        return []
    return [f"{step.id}.{name}: gets {kind} from {ref} ({spec.id}), but needs {wanted}"]


def _check_file(step: Step, name: str, param: Param, value: Any, base_dir: Path | None,
                check_files: bool) -> list[str]:
    if not isinstance(value, str) or not value.strip():
        return [f"{step.id}.{name}: expects a {param.kind} (a step reference like $s1 or a file path)"]
    if not check_files:
        return []
    path = resolve_user_path(value, base_dir)
    shown = _shown(value)
    if "\0" in value:
        return [f"{step.id}.{name}: the file name contains a NUL character; check the path"]
    if any(len(part.encode("utf-8", "surrogateescape")) > 255 for part in path.parts):
        return [(f"{step.id}.{name}: a name in the path {shown} is over 255 bytes, longer than "
                 "file systems allow; check the path")]
    try:
        path.stat()
    except FileNotFoundError:
        return [f"{step.id}.{name}: file {shown} does not exist; check the path"]
    except OSError as exc:
        return [f"{step.id}.{name}: cannot use the path {shown} ({exc.strerror}); check the path"]
    if not path.is_file():
        return [f"{step.id}.{name}: {shown} is not a file"]
    if not os.access(path, os.R_OK):
        return [f"{step.id}.{name}: file {shown} is not readable; check its permissions"]
    from .media import probe

    try:
        probe(path, param.kind or "")
    except Exception as exc:  # probe raises InputError with one line
        return [f"{step.id}.{name}: {exc}"]
    return []


def _shown(value: str) -> str:
    """A path as the person typed it; a very long one keeps its file name (shortened past 80)."""
    if len(value) <= 160:
        return value
    name = Path(value).name
    return ".../" + (name if len(name) <= 80 else name[:60] + "..." + name[-12:])


def _check_value(param: Param, type_: str, value: Any) -> str | None:
    if isinstance(value, float) and not math.isfinite(value):
        return f"expects a finite number, got {value}"
    ok = {
        "string": isinstance(value, str),
        "integer": isinstance(value, int) and not isinstance(value, bool),
        "number": isinstance(value, (int, float)) and not isinstance(value, bool),
        "boolean": isinstance(value, bool),
        "object": isinstance(value, dict),
        "point": _numbers(value, 2),
        "box": _numbers(value, 4),
        "time": (isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 0)
        or (isinstance(value, str) and bool(TIME_TEXT.match(value))),
    }.get(type_, True)
    if not ok:
        hint = {"point": " like [420, 310]", "box": " like [10, 20, 200, 180]",
                "time": " (seconds, or m:ss like 1:20)"}.get(type_, "")
        return f"expects {_article(type_)}{hint}, got {_type_name(value)} {json.dumps(value)[:40]}"
    if param.enum and value not in param.enum:
        return f"must be one of {', '.join(param.enum)}, not {value!r}"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if param.minimum is not None and value < param.minimum:
            return f"must be at least {param.minimum:g}, got {value}"
        if param.maximum is not None and value > param.maximum:
            return f"must be at most {param.maximum:g}, got {value}"
    return None


def _numbers(value: Any, n: int) -> bool:
    return isinstance(value, list) and len(value) == n and all(
        isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) for v in value)


def _article(type_: str) -> str:
    return ("an " if type_[0] in "aeiou" else "a ") + type_


def _type_name(value: Any) -> str:
    return {str: "text", bool: "true/false", int: "a number", float: "a number", list: "a list",
            dict: "an object", type(None): "null"}.get(type(value), type(value).__name__)


def resolve_user_path(value: str, base_dir: Path | None) -> Path:
    path = Path(value).expanduser()
    return path if path.is_absolute() or base_dir is None else base_dir / path


def find_cycle(plan: Plan) -> list[str] | None:
    """A cycle of step ids (first repeated at the end), or None. Iterative, so a plan of
    thousands of chained steps is no RecursionError."""
    deps = _deps(plan)
    state: dict[str, int] = {}
    for root in deps:
        if root in state:
            continue
        path: list[str] = [root]
        todo: list[Iterator[str]] = [iter(deps[root])]
        state[root] = 1
        while todo:
            dep = next(todo[-1], None)
            if dep is None:
                state[path.pop()] = 2
                todo.pop()
            elif state.get(dep) == 1:
                return list(reversed(path[path.index(dep):] + [dep]))
            elif dep not in state:
                state[dep] = 1
                path.append(dep)
                todo.append(iter(deps[dep]))
    return None


def _deps(plan: Plan) -> dict[str, list[str]]:
    ids = {s.id for s in plan.steps}
    return {s.id: sorted(d for d in s.depends_on() if d in ids) for s in plan.steps}
