"""Self-correction (`run --refine N`): after a run, every generating step's output is checked
against its prompt; a step with named problems gets a fix, which is checked again, at most N
rounds, and the best attempt (fewest problems) is kept.

    1. run the plan; check each generating step's output
    2. for each step with problems: a targeted fix when the check names one (an object the
       layout planned but the pixels lack is inpainted in its box, SLD-style), else the same
       call with another seed; a step with no fix, or a check that cannot run, stops there
    3. the fixes are steps appended to the plan (data, cached, visible), run, checked; repeat
    4. the final plan keeps each step's best attempt and wires its dependants to it

Seeds of retries derive from the step's seed and the round, so a re-run is served from the
cache and replays nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import UsageError
from ..plan import Plan, Ref, Step
from .report import Report

MAX_ROUNDS = 10
# generating tools and the argument that says what the output should be
PROMPTS = {"image.generate": "prompt", "image.from_layout": "prompt", "audio.speech": "text",
           "audio.music": "prompt", "audio.sound": "prompt", "video.generate": "prompt", "mesh.generate": "prompt"}
SEED_STEP = 7919


@dataclass
class Attempt:
    step: str                  # the attempt's step id
    origin: str                # the step of the original plan it stands for
    how: str                   # "first", "seed 1234", "added the red ball in its box"
    report: Report
    parent: str | None = None  # the attempt it builds on (an inpaint fix edits the previous one)


@dataclass
class Refined:
    plan: Plan                                              # the final plan (best attempts wired in)
    attempts: dict[str, list[Attempt]] = field(default_factory=dict)
    rounds: int = 0
    tried: list[Step] = field(default_factory=list)          # every fix step that ran

    def best(self, origin: str) -> Attempt:
        """Fewest problems, then the highest match score, then the earliest."""
        atts = [a for a in self.attempts[origin] if not a.how.startswith("fix failed")]
        return max(atts, key=lambda a: (a.report.score(), -atts.index(a)))

    def to_dict(self) -> dict[str, Any]:
        return {"rounds": self.rounds, "steps": {
            origin: {"kept": self.best(origin).step, "attempts": [
                {"step": a.step, "how": a.how, **a.report.to_dict()} for a in attempts]}
            for origin, attempts in self.attempts.items()}}

    def lines(self) -> list[str]:
        """What the answer says: final scores, and what was fixed."""
        out = []
        for origin, attempts in self.attempts.items():
            best = self.best(origin)
            tried = len(attempts) - 1
            fixed = f" after {tried} fix{'es' * (tried != 1)} (kept {best.step}: {best.how})" if tried else ""
            out.append(f"{origin} {best.report.kind} {best.report.summary()}{fixed}")
        return out


def check_rounds(value: Any) -> int:
    try:
        n = int(value)
    except (TypeError, ValueError):
        n = -1
    if not 1 <= n <= MAX_ROUNDS or str(value).strip() not in (str(n), f"{n}.0"):
        raise UsageError(f"--refine takes a number of rounds from 1 to {MAX_ROUNDS}, not {value!r}")
    return n


def refine(session: Any, plan: Plan, rounds: int, **run: Any) -> tuple[Any, Refined]:
    """Run `plan`, check and fix for at most `rounds` rounds; returns the final RunResult
    (exported to `out` when given) and what was tried."""
    rounds = check_rounds(rounds)
    out = run.pop("out", None)
    result = session.run(plan, **run)
    work = Plan(list(plan.steps), plan.request, list(plan.notes), list(plan.left_out))
    refined = Refined(plan)
    seeds: dict[str, int] = {}
    for step in plan.steps:
        if step.tool in PROMPTS and result.steps[step.id].status in ("done", "cached"):
            refined.attempts[step.id] = [Attempt(step.id, step.id, "first", judge(session, step, step, result))]
            seeds[step.id] = int(step.args.get("seed", result.steps[step.id].outputs["main"].meta.get("seed", 0)) or 0)
    while refined.rounds < rounds:
        fixes = [s for origin, atts in refined.attempts.items() if _open(atts)
                 for s in _fixes(session, work, origin, atts, refined.rounds + 1, seeds[origin])]
        if not fixes:
            break
        refined.rounds += 1
        work.steps.extend(fixes)
        refined.tried.extend(fixes)
        result = session.run(work, **run)
        for origin, atts in refined.attempts.items():
            mine = [s for s in fixes if s.id.startswith(f"{origin}-r{refined.rounds}")]
            if mine and result.steps[mine[-1].id].status in ("done", "cached"):
                atts.append(Attempt(mine[-1].id, origin, _how(mine), judge(session, plan.step(origin), mine[-1], result),
                                    parent=atts[-1].step if mine[0].tool == "image.inpaint" else None))
            elif mine:   # a fix that failed to run ends the loop for this step
                error = result.steps[mine[-1].id].error or "a step it needs failed"
                atts.append(Attempt(mine[-1].id, origin, f"fix failed: {error}", Report(atts[-1].report.kind)))
    refined.plan = _final(plan, work, refined)
    return session.run(refined.plan, out=out, **run), refined


def _open(atts: list[Attempt]) -> bool:
    """Problems named and the last fix ran: worth another round. A check that could measure
    nothing names no problems, so the loop does not spin on it."""
    return bool(atts[-1].report.problems) and not atts[-1].how.startswith("fix failed")


def request_of(session: Any, step: Step, result: Any) -> str:
    """What a generating step's output should be: its prompt (a text step's output when
    referenced), with a duration argument in words so the check measures it."""
    value = step.args.get(PROMPTS[step.tool], "")
    ref = Ref.parse(value)
    if ref is not None:
        art = result.steps[ref.step].outputs.get(ref.output or "main")
        value = art.read_text() if art is not None else ""
    text = str(value or "")
    args = step.args
    if args.get("duration") is not None:   # the settings given as arguments, in words the check reads
        from ..tools import parse_time

        text += f", {parse_time(args['duration']):g} seconds"
    if args.get("fps") is not None:
        text += f", {args['fps']} fps"
    if args.get("tempo") is not None:
        text += f", {args['tempo']:g} bpm"
    if args.get("width") is not None and args.get("height") is not None and step.tool == "image.generate":
        text += f", {args['width']}x{args['height']}"
    return text


def judge(session: Any, origin: Step, step: Step, result: Any) -> Report:
    """The check of `step`'s output against what `origin` asked; a check that cannot run
    (a model that fails to load, a file it cannot read) is a report that says so."""
    from ..errors import MedialoomError
    from . import check_file

    art = result.steps[step.id].outputs["main"]
    request = request_of(session, origin, result)
    words = request if origin.tool == "audio.speech" else None
    try:
        return check_file(art.path, request, kind=art.kind, meta=dict(art.meta), words=words, config=session.config)
    except MedialoomError as exc:
        return Report(art.kind, not_checked=[f"the check could not run: {exc.one_line()}"])


def _fixes(session: Any, work: Plan, origin: str, atts: list[Attempt], r: int, seed: int) -> list[Step]:
    last = atts[-1]
    adds = [p.fix for p in last.report.problems if p.fix and p.fix.get("op") == "add"]
    if adds:
        art_step, out = last.step, []
        for i, fix in enumerate(adds):
            mask = _box_mask(session, work, art_step, fix)
            out.append(Step(f"{origin}-r{r}{'abcdefgh'[i % 8]}", "image.inpaint",
                            {"image": f"${art_step}", "mask": str(mask), "prompt": fix["prompt"]}))
            art_step = out[-1].id
        return out
    base = work.step(origin)
    spec = session.registry.spec(base.tool)
    if spec.param("seed") is None:
        return []   # nothing else to try for this tool
    return [Step(f"{origin}-r{r}", base.tool, {**base.args, "seed": (seed + SEED_STEP * r) % (2 ** 31)})]


def _how(steps: list[Step]) -> str:
    if steps[0].tool == "image.inpaint":
        return "added " + ", ".join(str(s.args["prompt"]) for s in steps) + " in the planned box"
    return f"seed {steps[-1].args['seed']}"


def _box_mask(session: Any, work: Plan, step_id: str, fix: dict[str, Any]) -> Path:
    """A mask file (in the store, by content) covering the boxes, in the picture's pixels."""
    import numpy as np
    from PIL import Image

    (cw, ch), (w, h) = fix["canvas"], fix["size"]
    mask = np.zeros((h, w), np.uint8)
    for x0, y0, x1, y1 in fix["boxes"]:
        mask[max(0, int(y0 * h / ch)):int(np.ceil(y1 * h / ch)), max(0, int(x0 * w / cw)):int(np.ceil(x1 * w / cw))] = 255
    tmp = session.store.tmpdir("check") / "mask.png"
    Image.fromarray(mask, "L").save(tmp)
    return session.store.put_file(tmp, "mask", {"tool": "media.check", "boxes": fix["boxes"]}).path


