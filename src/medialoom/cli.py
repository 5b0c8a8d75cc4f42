"""`medialoom` command line: a thin layer over Session. User errors are one line on stderr
and an exit code (2 usage / invalid plan / bad input, 1 a tool failed, 3 refused)."""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from pathlib import Path
from typing import Any, Sequence

from .errors import MedialoomError, NotBuiltYet, PlanError, UsageError

DEMO_REQUEST = ("Make a short video story in three scenes about a little dog who learns to fly a red kite, "
                "with narration and gentle music")
# commands whose module parses its own arguments: name -> (entry, issue)
DELEGATED = {
    "verify": ("medialoom.safety.verify:main", 8, "check a file's watermark and C2PA provenance"),
    "chat": ("medialoom.chat:main", 6, "a conversation: follow-ups refer to earlier outputs"),
    "serve": ("medialoom.server:main", 9, "the HTTP API and web UI (127.0.0.1 by default)"),
    "mcp": ("medialoom.mcp_server:main", 9, "serve every tool to MCP clients over stdio"),
    "concept": ("medialoom.concepts_cli:main", 17, "add, list, train or remove a named subject from your photos"),
    "concepts": ("medialoom.concepts_cli:main_list", 17, "list the named subjects (concepts)"),
    "check": ("medialoom.check.cli:main", 15, "judge a file against a request: scores and named problems"),
    "fsck": ("medialoom.fsck:main", 13, "re-hash every stored file; --repair drops damaged ones"),
}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit 2, no usage dump
        raise UsageError(f"{message}; see 'medialoom {self.prog.split()[-1]} --help'"
                         if " " in self.prog else f"{message}; see 'medialoom --help'")


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="medialoom", description="Generate and edit media from language.")
    p.add_argument("--version", action="version", version=_version())
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    t = sub.add_parser("tools", help="list the tools and which backends work on this machine")
    t.add_argument("--json", action="store_true")
    pl = sub.add_parser("plan", help="turn a request into a plan (printed, not run)")
    pl.add_argument("request", nargs="?")
    pl.add_argument("--json", action="store_true")
    pl.add_argument("--batch", metavar="FILE.jsonl", help="lines of {\"id\", \"request\"}")
    r = sub.add_parser("run", help="plan and run a request, or run a plan file")
    r.add_argument("request", nargs="?")
    r.add_argument("--plan", metavar="FILE", help="a plan JSON file instead of a request")
    _run_options(r)
    d = sub.add_parser("demo", help="run the main job on the offline default into out/demo")
    d.add_argument("--out", type=Path, default=Path("out/demo"))
    d.add_argument("--json", action="store_true")
    _ray_option(d)
    for name, (_, _, summary) in DELEGATED.items():
        sub.add_parser(name, help=summary, add_help=False)
    return p


def _run_options(r: argparse.ArgumentParser) -> None:
    r.add_argument("--out", type=Path, default=Path("out"), help="folder for the outputs (default out/)")
    r.add_argument("--json", action="store_true", help="print the result as JSON")
    r.add_argument("--backend", choices=("offline", "neural", "auto"),
                   help="offline (the default; config [run] backend), neural (diffusers/transformers "
                        "models), or auto (neural where the model is on this machine, else offline)")
    r.add_argument("--model", action="append", default=[], metavar="TOOL=ID_OR_PATH",
                   help="the model for a tool's neural backend: a hub id in the Hugging Face cache "
                        "or a folder (repeatable; also [models] in config.toml)")
    r.add_argument("--seed", type=int, default=0, help="base seed for steps given none")
    r.add_argument("--refine", metavar="N", help="check each generated output against its prompt and fix "
                   "what is wrong, at most N rounds (1-10; also [run] refine in config.toml)")
    _ray_option(r)


def _ray_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--ray", metavar="ADDRESS|auto", help="run the steps on a Ray cluster (HOST:PORT of its "
                   "head, or auto); also [cluster] ray_address in config.toml; needs medialoom[ray]")


