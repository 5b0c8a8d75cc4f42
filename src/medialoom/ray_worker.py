"""What runs on a Ray worker: one step, with its input files brought as bytes and its outputs
sent back as bytes, so no disk is shared with the driver. Imported by Ray on the worker; nothing
here imports Ray at module level.

    execute(bound, ctx, kwargs, names, *blobs, attempts=None, key="") -> RemoteOutputs | StepFailure
    Attempts                     the driver's record of the node each attempt started on

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
            *blobs: bytes, attempts: Any = None, key: str = "") -> RemoteOutputs | StepFailure:
    if attempts is not None:  # told before the step runs: a worker that dies mid-step leaves its node known
        attempts.started.remote(key, _node_id())
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


class Attempts:
    """An actor of the driver's: the node each attempt of a step started on (the latest 4,096), so
    a step whose worker died is sent again to another node."""

    def __init__(self) -> None:
        from collections import OrderedDict

        self._nodes: OrderedDict[str, str] = OrderedDict()

    def started(self, key: str, node: str) -> None:
        self._nodes[key] = node
        if len(self._nodes) > 4096:
            self._nodes.popitem(last=False)

    def node_of(self, key: str) -> str | None:
        return self._nodes.get(key)


class ModelHost:
    """A long-lived actor per (backend, model): neural steps of every job land here, so the model
    that the backend's pool loaded stays in this process between steps and jobs."""

    def run(self, bound: Bound, ctx: ToolContext, kwargs: dict[str, Any], names: list[str],
            *blobs: bytes, attempts: Any = None, key: str = "") -> RemoteOutputs | StepFailure:
        return execute(bound, ctx, kwargs, names, *blobs, attempts=attempts, key=key)

    def pid(self) -> int:
        return os.getpid()
