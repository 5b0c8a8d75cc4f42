"""The planner on requests written by other people: TaskBench multimedia, read from the shared
folder beside the repository (its texts are other people's words and never copied here).

`score.py` plans every request with `medialoom plan --json --batch` and prints TaskBench's
pooled node and edge F1 for the requests whose tools medialoom has ("mapped"), the share it
refused, and for requests needing a tool medialoom lacks ("unmapped") the share whose answer says
what it will not do. The bar is issue 12's target (GPT-4's published level on TaskBench); the
planner reaches it (README, "Requests written by other people")."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TASKBENCH = ROOT.parent / "shared" / "bench" / "taskbench"
TARGETS = {"node": 0.91, "edge": 0.70, "refused": 0.03, "said": 0.95}

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not (TASKBENCH / "score.py").is_file(), reason="no ../shared/bench/taskbench")]


@pytest.fixture(scope="module")
def scores() -> dict[str, float]:
    cmd = f"{sys.executable} -m medialoom.cli plan --json --batch"
    proc = subprocess.run([sys.executable, str(TASKBENCH / "score.py"), "--cmd", cmd], cwd=ROOT,
                          capture_output=True, text=True, timeout=600)
    line = proc.stdout.strip().splitlines()[-1]
    mapped = re.search(r"mapped n=\d+ node_f1=([\d.]+) edge_f1=([\d.]+) refused=([\d.]+)%", line)
    unmapped = re.search(r"unmapped n=\d+ said_so=([\d.]+)%", line)
    assert mapped and unmapped, proc.stdout + proc.stderr
    return {"node": float(mapped[1]), "edge": float(mapped[2]), "refused": float(mapped[3]) / 100,
            "said": float(unmapped[1]) / 100, "line": line}


def _short_of(scores: dict, bar: dict) -> list[str]:
    short = [f"{k} {scores[k]:.3f} < {bar[k]}" for k in ("node", "edge", "said") if scores[k] < bar[k]]
    return short + ([f"refused {scores['refused']:.3f} > {bar['refused']}"] if scores["refused"] > bar["refused"] else [])


def test_taskbench_scores_reach_the_targets(scores):
    assert not _short_of(scores, TARGETS), scores["line"]
