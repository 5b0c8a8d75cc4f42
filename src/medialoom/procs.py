"""Worker processes that cannot outlive their parent or take the machine's memory.

`worker_start(parent_pid, memory_cap)` is the initializer of the executor's process pool:

    1. PR_SET_PDEATHSIG (Linux): the kernel kills the worker when its parent (the fork server)
       dies; the fork server itself exits when the main process is gone
    2. a watchdog thread: the worker exits within half a second of the main process going away
       (kill -9 included), so no fork server, worker or resource tracker lingers holding memory
    3. a memory cap ([limits] worker_memory_gb): one step that allocates too much fails alone
       with MemoryError instead of taking the server down. On Linux the cap is RLIMIT_DATA
       (since 4.7 it counts heap and private anonymous mappings: every numpy array) rather than
       RLIMIT_AS, which also counts the address space GPU drivers and EGL reserve without using
       it; elsewhere RLIMIT_AS
"""

from __future__ import annotations

import ctypes
import os
import resource
import signal
import sys
import threading
import time

PR_SET_PDEATHSIG = 1


def worker_start(parent_pid: int, memory_cap: int = 0) -> None:
    die_with_parent(parent_pid)
    if memory_cap > 0:
        cap_memory(memory_cap)


def die_with_parent(parent_pid: int, every: float = 0.5) -> None:
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
        except (OSError, AttributeError):
            pass  # the watchdog below still holds
    threading.Thread(target=_watch, args=(parent_pid, every), name="medialoom-watchdog",
                     daemon=True).start()


def _watch(parent_pid: int, every: float) -> None:
    while alive(parent_pid):
        time.sleep(every)
    os._exit(1)


def alive(pid: int) -> bool:
    """Whether a process with this id is running (a zombie counts as gone)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            return f.read().rsplit(b")", 1)[1].split()[0] != b"Z"
    except (OSError, IndexError):
        return True


def cap_memory(limit: int) -> None:
    """Cap the memory this process may allocate at `limit` bytes (never above the hard limit)."""
    which = resource.RLIMIT_DATA if sys.platform.startswith("linux") else resource.RLIMIT_AS
    _, hard = resource.getrlimit(which)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(which, (limit, hard))
