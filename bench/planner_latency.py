"""Offline planner latency per request, as CPU time of the planning thread (steady on a shared,
loaded machine, where wall time is not), over our regression sets and, when present, TaskBench's
requests from ../shared. Target (issue 12): under 10 ms a request.

    .venv/bin/python bench/planner_latency.py
"""

from __future__ import annotations

import json
import os
import statistics
import time
from pathlib import Path

os.environ.setdefault("MEDIALOOM_LLM", "offline")

from medialoom.errors import MedialoomError  # noqa: E402
from medialoom.planner.offline import OfflinePlanner  # noqa: E402
from medialoom.registry import Registry  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SETS = sorted((ROOT / "tests" / "planner" / "regression").glob("*.jsonl"))
TASKBENCH = ROOT.parent / "shared" / "bench" / "taskbench" / "requests.jsonl"


def main() -> None:
    planner = OfflinePlanner(Registry.default())
    requests = [json.loads(line)["request"] for path in SETS for line in path.read_text().splitlines()]
    if TASKBENCH.is_file():
        requests += [json.loads(line)["request"] for line in TASKBENCH.read_text().splitlines() if line.strip()]
    cpu, wall = [], []
    for request in requests:
        t, w = time.thread_time(), time.perf_counter()
        try:
            planner.plan(request)
        except MedialoomError:
            pass
        cpu.append(1000 * (time.thread_time() - t))
        wall.append(1000 * (time.perf_counter() - w))
    cpu.sort()
    print(f"{len(requests)} requests: CPU per request mean {statistics.mean(cpu):.2f} ms, p50 {cpu[len(cpu) // 2]:.2f}, "
          f"p95 {cpu[int(len(cpu) * 0.95)]:.2f}, max {cpu[-1]:.1f} (target < 10 ms); wall mean "
          f"{statistics.mean(wall):.2f} ms at load {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
