"""Instruction -> a list of edit operations (data), before anything touches a model.

    "paint its scarf red"            Recolour(target="scarf")
    "make it twice as tall"          Rescale((1, 2, 1))
    "make the legs 50% longer"       Rescale((1, 1.5, 1), target="legs")
    "remove the legs" / "add a hat"  Remove("legs") / Add("hat")
    "make it metal"                  Rematerial("metal")
    "rotate it 90 degrees"           Rotate((0, 90, 0));  "upside down" turns about x
    "give it six legs"               Recount("leg", 6)
    "simplify to 500 faces"          Simplify(faces=500)

Clauses joined by "and", "then", commas are read one by one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ....errors import InputError
from ....lang.instructions import clauses as split_clauses
from ....lang.sizes import size_step
from .kit import MATERIAL_WORDS, RGB
from .program import Vec3
from .words import NUMBERS, colour_at, normalise, singular

VERBS = ("make", "paint", "colour", "color", "turn", "remove", "delete", "add", "give", "put", "rotate",
         "scale", "simplify", "double", "halve", "change", "set", "stretch", "shrink", "enlarge",
         "take", "get", "spin", "flip", "reduce", "decimate", "dye", "recolour", "recolor", "grow", "lay")
REMOVE_VERBS = ("remove", "delete", "take off", "take away", "get rid of", "drop", "without")
ADD_VERBS = ("add", "give", "put", "attach", "place", "with")
ALL_WORDS = {"it", "its", "everything", "all", "model", "object", "whole", "thing", "mesh", "entire"}
FILLER = {"the", "a", "an", "its", "it", "all", "of", "to", "on", "top", "in", "with", "and", "them",
          "their", "his", "her", "so", "that", "is", "are", "be", "make", "paint", "colour", "color", "turn",
          "more", "much", "times", "as", "than", "twice", "half", "into", "by", "please", "up", "down"}
FACTOR_WORDS = {"twice": 2.0, "double": 2.0, "doubled": 2.0, "thrice": 3.0, "triple": 3.0, "half": 0.5,
                "halve": 0.5, "quarter": 0.25}
AXIS_WORDS = {"tall": (0, 1, 0), "taller": (0, 1, 0), "height": (0, 1, 0), "high": (0, 1, 0),
              "higher": (0, 1, 0), "short": (0, 1, 0), "shorter": (0, 1, 0), "lower": (0, 1, 0),
              "wide": (1, 0, 0), "wider": (1, 0, 0), "width": (1, 0, 0), "broad": (1, 0, 0),
              "broader": (1, 0, 0), "narrow": (1, 0, 0), "narrower": (1, 0, 0), "thin": (1, 0, 0),
              "thinner": (1, 0, 0), "fat": (1, 0, 1), "fatter": (1, 0, 1), "deep": (0, 0, 1),
              "deeper": (0, 0, 1), "depth": (0, 0, 1), "long": None, "longer": None, "length": None,
              "big": (1, 1, 1), "bigger": (1, 1, 1), "large": (1, 1, 1), "larger": (1, 1, 1),
              "size": (1, 1, 1), "small": (1, 1, 1), "smaller": (1, 1, 1), "huge": (1, 1, 1),
              "tiny": (1, 1, 1), "shrink": (1, 1, 1), "enlarge": (1, 1, 1), "grow": (1, 1, 1),
              "stretch": (0, 1, 0), "scale": (1, 1, 1)}
SHRINK_WORDS = {"short", "shorter", "lower", "narrow", "narrower", "thin", "thinner", "small", "smaller",
                "tiny", "shrink", "down"}


@dataclass(frozen=True)
class Recolour:
    color: RGB
    target: str | None = None


@dataclass(frozen=True)
class Rematerial:
    material: str
    target: str | None = None


@dataclass(frozen=True)
class Rescale:
    factors: Vec3
    target: str | None = None


@dataclass(frozen=True)
class Rotate:
    degrees: Vec3


@dataclass(frozen=True)
class Remove:
    target: str


@dataclass(frozen=True)
class Add:
    what: str


@dataclass(frozen=True)
class Recount:
    """A new number of a counted part: "give it six legs"."""

    noun: str
    count: int


@dataclass(frozen=True)
class Simplify:
    ratio: float = 0.5
    faces: int | None = None


Edit = Recolour | Rematerial | Rescale | Rotate | Remove | Add | Recount | Simplify


def clauses(text: str) -> list[str]:
    """Split on and / then where the next piece starts with a verb (the instruction grammar)."""
    return split_clauses(text, verbs=r"(?:" + "|".join(VERBS) + r")\b")


def parse_edits(instruction: str) -> list[Edit]:
    """Every edit an instruction asks for, in order; InputError when none is understood."""
    text = normalise(instruction)
    edits: list[Edit] = []
    for clause in clauses(text):
        edits.extend(_clause_edits(clause))
    if not edits:
        raise InputError(f"cannot tell what to change in {instruction!r}; say e.g. 'paint it red', 'make it "
                         "twice as tall', 'remove the legs', 'add a hat', 'make it metal', 'rotate it 90 "
                         "degrees' or 'simplify it'")
    return edits


def _clause_edits(clause: str) -> list[Edit]:
    words = clause.split()
    for verb in REMOVE_VERBS:
        if re.match(rf"{verb}\b", clause) or (verb == "without" and words[0] == "without"):
            return [Remove(_target(clause[len(verb):].split()) or "")]
    recount = _recount(words)
    if recount is not None:
        return [recount]
    if words[0] in ADD_VERBS:
        return [Add(_target(words[1:]) or "")]
    if re.search(r"\b(simplify|simplified|decimate|reduce|low poly|fewer)\b", clause):
        return [_simplify(clause, words)]
    if re.search(r"\b(rotate|rotated|spin|flip|upside down|on its side|turn it around|turn around)\b", clause):
        return [_rotate(clause)]
    edits: list[Edit] = []
    scale = _rescale(words)
    if scale is not None:
        edits.append(scale)
    colour, material = _dress(words)
    target = _target(words)
    if colour is not None:
        edits.append(Recolour(colour, target))
    if material is not None:
        edits.append(Rematerial(material, target))
    return edits


def _recount(words: list[str]) -> Recount | None:
    """ "give it six legs", "make it have 3 wheels", "with 5 blades": a number before a plural."""
    if words[0] not in ADD_VERBS and "have" not in words:
        return None
    for before, noun in zip(words, words[1:]):
        n = int(before) if before.isdigit() else NUMBERS.get(before) if before not in ("a", "an", "single") else None
        if n is not None and noun.endswith("s") and noun not in ("times", "degrees", "faces"):
            return Recount(singular(noun), n)
    return None


def _target(words: list[str]) -> str | None:
    """The part a clause is about: the nouns left after verbs, articles, colours, sizes."""
    kept = []
    i = 0
    while i < len(words):
        colour, width = colour_at(words, i)
        if colour is not None:
            i += width
            continue
        w = words[i]
        if w.isdigit() and kept and i and singular(words[i - 1]) == kept[-1]:
            kept.append(w)  # "chair 2": the second chair of a scene
        elif not (w in FILLER or w in ALL_WORDS or w in MATERIAL_WORDS or w in AXIS_WORDS or w in FACTOR_WORDS
                or w in NUMBERS or w in VERBS or re.fullmatch(r"-?[\d.]+%?", w) or w in ("percent", "bit")):
            kept.append(singular(w))
        i += 1
    return " ".join(kept) or None


def _dress(words: list[str]) -> tuple[RGB | None, str | None]:
    colour = material = None
    i = 0
    while i < len(words):
        c, width = colour_at(words, i)
        if c is not None and colour is None:
            colour, i = c, i + width
            continue
        if words[i] in MATERIAL_WORDS and material is None:
            material = MATERIAL_WORDS[words[i]]
        i += 1
    return colour, material


def _factor(words: list[str]) -> float | None:
    text = " ".join(words)
    m = re.search(r"(\d+(?:\.\d+)?) ?(?:%|percent)", text)
    if m:
        pct = float(m.group(1)) / 100
        return 1 - pct if any(w in SHRINK_WORDS for w in words) else 1 + pct
    m = re.search(r"\b(\d+(?:\.\d+)?|\w+) times\b", text) or re.search(r"\bby (?:a factor of )?(\d+(?:\.\d+)?)\b", text)
    if m:
        value = m.group(1)
        return float(value) if value.replace(".", "", 1).isdigit() else float(NUMBERS.get(value, 0) or 0) or None
    for w in words:
        if w in FACTOR_WORDS:
            return FACTOR_WORDS[w]
    return None


def _rescale(words: list[str]) -> Rescale | None:
    axis_word = next((w for w in words if w in AXIS_WORDS), None)
    factor = _factor(words)
    if axis_word is None and factor is None:
        return None
    if axis_word is None:
        axis_word = "size"
    target = _target(words)
    axis = AXIS_WORDS[axis_word] or ((0, 1, 0) if target else (1, 0, 0))
    if factor is None:
        factor = size_step(" ".join(words), shrink=axis_word in SHRINK_WORDS)  # as for pictures
    elif axis_word in SHRINK_WORDS and factor > 1 and "times" in words:
        factor = 1 / factor  # "three times smaller"
    elif "down" in words and factor > 1:
        factor = 1 / factor  # "scale it down by 2"
    if factor <= 0 or factor > 100:
        raise InputError(f"a scale factor of {factor:g} is out of range; use a number between 0.01 and 100")
    return Rescale(tuple(factor if a else 1.0 for a in axis), target)  # type: ignore[arg-type]


def _rotate(clause: str) -> Rotate:
    if "upside down" in clause or "flip" in clause:
        return Rotate((180.0, 0.0, 0.0))
    if "on its side" in clause:
        return Rotate((0.0, 0.0, 90.0))
    m = re.search(r"(-?\d+(?:\.\d+)?) ?(?:degrees|degree|deg)?", clause)
    angle = float(m.group(1)) if m else (180.0 if "around" in clause else 90.0)
    if re.search(r"\b(right|clockwise)\b", clause) and "counter" not in clause and "anti" not in clause:
        angle = -angle
    axis = re.search(r"\b(?:around|about|on|along) (?:the )?([xyz]) ?(?:axis)?\b", clause)
    index = "xyz".index(axis.group(1)) if axis else 1
    return Rotate(tuple(angle if i == index else 0.0 for i in range(3)))  # type: ignore[arg-type]


def _simplify(clause: str, words: list[str]) -> Simplify:
    m = re.search(r"\b(\d+) (?:faces|triangles|polygons|polys|tris)\b", clause)
    if m:
        return Simplify(faces=int(m.group(1)))
    m = re.search(r"(\d+(?:\.\d+)?) ?(?:%|percent)", clause)
    if m:
        pct = float(m.group(1)) / 100
        ratio = 1 - pct if re.search(r"\bby\b", clause) else pct
        if not 0 < ratio < 1:
            raise InputError("simplify keeps between 1% and 99% of the faces; say e.g. 'simplify to 30%'")
        return Simplify(ratio=ratio)
    if "quarter" in words:
        return Simplify(ratio=0.25)
    return Simplify(ratio=0.5)
