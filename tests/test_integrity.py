"""Integrity (issue 13, items 6 and 8): exported files are copies, the store is read-only and
never serves edited bytes, `medialoom fsck` re-hashes, and kill -9 leaves no process, no
`running` run and no hidden temp file behind."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from medialoom.config import load_config
from medialoom.plan import Plan
from medialoom.session import Session
from medialoom.store import Store, sha256_file

PLAN = {"steps": [{"id": "s1", "tool": "image.generate", "args": {"prompt": "a red ball", "width": 64,
                                                                   "height": 64, "seed": 1}}]}


def run(home: Path, out: Path):
    session = Session(load_config(home))
    try:
        return session.run(Plan.from_dict(PLAN), out=out, base_dir=out.parent)
    finally:
        session.store.close()


def test_export_is_a_copy_and_an_edited_copy_never_reaches_the_store(home, tmp_path):
    out = tmp_path / "out"
    first = run(home, out)
    art, exported = first.steps["s1"].outputs["main"], first.exported["s1"]["main"]
    assert os.stat(exported).st_ino != os.stat(art.path).st_ino
    assert art.path.stat().st_mode & 0o222 == 0  # the store's file is read-only
    with open(exported, "ab") as f:
        f.write(b"edited by the user")
    again = run(home, out)
    assert again.cached == ["s1"]
    assert sha256_file(art.path) == art.sha256  # the store still holds what it says it holds
    assert sha256_file(exported) == art.sha256  # and the export was made again from it
    assert not [p.name for p in out.iterdir() if p.name.startswith(".")]  # no hidden .tmp left


def test_a_stored_file_edited_in_place_is_not_served_but_made_again(home, tmp_path):
    first = run(home, tmp_path / "out")
    path = first.steps["s1"].outputs["main"].path
    os.chmod(path, 0o644)
    data = bytearray(path.read_bytes())
    data[-20] ^= 0xFF  # same size, new mtime
    path.write_bytes(bytes(data))
    again = run(home, tmp_path / "out")
    assert again.ran == ["s1"] and again.cached == []
    made = again.steps["s1"].outputs["main"]  # provenance stamps a time: new bytes, new hash
    assert sha256_file(made.path) == made.sha256


def fsck(home: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "medialoom.cli", "fsck", *args],
                          env=dict(os.environ, MEDIALOOM_HOME=str(home)), capture_output=True, text=True,
                          timeout=60, check=False)


def test_fsck_finds_damage_that_keeps_size_and_mtime_and_repair_makes_it_again(home, tmp_path):
    first = run(home, tmp_path / "out")
    path = first.steps["s1"].outputs["main"].path
    stat = path.stat()
    os.chmod(path, 0o644)
    data = bytearray(path.read_bytes())
    data[-20] ^= 0xFF
    path.write_bytes(bytes(data))
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # a bit flip the cheap check cannot see
    assert run(home, tmp_path / "out").cached == ["s1"]
    found = fsck(home)
    assert found.returncode == 1, found.stderr
    assert "1 damaged" in found.stdout and "bytes changed since stored" in found.stdout
    fixed = fsck(home, "--repair", "--json")
    assert fixed.returncode == 0 and json.loads(fixed.stdout)["cache_entries_dropped"] == 1
    again = run(home, tmp_path / "out")
    made = again.steps["s1"].outputs["main"]
    assert again.ran == ["s1"] and sha256_file(made.path) == made.sha256
    assert fsck(home).returncode == 0


def test_cached_reruns_into_the_same_out_leave_no_hidden_files(home, tmp_path):
    out = tmp_path / "out"
    for _ in range(3):
        run(home, out)
    assert sorted(p.name for p in out.iterdir()) == ["s1-image-generate.png"]


@pytest.mark.slow
def test_kill_9_leaves_no_worker_and_no_running_run(home, tmp_path):
    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps({"steps": [{"id": "s1", "tool": "test.hog", "args": {"mb": 50, "hold": 60}}]}))
    env = dict(os.environ, MEDIALOOM_HOME=str(home), MEDIALOOM_PLUGINS="resource_tools",
               PYTHONPATH=os.pathsep.join([str(Path(__file__).parent), os.environ.get("PYTHONPATH", "")]))
    proc = subprocess.Popen([sys.executable, "-m", "medialoom.cli", "run", "--plan", str(plan), "--backend",
                             "offline", "--out", str(tmp_path / "out")], env=env, cwd=tmp_path,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    parent = psutil.Process(proc.pid)
    deadline = time.time() + 60
    while time.time() < deadline:  # wait for the worker that holds the memory
        kids = parent.children(recursive=True)
        if any(k.memory_info().rss > 60 << 20 for k in kids if k.is_running()):
            break
        time.sleep(0.2)
    else:
        pytest.fail("the worker never started")
    kids = parent.children(recursive=True)
    assert len(kids) >= 2  # fork server, worker (and the resource tracker)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    _, alive = psutil.wait_procs(kids, timeout=5)
    alive = [p for p in alive if p.is_running() and p.status() != psutil.STATUS_ZOMBIE]
    assert not alive, [p.cmdline() for p in alive]
    store = Store(home)
    assert [r["status"] for r in store.query("SELECT status FROM runs")] == ["interrupted"]
    store.close()
