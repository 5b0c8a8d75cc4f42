"""The one instruction grammar of every edit parser (image, video, audio, mesh).

An instruction is a list of clauses; each clause names one change and may carry an amount:

    instruction := clause (SEP clause)*
    SEP         := "," | ";" | ". " | "then" | "and then" | "after that" | "plus" | "and"
    amount      := NUMBER unit? | NUMBER "%" | "by" NUMBER | DEGREE ("a bit", "much")

`clauses(text, verbs)` splits an instruction; with `verbs`, a piece that does not start with one
of them stays with the clause before it ("make it red and shiny" is one clause, "make it red and
rotate it" two). `find(pattern, text)` reads the number a pattern captures with NUM (digits or
number words). `fraction` reads "20%", "by 0.3", "much", "a bit" as one fraction of change.
"""

from __future__ import annotations

import re
from .degree import degree

NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
                "half": 0.5, "a half": 0.5, "quarter": 0.25}
NUM = r"(?<![\w.])([+-]?\d+(?:\.\d+)?|(?:" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")\b)"
SEPARATORS = r"\s*(?:,|;|\.\s|\band then\b|\bthen\b|\bafter that\b|\bplus\b|\band\b)\s*"


def number(text: str) -> float:
    """'two' -> 2.0, '+3' -> 3.0, 'half' -> 0.5 (the text is one number as NUM captured it)."""
    text = text.strip().lower()
    return float(NUMBER_WORDS[text]) if text in NUMBER_WORDS else float(text)


def find(pattern: str, text: str) -> float | None:
    """The first number captured by `pattern` (which holds NUM once)."""
    match = re.search(pattern, text)
    return number(match.group(1)) if match else None


def clauses(text: str, verbs: str | None = None, split_and: bool = True) -> list[str]:
    """The clauses of an instruction, in order (lower-cased, trimmed). `verbs` is a pattern that
    a clause must start with: a piece that does not is glued (with "and") to the clause before
    it; `split_and=False` glues only pieces after "and" (a list of adjectives stays together)."""
    pieces = re.split(f"({SEPARATORS})", text.lower().replace("–", "-"))
    out: list[str] = []
    for i in range(0, len(pieces), 2):
        piece = pieces[i].strip()
        if not piece:
            continue
        after_and = i > 0 and pieces[i - 1].strip() == "and"
        starts = verbs is None or re.match(verbs, piece) is not None
        if out and not starts and (split_and or after_and):
            out[-1] = f"{out[-1]} and {piece}"
        elif out and not split_and and after_and and verbs is None:
            out[-1] = f"{out[-1]} and {piece}"
        else:
            out.append(piece)
    return out


def fraction(clause: str, default: float) -> float:
    """A fraction of change from "20%", "by 0.3" or "by 20" (read as percent); else the default,
    doubled for "much"/"a lot", halved for "a bit"/"slightly" (lang.degree's scale)."""
    m = re.search(r"(\d+(?:\.\d+)?)\s*(%|percent)", clause)
    if m:
        return float(m.group(1)) / 100
    m = re.search(r"(?:by|of)\s+(\d+(?:\.\d+)?)", clause)
    if m:
        v = float(m.group(1))
        return v / 100 if v > 1 else v
    step = degree(clause)
    return default * 2 if step == "large" else default / 2 if step == "small" else default
