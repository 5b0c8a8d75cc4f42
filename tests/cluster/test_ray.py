"""Plans on a real two-node Ray cluster on loopback (ray_local.LocalCluster): parallel branches
spread over both nodes with the same sha256 as a local run, a killed worker's step retried,
neural steps in a long-lived model actor, and the one-line errors. Marked `ray`: `make test`
runs them (about a minute: starting the cluster is most of it)."""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from pathlib import Path

import pytest

ray = pytest.importorskip("ray")

from medialoom.config import load_config
from medialoom.errors import BackendUnavailable, UsageError
from medialoom.plan import Plan, Step
from medialoom.ray_local import LocalCluster
from medialoom.registry import Registry
from medialoom.session import Session

pytestmark = [pytest.mark.ray, pytest.mark.slow, pytest.mark.xdist_group("ray")]
HERE = Path(__file__).parent
QUIET = "[safety]\noutput_check = false\nwatermark = false\nc2pa = false\n"


@pytest.fixture(scope="module")
def cluster():
    src = Path(__file__).parents[2] / "src"
    env = {"PYTHONPATH": os.pathsep.join([str(src), str(HERE), str(HERE.parent)])}
    with LocalCluster(cpus_per_node=2, nodes=2, env=env) as c:
        yield c
        if ray.is_initialized():
            ray.shutdown()


def make_session(home: Path, cluster_section: str = "") -> Session:
    sys.path[:0] = [str(HERE), str(HERE.parent)]
    import cluster_tools
    import engine_tools

    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text(QUIET + cluster_section)
    registry = Registry.default()
    for spec in (*engine_tools.TOOLS, *cluster_tools.TOOLS):
        registry.add(spec)
    return Session(load_config(home), registry=registry)


@pytest.fixture
def on_ray(cluster, tmp_path):
    def make(extra: str = "") -> Session:
        return make_session(tmp_path / "ray-home", f'[cluster]\nray_address = "{cluster.address}"\n{extra}')
    return make


BRANCHES = Plan([Step("a", "test.image", {"width": 48, "height": 32, "seed": 1}),
                 Step("b", "test.invert", {"image": "$a"}),
                 Step("c", "test.image", {"width": 48, "height": 32, "seed": 2}),
                 Step("d", "test.invert", {"image": "$c"}),
                 Step("e", "test.sleep", {"seconds": 0.4, "label": "e"}),
                 Step("f", "test.sleep", {"seconds": 0.4, "label": "f"})])


def test_parallel_branches_spread_over_both_nodes_with_the_local_hashes(on_ray, tmp_path):
    local = make_session(tmp_path / "local").run(BRANCHES)
    remote = on_ray().run(BRANCHES)
    assert remote.ok and local.ok
    hashes = {s: {n: a.sha256 for n, a in r.outputs.items()} for s, r in remote.steps.items()}
    assert hashes == {s: {n: a.sha256 for n, a in r.outputs.items()} for s, r in local.steps.items()}
    nodes = {a.meta["ray_node"] for r in remote.steps.values() for a in r.outputs.values()}
    assert len(nodes) == 2, "SPREAD puts the branches on both nodes"
    again = on_ray().run(BRANCHES)  # the driver's cache serves a Ray run like a local one
    assert sorted(again.cached) == sorted(s.id for s in BRANCHES.steps)


def test_a_worker_killed_mid_step_is_retried_on_another_node_and_reported(on_ray, tmp_path):
    pidfile = tmp_path / "pids.txt"
    plan = Plan([Step("s1", "test.pid_sleep", {"seconds": 3, "pidfile": str(pidfile)})])
    session, events, result = on_ray(), [], {}
    thread = threading.Thread(target=lambda: result.setdefault("run", session.run(plan, on_event=events.append)))
    thread.start()
    deadline = time.monotonic() + 60
    while not (pidfile.exists() and pidfile.read_text().strip()) and time.monotonic() < deadline:
        time.sleep(0.1)
    first = int(pidfile.read_text().split()[0])
    os.kill(first, signal.SIGKILL)  # a worker process of the cluster this test started
    thread.join(120)
    run = result["run"]
    assert run.ok, run.steps["s1"].error
    pids = [int(p) for p in pidfile.read_text().split()]
    assert len(pids) == 2 and pids[1] != first
    meta = run.steps["s1"].outputs["main"].meta
    retries = meta["ray_retries"]
    assert len(retries) == 1 and "WorkerCrashedError" in retries[0]
    failed_on = retries[0].rsplit("(node ", 1)[1].rstrip(")")
    alive = {n["NodeID"] for n in ray.nodes() if n["Alive"]}
    assert failed_on in alive and meta["ray_node"] in alive
    assert meta["ray_node"] != failed_on, "the retry ran on the other node"
    assert any(e.message.startswith("retry 1 of 2") for e in events)


def test_cancel_stops_a_step_on_the_cluster(on_ray, tmp_path):
    from medialoom.cancel import Cancelled, CancelToken

    pidfile, token = tmp_path / "pids.txt", CancelToken()
    plan = Plan([Step("s1", "test.pid_sleep", {"seconds": 60, "pidfile": str(pidfile)})])
    threading.Thread(target=lambda: _cancel_when_written(pidfile, token), daemon=True).start()
    started = time.monotonic()
    with pytest.raises(Cancelled):
        on_ray().run(plan, cancel=token)
    assert time.monotonic() - started < 30
    pid = int(pidfile.read_text().split()[0])
    deadline = time.monotonic() + 15
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not _alive(pid), "the worker running the step was stopped"


def _cancel_when_written(pidfile: Path, token) -> None:
    deadline = time.monotonic() + 60
    while not (pidfile.exists() and pidfile.read_text().strip()) and time.monotonic() < deadline:
        time.sleep(0.1)
    token.cancel("by the test")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return Path(f"/proc/{pid}/status").exists() and "zombie" not in Path(f"/proc/{pid}/status").read_text()


def test_neural_steps_share_one_long_lived_model_actor(on_ray):
    session = on_ray("gpus_per_model = 0\n")
    first = session.run(Plan([Step("s1", "test.model_pid", {"text": "one"})]), backend="neural")
    second = session.run(Plan([Step("s1", "test.model_pid", {"text": "two"})]), backend="neural")
    texts = [r.steps["s1"].outputs["main"].read_text().split() for r in (first, second)]
    assert [t[0] for t in texts] == ["one", "two"] and texts[0][1] == texts[1][1], "one process holds the model"


def test_a_neural_step_on_a_cluster_without_gpus_is_one_line(on_ray):
    with pytest.raises(BackendUnavailable) as err:
        on_ray().run(Plan([Step("s7", "test.model_pid", {"text": "x"})]), backend="neural")
    line = err.value.one_line()
    assert line.startswith("step s7 (test.model_pid, neural) needs 1 GPU and the Ray cluster at 127.0.0.1:")
    assert "has 0" in line and "\n" not in str(err.value)


def test_a_wrong_address_is_one_line_before_anything_runs(tmp_path):
    session = make_session(tmp_path / "h", '[cluster]\nray_address = "127.0.0.1:1"\n')
    with pytest.raises(UsageError, match=r"^cannot reach the Ray cluster at 127.0.0.1:1 \("):
        session.run(Plan([Step("a", "test.echo", {"text": "x"})]), out=tmp_path / "out")
    assert not (tmp_path / "out").exists()
