"""Tool declarations: a tool is an id, a description, typed parameters, an output kind and
its backends. Specs are checked when they are defined, and export a JSON schema.

Parameter types are JSON-schema types plus three conventions of TOOLS.md:
`point` ([x, y]), `box` ([x0, y0, x1, y1]) and `time` (seconds or "m:ss").
A parameter with `kind` takes an artifact: a step reference (`$s1`) or, for media kinds,
a user's file path. Text parameters (`kind="text"`) take a literal string or a reference
to a text (or storyboard) artifact.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from .artifacts import KINDS

ParamType = Literal["string", "integer", "number", "boolean", "array", "object", "point", "box", "time"]
TOOL_ID = re.compile(r"^[a-z]+\.[a-z_]+$")
TIME_TEXT = re.compile(r"^\s*(\d+(\.\d+)?\s*s?|\d+:\d{1,2}(\.\d+)?|\d+:\d{2}:\d{2}(\.\d+)?)\s*$")


@dataclass(frozen=True)
class Param:
    name: str
    type: ParamType
    description: str
    required: bool = True
    kind: str | None = None          # artifact kind taken (for refs and user files)
    items: ParamType | None = None   # item type of arrays
    enum: tuple[str, ...] | None = None
    minimum: float | None = None
    maximum: float | None = None

    def __post_init__(self) -> None:
        if self.kind is not None and self.kind not in KINDS:
            raise ValueError(f"param {self.name}: unknown kind {self.kind!r}")
        if self.type == "array" and self.items is None:
            raise ValueError(f"param {self.name}: arrays need an item type")

    @property
    def takes_artifacts(self) -> bool:
        return self.kind is not None

    def json_schema(self) -> dict[str, Any]:
        schema = _type_schema(self.type, self.items)
        if self.enum:
            schema["enum"] = list(self.enum)
        if self.minimum is not None:
            schema["minimum"] = self.minimum
        if self.maximum is not None:
            schema["maximum"] = self.maximum
        schema["description"] = self.description + (f" ({self.kind} artifact: '$sN' or a file path)"
                                                    if self.kind and self.kind != "text" else "")
        return schema


def _type_schema(type_: str, items: str | None) -> dict[str, Any]:
    if type_ == "point":
        return {"type": "array", "items": {"type": "number"}, "minItems": 2, "maxItems": 2}
    if type_ == "box":
        return {"type": "array", "items": {"type": "number"}, "minItems": 4, "maxItems": 4}
    if type_ == "time":
        return {"anyOf": [{"type": "number", "minimum": 0}, {"type": "string", "pattern": TIME_TEXT.pattern}]}
    if type_ == "array":
        return {"type": "array", "items": _type_schema(items or "string", None)}
    return {"type": type_}


@dataclass(frozen=True)
class Requirement:
    """Something a backend needs on this machine: a Python module, a program or a file."""

    what: Literal["python", "binary", "file"]
    name: str                                   # module, program, or candidate paths joined by ':'
    hint: str                                   # how to get it

    def problem(self) -> str | None:
        """None when met, else one line saying what is missing and how to install it."""
        if self.what == "python":
            try:
                found = importlib.util.find_spec(self.name) is not None
            except (ImportError, ValueError):
                found = False
            return None if found else f"Python package {self.name} not installed: {self.hint}"
        if self.what == "binary":
            return None if shutil.which(self.name) else f"{self.name} not installed: {self.hint}"
        if any(Path(p).expanduser().exists() for p in self.name.split(":")):
            return None
        return f"{self.name.split(':')[0]} not found: {self.hint}"


def needs_python(module: str, pip: str | None = None) -> Requirement:
    return Requirement("python", module, f"pip install {pip or module}")


def needs_binary(program: str, apt: str | None = None) -> Requirement:
    return Requirement("binary", program, f"apt install {apt or program}")


def needs_file(*candidates: str, hint: str) -> Requirement:
    return Requirement("file", ":".join(candidates), hint)


NEURAL_BASE = (needs_python("torch", "torch"), needs_python("diffusers", "'medialoom[neural]'"),
               needs_python("transformers", "'medialoom[neural]'"))


@dataclass(frozen=True)
class BackendSpec:
    """One implementation of a tool. `entry` is "module:function", imported on first call, so
    declaring a backend loads nothing. Called as entry(ctx, **args) -> Output | dict[str, Output]."""

    family: Literal["offline", "embedded", "neural", "test"]
    entry: str
    requires: tuple[Requirement, ...] = ()
    default_model: str | None = None
    cpu_bound: bool = False        # run in a worker process (the GIL would serialise it)
    deterministic: bool = True     # False: never served from the cache
    issue: int | None = None       # the issue that delivers it (for "not built yet" errors)
    llm: bool = False              # an LLM role: a configured chat endpoint serves it too
    preferred: bool = False        # embedded: chosen over the offline backend by default (it beats it)
    licence: str | None = None     # embedded: licence of the package and of the weights it ships

    def __post_init__(self) -> None:
        if ":" not in self.entry:
            raise ValueError(f"backend entry {self.entry!r} must be 'module:function'")

    def problems(self) -> list[str]:
        return [p for p in (r.problem() for r in self.requires) if p]


@dataclass(frozen=True)
class ToolSpec:
    id: str
    description: str
    params: tuple[Param, ...]
    output: str
    backends: tuple[BackendSpec, ...]
    extra_outputs: dict[str, str] = field(default_factory=dict)   # name -> kind, as "$s1.name"
    examples: tuple[str, ...] = ()                                 # phrasings, for planners

    def __post_init__(self) -> None:
        if not TOOL_ID.match(self.id):
            raise ValueError(f"tool id {self.id!r} must look like 'domain.name'")
        if self.output not in KINDS or any(k not in KINDS for k in self.extra_outputs.values()):
            raise ValueError(f"{self.id}: output kinds must be among {', '.join(KINDS)}")
        names = [p.name for p in self.params]
        if len(set(names)) != len(names):
            raise ValueError(f"{self.id}: duplicate parameter names")
        families = [b.family for b in self.backends]
        if len(set(families)) != len(families):
            raise ValueError(f"{self.id}: one backend per family")

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.params if p.required)

    def output_kind(self, output: str | None) -> str | None:
        return self.output if output in (None, "main") else self.extra_outputs.get(output)

    def backend(self, family: str) -> BackendSpec | None:
        return next((b for b in self.backends if b.family == family), None)

    def json_schema(self) -> dict[str, Any]:
        return {
            "type": "object",
            "properties": {p.name: p.json_schema() for p in self.params},
            "required": list(self.required),
            "additionalProperties": False,
        }

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "description": self.description, "output": self.output,
                "extra_outputs": dict(self.extra_outputs), "parameters": self.json_schema()}


def parse_time(value: Any) -> float:
    """Seconds from a number, "90", "90s", "1:20" or "1:02:03"."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    text = str(value).strip().rstrip("s").strip()
    if not TIME_TEXT.match(str(value)):
        raise ValueError(f"{value!r} is not a time; use seconds or m:ss like 1:20")
    seconds = 0.0
    for part in text.split(":"):
        seconds = seconds * 60 + float(part)
    return seconds