def _final(plan: Plan, work: Plan, refined: Refined) -> Plan:
    """The original plan with each checked step's best attempt in its place: dependants read
    the attempt; an attempt that edits the original keeps it."""
    chains: dict[str, list[Step]] = {}
    rename: dict[str, str] = {}
    for origin in refined.attempts:
        best = refined.best(origin)
        if best.step == origin:
            continue
        needed = _inputs(work, best.step) | {best.step}
        chain = [s for s in work.steps if s.id.startswith(f"{origin}-r") and s.id in needed]
        chains[origin] = chain
        rename[origin] = best.step
    steps: list[Step] = []
    for step in plan.steps:
        args = {k: _renamed(v, rename) for k, v in step.args.items()}
        chain = chains.get(step.id, [])
        if not chain or any(Ref.parse(v) and Ref.parse(v).step == step.id for s in chain for v in s.args.values()):
            steps.append(Step(step.id, step.tool, args))
        steps.extend(chain)
    return Plan(steps, plan.request, list(plan.notes), list(plan.left_out))


def _inputs(work: Plan, target: str) -> set[str]:
    """Every step `target` reads, directly or through others."""
    found: set[str] = set()
    todo = [target]
    while todo:
        for dep in work.step(todo.pop()).depends_on():
            if dep not in found:
                found.add(dep)
                todo.append(dep)
    return found


def _renamed(value: Any, rename: dict[str, str]) -> Any:
    if isinstance(value, list):
        return [_renamed(v, rename) for v in value]
    ref = Ref.parse(value)
    if ref is not None and ref.step in rename:
        return str(Ref(rename[ref.step], ref.output))
    return value
