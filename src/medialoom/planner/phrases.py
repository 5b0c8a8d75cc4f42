"""Phrases inside a clause: the times of a cut or a still, the words after "saying", the
object of "remove the ...", the description of a sound to make. Pure text functions."""

from __future__ import annotations

import re
from typing import Any

from ..lang.times import time_value, trim_times  # noqa: F401 - read in lang; planner modules import them here
from . import extract
from .clauses import Clause, protect, restore


def probe_seconds(path: str) -> float | None:
    """The length of a video file named in a request (None when it cannot be read now)."""
    try:
        import av

        with av.open(path) as container:
            return round(container.duration / 1_000_000, 2) if container.duration else None
    except Exception:  # a file that does not exist yet or does not decode: length unknown
        return None


def frame_time(clause: Clause) -> Any:
    """When to take a still: 'the first frame' is 0, '0:05' and '5 seconds' as written."""
    if re.search(r"\bfirst frame\b", clause.low):
        return 0
    m = extract.CLOCK.search(clause.text)
    if m:
        return m.group(0)
    value = extract.duration(clause.text)
    return extract.plain(value) if value is not None else None


def after(text: str, words: str) -> str | None:
    m = re.search(rf"\b(?:{words})\b[\s:,]*(.+)$", extract.strip_quotes(text), re.I)
    if not m:
        return None
    tail = re.split(r"\s+(?:to|on|onto|over|under|in|at)\s+(?:it|them|(?:the|my|our|your|this|that) \w+|\S+\.\w{2,4})\b", m.group(1))[0]
    tail = tail.strip(" .,;:!?")
    return tail or None


def audio_prompt(words: str) -> str:
    """'add soft rain sounds under it' -> 'soft rain sounds'; quoted words stay whole."""
    protected, saved = protect(words)
    return restore(_audio_prompt(protected), saved)


def _audio_prompt(words: str) -> str:
    text = re.sub(r"^\s*(?:(?:now|please|also|then|so|just|and|with|plus)\s+)*(?:(?:add|put|place|lay|include|"
                  r"attach|dub|set|overlay)\b\s*)?", "", words, flags=re.I)
    text = re.sub(r"^(?:mix|blend|combine|layer)\s+(?:it|them|this|that|the \w+|\S+\.\w{2,4})\s+(?:with|and)\s+",
                  "", text, flags=re.I)  # "mix it with quiet rain sounds"
    text = re.split(r"\s+(?:to|under|over|on|onto|behind|beneath|for)\s+(?:it|them|the \w+|this \w+|that \w+|\S+\.\w{2,4})\b",
                    text, flags=re.I)[0]
    text = re.sub(r"^(?:some|a|an|the)\s+", "", text.strip(), flags=re.I)
    text = re.sub(r"^sounds? of\s+(?:the\s+|a\s+)?", "", text, flags=re.I)
    return text.strip(" .,;:") or words.strip()


def object_phrase(clause: Clause) -> str | None:
    m = re.search(r"\b(?:remove|erase|delete|replace|select|mask|segment|cut out|isolate|outline|swap|"
                  r"get rid of|take out)\s+(?:the\s+|a\s+|an\s+)?(.+?)(?=\s+(?:in|from|of|on|with|by|at|for|"
                  r"that|which|i)\b|[,.(]|$)", clause.bare, re.I)
    if not m:
        return None
    words = m.group(1).strip()
    return None if words.lower() in ("it", "this", "that", "them", "object", "thing") else words


def introduced_object(text: str) -> str | None:
    """'there's a bin at (5, 9) in alley.jpg' -> 'bin': the thing a later 'it' points at."""
    m = re.search(r"\bthere(?:'s| is| are)\s+(?:a|an|the|some|two|three)?\s*(.+?)(?=\s+(?:at|in|on|near|by|"
                  r"next to|behind)\b|[,(;]|$)", extract.strip_quotes(text), re.I)
    return m.group(1).strip() if m and m.group(1).strip() else None


def is_reference(words: str) -> bool:
    """True when the 'subject' is only a pointer back ('the image', 'it', 'from that')."""
    w = re.sub(r"\b(a|an|the|it|its|this|that|from|using|use|based on|with|of|for|one|result|text|"
               r"description|caption|prompt|image|picture|video|lyrics|poem|story|script|them|"
               r"detailed|improved|new|refined|transcript)\b", " ", words.lower())
    return not w.strip(" ,.:;")


def topic(words: str) -> str:
    """'Break a tale about a whale into 5 scenes as a storyboard' -> 'a tale about a whale'."""
    words = re.sub(r"\s*,?\s*\b(?:in|into|with|across|over)\s+(?:\w+[\s-]+)?(?:scenes?|shots?|parts?)\b", " ", words,
                   flags=re.I)
    words = re.sub(r"\s*,?\s*\b(?:as|for|in|into)\s+(?:a|the)\s+storyboard\b", " ", words, flags=re.I).strip(" ,.")
    m = re.search(r"\b(?:an?|the)\s+(?:[\w-]+\s+){0,3}?about\b.*$", words, re.I)
    return (m.group(0) if m and m.start() > 0 else words).strip()


def gain_for(low: str, names: str) -> float:
    """The gain asked for a track called by one of `names` (a regex alternation)."""
    near = rf"\b(?:{names})\b[\w\s,]{{0,16}}?"
    m = re.search(near + r"\b(?:at|to)\s+([+-]?\d+(?:\.\d+)?)\s*db\b", low)
    if m:
        return round(10 ** (float(m.group(1)) / 20), 3)
    m = re.search(near + r"(\d+(?:\.\d+)?)\s*db\s+(quieter|softer|lower|down|louder|up|higher)", low)
    if m:
        sign = 1 if m.group(2) in ("louder", "up", "higher") else -1
        return round(10 ** (sign * float(m.group(1)) / 20), 3)
    if re.search(near + r"\b(quieter|softer|lower|down|in the background)", low):
        return 0.4
    if re.search(near + r"\b(louder|up|higher)", low):
        return 1.5
    return 1.0
