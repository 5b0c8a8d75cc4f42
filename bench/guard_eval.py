"""Prompt guard on its evaluation sets: precision and recall per category, false positives.

    tests/safety/guard_eval.jsonl        rounds 1 and 3 (each measured once before its misses
                                         were fixed; figures in docs/safety.md)
    tests/safety/guard_regression.jsonl  round 2, fixed against
    tests/safety/guard_heldout.jsonl     round 4, never fixed against: the honest estimate
Usage: .venv/bin/python bench/guard_eval.py [FILE ...] [--misses]
"""

from __future__ import annotations

import sys
from pathlib import Path

from medialoom.safety.evaluate import score

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str]) -> int:
    files = [Path(a) for a in argv if not a.startswith("--")] or [
        ROOT / "tests/safety" / name for name in ("guard_eval.jsonl", "guard_regression.jsonl", "guard_heldout.jsonl")]
    for path in files:
        s = score(path)
        print(f"{path.name}: {sum(s.total.values())} prompts, languages {dict(s.langs)}")
        print(s.table())
        if "--misses" in argv:
            for text, truth, got in s.misses:
                print(f"  miss: {text!r}: expected {truth}, got {got}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
