"""`medialoom fsck`: re-hash every stored file and report damage; `--repair` drops damaged
files and the cache entries that name them, so the next run makes them again.

A cache hit checks only size and mtime (cheap, every hit); this is the full check, as `git
fsck` is to git's index. Exit 0 when the store is sound (or was repaired), 1 when damage
remains.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from .config import load_config
from .store import Store, sha256_file


def damaged(store: Store) -> list[tuple[str, str]]:
    """(sha256, what is wrong) for every artifact whose file is missing or whose bytes differ."""
    found = []
    for row in store.query("SELECT sha256, path FROM artifacts"):
        path = store.home / row["path"]
        if not path.is_file():
            found.append((row["sha256"], "file missing"))
        elif sha256_file(path) != row["sha256"]:
            found.append((row["sha256"], "bytes changed since stored"))
    return found


def repair(store: Store, shas: Sequence[str]) -> int:
    """Remove damaged artifacts' files, rows and every cache entry naming them; return entries dropped."""
    bad = set(shas)
    dropped = 0
    with store.transaction() as db:
        for key, outputs in db.execute("SELECT key, outputs FROM cache").fetchall():
            if bad & set(json.loads(outputs).values()):
                db.execute("DELETE FROM cache WHERE key=?", (key,))
                dropped += 1
        for sha in bad:
            row = db.execute("SELECT path FROM artifacts WHERE sha256=?", (sha,)).fetchone()
            if row:
                (store.home / row[0]).unlink(missing_ok=True)
            db.execute("DELETE FROM artifacts WHERE sha256=?", (sha,))
    return dropped


def main(argv: Sequence[str] | None = None) -> int:
    from .cli import _Parser

    parser = _Parser(prog="medialoom fsck", description="Re-hash every stored file and report damage.")
    parser.add_argument("--repair", action="store_true", help="drop damaged files and their cache entries")
    parser.add_argument("--json", action="store_true")
    try:
        args = parser.parse_args(list(argv or []))
    except SystemExit as exc:  # --help
        return int(exc.code or 0)
    store = Store(load_config().home)
    try:
        total = len(store.query("SELECT sha256 FROM artifacts"))
        bad = damaged(store)
        dropped = repair(store, [sha for sha, _ in bad]) if args.repair and bad else 0
        other = [p for p in store.check_consistency() if "bytes do not match" not in p and "has no file" not in p]
    finally:
        store.close()
    if args.json:
        print(json.dumps({"files": total, "damaged": [{"sha256": s, "problem": p} for s, p in bad],
                          "repaired": bool(args.repair and bad), "cache_entries_dropped": dropped,
                          "other": other}, indent=2))
    else:
        for sha, problem in bad:
            print(f"{sha[:12]}: {problem}" + (" (removed; the next run makes it again)" if args.repair else ""))
        print(*other, sep="\n") if other else None
        verdict = "sound" if not bad else ("repaired" if args.repair else "damaged: run 'medialoom fsck --repair'")
        print(f"{total} stored files checked; {len(bad)} damaged; store {verdict}")
    return 0 if not bad or args.repair else 1


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
