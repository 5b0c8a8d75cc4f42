"""Worker pools shared by every run of a process (the server's concurrent jobs), so steps of
different jobs interleave on one set of warm workers instead of each job starting its own.

    pools = SharedPools(config)
    Executor(..., pools=pools)           # runs take their pools from here and leave them open
    pools.stop_steps(workdirs)           # a cancelled run's steps in worker processes stop

Stopping one step in a shared process pool cannot end its process (the standard pool would
break, and every other job's steps with it). Instead each step in a worker writes its pid into
its work folder; to stop it, `.cancel` is written beside it and the process gets SIGUSR1, whose
handler raises Cancelled inside the step only when the step it is running is the one asked to
stop, so a signal that arrives late never stops another job's step.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path
from typing import Any

from .cancel import Cancelled
from .config import Config
from .context import ToolContext
from .registry import Bound
from .worker import StepFailure, StepOutputs, run_backend

PID_FILE, CANCEL_FILE = ".pid", ".cancel"
_current: Path | None = None  # the work folder of the step this worker process runs


def _on_stop(signum: int, frame: Any) -> None:
    if _current is not None and (_current / CANCEL_FILE).exists():
        raise Cancelled("cancelled: by request")


def _init_worker(parent_pid: int = 0, memory_cap: int = 0) -> None:
    """A shared worker: stoppable by SIGUSR1, dies with the server, memory capped ([limits])."""
    signal.signal(signal.SIGUSR1, _on_stop)
    if parent_pid:
        from .procs import worker_start

        worker_start(parent_pid, memory_cap)


def _warm_worker(hold: float = 0.3) -> None:
    """Imports and model loads a worker does once; `hold` keeps each worker to one warm-up call."""
    import time

    from . import worker  # noqa: F401 - the backend runner and what it imports
    from .check import annotate  # noqa: F401 - the checks run for the answers
    from .safety import checks

    checks._detector()  # NudeNet, loaded once per process
    time.sleep(hold)


def run_in_worker(bound: Bound, ctx: ToolContext, kwargs: dict[str, Any]) -> StepOutputs | StepFailure:
    """run_backend in a shared worker process, stoppable by `SharedPools.stop_steps`."""
    global _current
    ctx.workdir.mkdir(parents=True, exist_ok=True)
    (ctx.workdir / PID_FILE).write_text(str(os.getpid()))
    _current = ctx.workdir
    try:
        return run_backend(bound, ctx, kwargs)
    except Cancelled as exc:  # the signal landed outside the backend's own error handling
        return StepFailure(exc.one_line(), "Cancelled", 130)
    finally:
        _current = None


class SharedPools:
    def __init__(self, config: Config):
        self.config = config
        self._threads: ThreadPoolExecutor | None = None
        self._processes: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()

    def threads(self) -> ThreadPoolExecutor:
        with self._lock:
            if self._threads is None:
                self._threads = ThreadPoolExecutor(max_workers=max(8, self.config.workers_or_default()),
                                                   thread_name_prefix="medialoom-shared")
            return self._threads

    def processes(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._processes is None:
                method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
                from .budget import Limits
                from .costs import GB

                cap = int(Limits.from_config(self.config).worker_memory_gb * GB)
                self._processes = ProcessPoolExecutor(max_workers=self.config.workers_or_default(),
                                                      mp_context=multiprocessing.get_context(method),
                                                      initializer=_init_worker, initargs=(os.getpid(), cap))
            return self._processes

    def warm(self, timeout: float = 60.0) -> None:
        """Start every worker process and load what steps use (the backends' modules, the output
        safety model, the checker), so the first jobs a server takes do not pay for it."""
        from concurrent.futures import wait

        pool = self.processes()
        wait([pool.submit(_warm_worker) for _ in range(self.config.workers_or_default())], timeout)

    def stop_steps(self, workdirs: list[Path]) -> None:
        """Ask the worker processes running these steps to stop them (see the module doc)."""
        for workdir in workdirs:
            pid_file = workdir / PID_FILE
            if not pid_file.exists():
                continue  # not started yet in a worker (or a thread step): nothing to signal
            (workdir / CANCEL_FILE).touch()
            try:
                os.kill(int(pid_file.read_text()), signal.SIGUSR1)
            except (ProcessLookupError, ValueError, OSError):
                pass

    def close(self, wait: bool = False) -> None:
        """Stop the pools; `wait` (nothing running any more) lets the worker processes end and
        release what they hold before this process exits."""
        with self._lock:
            for pool in (self._threads, self._processes):
                if pool is not None:
                    pool.shutdown(wait=wait, cancel_futures=True)
            self._threads = self._processes = None
