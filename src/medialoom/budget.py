"""Limits on what one step may cost, from `[limits]` in config.toml, and the checks that refuse
a plan or a step before it runs past them (docs/limits.md).

    [limits]
    memory_gb = 2.0          # working memory one step may need (estimated by costs.py)
    video_megapixel_frames = 8000   # frames x megapixels one video step may decode or draw
    inputs = 64              # files one step may take in a list (tracks, images, clips)
    worker_memory_gb = 3.0   # memory cap of a worker process (RLIMIT_DATA on Linux); 0 = none
    heavy_gb = 0.25          # steps estimated above this run in a worker process

The defaults fit a 4 GB laptop. An over-limit step is one line naming the argument to lower.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from .costs import GB, Cost, Media, estimate, measure
from .errors import OverLimit, UsageError


@dataclass(frozen=True)
class Limits:
    memory_gb: float = 2.0
    video_megapixel_frames: float = 8000.0
    inputs: int = 64
    worker_memory_gb: float = 3.0
    heavy_gb: float = 0.25

    @classmethod
    def from_config(cls, config: Any) -> Limits:
        section = (getattr(config, "sections", None) or {}).get("limits") or {}
        if not isinstance(section, Mapping):
            raise UsageError("[limits] in config.toml must be a table; see docs/limits.md")
        known = {f.name: f.type for f in fields(cls)}
        values: dict[str, Any] = {}
        for name, value in section.items():
            if name not in known:
                raise UsageError(f"[limits] has no setting '{name}'; it takes {', '.join(known)}")
            if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
                raise UsageError(f"[limits] {name} must be a number of at least 0, not {value!r}")
            values[name] = int(value) if name == "inputs" else float(value)
        return cls(**values)


def step_cost(tool: str, spec: Any, args: Mapping[str, Any], base_dir: Path | None = None) -> Cost:
    """The estimate for one call; inputs are measured by their headers (refs not yet run: nothing)."""
    def media(name: str) -> list[Media]:
        param = spec.param(name)
        if param is None or param.kind is None:
            return []
        value = args.get(name)
        found = [measure(v, param.kind, base_dir) for v in (value if isinstance(value, list) else [value])]
        return [m for m in found if m is not None]

    return estimate(tool, args, media)


def check_step(step_id: str, spec: Any, args: Mapping[str, Any], limits: Limits,
               base_dir: Path | None = None) -> Cost:
    """Raise OverLimit when the call would go past the limits; return its cost."""
    for param in spec.params:
        value = args.get(param.name)
        if param.kind and isinstance(value, list) and len(value) > limits.inputs:
            raise OverLimit(f"{step_id}: {spec.id} takes {len(value)} {param.name}, over the limit of "
                            f"{limits.inputs} ([limits] inputs); lower '{param.name}' or join them in stages")
    cost = step_cost(spec.id, spec, args, base_dir)
    if limits.memory_gb and cost.memory > limits.memory_gb * GB:
        raise OverLimit(f"{step_id}: {spec.id} would need about {cost.memory / GB:.1f} GB ({cost.why}), over "
                        f"the {limits.memory_gb:g} GB of [limits] memory_gb; lower '{cost.lower}'")
    if limits.video_megapixel_frames and cost.video_work > limits.video_megapixel_frames * 1e6:
        raise OverLimit(f"{step_id}: {spec.id} would work through {cost.video_work / 1e6:,.0f} megapixel-frames "
                        f"({cost.why}), over the {limits.video_megapixel_frames:g} of [limits] "
                        f"video_megapixel_frames; lower '{cost.lower}'")
    return cost


def check_plan(plan: Any, registry: Any, config: Any, base_dir: Path | None = None) -> None:
    """Every step's estimate from its literal arguments and the user's files, before anything
    runs; the executor checks again with every input known."""
    limits = Limits.from_config(config)
    problems = []
    for step in plan.steps:
        spec = registry.get(step.tool)
        if spec is None:
            continue
        try:
            check_step(step.id, spec, step.args, limits, base_dir)
        except OverLimit as exc:
            problems.append(str(exc))
    if problems:
        raise OverLimit("\n".join(problems))
