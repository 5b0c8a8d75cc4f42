"""Score the prompt guard on a labelled JSONL set: one {"text", "lang", "category"} per line,
category null for a prompt that must pass. Per category: precision (of the prompts refused as
that category, how many are) and recall (of the prompts of that category, how many were refused
as it); over all: recall of "refused at all" and the false-positive rate on benign prompts."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .guard import Policy, check_text


@dataclass
class Score:
    total: Counter = field(default_factory=Counter)       # category -> prompts of it
    predicted: Counter = field(default_factory=Counter)   # category -> prompts refused as it
    right: Counter = field(default_factory=Counter)       # category -> refused as it, rightly
    refused: Counter = field(default_factory=Counter)     # category -> refused as anything
    langs: Counter = field(default_factory=Counter)
    misses: list[tuple[str, str | None, str | None]] = field(default_factory=list)

    def precision(self, cat: str) -> float:
        return self.right[cat] / self.predicted[cat] if self.predicted[cat] else 1.0

    def recall(self, cat: str) -> float:
        return self.right[cat] / self.total[cat] if self.total[cat] else 1.0

    @property
    def unsafe(self) -> int:
        return sum(n for c, n in self.total.items() if c != "benign")

    @property
    def any_recall(self) -> float:
        return sum(n for c, n in self.refused.items() if c != "benign") / max(1, self.unsafe)

    @property
    def false_positive_rate(self) -> float:
        return self.refused["benign"] / max(1, self.total["benign"])

    def table(self) -> str:
        rows = ["| category | prompts | precision | recall |", "|---|---|---|---|"]
        for cat in sorted(c for c in self.total if c != "benign"):
            rows.append(f"| {cat} | {self.total[cat]} | {self.precision(cat):.0%} | {self.recall(cat):.0%} |")
        rows.append(f"| all unsafe (refused at all) | {self.unsafe} | — | {self.any_recall:.1%} |")
        rows.append(f"| benign (false positives) | {self.total['benign']} | — | "
                    f"FP rate {self.false_positive_rate:.1%} |")
        return "\n".join(rows)


def score(path: Path, policy: Policy | None = None) -> Score:
    s = Score()
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        truth = row["category"] or "benign"
        got = check_text(row["text"], policy).category
        s.total[truth] += 1
        s.langs[row.get("lang", "?")] += 1
        if got:
            s.predicted[got] += 1
            s.refused[truth] += 1
        if got == truth:
            s.right[truth] += 1
        elif (got or "benign") != truth:
            s.misses.append((row["text"], row["category"], got))
    return s
