"""Jobs: plans queued for the worker, kept in SQLite in the data folder so a restart loses none.

    JobStore   the `jobs` and `sessions` tables (one connection, a lock, WAL)
    EventHub   per-job event logs; the worker thread publishes, SSE readers subscribe
    JobRunner  `max_jobs` worker threads taking queued jobs fairly (scheduler.FairQueue) and
               running them through Session; `cancel` stops a queued or running job

A job is `queued -> running -> succeeded | failed | cancelled`. On start, jobs left `queued` by a
previous process are queued again (finished steps come back from the cache), and so are jobs that
a graceful stop interrupted or that the process died under once (kill -9). A job the process died
under twice (it may be what takes it down, e.g. out of memory) fails with one line and is not run
again, so one job cannot take the server down on every restart.
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from ..cancel import Cancelled, CancelToken
from ..errors import MedialoomError, UsageError
from ..events import Event
from ..plan import Plan
from .scheduler import FairQueue, default_max_jobs

SCHEMA = """
CREATE TABLE IF NOT EXISTS jobs (
  id TEXT PRIMARY KEY, status TEXT NOT NULL, request TEXT, plan TEXT NOT NULL, session TEXT,
  created REAL NOT NULL, started REAL, finished REAL, error TEXT,
  steps TEXT NOT NULL DEFAULT '{}', outputs TEXT NOT NULL DEFAULT '[]', attempts INTEGER NOT NULL DEFAULT 0);
CREATE INDEX IF NOT EXISTS jobs_status ON jobs (status, created);
CREATE TABLE IF NOT EXISTS sessions (id TEXT PRIMARY KEY, created REAL NOT NULL);
CREATE TABLE IF NOT EXISTS session_files (
  session TEXT NOT NULL, created REAL NOT NULL, kind TEXT NOT NULL, name TEXT NOT NULL);
"""
TERMINAL = ("succeeded", "failed", "cancelled")


class QueueFull(Exception):
    """More jobs are queued than the server accepts."""


@dataclass
class Job:
    id: str
    status: str
    plan: dict[str, Any]
    request: str | None = None
    session: str | None = None
    created: float = field(default_factory=time.time)
    started: float | None = None
    finished: float | None = None
    error: str | None = None
    steps: dict[str, dict[str, Any]] = field(default_factory=dict)
    outputs: list[dict[str, Any]] = field(default_factory=list)
    attempts: int = 0  # times a worker started it: a job the server died under twice is not run again

    def to_dict(self) -> dict[str, Any]:
        steps = [{"id": s["id"], "tool": s["tool"], **self.steps.get(s["id"], {"status": "waiting"})}
                 for s in self.plan.get("steps", [])]
        return {"id": self.id, "status": self.status, "request": self.request, "session": self.session,
                "plan": self.plan, "steps": steps, "outputs": self.outputs, "error": self.error,
                "created": self.created, "started": self.started, "finished": self.finished}


class JobStore:
    def __init__(self, path: Path):
        self._db = sqlite3.connect(path, check_same_thread=False, timeout=30, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")  # as the store: WAL stays consistent, no fsync per update
        self._db.executescript(SCHEMA)
        columns = {row[1] for row in self._db.execute("PRAGMA table_info(jobs)")}
        if "attempts" not in columns:  # a store made before jobs counted their starts
            try:
                self._db.execute("ALTER TABLE jobs ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0")
            except sqlite3.OperationalError:  # another process added it first
                pass
        self._lock = threading.Lock()

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def add(self, job: Job, max_queued: int) -> None:
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                (queued,) = self._db.execute("SELECT COUNT(*) FROM jobs WHERE status='queued'").fetchone()
                if queued >= max_queued:
                    raise QueueFull(f"{queued} jobs are already queued; try again when some have run")
                self._db.execute(
                    "INSERT INTO jobs (id, status, request, plan, session, created, started, finished, error, "
                    "steps, outputs, attempts) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                    (job.id, job.status, job.request, json.dumps(job.plan), job.session, job.created,
                     None, None, None, "{}", "[]", 0))
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def save(self, job: Job) -> None:
        with self._lock:
            self._db.execute(
                "UPDATE jobs SET status=?, started=?, finished=?, error=?, steps=?, outputs=?, attempts=? WHERE id=?",
                (job.status, job.started, job.finished, job.error, json.dumps(job.steps),
                 json.dumps(job.outputs), job.attempts, job.id))

    def get(self, job_id: str) -> Job | None:
        rows = self._select("WHERE id=?", (job_id,))
        return rows[0] if rows else None

    def unfinished(self) -> list[Job]:
        return self._select("WHERE status IN ('queued', 'running') ORDER BY created", ())

    def in_session(self, session_id: str) -> list[Job]:
        return self._select("WHERE session=? ORDER BY created", (session_id,))

    def _select(self, where: str, params: tuple) -> list[Job]:
        with self._lock:
            rows = self._db.execute(
                "SELECT id, status, plan, request, session, created, started, finished, error, steps, "
                f"outputs, attempts FROM jobs {where}", params).fetchall()
        return [Job(r[0], r[1], json.loads(r[2]), r[3], r[4], r[5], r[6], r[7], r[8],
                    json.loads(r[9]), json.loads(r[10]), r[11]) for r in rows]

    # -- sessions -----------------------------------------------------------------------------
    def new_session(self) -> str:
        sid = uuid.uuid4().hex
        with self._lock:
            self._db.execute("INSERT INTO sessions VALUES (?, ?)", (sid, time.time()))
        return sid

    def has_session(self, session_id: str) -> bool:
        with self._lock:
            return self._db.execute("SELECT 1 FROM sessions WHERE id=?", (session_id,)).fetchone() is not None

    def add_session_file(self, session_id: str, kind: str, name: str) -> None:
        """A file the session made or received: later requests may refer to it ("make it ...")."""
        with self._lock:
            self._db.execute("INSERT INTO session_files VALUES (?,?,?,?)", (session_id, time.time(), kind, name))

    def session_files(self, session_id: str) -> list[tuple[str, str]]:
        """(kind, name) of the session's files, newest first."""
        with self._lock:
            return self._db.execute("SELECT kind, name FROM session_files WHERE session=? "
                                    "ORDER BY created DESC, rowid DESC", (session_id,)).fetchall()


