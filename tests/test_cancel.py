"""Cancelling a run: a step in a worker process is ended, the run stops at once, finished steps
stay cached, no work folder is left."""

from __future__ import annotations

import threading
import time

import pytest

from medialoom.cancel import Cancelled, CancelToken
from medialoom.plan import Plan, Step


def test_cancel_ends_a_worker_process_step_and_keeps_finished_steps(engine_session, home):
    token = CancelToken()
    plan = Plan([Step("quick", "test.echo", {"text": "hi"}),
                 Step("long", "test.cpu", {"n": 10**10})])  # minutes of pure Python in a process

    def on_event(event) -> None:
        if event.step == "long" and event.type == "started":
            threading.Timer(1.0, token.cancel, ("by the test",)).start()

    started = time.monotonic()
    with pytest.raises(Cancelled, match="cancelled: by the test"):
        engine_session.run(plan, on_event=on_event, cancel=token)
    assert time.monotonic() - started < 30
    assert not token.cancel("again"), "a second cancel changes nothing"
    assert [p.name for p in (home / "tmp").iterdir()] == []
    rerun = engine_session.run(Plan([Step("quick", "test.echo", {"text": "hi"})]))
    assert rerun.cached == ["quick"]
    runs = engine_session.store._conn().execute("SELECT status FROM runs ORDER BY created").fetchall()
    assert [r[0] for r in runs] == ["cancelled", "succeeded"]


def test_a_token_set_before_the_run_runs_nothing(engine_session):
    token = CancelToken()
    token.cancel("early")
    with pytest.raises(Cancelled):
        engine_session.run(Plan([Step("a", "test.echo", {"text": "x"})]), cancel=token)
    assert engine_session.store._conn().execute("SELECT COUNT(*) FROM steps").fetchone()[0] == 0


def test_in_shared_pools_cancel_stops_only_its_own_step(engine_session):
    """The server's jobs share worker processes: a cancelled job's step stops, the step of
    another job running beside it in the same pool finishes, and the pool keeps working."""
    engine_session.share_pools()
    token, results = CancelToken(), {}

    def on_event(event) -> None:
        if event.step == "long" and event.type == "started":
            threading.Timer(1.0, token.cancel, ("by the test",)).start()

    def other() -> None:
        time.sleep(0.5)
        results["other"] = engine_session.run(Plan([Step("o", "test.cpu", {"n": 4_000_000})]))

    beside = threading.Thread(target=other)
    beside.start()
    started = time.monotonic()
    with pytest.raises(Cancelled):
        engine_session.run(Plan([Step("long", "test.cpu", {"n": 10**10})]), on_event=on_event, cancel=token)
    assert time.monotonic() - started < 30
    beside.join(60)
    assert results["other"].ok
    pool = engine_session.pools.processes()
    after = engine_session.run(Plan([Step("p", "test.cpu", {"n": 6_000_000}),
                                     Step("q", "test.cpu", {"n": 6_000_001})]))
    assert after.ok and engine_session.pools.processes() is pool, "the shared pool was not broken"
    pids = {int(r.outputs["main"].read_text().split()[0]) for r in after.steps.values()}
    assert len(pids) == 2, "both workers are free: the cancelled step's worker stopped it"
    assert pids == {p.pid for p in pool._processes.values()}
    engine_session.pools.close()
