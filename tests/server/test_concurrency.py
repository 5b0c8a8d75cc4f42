"""Several jobs at once, the fair queue, and cancelling (DELETE /v1/jobs/{id})."""

from __future__ import annotations

import time

from fastapi.testclient import TestClient
from server_support import AUTH

from medialoom.server.app import Limits
from medialoom.server.scheduler import FairQueue


def sleep_plan(*seconds: float) -> dict:
    return {"steps": [{"id": f"s{i + 1}", "tool": "test.sleep", "args": {"seconds": s}}
                      for i, s in enumerate(seconds)]}


def wait_for(c: TestClient, job_id: str, statuses: tuple[str, ...], limit: float = 60) -> dict:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        job = c.get(f"/v1/jobs/{job_id}").json()
        if job["status"] in statuses:
            return job
        time.sleep(0.05)
    raise AssertionError(f"job {job_id} never reached {statuses}: {job['status']}")


def submit(c: TestClient, plan: dict, session: str | None = None) -> str:
    r = c.post("/v1/jobs", json={"plan": plan, "session": session})
    assert r.status_code == 202, r.text
    return r.json()["id"]


def test_max_jobs_run_side_by_side_and_one_runs_after_another(make_app):
    spans = {}
    for max_jobs in (2, 1):
        with TestClient(make_app(limits=Limits(max_jobs=max_jobs))) as c:
            c.headers.update(AUTH)
            ids = [submit(c, sleep_plan(0.6 + max_jobs / 100 + i / 1000)) for i in range(2)]
            jobs = [wait_for(c, i, ("succeeded",)) for i in ids]
            spans[max_jobs] = [(j["started"], j["finished"]) for j in jobs]
    (_, a1), (b0, _) = sorted(spans[2])
    assert b0 < a1, "with max_jobs = 2 the second job starts before the first ends"
    (_, a1), (b0, _) = sorted(spans[1])
    assert b0 >= a1, "with max_jobs = 1 the second job waits"


def test_fair_queue_takes_owners_in_turn():
    q = FairQueue()
    for job, owner in [("a1", "A"), ("a2", "A"), ("a3", "A"), ("b1", "B"), ("c1", "C"), ("b2", "B")]:
        q.put(job, owner)
    assert q.remove("a2") and not q.remove("zz")
    assert [q.get() for _ in range(5)] == ["a1", "b1", "c1", "a3", "b2"]
    q.close()
    assert q.get() is None and len(q) == 0


def test_one_session_does_not_starve_another(make_app):
    with TestClient(make_app(limits=Limits(max_jobs=1), start_worker=False)) as c:
        c.headers.update(AUTH)
        a, b = (c.post("/v1/sessions").json()["id"] for _ in range(2))
        busy = [submit(c, sleep_plan(0.05 + i / 1000), a) for i in range(3)]
        other = submit(c, sleep_plan(0.07), b)
    with TestClient(make_app(limits=Limits(max_jobs=1))) as c:  # the queue is rebuilt on start
        c.headers.update(AUTH)
        jobs = {i: wait_for(c, i, ("succeeded",)) for i in [*busy, other]}
    order = sorted(jobs, key=lambda i: jobs[i]["started"])
    assert order == [busy[0], other, busy[1], busy[2]]