class EventHub:
    """Events per job, replayed to late readers. Publishing is thread-safe and never blocks."""

    def __init__(self, keep: int = 256):
        self._logs: dict[str, list[dict[str, Any]]] = {}
        self._subs: dict[str, list[tuple[asyncio.AbstractEventLoop, asyncio.Queue]]] = {}
        self._lock = threading.Lock()
        self._keep = keep

    def publish(self, job_id: str, event: dict[str, Any]) -> None:
        with self._lock:
            self._logs.setdefault(job_id, []).append(event)
            subs = list(self._subs.get(job_id, ()))
            if len(self._logs) > self._keep:
                self._logs.pop(next(iter(self._logs)))
        for loop, q in subs:
            try:
                loop.call_soon_threadsafe(q.put_nowait, event)
            except RuntimeError:  # the reader's loop is closed
                self.unsubscribe(job_id, q)

    def subscribe(self, job_id: str) -> tuple[list[dict[str, Any]], asyncio.Queue]:
        q: asyncio.Queue = asyncio.Queue()
        with self._lock:
            backlog = list(self._logs.get(job_id, ()))
            self._subs.setdefault(job_id, []).append((asyncio.get_running_loop(), q))
        return backlog, q

    def unsubscribe(self, job_id: str, q: asyncio.Queue) -> None:
        with self._lock:
            self._subs[job_id] = [(lp, x) for lp, x in self._subs.get(job_id, ()) if x is not q]
            if not self._subs[job_id]:
                del self._subs[job_id]


class NotCancellable(UsageError):
    """A job that has ended, or whose cancellation is already under way."""


# The function that runs one plan: (plan, session id, event sink, cancel token) -> outcome
RunFn = Callable[[Plan, "str | None", Callable[[Event], None], CancelToken], "RunOutcome"]


@dataclass
class RunOutcome:
    ok: bool
    steps: dict[str, dict[str, Any]]
    outputs: list[dict[str, Any]]
    error: str | None = None
    cancelled: bool = False


