"""`medialoom check FILE --request "..." [--json]`: exit 0 when the file satisfies the request,
1 when the check names problems, 2 for bad input (a missing or corrupt file, a kind with no
check, a request that names nothing the check can measure)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..errors import MedialoomError, UsageError


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:
        raise UsageError(f"{message}; see 'medialoom check --help'")


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="medialoom check", description="Judge a file against the request it was made for: "
                "measured scores and named problems.")
    p.add_argument("file", type=Path)
    p.add_argument("--request", "-r", required=True, help="what the file should be, in words")
    p.add_argument("--json", action="store_true", help='print {"ok", "scores", "problems", "not_checked"}')
    return p


def stored_meta(path: Path, config: Any) -> dict[str, Any]:
    """What the store recorded when it made this file (by content hash); {} for other files."""
    from ..store import Store, sha256_file

    if not (Path(config.home) / "index.sqlite").is_file():   # no store yet: nothing to look up
        return {}
    store = Store(config.home)
    try:
        found = store.get(sha256_file(path))
    finally:
        store.close()
    return dict(found.meta) if found is not None else {}


def main(argv: Sequence[str] | None = None) -> int:
    from ..config import load_config
    from . import check_file, kind_of

    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        args = _parser().parse_args(argv)
        if not args.request.strip():
            raise UsageError("--request is empty; say what the file should be, e.g. --request \"two red apples\"")
        config = load_config()
        if not args.file.is_file():
            raise UsageError(f"{args.file} does not exist; give the path of a file to check")
        kind_of(args.file)
        report = check_file(args.file, args.request, meta=stored_meta(args.file, config), config=config)
        if not report.checkable:
            raise UsageError(f"'{args.request}' names nothing that can be checked in {_a(report.kind)} here "
                             f"({'; '.join(report.not_checked) or 'name objects, counts, colours, a size, a duration'})")
    except MedialoomError as exc:
        print(f"medialoom: {exc.one_line()}", file=sys.stderr)
        if "--json" in argv:
            print(json.dumps({"error": exc.one_line(), "exit_code": exc.exit_code}))
        return exc.exit_code
    if args.json:
        print(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
    else:
        print(("ok: " if report.ok else "problems: ") + args.file.name)
        for name, value in report.scores.items():
            print(f"  {name:<18} {value:g}")
        for problem in report.problems:
            print(f"  problem: {problem.line()}")
        for line in report.not_checked:
            print(f"  not checked: {line}")
    return 0 if report.ok else 1


def _a(kind: str) -> str:
    return {"image": "a picture", "audio": "a sound", "video": "a video", "mesh": "a 3D model"}.get(kind, kind)
