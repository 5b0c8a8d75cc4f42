"""The call of one backend, in a thread or a worker process: run it, check what it wrote,
finish the outputs (watermark, provenance). Failures come back as data, never as exceptions
that would need pickling."""

from __future__ import annotations

import time
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

from .context import Output, ToolContext
from .errors import MedialoomError, ToolError
from .registry import Bound


@dataclass(frozen=True)
class StepFailure:
    error: str          # one line for the person
    error_type: str     # class name of the error
    exit_code: int      # 1 tool failed, 2 bad input / unavailable, 3 refused
    detail: str = ""    # traceback for bugs, kept in the store's index


@dataclass(frozen=True)
class StepOutputs:
    outputs: dict[str, Output]
    seconds: float


def run_backend(bound: Bound, ctx: ToolContext, kwargs: Mapping[str, Any]) -> StepOutputs | StepFailure:
    started = time.perf_counter()
    try:
        result = bound.function()(ctx, **kwargs)
        outputs = normalise_outputs(bound, result)
        from .safety import finish_outputs

        outputs = finish_outputs(ctx, bound.spec, outputs, kwargs)
    except MedialoomError as exc:
        return StepFailure(exc.one_line(), type(exc).__name__, exc.exit_code)
    except MemoryError:  # a capped worker (procs.py) that asked for more
        return StepFailure(f"{bound.spec.id} ran out of memory (over [limits] worker_memory_gb); "
                           "give it smaller inputs or raise the limit", "MemoryError", 1)
    except Exception as exc:  # a bug in a backend: report it as a failed step, keep the traceback
        return StepFailure(f"{type(exc).__name__}: {exc}".splitlines()[0],
                           type(exc).__name__, 1, traceback.format_exc())
    return StepOutputs(outputs, time.perf_counter() - started)


def normalise_outputs(bound: Bound, result: Any) -> dict[str, Output]:
    if isinstance(result, (str, Path)):
        result = Output(Path(result))
    if isinstance(result, Output):
        result = {"main": result}
    if not isinstance(result, dict) or "main" not in result:
        raise ToolError(f"{bound.spec.id}: the {bound.family} backend returned no main output")
    outputs = {}
    for name, out in result.items():
        out = Output(Path(out)) if isinstance(out, (str, Path)) else out
        kind = out.kind or bound.spec.output_kind(name)
        if kind is None:
            raise ToolError(f"{bound.spec.id}: the backend returned an undeclared output '{name}'")
        if not out.path.is_file() or out.path.stat().st_size == 0:
            raise ToolError(f"{bound.spec.id}: the {bound.family} backend wrote no {name} file")
        outputs[name] = Output(out.path, kind, dict(out.meta))
    return outputs