def _use_ray(address: str | None) -> None:
    """--ray reaches Session through the variable [cluster] ray_address yields to."""
    if address:
        import os

        from .cluster import ENV_ADDRESS

        os.environ[ENV_ADDRESS] = address


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv and argv[0] in DELEGATED:
            return _delegate(argv[0], argv[1:])
        args = build_parser().parse_args(argv)
        if args.command is None:
            build_parser().print_help()
            return 2
        return {"tools": cmd_tools, "plan": cmd_plan, "run": cmd_run, "demo": cmd_demo}[args.command](args)
    except MedialoomError as exc:
        lines = exc.problems if isinstance(exc, PlanError) else [exc.one_line()]
        for line in lines:
            print(f"medialoom: {line}", file=sys.stderr)
        if "--json" in argv:  # scripts reading stdout get the error too
            print(json.dumps({"error": "; ".join(lines), "exit_code": exc.exit_code}))
        return exc.exit_code
    except BrokenPipeError:
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        print("medialoom: interrupted; finished steps are kept and will be reused", file=sys.stderr)
        return 130


def _delegate(name: str, argv: list[str]) -> int:
    entry, issue, _ = DELEGATED[name]
    module, fn = entry.split(":")
    try:
        target = getattr(importlib.import_module(module), fn)
    except (ModuleNotFoundError, AttributeError) as exc:
        if isinstance(exc, ModuleNotFoundError) and exc.name and not module.startswith(exc.name):
            raise UsageError(f"'medialoom {name}' needs {exc.name}: pip install 'medialoom[server]'") from exc
        raise NotBuiltYet(f"'medialoom {name}' is not built yet (issue #{issue})") from exc
    return int(target(argv) or 0)


def _session():
    from .session import Session

    return Session()


def cmd_tools(args: argparse.Namespace) -> int:
    from .config import load_config
    from .registry import Registry

    from .lang.llm_discovery import describe

    config = load_config()
    rows = Registry.default().availability(config)
    if args.json:
        print(json.dumps(rows, indent=2))
        return 0
    for row in rows:
        parts = []
        for b in row["backends"]:
            ok = f"ok ({b['model']})" if b["model"] and b["name"] in ("neural", "embedded") else "ok"
            if b.get("licence"):
                ok = ok[:-1] + f", {b['licence']})" if ok.endswith(")") else f"ok ({b['licence']})"
            why = f"{b['why']} [{b['licence']}]" if b.get("licence") else b["why"]
            parts.append(f"{b['name']}: {ok}" if b["available"] else f"{b['name']}: {why}")
        print(f"{row['id']:<24} -> {row['output']:<10} {' | '.join(parts)}")
    print(f"medialoom: {describe(config)}", file=sys.stderr)  # which planner requests go to
    return 0


def cmd_plan(args: argparse.Namespace) -> int:
    session = _session()
    if args.batch:
        return _plan_batch(session, Path(args.batch))
    if not args.request:
        raise UsageError("give a request in quotes, e.g. medialoom plan \"a cat in a red hat\"")
    plan = session.plan(args.request, files_from=Path.cwd())
    print(plan.to_json(indent=None if args.json else 2))
    for note in plan.notes:  # e.g. the LLM planner failed and the offline planner answered
        print(f"medialoom: {note}", file=sys.stderr)
    return 0


def _plan_batch(session, path: Path) -> int:
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except OSError as exc:
        raise UsageError(f"cannot read {path} ({exc.strerror}); check the path") from exc
    except UnicodeDecodeError as exc:
        raise UsageError(f"{path} is not UTF-8 text; save it as UTF-8 JSON lines") from exc
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except (json.JSONDecodeError, RecursionError):
            item = None
        out: dict[str, Any] = {"id": item.get("id") if isinstance(item, dict) else None}
        request = item.get("request") if isinstance(item, dict) else None
        if not isinstance(request, str):  # one bad line is answered and the batch goes on
            out.update(steps=[], error=f"{path}:{n} is not a line of {{\"id\", \"request\"}} with the request "
                                       "as text")
            print(json.dumps(out, ensure_ascii=False), flush=True)
            continue
        try:
            plan = session.plan(request, files_from=Path.cwd())
            out["steps"] = [s.to_dict() for s in plan.steps]
            if plan.left_out:
                out["left_out"] = plan.left_out
        except MedialoomError as exc:
            out.update(steps=[], error=exc.one_line())
        print(json.dumps(out, ensure_ascii=False), flush=True)
    return 0


