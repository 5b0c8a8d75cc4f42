"""Tools the Ray tests send to the cluster's workers (importable there through PYTHONPATH)."""

from __future__ import annotations

import os
import time

from medialoom.context import Output, ToolContext
from medialoom.tools import BackendSpec, Param, ToolSpec


def pid_sleep(ctx: ToolContext, seconds: float, pidfile: str) -> Output:
    """Write this worker's pid to `pidfile` (so a test can kill it), then sleep."""
    with open(pidfile, "a", encoding="utf-8") as f:
        f.write(f"{os.getpid()}\n")
    time.sleep(seconds)
    path = ctx.out("out", ".txt")
    path.write_text(f"slept {seconds}")
    return Output(path)


def model_pid(ctx: ToolContext, text: str) -> Output:
    """A stand-in neural step: its output names the process that would hold the model."""
    path = ctx.out("out", ".txt")
    path.write_text(f"{text} {os.getpid()}")
    return Output(path)


TOOLS = (
    ToolSpec("test.pid_sleep", "write the pid, sleep (tests)",
             (Param("seconds", "number", "how long"), Param("pidfile", "string", "where")), "text",
             (BackendSpec("test", "cluster_tools:pid_sleep", cpu_bound=True),)),
    ToolSpec("test.model_pid", "the pid of the model's process (tests)",
             (Param("text", "string", "text"),), "text",
             (BackendSpec("neural", "cluster_tools:model_pid"),)),
)