class JobRunner:
    def __init__(self, store: JobStore, hub: EventHub, run: RunFn, max_queued: int = 16,
                 max_jobs: int | None = None):
        self.store = store
        self.hub = hub
        self._run = run
        self.max_queued = max_queued
        self.max_jobs = max(1, max_jobs or default_max_jobs())
        self._queue = FairQueue()
        self._threads: list[threading.Thread] = []
        self._tokens: dict[str, CancelToken] = {}  # running jobs
        self._lock = threading.Lock()  # a job is claimed by a worker or cancelled, never both

    def start(self) -> None:
        """Queue again what a previous process left unfinished, then start the worker threads."""
        for job in self.store.unfinished():
            if job.status == "running" and job.attempts >= 2:  # the server died under it twice
                job.status, job.finished = "failed", time.time()
                job.error = ("the server stopped while this job ran (it may have run out of memory); "
                             "it is not run again: submit it again, with smaller sizes if it was large")
                self.store.save(job)
                continue
            if job.status == "running":  # died under once (kill -9): resume, finished steps cached
                job.status = "queued"
                self.store.save(job)
            self._queue.put(job.id, job.session or "")
        self._threads = [threading.Thread(target=self._loop, name=f"medialoom-jobs-{n}", daemon=True)
                         for n in range(self.max_jobs)]
        for thread in self._threads:
            thread.start()

    def stop(self, timeout: float = 10.0) -> bool:
        """Stop after the running jobs (waiting at most `timeout`); True when the workers ended.
        Jobs still running are marked `queued`, so the next start runs them again."""
        self._queue.close()
        deadline = time.monotonic() + timeout
        for thread in self._threads:
            thread.join(max(0.0, deadline - time.monotonic()))
        ended = not any(t.is_alive() for t in self._threads)
        with self._lock:
            for job_id in list(self._tokens):  # a graceful stop: run again, unlike a crash
                job = self.store.get(job_id)
                if job is not None and job.status == "running":
                    job.status = "queued"
                    self.store.save(job)
        self._threads, self._queue = [], FairQueue()  # a later start() begins afresh
        return ended

    def submit(self, plan: Plan, request: str | None, session: str | None) -> Job:
        job = Job(uuid.uuid4().hex, "queued", plan.to_dict(), request, session)
        self.store.add(job, self.max_queued)
        self.hub.publish(job.id, {"type": "job", "status": "queued", "time": job.created})
        self._queue.put(job.id, session or "")
        return job

    def cancel(self, job_id: str) -> Job:
        """Cancel a job: a queued one ends at once, a running one stops its steps (the job ends
        `cancelled` when they have stopped; finished steps stay cached)."""
        with self._lock:
            job = self.store.get(job_id)
            if job is None:
                raise KeyError(job_id)
            if job.status in TERMINAL:
                raise NotCancellable(f"job {job_id} already {job.status}; there is nothing to cancel")
            token = self._tokens.get(job_id)
            if token is None:  # queued (or taken from the queue but not claimed yet)
                self._queue.remove(job_id)
                job.status, job.finished, job.error = "cancelled", time.time(), "cancelled before it started"
                self.store.save(job)
                self.hub.publish(job.id, {"type": "job", "status": "cancelled", "error": job.error,
                                          "outputs": [], "time": job.finished})
                return job
            if not token.cancel("by request"):
                raise NotCancellable(f"job {job_id} is already being cancelled")
            job.status = "cancelling"  # what the caller sees; the table keeps `running` until it ends
            return job

    def _loop(self) -> None:
        while (job_id := self._queue.get()) is not None:
            with self._lock:  # claim it, unless it was cancelled meanwhile
                job = self.store.get(job_id)
                if job is None or job.status != "queued":
                    continue
                token = self._tokens[job.id] = CancelToken()
                job.status, job.started, job.attempts = "running", time.time(), job.attempts + 1
                self.store.save(job)
            try:
                self._execute(job, token)
            finally:
                with self._lock:
                    self._tokens.pop(job.id, None)

    def _execute(self, job: Job, token: CancelToken) -> None:
        # 1. announce running (claimed in _loop)
        self.hub.publish(job.id, {"type": "job", "status": "running", "time": job.started})

        # 2. run, turning executor events into step states and SSE events
        lock = threading.Lock()  # events come from the run thread and from tool threads

        def on_event(event: Event) -> None:
            with lock:
                state = job.steps.setdefault(event.step, {})
                state.update(status=_STEP_STATUS.get(event.type, "running"), backend=event.backend)
                if event.fraction is not None:
                    state["fraction"] = event.fraction
                if event.type in ("failed", "skipped"):
                    state["error"] = event.message
                if event.type != "progress":
                    self.store.save(job)
            self.hub.publish(job.id, {**event.to_dict(), "type": event.type})

        try:
            outcome = self._run(Plan.from_dict(job.plan), job.session, on_event, token)
        except Cancelled:
            outcome = RunOutcome(False, _stopped(job.steps), [], "cancelled by request", cancelled=True)
        except MedialoomError as exc:
            outcome = RunOutcome(False, job.steps, [], exc.one_line())
        except Exception as exc:  # a bug: the job fails, the server keeps running
            outcome = RunOutcome(False, job.steps, [], f"internal error: {type(exc).__name__}: {exc}")
        # 3. record the result
        job.steps = {**job.steps, **outcome.steps}
        job.outputs, job.error = outcome.outputs, outcome.error
        job.status = "succeeded" if outcome.ok else "cancelled" if outcome.cancelled else "failed"
        job.finished = time.time()
        self.store.save(job)
        self.hub.publish(job.id, {"type": "job", "status": job.status, "error": job.error,
                                  "outputs": job.outputs, "time": job.finished})


def _stopped(steps: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Steps of a cancelled job that had not finished are `cancelled` (finished ones stay)."""
    return {sid: ({**state, "status": "cancelled"} if state.get("status") == "running" else state)
            for sid, state in steps.items()}


_STEP_STATUS = {"started": "running", "progress": "running", "finished": "done", "cached": "cached",
                "failed": "failed", "skipped": "skipped"}
