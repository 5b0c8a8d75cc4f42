"""What the answer shows next to each result: whether it is a final output (no other step
reads it), the notes its backend left (placeholders drawn, sounds not made, styles not drawn),
and the check of a generating step's output against its prompt."""

from __future__ import annotations

from typing import Any

from ..errors import MedialoomError

NOTES = {"unknown_objects": "drawn as labelled placeholders", "unknown_sounds": "sounds not made",
         "limited": "not drawn as asked"}


def notes_of(meta: Any) -> list[str]:
    out = [f"{what}: {', '.join(map(str, meta[key]))}" for key, what in NOTES.items() if meta.get(key)]
    if meta.get("style_note"):
        out.append(str(meta["style_note"]))
    return out


def annotate(session: Any, result: Any, check: bool = True) -> dict[str, dict[str, Any]]:
    """step id -> {"final", "notes", "check"} for every step with a main output. Where the session
    runs on shared worker processes (the server), the checks run there too, side by side, so the
    process that serves requests and other jobs does not do this CPU work."""
    from .refine import PROMPTS, request_of

    used = {d for s in result.plan.steps for d in s.depends_on()}
    out: dict[str, dict[str, Any]] = {}
    asks: dict[str, tuple[Any, ...]] = {}
    for step in result.plan.steps:
        res = result.steps.get(step.id)
        if res is None or "main" not in res.outputs:
            continue
        art = res.outputs["main"]
        out[step.id] = {"final": step.id not in used, "notes": notes_of(art.meta)}
        if check and step.tool in PROMPTS:
            request = request_of(session, step, result)
            words = request if step.tool == "audio.speech" else None
            asks[step.id] = (art.path, request, art.kind, dict(art.meta), words, session.config)
    pools = getattr(session, "pools", None)
    if pools is not None and asks:
        futures = {sid: pools.processes().submit(check_one, *ask) for sid, ask in asks.items()}
        found = {sid: future.result() for sid, future in futures.items()}
    else:
        found = {sid: check_one(*ask) for sid, ask in asks.items()}
    for sid, shown in found.items():
        out[sid]["check"] = shown
    return out


def check_one(path: Any, request: str, kind: str, meta: dict[str, Any], words: str | None,
              config: Any) -> dict[str, Any]:
    """One output's check as the answer shows it; a check that cannot read the file says so."""
    from . import check_file
    from .report import Report

    try:
        try:
            report = check_file(path, request, kind=kind, meta=meta, words=words, config=config)
        except MedialoomError as exc:
            report = Report(kind, not_checked=[f"the check could not run: {exc.one_line()}"])
        return {**report.to_dict(), "summary": report.summary()}
    except (MedialoomError, OSError, ValueError) as exc:   # cannot be read back: said, not hidden
        line = exc.one_line() if isinstance(exc, MedialoomError) else str(exc)
        return {"ok": False, "summary": f"not checked ({line})"}
