"""Content-addressed store: files under `objects/`, an SQLite index (WAL) of runs, steps,
artifacts and cache entries.

A file enters the store by hash-then-rename from a temp folder on the same filesystem, and its
row is written after the rename, in one transaction with the cache entry and the step record.
A crash therefore leaves at worst an unreferenced complete file, never a half-written one or a
row pointing to nothing.

Stored files are read-only (0444) and their size and mtime are kept in the index: a file that
was edited anyway is not served (`get` returns None, the step runs again and the fresh file
replaces it). `medialoom fsck` re-hashes every file (fsck.py).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import threading
import time
import uuid
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator, Mapping

from .artifacts import DEFAULT_SUFFIX, Artifact, mime_for
from .errors import InputError, UsageError

SCHEMA = """
CREATE TABLE IF NOT EXISTS artifacts (
  sha256 TEXT PRIMARY KEY, kind TEXT NOT NULL, mime TEXT NOT NULL, path TEXT NOT NULL,
  size INTEGER NOT NULL, meta TEXT NOT NULL, created REAL NOT NULL, mtime INTEGER);
CREATE TABLE IF NOT EXISTS runs (
  id TEXT PRIMARY KEY, request TEXT, plan TEXT NOT NULL, status TEXT NOT NULL,
  conversation TEXT, created REAL NOT NULL, finished REAL, pid INTEGER);
CREATE TABLE IF NOT EXISTS steps (
  run_id TEXT NOT NULL, step_id TEXT NOT NULL, tool TEXT NOT NULL, backend TEXT,
  status TEXT NOT NULL, cache_key TEXT, error TEXT, detail TEXT, started REAL, finished REAL,
  PRIMARY KEY (run_id, step_id));
CREATE TABLE IF NOT EXISTS step_outputs (
  run_id TEXT NOT NULL, step_id TEXT NOT NULL, name TEXT NOT NULL, sha256 TEXT NOT NULL,
  PRIMARY KEY (run_id, step_id, name));
CREATE TABLE IF NOT EXISTS cache (
  key TEXT PRIMARY KEY, outputs TEXT NOT NULL, created REAL NOT NULL);
