"""Engine benchmark: scheduling overhead, parallel branches, cached re-runs.

Each figure is measured in this run against a peer measured in the same run:
  1. overhead per step on a 500-step chain of no-op tools, against calling the same tool
     functions directly in a loop (the serial executor of HuggingGPT-style agents);
  2. 8 independent 0.5 s steps through the scheduler, against one after another;
  3. a cached re-run of a plan, against its first run.

Usage: .venv/bin/python bench/engine.py [--steps 500]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from medialoom.config import load_config  # noqa: E402
from medialoom.context import Output, ToolContext  # noqa: E402
from medialoom.plan import Plan  # noqa: E402
from medialoom.registry import Registry  # noqa: E402
from medialoom.session import Session  # noqa: E402
from medialoom.tools import BackendSpec, Param, ToolSpec  # noqa: E402


def noop(ctx: ToolContext, text: str) -> Output:
    """A quick step whose output differs from its input, so no step of a chain hits the cache."""
    path = ctx.out("out", ".txt")
    path.write_text(text + ".")
    return Output(path)


def nap(ctx: ToolContext, label: str, seconds: float = 0.5) -> Output:
    time.sleep(seconds)
    path = ctx.out("out", ".txt")
    path.write_text(label)
    return Output(path)


TOOLS = (
    ToolSpec("bench.noop", "no-op", (Param("text", "string", "text", kind="text"),), "text",
             (BackendSpec("test", "engine:noop"),)),
    ToolSpec("bench.nap", "sleep", (Param("label", "string", "label"),
                                    Param("seconds", "number", "seconds", required=False)), "text",
             (BackendSpec("test", "engine:nap"),)),
)


def session() -> Session:
    registry = Registry.default()
    for spec in TOOLS:
        registry.add(spec)
    return Session(load_config(Path(tempfile.mkdtemp(prefix="medialoom-bench-"))), registry=registry)


def chain(n: int, tag: str) -> Plan:
    steps = [{"id": "s0", "tool": "bench.noop", "args": {"text": tag}}]
    steps += [{"id": f"s{i}", "tool": "bench.noop", "args": {"text": f"$s{i - 1}"}} for i in range(1, n)]
    return Plan.from_dict({"steps": steps})


def direct_chain(n: int, workdir: Path) -> float:
    config = load_config(workdir)
    start = time.perf_counter()
    text = "direct"
    for i in range(n):
        ctx = ToolContext(f"s{i}", "bench.noop", "test", 0, workdir / f"w{i}", config)
        text = noop(ctx, text).path.read_text()
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--steps", type=int, default=500)
    n = parser.parse_args().steps
    s = session()
    s.run(chain(3, "warm-up"))

    t0 = time.perf_counter()
    first = s.run(chain(n, "bench"))
    ours = time.perf_counter() - t0
    assert first.ok and not first.cached, "every step of the chain ran"
    peer = direct_chain(n, Path(tempfile.mkdtemp(prefix="medialoom-direct-")))
    print(f"1. {n}-step no-op chain: medialoom {ours:.2f}s ({ours / n * 1000:.2f} ms/step), "
          f"direct calls {peer:.2f}s; scheduling + store + cache overhead "
          f"{(ours - peer) / n * 1000:.2f} ms/step")

    eight = Plan.from_dict({"steps": [{"id": f"n{i}", "tool": "bench.nap", "args": {"label": f"n{i}"}}
                                      for i in range(8)]})
    t0 = time.perf_counter()
    s.run(eight)
    parallel = time.perf_counter() - t0
    t0 = time.perf_counter()
    for i in range(8):
        nap(ToolContext(f"n{i}", "bench.nap", "test", 0, Path(tempfile.mkdtemp()), s.config), f"n{i}")
    serial = time.perf_counter() - t0
    print(f"2. 8 independent 0.5 s steps: parallel {parallel:.2f}s vs one after another {serial:.2f}s "
          f"-> {serial / parallel:.1f}x")
    t0 = time.perf_counter()
    cached = s.run(chain(n, "bench"))
    rerun = time.perf_counter() - t0
    assert len(cached.cached) == n and first.ok
    print(f"3. cached re-run of the {n}-step plan: {rerun:.2f}s vs first run {ours:.2f}s "
          f"-> {ours / rerun:.1f}x faster")

    t0 = time.perf_counter()
    again = s.run(eight)
    rerun8 = time.perf_counter() - t0
    assert len(again.cached) == 8
    print(f"3b. cached re-run of the 8 x 0.5 s plan: {rerun8 * 1000:.1f} ms vs first run {parallel:.2f}s "
          f"-> {parallel / rerun8:.0f}x faster")
    return 0


if __name__ == "__main__":
    sys.exit(main())
