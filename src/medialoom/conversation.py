"""Multi-turn sessions: what earlier turns made, read back from the store.

A conversation is an id written into the store's `runs.conversation` column by
`Session.run(..., conversation=ID)`. Its state is nothing but the store: each turn is a run
with its request, plan and step outputs. Follow-ups use it in two ways:

    - references: "make it darker", "now add rain sounds" are planned with the earlier outputs
      as context (newest last), so "it" is the last thing made;
    - revisions: "use a female voice instead", "make it 20 seconds instead" change arguments of
      the previous plan and run it again (unchanged steps come from the cache).
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass

from .plan import Plan, Step
from .planner import extract
from .planner.draft import Source
from .registry import Registry
from .store import Store

REVISION = re.compile(r"\b(instead|rather|change (?:the|it|that)|switch (?:to|the)|replace the (?:voice|music|"
                      r"language|style)|try (?:a|an|it|with)|again (?:but|with)|redo)\b", re.I)


@dataclass(frozen=True)
class Turn:
    run_id: str
    request: str | None
    plan: Plan
    status: str
    outputs: list[Source]          # ref = the stored file's path; oldest step first


def new_id() -> str:
    return "c" + uuid.uuid4().hex[:12]


class Conversation:
    def __init__(self, store: Store, conversation_id: str):
        self.store = store
        self.id = conversation_id

    def turns(self) -> list[Turn]:
        rows = self.store.query("SELECT id, request, plan, status FROM runs WHERE conversation=? "
                                "ORDER BY created", (self.id,))
        turns = []
        for row in rows:
            plan = Plan.from_json(row["plan"])
            turns.append(Turn(row["id"], row["request"], plan, row["status"], self._outputs(row["id"], plan)))
        return turns

    def _outputs(self, run_id: str, plan: Plan) -> list[Source]:
        """Main outputs of the run's steps that still exist; the run's final outputs (steps no
        other step used) come last, so that "it" means what the turn delivered."""
        order = {s.id: i for i, s in enumerate(plan.steps)}
        tools = {s.id: s.tool for s in plan.steps}
        used = {d for s in plan.steps for d in s.depends_on()}
        rows = self.store.query("SELECT step_id, sha256 FROM step_outputs WHERE run_id=? AND name='main'",
                                (run_id,))
        rows = sorted(rows, key=lambda r: (r["step_id"] not in used, order.get(r["step_id"], 0)))
        found = []
        for row in rows:
            art = self.store.get(row["sha256"])
            if art is not None:
                found.append(Source(str(art.path), art.kind, tools.get(row["step_id"])))
        return found

    def context(self, turns: int = 6) -> list[Source]:
        """Artifacts of the last few turns that succeeded, oldest first."""
        out: list[Source] = []
        for turn in self.turns()[-turns:]:
            out += turn.outputs
        return out

    def last_plan(self) -> Plan | None:
        done = [t for t in self.turns() if t.outputs]
        return done[-1].plan if done else None


def revise(previous: Plan, request: str, registry: Registry) -> Plan | None:
    """The previous plan with the arguments the request changes ("use a female voice instead"),
    or None when the request is not a revision of it."""
    if not REVISION.search(request):
        return None
    changes = _changes(request)
    steps, changed = [], False
    for step in previous.steps:
        spec = registry.get(step.tool)
        args = dict(step.args)
        for name, value in changes.items():
            if spec is not None and spec.param(name) is not None and args.get(name) != value:
                args[name] = value
                changed = True
        steps.append(Step(step.id, step.tool, args))
    if not changed:
        return None
    return Plan(steps, request, ["revised the previous plan: " + ", ".join(f"{k}={v}" for k, v in changes.items())])


def _changes(request: str) -> dict[str, object]:
    changes: dict[str, object] = {}
    for name, fn in (("voice", extract.voice), ("language", extract.language), ("style", extract.style),
                     ("tempo", extract.tempo), ("key", extract.key)):
        value = fn(request)
        if value is not None:
            changes[name] = value
    if (d := extract.duration(request)) is not None:
        changes["duration"] = extract.plain(d)
    if (size := extract.size(request)) is not None:
        changes["width"], changes["height"] = size
    if (m := re.search(r"\b(waveform|spectrogram|panorama|grid|collage|crossfade|slide)\b", request, re.I)):
        word = m.group(1).lower()
        key = {"waveform": "kind", "spectrogram": "kind", "crossfade": "transition", "slide": "transition"}.get(word, "mode")
        changes[key] = word
    return changes