"""


def sha256_file(path: Path, chunk: int = 1 << 20) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while block := f.read(chunk):
            h.update(block)
    return h.hexdigest()


class Store:
    """The store under a home folder. Thread-safe; opened lazily on first use."""

    def __init__(self, home: Path):
        self.home = Path(home)
        self._db: sqlite3.Connection | None = None
        self._lock = threading.RLock()

    # -- setup --------------------------------------------------------------------------------
    @property
    def objects(self) -> Path:
        return self.home / "objects"

    def _conn(self) -> sqlite3.Connection:
        with self._lock:
            return self._db or self._open()

    def _open(self) -> sqlite3.Connection:
        if self._db is None:
            try:
                self.objects.mkdir(parents=True, exist_ok=True)
                (self.home / "tmp").mkdir(exist_ok=True)
                db = sqlite3.connect(self.home / "index.sqlite", check_same_thread=False,
                                     timeout=30, isolation_level=None)
            except (OSError, sqlite3.Error) as exc:
                raise UsageError(f"cannot use the store at {self.home} ({exc}); "
                                 "set MEDIALOOM_HOME to a writable folder") from exc
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.executescript(SCHEMA)
            _add_column(db, "artifacts", "mtime")  # stores made before these columns
            _add_column(db, "runs", "pid")
            self._db = db
            self._clean_stale_tmp()
            self._close_dead_runs()
        return self._db

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            db = self._conn()
            db.execute("BEGIN IMMEDIATE")
            try:
                yield db
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")

    def query(self, sql: str, params: tuple = ()) -> list[sqlite3.Row]:
        with self._lock:
            db = self._conn()
            db.row_factory = sqlite3.Row
            try:
                return db.execute(sql, params).fetchall()
            finally:
                db.row_factory = None

    def close(self) -> None:
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None

    # -- temp folders -------------------------------------------------------------------------
    def tmpdir(self, prefix: str = "step") -> Path:
        """A fresh folder on the store's filesystem, named with our pid so that folders of a
        killed process are removed the next time a store is opened."""
        self._conn()
        path = self.home / "tmp" / f"{os.getpid()}-{prefix}-{uuid.uuid4().hex[:12]}"
        path.mkdir(parents=True)
        return path

    def _clean_stale_tmp(self) -> None:
        for entry in (self.home / "tmp").iterdir():
            pid = entry.name.split("-", 1)[0]
            if pid.isdigit() and not _alive(int(pid)):
                shutil.rmtree(entry, ignore_errors=True)

    # -- artifacts ----------------------------------------------------------------------------
    def put_file(self, src: Path, kind: str, meta: Mapping[str, Any] | None = None, *,
                 move: bool = True, db: sqlite3.Connection | None = None) -> Artifact:
        """Add a file. `move=True` renames it in (it must be on the store's filesystem);
        otherwise it is copied. Pass `db` to write the row inside a caller's transaction."""
        src = Path(src)
        suffix = src.suffix.lower() or DEFAULT_SUFFIX.get(kind, "")
        if not move:
            tmp = self.tmpdir("import") / f"file{suffix}"
            shutil.copyfile(src, tmp)
            src = tmp
        sha = sha256_file(src)
        dest = self.objects / sha[:2] / f"{sha}{suffix}"
        dest.parent.mkdir(parents=True, exist_ok=True)
        if self._intact(sha, dest, db):
            src.unlink()
        else:  # new, or a stored copy that was edited: the fresh bytes replace it
            with open(src, "rb") as f:
                os.fsync(f.fileno())
            os.chmod(src, 0o444)
            os.replace(src, dest)
        if not move:
            shutil.rmtree(src.parent, ignore_errors=True)
        artifact = Artifact(kind, dest, sha, mime_for(dest), dict(meta or {}))
        stat = dest.stat()
        row = (sha, kind, artifact.mime, str(dest.relative_to(self.home)), stat.st_size,
               json.dumps(dict(meta or {}), default=str), time.time(), stat.st_mtime_ns)
        sql = ("INSERT INTO artifacts (sha256, kind, mime, path, size, meta, created, mtime) "
               "VALUES (?,?,?,?,?,?,?,?) ON CONFLICT(sha256) DO UPDATE SET "
               "path=excluded.path, size=excluded.size, mtime=excluded.mtime")
        if db is not None:
            db.execute(sql, row)
        else:
            with self.transaction() as tx:
                tx.execute(sql, row)
        return self.get(sha, db=db) or artifact

    def _intact(self, sha: str, dest: Path, db: sqlite3.Connection | None) -> bool:
        """Whether `dest` is the stored file as indexed (same size and mtime)."""
        with self._lock:
            row = (db or self._conn()).execute("SELECT size, mtime FROM artifacts WHERE sha256=?",
                                               (sha,)).fetchone()
        return row is not None and _stamp_ok(dest, row[0], row[1])

    def import_user_file(self, path: Path, kind: str) -> Artifact:
        """Copy a user's file in (the original is never touched)."""
        try:
            return self.put_file(path, kind, {"source": str(path), "kind": kind}, move=False)
        except OSError as exc:
            raise InputError(f"cannot read {path} ({exc.strerror or exc}); check the path") from exc

    def get(self, sha256: str, db: sqlite3.Connection | None = None) -> Artifact | None:
        with self._lock:
            conn = db or self._conn()
            row = conn.execute("SELECT kind, mime, path, meta, size, mtime FROM artifacts WHERE sha256=?",
                               (sha256,)).fetchone()
        if row is None:
            return None
        path = self.home / row[2]
        if not _stamp_ok(path, row[4], row[5]):  # gone, or edited since it was stored
            return None
        return Artifact(row[0], path, sha256, row[1], json.loads(row[3]))

    # -- cache --------------------------------------------------------------------------------
    def cache_get(self, key: str) -> dict[str, Artifact] | None:
        rows = self.query("SELECT outputs FROM cache WHERE key=?", (key,))
        if not rows:
            return None
        found = {name: self.get(sha) for name, sha in json.loads(rows[0]["outputs"]).items()}
        if any(a is None for a in found.values()):
            return None  # a file went missing: recompute
        return found  # type: ignore[return-value]

    # -- runs and steps -----------------------------------------------------------------------
    def begin_run(self, run_id: str, plan_json: str, request: str | None,
                  conversation: str | None = None) -> None:
        with self.transaction() as db:
            db.execute("INSERT OR REPLACE INTO runs (id, request, plan, status, conversation, created, "
                       "finished, pid) VALUES (?,?,?,?,?,?,NULL,?)",
                       (run_id, request, plan_json, "running", conversation, time.time(), os.getpid()))

    def _close_dead_runs(self) -> None:
        """Runs left `running` by a process that is gone (kill -9, power cut) become `interrupted`."""
        assert self._db is not None
        rows = self._db.execute("SELECT id, pid FROM runs WHERE status='running' AND pid IS NOT NULL").fetchall()
        dead = [run_id for run_id, pid in rows if not _alive(pid)]
        for run_id in dead:
            self._db.execute("UPDATE runs SET status='interrupted', finished=? WHERE id=? AND status='running'",
                             (time.time(), run_id))

    def finish_run(self, run_id: str, status: str) -> None:
        with self.transaction() as db:
            db.execute("UPDATE runs SET status=?, finished=? WHERE id=?", (status, time.time(), run_id))

    def record_step(self, run_id: str, step_id: str, tool: str, backend: str | None, status: str, *,
                    cache_key: str | None = None, error: str | None = None, detail: str | None = None,
                    started: float | None = None, outputs: Mapping[str, Artifact] | None = None,
                    cache_outputs: bool = False, db: sqlite3.Connection | None = None) -> None:
        def write(tx: sqlite3.Connection) -> None:
            tx.execute("INSERT OR REPLACE INTO steps VALUES (?,?,?,?,?,?,?,?,?,?)",
                       (run_id, step_id, tool, backend, status, cache_key, error, detail, started,
                        time.time()))
            for name, art in (outputs or {}).items():
                tx.execute("INSERT OR REPLACE INTO step_outputs VALUES (?,?,?,?)",
                           (run_id, step_id, name, art.sha256))
            if cache_outputs and cache_key and outputs:
                tx.execute("INSERT OR REPLACE INTO cache VALUES (?,?,?)",
                           (cache_key, json.dumps({n: a.sha256 for n, a in outputs.items()}), time.time()))

        if db is not None:
            write(db)
        else:
            with self.transaction() as tx:
                write(tx)

    def check_consistency(self) -> list[str]:
        """Problems found: rows without files, files whose bytes do not match their hash,
        cache entries or step outputs naming unknown artifacts. Empty when consistent."""
        problems = []
        for row in self.query("SELECT sha256, path FROM artifacts"):
            path = self.home / row["path"]
            if not path.is_file():
                problems.append(f"artifact {row['sha256'][:12]} has no file")
            elif sha256_file(path) != row["sha256"]:
                problems.append(f"artifact {row['sha256'][:12]} bytes do not match")
        known = {r["sha256"] for r in self.query("SELECT sha256 FROM artifacts")}
        for row in self.query("SELECT key, outputs FROM cache"):
            if any(sha not in known for sha in json.loads(row["outputs"]).values()):
                problems.append(f"cache entry {row['key'][:12]} names a missing artifact")
        for row in self.query("SELECT run_id, step_id, sha256 FROM step_outputs"):
            if row["sha256"] not in known:
                problems.append(f"step {row['run_id']}/{row['step_id']} names a missing artifact")
        return problems


def _add_column(db: sqlite3.Connection, table: str, column: str) -> None:
    if column in {row[1] for row in db.execute(f"PRAGMA table_info({table})")}:
        return
    try:
        db.execute(f"ALTER TABLE {table} ADD COLUMN {column} INTEGER")
    except sqlite3.OperationalError as exc:  # another process added it first
        if "duplicate column" not in str(exc):
            raise


def _stamp_ok(path: Path, size: int, mtime: int | None) -> bool:
    try:
        stat = path.stat()
    except OSError:
        return False
    return stat.st_size == size and (mtime is None or stat.st_mtime_ns == mtime)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    from .procs import alive

    return alive(pid)
