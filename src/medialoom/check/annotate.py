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
    """step id -> {"final", "notes", "check"} for every step with a main output."""
    from .refine import PROMPTS, judge

    used = {d for s in result.plan.steps for d in s.depends_on()}
    out: dict[str, dict[str, Any]] = {}
    for step in result.plan.steps:
        res = result.steps.get(step.id)
        if res is None or "main" not in res.outputs:
            continue
        row: dict[str, Any] = {"final": step.id not in used, "notes": notes_of(res.outputs["main"].meta)}
        if check and step.tool in PROMPTS:
            try:
                report = judge(session, step, step, result)
                row["check"] = {**report.to_dict(), "summary": report.summary()}
            except (MedialoomError, OSError, ValueError) as exc:   # cannot be read back: said, not hidden
                line = exc.one_line() if isinstance(exc, MedialoomError) else str(exc)
                row["check"] = {"ok": False, "summary": f"not checked ({line})"}
        out[step.id] = row
    return out
