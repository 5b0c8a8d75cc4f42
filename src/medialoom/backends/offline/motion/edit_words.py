"""Edit instructions -> motion operations: "slow it down and mirror it", "loop 3 times",
"keep the first 2 seconds", "bigger steps", "only the upper body waves", "retarget to a child",
"blend into the other motion"."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ....errors import InputError

CAN_DO = ("faster/slower (or 'twice as fast'), mirror, loop N times, trim ('first 2 seconds', "
          "'from 1 to 3 s'), bigger/smaller steps, 'only the upper body waves', blend or layer with "
          "another motion (give `other`), retarget to a child/taller adult or to the other motion's skeleton")
NUM = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
       "nine": 9, "ten": 10, "twice": 2, "thrice": 3, "once": 1, "a": 1, "half": 0.5}
N = r"(\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|a|half)"


@dataclass(frozen=True)
class Op:
    name: str                 # speed, mirror, loop, trim, stride, wave_layer, blend, layer, retarget, scale
    value: float = 0.0
    end: float | None = None
    hand: str = "Right"


def _num(text: str) -> float:
    return float(text) if text[0].isdigit() else float(NUM[text])


def parse_edit(instruction: str) -> list[Op]:
    text = " ".join(str(instruction).lower().replace("-", " ").split())
    ops: list[Op] = []
    m = re.search(N + r"\s*(?:x|times)\s+(?:as\s+)?(faster|slower|fast|slow)", text) or \
        re.search(r"(twice|thrice)\s+as\s+(fast|slow)", text)
    if m:
        k = _num(m.group(1))
        ops.append(Op("speed", k if m.group(2).startswith("fast") else 1 / k))
    elif re.search(r"\bhalf (?:the )?speed\b", text):
        ops.append(Op("speed", 0.5))
    elif re.search(r"\b(faster|quicker|hurry)\b|\bspeed\b(?:\s+\w+){0,3}\s+up\b", text):
        ops.append(Op("speed", 1.5))
    elif re.search(r"\b(slower|slow motion)\b|\bslow\b(?:\s+\w+){0,3}\s+down\b", text):
        ops.append(Op("speed", 1 / 1.5))
    if re.search(r"\b(mirror|mirrored|flip|swap left and right|other side|opposite side)\b", text):
        ops.append(Op("mirror"))
    m = re.search(r"\b(?:loop|repeat)\w*(?: it)?(?: " + N + r" times| (twice|thrice))?", text)
    if m:
        times = m.group(1) or m.group(2)
        ops.append(Op("loop", _num(times) if times else 2))
    m = re.search(r"\bfrom " + N + r"\s*s?\w* to " + N + r"\s*s", text)
    if m:
        ops.append(Op("trim", _num(m.group(1)), _num(m.group(2))))
    else:
        m = re.search(r"\b(?:first|keep|trim (?:it )?to|cut (?:it )?to|shorten (?:it )?to) " + N + r"\s*s", text)
        if m:
            ops.append(Op("trim", 0.0, _num(m.group(1))))
    if re.search(r"\b(bigger|longer|larger|wider) (steps|strides)\b", text):
        ops.append(Op("stride", 1.3))
    elif re.search(r"\b(smaller|shorter|tiny|little) (steps|strides)\b", text):
        ops.append(Op("stride", 0.75))
    if re.search(r"\bupper body\b|\btop half\b|\bonly the arms?\b", text):
        if re.search(r"\bwav", text):
            ops.append(Op("wave_layer", hand="Left" if "left" in text else "Both" if "both" in text else "Right"))
        else:
            ops.append(Op("layer"))
    if re.search(r"\b(blend|transition|crossfade|cross fade|followed by|then the other)\b", text):
        ops.append(Op("blend"))
    if re.search(r"\bretarget", text) or re.search(r"\b(as|for|like|onto|on) (a|an|the)? ?(child|kid|giant|tall|taller|adult|other skeleton)\b", text):
        if re.search(r"\b(child|kid)\b", text):
            ops.append(Op("scale", 0.7))
        elif re.search(r"\b(giant|taller|tall)\b", text):
            ops.append(Op("scale", 1.2))
        else:
            ops.append(Op("retarget"))
    if not ops:
        raise InputError(f"cannot understand the motion edit {instruction!r}; motion.edit can do {CAN_DO}")
    return ops
