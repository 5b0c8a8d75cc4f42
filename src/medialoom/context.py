"""What a backend receives besides its arguments, and what it returns."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from .config import Config

ProgressFn = Callable[[float, str], None]


def _no_progress(fraction: float, message: str = "") -> None:
    return None


@dataclass(frozen=True)
class Output:
    """A file a backend wrote into its work folder. `kind` defaults to the tool's output kind;
    `meta` adds to the artifact's record (scene graph, model, dtype, steps ...)."""

    path: Path
    kind: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ToolContext:
    """Per-step context: a private work folder for outputs, the step's seed, the config,
    the chosen model (neural backends) and a progress callback (a no-op in worker processes)."""

    step_id: str
    tool: str
    backend: str
    seed: int
    workdir: Path
    config: Config
    model: str | None = None
    progress: ProgressFn = _no_progress

    def out(self, name: str, suffix: str) -> Path:
        """A path in the work folder for an output file."""
        suffix = suffix if suffix.startswith(".") else "." + suffix
        self.workdir.mkdir(parents=True, exist_ok=True)
        return self.workdir / f"{name}{suffix}"
