"""Cancelling a run: a token the executor waits on together with its steps.

    token = CancelToken()
    executor = Executor(..., cancel=token)     # another thread: token.cancel("by the user")
    executor.run(plan, bound)                  # -> raises Cancelled once the token is set

The token holds a `concurrent.futures.Future` that completes on `cancel()`, so the executor's
existing `wait(..., FIRST_COMPLETED)` wakes for it like for a finished step: no polling. Steps
that report progress stop at their next report (`check()` raises inside the tool); steps in
worker processes are stopped by ending their processes (`stop_processes`). Finished steps were
stored as they finished and stay cached; the work folders of stopped steps are removed.
"""

from __future__ import annotations

import threading
from concurrent.futures import Future, ProcessPoolExecutor

from .errors import MedialoomError


class Cancelled(MedialoomError):
    """The run was cancelled; finished steps are kept in the cache."""

    exit_code = 130


class CancelToken:
    def __init__(self) -> None:
        self.future: Future[str] = Future()
        self._lock = threading.Lock()
        self.reason = ""

    @property
    def cancelled(self) -> bool:
        return self.future.done()

    def cancel(self, reason: str = "cancelled") -> bool:
        """Set the token; False when it was already set (a second cancel changes nothing)."""
        with self._lock:
            if self.future.done():
                return False
            self.reason = reason
            self.future.set_result(reason)
            return True

    def check(self) -> None:
        """Raise Cancelled when the token is set (called from tools' progress reports)."""
        if self.future.done():
            raise Cancelled(f"cancelled: {self.reason}")


def stop_processes(pool: ProcessPoolExecutor | None) -> int:
    """End the worker processes of a pool that belongs to one run; how many were ended.
    The standard library has no public way to stop a running task, so the processes go: the
    pool is shut down and discarded by the caller afterwards."""
    if pool is None:
        return 0
    processes = list(getattr(pool, "_processes", {}).values() or ())
    for process in processes:
        if process.is_alive():
            process.kill()
    for process in processes:
        process.join(5)
    return len(processes)