def _models(pairs: list[str]) -> dict[str, str]:
    models = {}
    for pair in pairs:
        tool, sep, model = pair.partition("=")
        if not sep or not tool or not model:
            raise UsageError(f"--model takes TOOL=ID_OR_PATH (e.g. image.generate=stabilityai/sd-turbo), "
                             f"not {pair!r}")
        models[tool.strip()] = model.strip()
    return models


def _known_tools(models: dict[str, str]) -> None:
    from .registry import Registry

    registry = Registry.default()
    for tool in models:
        if registry.get(tool) is None:
            raise UsageError(f"--model names unknown tool '{tool}'; 'medialoom tools' lists them")


def cmd_run(args: argparse.Namespace) -> int:
    from .plan import Plan

    _known_tools(_models(args.model))  # check --model before any planning
    _use_ray(args.ray)
    session = _session()
    if args.plan and args.request:
        raise UsageError("give either a request or --plan FILE, not both")
    if args.plan:
        plan = Plan.load(args.plan)
    elif args.request and args.request.endswith(".json") and not any(c.isspace() for c in args.request):
        plan = Plan.load(args.request)  # a plan file's path, not words to plan (a missing one is an error)
    elif args.request:
        plan = session.plan(args.request, files_from=Path.cwd())
        for note in plan.notes:  # which LLM planned, or that the offline planner stood in
            print(f"medialoom: {note}", file=sys.stderr)
    else:
        raise UsageError("give a request in quotes or --plan FILE")
    return _execute(session, plan, args)


def cmd_demo(args: argparse.Namespace) -> int:
    _use_ray(args.ray)
    session = _session()
    ns = argparse.Namespace(out=args.out, json=args.json, backend="offline", model=[], seed=0, refine=None)
    return _execute(session, session.plan(DEMO_REQUEST), ns)


def _execute(session, plan, args: argparse.Namespace) -> int:
    from .progress import ProgressPrinter
    from .session import describe_outputs

    printer = ProgressPrinter(sys.stderr, quiet=args.json and not sys.stderr.isatty())
    rounds = args.refine if args.refine is not None else session.config.sections.get("run", {}).get("refine")
    run = {"out": args.out, "backend": args.backend, "models": _models(args.model), "seed": args.seed,
           "on_event": printer}
    refined = None
    if rounds is not None:   # issue 15: check each generated output and fix it, at most N rounds
        from .check.refine import refine

        result, refined = refine(session, plan, rounds, **run)
        plan = refined.plan
    else:
        result = session.run(plan, **run)
    printer.close()
    answer = session.answer(result) + "".join(f"\n{line}" for line in (refined.lines() if refined else []))
    if args.json:
        print(json.dumps({
            "plan": plan.to_dict(), "outputs": describe_outputs(result), "cached": result.cached,
            "failed": [{"step": r.step, "error": r.error} for r in result.failed],
            "skipped": [s for s, r in result.steps.items() if r.status == "skipped"],
            "answer": answer, "run": result.run_id,
            **({"refine": refined.to_dict()} if refined else {})}, indent=2))
    else:
        print(answer)
    for r in result.failed if printer.quiet else []:   # once: the answer (or the JSON) says it too
        print(f"medialoom: {r.step} ({r.tool}) failed: {r.error}", file=sys.stderr)
    return result.exit_code


def _version() -> str:
    from . import __version__

    return f"medialoom {__version__}"


if __name__ == "__main__":
    sys.exit(main())
