"""A tool that asks for memory, for the tests of worker memory caps and cleanup (loaded by the
workers by module name, so it lives in its own importable module)."""

from __future__ import annotations

import os
import time

import numpy as np

from medialoom.context import Output, ToolContext
from medialoom.tools import BackendSpec, Param, ToolSpec


def hog(ctx: ToolContext, mb: int, hold: float = 0.0) -> Output:
    block = np.ones(mb * (1 << 20), np.uint8)  # touched: real memory, not only address space
    time.sleep(hold)
    path = ctx.out("out", ".txt")
    path.write_text(f"{block.sum()} bytes held by {os.getpid()}")
    return Output(path)


HOG = ToolSpec("test.hog", "take memory", (Param("mb", "integer", "megabytes"),
                                           Param("hold", "number", "seconds", required=False)), "text",
               (BackendSpec("test", "resource_tools:hog", cpu_bound=True, deterministic=False),))


TOOLS = (HOG,)  # MEDIALOOM_PLUGINS=resource_tools
