"""What runs on a Ray worker: one step, with its input files brought as bytes and its outputs
sent back as bytes, so no disk is shared with the driver. Imported by Ray on the worker; nothing
here imports Ray at module level.

    execute(bound, ctx, kwargs, names, *blobs) -> RemoteOutputs | StepFailure

`names[i]` is the file name (`<sha256>.<ext>`) of `blobs[i]`; every Artifact in `kwargs` whose
sha256 is among them is pointed at its copy in a private temporary folder. The backend runs with
the same seed, arguments and config as it would locally (run_backend), so its bytes are the same.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from .artifacts import Artifact
from .context import ToolContext, _no_progress
from .registry import Bound
from .worker import StepFailure, StepOutputs, run_backend


@dataclass(frozen=True)
class RemoteFile:
    name: str                 # the file name in the worker's work folder (suffix kept)
    data: bytes
    kind: str | None
    meta: dict[str, Any]


@dataclass(frozen=True)
class RemoteOutputs:
    files: dict[str, RemoteFile]
    seconds: float
    node: str                 # the Ray node id that ran the step
    pid: int


def execute(bound: Bound, ctx: ToolContext, kwargs: dict[str, Any], names: list[str],
            *blobs: bytes) -> RemoteOutputs | StepFailure:
    with tempfile.TemporaryDirectory(prefix="medialoom-ray-") as tmp:
        inputs = Path(tmp) / "in"
        inputs.mkdir()
        paths = {}
        for name, data in zip(names, blobs):
            (inputs / name).write_bytes(data)
            paths[name.split(".")[0]] = inputs / name
        local = {k: _relocate(v, paths) for k, v in kwargs.items()}
        outcome = run_backend(bound, replace(ctx, workdir=Path(tmp) / "work", progress=_no_progress), local)
        if isinstance(outcome, StepFailure):
            return outcome
        return RemoteOutputs(_pack(outcome), outcome.seconds, _node_id(), os.getpid())


def _relocate(value: Any, paths: dict[str, Path]) -> Any:
    if isinstance(value, list):
        return [_relocate(v, paths) for v in value]
    if isinstance(value, Artifact) and value.sha256 in paths:
        return replace(value, path=paths[value.sha256])
    return value


def _pack(outcome: StepOutputs) -> dict[str, RemoteFile]:
    return {name: RemoteFile(out.path.name, out.path.read_bytes(), out.kind, dict(out.meta))
            for name, out in outcome.outputs.items()}


def _node_id() -> str:
    import ray

    return str(ray.get_runtime_context().get_node_id())


class ModelHost:
    """A long-lived actor per (backend, model): neural steps of every job land here, so the model
    that the backend's pool loaded stays in this process between steps and jobs."""

    def run(self, bound: Bound, ctx: ToolContext, kwargs: dict[str, Any], names: list[str],
            *blobs: bytes) -> RemoteOutputs | StepFailure:
        return execute(bound, ctx, kwargs, names, *blobs)

    def pid(self) -> int:
        return os.getpid()
