"""The plan being drafted, shared by the planner's passes: the steps made so far, the things
later clauses can use (step outputs and files), and the audio asked for "with" a video.

It lives apart from the passes (clauses, arguments, narration, sounds, the offline planner)
so that each of them imports it and none of them imports another to reach it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..plan import Step
from ..registry import Registry


@dataclass
class Source:
    """Something later clauses can use: a step's output ($s1) or a file from before."""

    ref: str
    kind: str
    tool: str | None = None
    used: int = 0


@dataclass
class Draft:
    registry: Registry
    steps: list[Step] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    attachments: list[str] = field(default_factory=list)
    introduced: str = ""  # the last clause that only introduced a file ("there's a bin at (5, 9) in a.jpg")
    named: list[Source] = field(default_factory=list)  # every file the request names, in order

    def add(self, tool: str, args: dict) -> Source:
        sid = f"s{len(self.steps) + 1}"
        step = Step(sid, tool, {k: v for k, v in args.items() if v is not None})
        for _, ref in step.refs():
            for src in self.sources:
                if src.ref == f"${ref.step}":
                    src.used += 1
        self.steps.append(step)
        source = Source(f"${sid}", self.registry.spec(tool).output, tool)
        self.sources.append(source)
        return source

    def latest(self, kind: str, unused: bool = False) -> Source | None:
        for src in reversed(self.sources):
            if _fits(src.kind, kind) and (not unused or src.used == 0):
                return src
        return None

    def use_file(self, path: str, kind: str) -> None:
        for src in self.sources:
            if src.ref == path:
                src.used += 1
                return
        self.sources.append(Source(path, kind, None, 1))


def _fits(have: str, want: str) -> bool:
    return have == want or (want == "text" and have in ("text", "storyboard"))
