"""Timing shared by the bench scripts (they run from bench/, so `from timing import best`)."""

from __future__ import annotations

import time
from collections.abc import Callable


def best(fn: Callable[[], object], repeat: int) -> float:
    """The fastest wall time of `repeat` calls: the least disturbed by a shared machine."""
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return min(runs)
