"""Fuzz (issue 13, "checks that keep it so"): ~2,000 seeded random plans through the plan check
(a dozen of those that pass through the engine), and every corrupt file of bad_inputs.py -
plus the attack's tiny files that claim enormous work - through every tool that takes its kind.
No traceback, no case that hangs, and the whole process tree stays under a memory bound.

The driver (tests/fuzz_driver.py) runs in a child process; this test samples the resident
memory of that process and its workers every 50 ms.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

DRIVER = Path(__file__).with_name("fuzz_driver.py")
TREE_BOUND = 2 << 30      # bytes: driver + worker processes, resident
CASE_BOUND = 30.0         # seconds: no case may take longer (a hang); most take milliseconds


def tree_rss(proc: psutil.Process) -> int:
    total = 0
    for p in [proc, *proc.children(recursive=True)]:
        try:
            total += p.memory_info().rss
        except psutil.Error:
            pass
    return total


@pytest.mark.slow
def test_fuzzed_plans_and_corrupt_files_never_traceback_hang_or_blow_memory(tmp_path):
    env = dict(os.environ, MEDIALOOM_LLM="offline")
    env.pop("MEDIALOOM_PLUGINS", None)
    child = subprocess.Popen([sys.executable, str(DRIVER), str(tmp_path), "--seed", "13", "--plans", "2000"],
                             env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    watched, peak, deadline = psutil.Process(child.pid), 0, time.time() + 400
    while child.poll() is None and time.time() < deadline:
        peak = max(peak, tree_rss(watched))
        time.sleep(0.05)
    if child.poll() is None:
        child.kill()
        pytest.fail("the fuzz driver hung")
    out, err = child.communicate()
    assert child.returncode == 0, err[-3000:]
    found = json.loads(out.strip().splitlines()[-1])
    assert found["plans"] == 2000 and found["file_cases"] > 250 and found["runs"] >= 10, found
    assert found["tracebacks"] == [], json.dumps(found["tracebacks"][:5], indent=1)
    assert found["slowest"][0]["seconds"] < CASE_BOUND, found["slowest"]
    print(f"fuzz: {found['plans']} plans, {found['file_cases']} file cases, {found['runs']} runs, "
          f"tree peak {peak / 2**30:.2f} GB, slowest {found['slowest'][0]}")
    assert peak < TREE_BOUND, f"process tree peaked at {peak / 2**30:.2f} GB"
    assert "Traceback" not in err, err[-3000:]