def test_cancel_a_running_job_stops_its_steps_and_keeps_finished_ones(make_app, quiet_home):
    with TestClient(make_app(limits=Limits(max_jobs=2))) as c:
        c.headers.update(AUTH)
        job_id = submit(c, sleep_plan(0.05, 8.0))
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            steps = {s["id"]: s["status"] for s in c.get(f"/v1/jobs/{job_id}").json()["steps"]}
            if steps == {"s1": "done", "s2": "running"}:
                break
            time.sleep(0.05)
        asked = time.monotonic()
        r = c.delete(f"/v1/jobs/{job_id}")
        assert r.status_code == 202 and r.json()["status"] == "cancelling"
        job = wait_for(c, job_id, ("cancelled", "succeeded", "failed"))
        assert time.monotonic() - asked < 6, "the 8 s step stopped at its next progress report"
        assert job["status"] == "cancelled" and job["error"] == "cancelled by request"
        assert {s["id"]: s["status"] for s in job["steps"]} == {"s1": "done", "s2": "cancelled"}
        again = c.delete(f"/v1/jobs/{job_id}")
        assert again.status_code == 409 and again.json()["error"].endswith("already cancelled; there is nothing to cancel")
        leftovers = [p for p in (quiet_home / "tmp").iterdir()] if (quiet_home / "tmp").exists() else []
        assert leftovers == [], "the stopped step's work folder is gone"
        rerun = wait_for(c, submit(c, sleep_plan(0.05)), ("succeeded",))
        assert rerun["steps"][0]["status"] == "cached"


def test_cancel_a_queued_job_and_the_wrong_ones(make_app):
    with TestClient(make_app(start_worker=False)) as c:
        c.headers.update(AUTH)
        job_id = submit(c, sleep_plan(0.05))
        r = c.delete(f"/v1/jobs/{job_id}")
        assert r.status_code == 202 and r.json()["status"] == "cancelled"
        assert c.get(f"/v1/jobs/{job_id}").json()["status"] == "cancelled"
        with c.stream("GET", f"/v1/jobs/{job_id}/events") as stream:  # the stream ends
            assert '"status": "cancelled"' in "".join(stream.iter_lines())
        assert c.delete(f"/v1/jobs/{job_id}").status_code == 409
        assert c.delete("/v1/jobs/" + "0" * 32).status_code == 404
    with TestClient(make_app()) as c:
        c.headers.update(AUTH)
        done = submit(c, sleep_plan(0.01))
        wait_for(c, done, ("succeeded",))
        r = c.delete(f"/v1/jobs/{done}")
        assert r.status_code == 409 and "already succeeded" in r.json()["error"]
        assert c.get(f"/v1/jobs/{job_id}").json()["status"] == "cancelled"  # not run after restart


def test_max_jobs_in_config(quiet_home):
    (quiet_home / "config.toml").write_text("[server]\nmax_jobs = 3\n")
    from medialoom.config import load_config

    assert Limits.from_config(load_config(quiet_home).sections["server"]).max_jobs == 3
    assert Limits().max_jobs >= 1


def test_jobs_left_running_by_a_killed_server_resume_with_finished_steps_cached(make_app, quiet_home):
    from medialoom.server.jobs import Job, JobStore

    with TestClient(make_app(limits=Limits(max_jobs=2))) as c:  # s1 finished before the "crash"
        c.headers.update(AUTH)
        wait_for(c, submit(c, sleep_plan(0.05)), ("succeeded",))
    store = JobStore(quiet_home / "jobs.sqlite")  # what a killed process leaves: two jobs `running`
    left = [Job(f"{n:032x}", "queued", sleep_plan(0.05, 0.1 + n / 100)) for n in (1, 2)]
    for job in left:
        store.add(job, 16)
        job.status, job.started = "running", time.time()
        store.save(job)
    store.close()
    with TestClient(make_app(limits=Limits(max_jobs=2))) as c:
        c.headers.update(AUTH)
        jobs = [wait_for(c, job.id, ("succeeded",)) for job in left]
    for job in jobs:
        assert {s["id"]: s["status"] for s in job["steps"]} == {"s1": "cached", "s2": "done"}


def test_a_warm_server_starts_every_worker_before_the_first_job(make_app):
    """`medialoom serve` (warm=True) starts the shared worker processes and loads what steps use
    before it takes jobs; without it, workers start on first use."""
    app = make_app(warm=True)
    with TestClient(app) as c:
        c.headers.update(AUTH)
        pool = app.state.ml.session.pools.processes()
        workers = app.state.ml.session.config.workers_or_default()
        assert len(pool._processes) == workers and all(p.is_alive() for p in pool._processes.values())
    cold = make_app()
    with TestClient(cold):
        assert cold.state.ml.session.pools._processes is None
