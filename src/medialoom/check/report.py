"""What a check returns, as plain data: measured scores, named problems, and what could not be
checked here (and why). A report with no measurement at all is never 'ok'."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Problem:
    """One thing the output gets wrong: what, what the request asked, what was measured.
    `fix` names the targeted repair when one exists (e.g. 'add' with the object's box)."""

    what: str
    expected: Any
    found: Any
    fix: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"what": self.what, "expected": self.expected, "found": self.found}

    def line(self) -> str:
        return f"{self.what}: expected {self.expected}, found {self.found}"


@dataclass
class Report:
    kind: str
    scores: dict[str, float] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    not_checked: list[str] = field(default_factory=list)   # "objects: needs a detection model ..."
    asked: int = 0                                          # how many asked-for things were compared

    @property
    def ok(self) -> bool:
        return not self.problems and self.asked > 0

    @property
    def checkable(self) -> bool:
        return self.asked > 0

    def score(self) -> float:
        """One number to rank attempts by (higher is better): fewer problems first."""
        return -len(self.problems) + 0.001 * self.scores.get("match", 0.0)

    def measure(self, name: str, value: float) -> float:
        self.scores[name] = round(float(value), 4)
        return value

    def expect(self, ok: bool, what: str, expected: Any, found: Any, fix: dict[str, Any] | None = None,
               *, asked: bool = True) -> None:
        """One comparison; a problem when it is not met. `asked=False`: a property every output
        of the kind should have, which alone does not judge the request."""
        self.asked += asked
        if not ok:
            self.problems.append(Problem(what, expected, found, fix))

    def to_dict(self) -> dict[str, Any]:
        return {"ok": self.ok, "kind": self.kind, "scores": dict(self.scores),
                "problems": [p.to_dict() for p in self.problems], "not_checked": list(self.not_checked)}

    def summary(self) -> str:
        """One line: 'ok (objects 3/3, ...)' or the problems."""
        scores = ", ".join(f"{k} {v:.3g}" for k, v in self.scores.items())
        if self.ok:
            return f"check ok ({scores})" if scores else "check ok"
        if not self.checkable:
            why = "; ".join(self.not_checked) or "the request names nothing to check"
            return f"not checked ({why})"
        return "check found: " + "; ".join(p.line() for p in self.problems)
