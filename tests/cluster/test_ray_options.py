"""--ray on run, demo and serve: a cluster that cannot be reached is one line, exit 2, before
anything runs or is written (no cluster needed)."""

from __future__ import annotations

import socket

import pytest

from medialoom.cli import main


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.parametrize("argv", [
    ["run", "a red circle", "--ray", "127.0.0.1:{port}", "--out", "{out}"],
    ["demo", "--ray", "127.0.0.1:{port}", "--out", "{out}"],
    ["serve", "--ray", "127.0.0.1:{port}", "--port", "{serve}"],
])
def test_an_unreachable_cluster_is_one_line_before_anything_runs(argv, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("MEDIALOOM_RAY_ADDRESS", "")  # --ray sets it; undone after the test
    closed, out = free_port(), tmp_path / "out"
    args = [a.format(port=closed, out=out, serve=free_port()) for a in argv]
    assert main(args) == 2
    err = capsys.readouterr().err.strip().splitlines()
    expected = (f"medialoom: cannot reach the Ray cluster at 127.0.0.1:{closed} (Connection refused); "
                "start it with 'ray start --head' there, or fix [cluster] ray_address / --ray")
    assert err == [expected]
    assert not out.exists()


def test_a_malformed_address_is_one_line(capsys, monkeypatch):
    monkeypatch.setenv("MEDIALOOM_RAY_ADDRESS", "")  # --ray sets it; undone after the test
    assert main(["run", "a red circle", "--ray", "headnode"]) == 2
    assert capsys.readouterr().err.strip() == ("medialoom: the Ray address 'headnode' is not HOST:PORT or "
                                               "'auto'; give the head's address, e.g. --ray 10.0.0.5:6379")


def test_a_retry_that_cannot_be_sent_fails_the_step_instead_of_hanging(tmp_path):
    """The landing thread's errors reach the step: a worker died, and sending the retry failed
    (the cluster went away): the step's future ends with that error (no cluster needed)."""
    from concurrent.futures import Future
    from types import SimpleNamespace

    from medialoom.cluster import ClusterSettings, RayPool, _Call
    from medialoom.config import load_config
    from medialoom.context import ToolContext

    crashed = type("WorkerCrashedError", (Exception,), {})

    def gone(*args, **kwargs):
        raise ConnectionError("the cluster went away")

    fake = SimpleNamespace(exceptions=SimpleNamespace(WorkerCrashedError=crashed), get=gone, remote=gone)
    pool = RayPool(fake, "127.0.0.1:1", ClusterSettings(retries=2))
    ctx = ToolContext("s1", "test.sleep", "test", 1, tmp_path / "work", load_config(tmp_path))
    call = _Call(Future(), bound=None, ctx=ctx, kwargs={}, report=lambda fraction, message: None)  # type: ignore[arg-type]
    call.ref = ref = object()
    pool._calls[call.outer] = call
    done: Future = Future()
    done.set_exception(crashed("the worker died"))
    pool._landed(call, ref, done)
    assert isinstance(call.outer.exception(timeout=1), ConnectionError)
    assert call.attempt == 1 and call.failures == ("WorkerCrashedError: the worker died (node unknown)",)
