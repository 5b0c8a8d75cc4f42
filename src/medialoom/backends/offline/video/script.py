"""Prompt -> motion script, the video-layout role of VideoDirectorGPT / LVD done with rules:
the words that say how things move (verbs, directions) and how the camera moves are taken
out of the prompt; what is left describes the scene for the image layout planner; each verb
is given to the object it follows ("a red ball bouncing" -> the ball bounces)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .motion import NATURAL, WORD_KIND, Trajectory, trajectory_for

STILL_WORDS = {"parked", "sitting", "sits", "standing", "stands", "resting", "rests", "sleeping",
               "sleeps", "lying", "lies", "still", "static", "motionless", "waiting", "asleep"}
DIRECTIONS = (r"from (the )?left to (the )?right", r"from (the )?right to (the )?left",
              r"(to|towards) the (left|right)", r"back and forth", r"up and down", r"in circles?",
              r"round and round", r"across", r"around", r"along", r"past", r"away", r"about",
              r"through the air", r"left", r"right", r"up", r"down", r"slowly", r"quickly", r"fast",
              r"gently", r"high", r"happily", r"lazily")
RELATION_WORDS = {"over", "above", "on", "onto", "in", "into", "under", "below", "beneath", "near",
                  "next", "behind", "beside", "by", "at", "through", "between", "among", "inside",
                  "toward", "towards", "to", "from", "with", "and", ",", ".", ";", "while", "as"}
DIRECTION = re.compile(r"^\s*(" + "|".join(DIRECTIONS) + r")\b")
CAMERA = re.compile(r"(,?\s*(with |as |while )?(the |a )?(camera\s+)?(slowly |slow |gentle |fast |quick )?"
                    r"(zoom(s|ing)?\s+(in|out)|"
                    r"pan(s|ning)?\s+(from\s+)?(the\s+)?(left|right|top|bottom)\s+to\s+(the\s+)?(left|right|top|bottom)|"
                    r"pan(s|ning)?\s+(to the\s+)?(left|right|up|down)|(?<=camera )mov(e|es|ing)\s+(left|right|up|down)|"
                    r"push(es|ing)? in|pull(s|ing)? (out|back)|ken burns|tilt(s|ing)? (up|down))"
                    r"(\s+(slowly|gently|quickly))?)")


@dataclass(frozen=True)
class Cue:
    """A motion phrase and where it sat in the prompt (word position)."""

    phrase: str
    position: int
    still: bool = False


@dataclass(frozen=True)
class Script:
    scene_prompt: str             # the prompt without motion words, for the layout planner
    cues: tuple[Cue, ...]
    camera_text: str              # camera words found ('' if none)


def split_prompt(prompt: str) -> Script:
    text = prompt.strip()
    camera_parts = [m.group(0) for m in CAMERA.finditer(text.lower())]
    lowered = CAMERA.sub(" ", text.lower())
    words = re.findall(r"[a-z]+(?:'[a-z]+)?|[0-9]+|[,.;]", lowered)
    kept: list[str] = []
    cues: list[Cue] = []
    i = 0
    while i < len(words):
        word = words[i]
        if word in WORD_KIND or word in STILL_WORDS:
            phrase, i = _take_phrase(words, i)
            cues.append(Cue(phrase, len(kept), still=word in STILL_WORDS))
            if i < len(words) and kept and words[i] not in RELATION_WORDS and kept[-1] != ",":
                kept.append(",")      # "a ball bouncing across grass" -> "a ball, grass"
            continue
        kept.append(word)
        i += 1
    scene = re.sub(r"\s+([,.;])", r"\1", " ".join(kept)).strip(" ,.;")
    scene = re.sub(r"\b(and|while|as|that is|which is|who is|is|are)\s*$", "", scene).strip(" ,.;")
    return Script(scene or prompt, tuple(cues), " ".join(camera_parts).strip())


def _take_phrase(words: list[str], i: int) -> tuple[str, int]:
    """The verb at i and the direction words after it; returns (phrase, next index)."""
    taken = [words[i]]
    i += 1
    while i < len(words):
        rest = " ".join(words[i:i + 5])
        match = DIRECTION.match(rest)
        if not match or (match.group(1) in ("left", "right") and words[i + 1:i + 2] == ["of"]):
            break
        count = len(match.group(1).split())
        taken += words[i:i + count]
        i += count
    return " ".join(taken), i


def assign(names: list[str], positions: list[int | None], script: Script,
           duration: float) -> list[Trajectory]:
    """One trajectory per scene object. `names` are the objects' kinds or nouns, `positions`
    where each object's noun sat in the scene prompt (None if unknown). A cue goes to the
    nearest object named before it (else after it); an object without a cue does what its
    kind naturally does (birds fly, cars drive) unless the prompt says it is still."""
    chosen: dict[int, Cue] = {}
    for cue in script.cues:
        target = _owner(positions, cue.position)
        if target is None and names:
            target = 0
        if target is None:
            continue
        for j, pos in enumerate(positions):     # a group ("three birds") moves together
            if names[j] == names[target] and pos == positions[target]:
                chosen.setdefault(j, cue)
    result = []
    for j, name in enumerate(names):
        cue = chosen.get(j)
        if cue is not None and cue.still:
            result.append(Trajectory("still"))
        elif cue is not None:
            result.append(trajectory_for(cue.phrase, duration, name))
        else:
            result.append(trajectory_for("", duration, name) if name in NATURAL else Trajectory("still"))
    return result


def _owner(positions: list[int | None], cue_at: int) -> int | None:
    before = [(cue_at - p, j) for j, p in enumerate(positions) if p is not None and p <= cue_at]
    if before:
        return min(before)[1]
    after = [(p - cue_at, j) for j, p in enumerate(positions) if p is not None]
    return min(after)[1] if after else None
