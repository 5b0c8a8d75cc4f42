"""Ready-set scheduler: every step whose inputs are ready runs at once, threads for backends
that release the GIL (I/O, subprocesses, GPU), worker processes for CPU-bound ones. A step
whose cache key is known is served from the store and does not execute. A failed step stops
only the steps that depend on it. The executor has no UI code: it reports through events.

    1. choose a backend for every step (raises before anything runs)
    2. loop: start every ready step (cache hit -> done at once), wait for the first to finish
    3. store its outputs, cache entry and step record in one transaction
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import time
import uuid
from concurrent.futures import (
    FIRST_COMPLETED,
    Executor as PoolExecutor,
    Future,
    ProcessPoolExecutor,
    ThreadPoolExecutor,
    wait,
)
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .artifacts import Artifact, artifacts_in
from .budget import Limits, check_step
from .cache import canonical, derive_seed, settings_digest, step_key
from .cancel import Cancelled, CancelToken, stop_processes
from .config import Config
from .context import ToolContext
from .costs import GB
from .errors import MedialoomError
from .events import Event, EventSink, ignore
from .plan import TEXT_KINDS, Plan, Ref, Step, resolve_user_path
from .registry import Bound, Registry
from .store import Store
from .worker import StepFailure, StepOutputs, run_backend


@dataclass
class StepResult:
    step: str
    tool: str
    status: str                      # done | cached | failed | skipped
    backend: str | None = None
    outputs: dict[str, Artifact] = field(default_factory=dict)
    error: str | None = None
    exit_code: int = 0
    seconds: float = 0.0


@dataclass
class RunResult:
    run_id: str
    plan: Plan
    steps: dict[str, StepResult]
    exported: dict[str, dict[str, Path]] = field(default_factory=dict)  # step -> output -> file

    @property
    def ok(self) -> bool:
        return all(r.status in ("done", "cached") for r in self.steps.values())

    @property
    def cached(self) -> list[str]:
        return [s for s, r in self.steps.items() if r.status == "cached"]

    @property
    def ran(self) -> list[str]:
        return [s for s, r in self.steps.items() if r.status == "done"]

    @property
    def failed(self) -> list[StepResult]:
        return [r for r in self.steps.values() if r.status == "failed"]

    @property
    def exit_code(self) -> int:
        codes = [r.exit_code for r in self.steps.values() if r.status in ("failed", "skipped")]
        if not codes:
            return 0
        return 3 if 3 in codes else 2 if 2 in codes else 1


class Executor:
    def __init__(self, registry: Registry, store: Store, config: Config, *,
                 on_event: EventSink = ignore, base_seed: int = 0,
                 cancel: CancelToken | None = None, remote: Any = None, pools: Any = None):
        self.registry = registry
        self.cancel = cancel    # set from another thread: run() stops and raises Cancelled
        self.remote = remote    # a pool that sends steps elsewhere (cluster.RayPool), else local pools
        self.pools = pools      # pools.SharedPools of the process (the server's jobs), else this run's own
        self.store = store
        self.config = config
        self.emit = on_event
        self.base_seed = base_seed
        self._threads: ThreadPoolExecutor | None = None
        self._processes: ProcessPoolExecutor | None = None
        self.limits = Limits.from_config(config)

    # -- public -------------------------------------------------------------------------------
    def bind(self, plan: Plan, backend: str | None = None,
             models: dict[str, str] | None = None) -> dict[str, Bound]:
        preference = backend or self.config.backend
        chosen = {**self.config.models, **(models or {})}
        # a model named for a tool on this call (--model) asks for that tool's neural backend,
        # unless a backend was chosen explicitly
        asked = set(models or {}) if backend is None else set()
        endpoint = bool(self.config.llm_base_url)
        bound = {s.id: self.registry.choose(s.tool, "neural" if s.tool in asked else preference, chosen,
                                            endpoint) for s in plan.steps}
        from .licences import commercial_only, refuse_noncommercial
        from .models import missing_model  # a neural step's model that is not here: before anything runs

        strict = commercial_only(self.config)
        for step in plan.steps:
            b = bound[step.id]
            if strict and b.family == "neural":
                refuse_noncommercial(step.tool, b.model)
            if b.family == "neural" and (error := missing_model(step.tool, step.args, b.model,
                                                                 b.backend.entry, self.config)):
                raise error
        return bound

    def run(self, plan: Plan, bound: dict[str, Bound], *, base_dir: Path | None = None,
            run_id: str | None = None, conversation: str | None = None) -> RunResult:
        run_id = run_id or uuid.uuid4().hex[:16]
        base_dir = base_dir or Path.cwd()
        self.store.begin_run(run_id, plan.to_json(), plan.request, conversation)
        results: dict[str, StepResult] = {}
        running: dict[Future, tuple[Step, str, dict[str, Any], int, Path, float]] = {}
        pending = list(plan.steps)
        imported: dict[tuple[str, str], Artifact] = {}
        deps = {s.id: s.depends_on() for s in plan.steps}    # parsed once, not once per pass
        if self.remote is not None:
            self.remote.check(plan, bound)  # e.g. a neural step on a cluster without GPUs
        stop = [self.cancel.future] if self.cancel is not None else []
        try:
            while pending or running:
                if self.cancel is not None:
                    self.cancel.check()
                for step in [s for s in pending if deps[s.id] <= results.keys()]:
                    pending.remove(step)
                    self._start(step, bound[step.id], results, running, imported, base_dir, run_id)
                if running and not any(deps[s.id] <= results.keys() for s in pending):
                    finished, _ = wait(list(running) + stop, return_when=FIRST_COMPLETED)
                    for future in finished:
                        if future in running:
                            self._finish(future, running.pop(future), bound, results, run_id)
        except BaseException as exc:
            self.store.finish_run(run_id, "cancelled" if isinstance(exc, Cancelled) else "interrupted")
            self._abandon(running)
            raise
        result = RunResult(run_id, plan, {s.id: results[s.id] for s in plan.steps})
        self.store.finish_run(run_id, "succeeded" if result.ok else "failed")
        return result

    def close(self, cancel: bool = False) -> None:
        for pool in (self._threads, self._processes):
            if pool is not None:
                pool.shutdown(wait=not cancel, cancel_futures=cancel)
        self._threads = self._processes = None

    def _abandon(self, running: dict) -> None:
        """Stop what still runs: worker processes end, thread steps stop at their next progress
        report (waited for a little), and the work folders of all of them are removed."""
        stop_processes(self._processes)
        if self.remote is not None:
            self.remote.abandon(list(running))  # cluster tasks are cancelled there
        if self.pools is not None:  # shared with other runs: stop only this run's steps
            for future in running:
                future.cancel()
            self.pools.stop_steps([job[4] for job in running.values()])
        threads = [f for f in running if not f.done()]
        self.close(cancel=True)
        if threads:
            wait(threads, timeout=10)
        for *_, workdir, _started in running.values():
            shutil.rmtree(workdir, ignore_errors=True)

    # -- one step -----------------------------------------------------------------------------
    def _start(self, step: Step, b: Bound, results: dict[str, StepResult], running: dict,
               imported: dict, base_dir: Path, run_id: str) -> None:
        blocked = [d for d in sorted(step.depends_on()) if results[d].status in ("failed", "skipped")]
        if blocked:
            code = max(results[d].exit_code for d in blocked)
            self._done(run_id, StepResult(step.id, step.tool, "skipped", b.family,
                                          error=f"not run: depends on failed step {blocked[0]}",
                                          exit_code=code), results, record=True)
            return
        try:
            kwargs = self._resolve_args(step, b, results, imported, base_dir)
            seed = kwargs.get("seed")
            if not isinstance(seed, int):
                seed = derive_seed(step.tool, kwargs, self.base_seed)
                if b.spec.param("seed") is not None:
                    kwargs["seed"] = seed
            from .safety import screen_args

            screen_args(b.spec, kwargs, self.config)
        except MedialoomError as exc:
            self._done(run_id, StepResult(step.id, step.tool, "failed", b.family, error=exc.one_line(),
                                          exit_code=exc.exit_code), results, record=True)
            return
        key = step_key(step.tool, b.family, b.version, b.model, kwargs, seed,
                       settings_digest(self.config))
        if b.backend.deterministic and (hit := self.store.cache_get(key)) is not None:
            self.store.record_step(run_id, step.id, step.tool, b.family, "cached", cache_key=key,
                                   outputs=hit, started=time.time())
            self._done(run_id, StepResult(step.id, step.tool, "cached", b.family, hit), results)
            return
        try:
            cost = check_step(step.id, b.spec, kwargs, self.limits)  # every input known now
        except MedialoomError as exc:
            self._done(run_id, StepResult(step.id, step.tool, "failed", b.family, error=exc.one_line(),
                                          exit_code=exc.exit_code), results, record=True)
            return
        workdir = self.store.tmpdir(step.id)
        ctx = ToolContext(step.id, step.tool, b.family, seed, workdir, self.config, b.model)
        # a heavy offline step runs in a capped worker process, so it cannot take this one down
        isolate = b.backend.cpu_bound or (b.family == "offline" and cost.memory > self.limits.heavy_gb * GB)
        if not isolate or self.remote is not None:
            ctx = _with_progress(ctx, self.emit, step.id, step.tool, b.family, self.cancel)
        self.emit(Event("started", step.id, step.tool, b.family))
        pool = self.remote or (self._process_pool() if isolate else self._thread_pool())
        shared = self.pools is not None and self.remote is None and isolate
        future = pool.submit(_shared_worker() if shared else run_backend, b, ctx, kwargs)
        running[future] = (step, key, kwargs, seed, workdir, time.time())

    def _finish(self, future: Future, job: tuple, bound: dict[str, Bound],
                results: dict[str, StepResult], run_id: str) -> None:
        step, key, kwargs, seed, workdir, started = job
        b = bound[step.id]
        try:
            outcome = future.result()
        except Exception as exc:  # the worker process died (killed, out of memory)
            if isinstance(exc, BrokenProcessPool):  # the next step gets a fresh pool
                self._processes = None
            outcome = StepFailure(f"{step.tool} worker stopped: {type(exc).__name__}: {exc}",
                                  type(exc).__name__, 1)
        if isinstance(outcome, StepFailure):
            outcome = replace(outcome, error=_user_names(outcome.error, kwargs))
            self.store.record_step(run_id, step.id, step.tool, b.family, "failed", cache_key=key,
                                   error=outcome.error, detail=outcome.detail, started=started)
            self._done(run_id, StepResult(step.id, step.tool, "failed", b.family, error=outcome.error,
                                          exit_code=outcome.exit_code), results)
        else:
            arts = self._ingest(step, b, key, kwargs, seed, outcome, started, run_id)
            self._done(run_id, StepResult(step.id, step.tool, "done", b.family, arts,
                                          seconds=outcome.seconds), results)
        shutil.rmtree(workdir, ignore_errors=True)

    def _ingest(self, step: Step, b: Bound, key: str, kwargs: dict[str, Any], seed: int,
                outcome: StepOutputs, started: float, run_id: str) -> dict[str, Artifact]:
        parents = sorted({a.sha256 for a in artifacts_in(kwargs)})
        base = {"tool": step.tool, "backend": b.family, "backend_version": b.version,
                "model": b.model, "args": canonical(kwargs), "seed": seed, "parents": parents,
                "step": step.id, "run": run_id,
                "timings": {"started": started, "seconds": round(outcome.seconds, 4)}}
        arts: dict[str, Artifact] = {}
        with self.store.transaction() as db:
            for name, out in outcome.outputs.items():
                meta = {**base, **out.meta, "output": name}
                arts[name] = self.store.put_file(out.path, out.kind or b.spec.output, meta, db=db)
            self.store.record_step(run_id, step.id, step.tool, b.family, "done", cache_key=key,
                                   started=started, outputs=arts,
                                   cache_outputs=b.backend.deterministic, db=db)
        return arts

    def _done(self, run_id: str, result: StepResult, results: dict[str, StepResult],
              record: bool = False) -> None:
        results[result.step] = result
        if record:
            self.store.record_step(run_id, result.step, result.tool, result.backend, result.status,
                                   error=result.error)
        kind = {"done": "finished", "cached": "cached", "failed": "failed", "skipped": "skipped"}
        self.emit(Event(kind[result.status], result.step, result.tool, result.backend,  # type: ignore[arg-type]
                        1.0 if result.status in ("done", "cached") else None, result.error or ""))

    def _resolve_args(self, step: Step, b: Bound, results: dict[str, StepResult],
                      imported: dict, base_dir: Path) -> dict[str, Any]:
        """References become artifacts (text arguments: their text), user files are imported."""
        kwargs: dict[str, Any] = {}
        for name, value in step.args.items():
            param = b.spec.param(name)
            if param is None or param.kind is None or value is None:
                kwargs[name] = value
                continue
            items = [self._resolve_one(v, param.kind, results, imported, base_dir)
                     for v in (value if isinstance(value, list) else [value])]
            kwargs[name] = items if isinstance(value, list) else items[0]
        return kwargs

    def _resolve_one(self, value: Any, kind: str, results: dict[str, StepResult],
                     imported: dict, base_dir: Path) -> Any:
        ref = Ref.parse(value)
        if ref is not None:
            art = results[ref.step].outputs[ref.output or "main"]
            return art.read_text() if kind in TEXT_KINDS and art.kind in TEXT_KINDS else art
        if kind in TEXT_KINDS:
            return value
        path = resolve_user_path(str(value), base_dir)
        if (str(path), kind) not in imported:
            imported[(str(path), kind)] = self.store.import_user_file(path, kind)
        return imported[(str(path), kind)]

    # -- pools --------------------------------------------------------------------------------
    def _thread_pool(self) -> PoolExecutor:
        if self.pools is not None:
            return self.pools.threads()
        if self._threads is None:
            self._threads = ThreadPoolExecutor(max_workers=max(8, self.config.workers_or_default()),
                                               thread_name_prefix="medialoom")
        return self._threads

    def _process_pool(self) -> PoolExecutor:
        if self.pools is not None:
            return self.pools.processes()
        if self._processes is None:
            method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
            from .procs import worker_start  # workers die with us and have a memory cap

            cap = int(self.limits.worker_memory_gb * GB)
            self._processes = ProcessPoolExecutor(max_workers=self.config.workers_or_default(),
                                                  mp_context=multiprocessing.get_context(method),
                                                  initializer=worker_start, initargs=(os.getpid(), cap))
        return self._processes


def _shared_worker() -> Any:
    """A stoppable run_backend for the shared worker processes (pools.py)."""
    from .pools import run_in_worker

    return run_in_worker


def _user_names(error: str, kwargs: dict[str, Any]) -> str:
    """A failure names the user's own file (clip.mp4), not its copy in the store (9f3a...mp4)."""
    for art in artifacts_in(kwargs):
        source = art.meta.get("source")
        if source:
            error = error.replace(str(art.path), Path(source).name).replace(art.path.name, Path(source).name)
    return error


def _with_progress(ctx: ToolContext, emit: EventSink, step: str, tool: str, backend: str,
                   cancel: CancelToken | None = None) -> ToolContext:
    def progress(fraction: float, message: str = "") -> None:
        if cancel is not None:
            cancel.check()  # a cancelled run's step stops at its next report
        emit(Event("progress", step, tool, backend, max(0.0, min(1.0, fraction)), message))

    return replace(ctx, progress=progress)

