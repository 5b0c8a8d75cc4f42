"""Prompt -> template and parameters -> scene program.

"a tall red wooden table with three legs": the object word picks the template (the longest
matching name wins: "mushroom house" over "house"), then words set its parameters: colours
and materials (before a part's name they dress that part: "a house with a blue roof"), sizes
(tall, short, wide, narrow, big, small), counts ("three legs", "2 floors"), features ("with a
chimney", "without arms") and styles ("round", "pine"). Objects without a template are an
InputError that lists the vocabulary and points to the neural backend (Shap-E).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

from ....errors import InputError
from .kit import COLOURS, MATERIAL_COLOURS, MATERIAL_WORDS, RGB, Template
from .program import Part, Program, to_hex
from .templates import default_spec, templates, vocabulary

NUMBERS = {"a": 1, "an": 1, "one": 1, "single": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
           "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15,
           "twenty": 20, "thirty": 30}
HEIGHT_WORDS = {"tall": 1.5, "taller": 1.5, "high": 1.4, "towering": 1.8, "short": 0.7, "low": 0.7,
                "squat": 0.6, "flat": 0.6, "long": 1.3}
WIDTH_WORDS = {"wide": 1.4, "broad": 1.4, "fat": 1.4, "chunky": 1.3, "narrow": 0.7, "thin": 0.7,
               "slim": 0.7, "skinny": 0.6, "slender": 0.7}
SIZE_WORDS = {"big": 1.5, "large": 1.5, "huge": 2.0, "giant": 2.0, "enormous": 2.0, "small": 0.7,
              "little": 0.7, "tiny": 0.5, "mini": 0.5, "miniature": 0.5}
STYLE_ALIASES = {"fir": "pine", "christmas": "pine", "conifer": "pine", "spruce": "pine", "oak": "round",
                 "circular": "round", "rectangular": "square", "step": "stepped", "steps": "stepped",
                 "ziggurat": "stepped", "stripes": "striped", "beach": "striped"}
NOUN_ALIASES = {"storey": "floors", "story": "floors", "stories": "floors", "storeys": "floors",
                "level": "floors", "levels": "floors", "merlon": "battlements", "crenellation": "battlements",
                "tier": "layers", "tiers": "layers", "seat": "cushions", "seats": "cushions",
                "sail": "blades", "sails": "blades", "dot": "spots", "dots": "spots", "engine": "engines"}
FEATURE_ALIASES = {"backless": ("back", False), "armless": ("arms", False), "armchair": ("arms", True), "launching": ("flame", True),
                   "flying": ("flame", True), "bookless": ("books", False), "empty": ("books", False),
                   "motor": ("sail", False), "motorboat": ("sail", False), "sailing": ("sail", True)}
NEGATIONS = ("no", "without", "minus", "not")


@dataclass
class Reading:
    """What the words of a prompt set."""

    template: Template
    main: RGB | None = None
    material: str | None = None
    height: float = 1.0
    width: float = 1.0
    size: float = 1.0
    counts: dict[str, int] = field(default_factory=dict)
    flags: dict[str, bool] = field(default_factory=dict)
    style: str = ""
    dressed: dict[str, tuple[RGB | None, str | None]] = field(default_factory=dict)


def normalise(text: str) -> str:
    text = text.lower().replace("_", " ")
    text = re.sub(r"(?<![\d ])-|-(?!\d)", " ", text)  # hyphens split words; "-90" stays a number
    text = re.sub(r"[^a-z0-9#%.\-\s]", " ", text)
    text = re.sub(r"(?<!\d)\.|\.(?!\d)", " ", text)  # keep decimal points only
    return " ".join(text.replace("%", "% ").split()).replace(" %", "%")


def singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "xes", "sses")):
        return word[:-2]
    if word.endswith("ves") and word not in ("eaves",):
        return word[:-3] + "f"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def find_template(text: str) -> tuple[Template, int, int]:
    """The template whose name occurs in the text: names of more words win ("mushroom house"
    over "house", "table lamp" over "table"), then the earliest."""
    best: tuple[int, int, int, Template] | None = None
    for t in templates().values():
        for word in t.words:
            for m in re.finditer(rf"\b{re.escape(word)}s?\b", text):
                if any(text.startswith(c, m.start()) for c in COLOURS if " " in c):  # "light blue"
                    continue
                key = (word.count(" ") + 1, -m.start())
                if best is None or key > (best[0], best[1]):
                    best = (key[0], key[1], m.end(), t)
    if best is None:
        raise InputError(f"no offline 3D template for {text!r}; the offline backend knows: {vocabulary()} "
                         "(e.g. 'a tall wooden table with three legs'); for anything else use the "
                         "neural backend (Shap-E) with --backend neural")
    return best[3], -best[1], best[2]


def read(prompt: str) -> Reading:
    """Parse a prompt into a Reading (no geometry yet)."""
    text = normalise(prompt)
    t, start, end = find_template(text)
    reading = Reading(t)
    words = text.split()
    _read_counts(reading, words)
    _read_features(reading, text, words)
    _read_shape_words(reading, words)
    _read_dress(reading, words, part_words(t, reading))
    return reading


def part_words(t: Template, reading: Reading) -> set[str]:
    """Names and groups of the parts a default build of this reading has, singular."""
    spec = default_spec(t, counts=reading.counts, flags=reading.flags, style=reading.style)
    names: set[str] = set()
    for p in t.build(spec):
        names.update({singular(p.name.split("_")[0]), singular(p.group)} - {""})
    return names


def _number(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    return NUMBERS.get(word)


def _read_counts(reading: Reading, words: list[str]) -> None:
    t = reading.template
    for i, word in enumerate(words[1:], 1):
        noun = NOUN_ALIASES.get(word, word)
        key = next((k for k in t.counts if singular(k) == singular(noun)), None)
        if key is None:
            continue
        n = _number(words[i - 1])
        if n is None:
            continue
        lo, hi = t.counts[key][1], t.counts[key][2]
        if not lo <= n <= hi:
            raise InputError(f"a {t.name} takes {lo} to {hi} {key}, not {n}; pick a number in that range")
        reading.counts[key] = n


def _read_features(reading: Reading, text: str, words: list[str]) -> None:
    t = reading.template
    for word in words:
        if word in FEATURE_ALIASES and FEATURE_ALIASES[word][0] in t.flags:
            feature, value = FEATURE_ALIASES[word]
            reading.flags[feature] = value
    for feature in t.flags:
        pattern = rf"\b{re.escape(singular(feature))}s?\b"
        for m in re.finditer(pattern, text):
            before = text[:m.start()].split()[-3:]
            reading.flags[feature] = not any(w in NEGATIONS for w in before)


def _read_shape_words(reading: Reading, words: list[str]) -> None:
    t = reading.template
    for word in words:
        if word in HEIGHT_WORDS:
            reading.height = HEIGHT_WORDS[word]
        elif word in WIDTH_WORDS:
            reading.width = WIDTH_WORDS[word]
        elif word in SIZE_WORDS:
            reading.size = SIZE_WORDS[word]
        style = STYLE_ALIASES.get(word, word)
        if style in t.styles:
            reading.style = style


def colour_at(words: list[str], i: int) -> tuple[RGB | None, int]:
    """A colour name (one or two words, or #rrggbb) starting at words[i], and its length."""
    if i + 1 < len(words) and f"{words[i]} {words[i + 1]}" in COLOURS:
        return COLOURS[f"{words[i]} {words[i + 1]}"], 2
    if words[i] in COLOURS and words[i] != "gold":
        return COLOURS[words[i]], 1
    if re.fullmatch(r"#[0-9a-f]{6}", words[i]):
        from .program import parse_hex

        return parse_hex(words[i]), 1
    return None, 0


def _read_dress(reading: Reading, words: list[str], parts: set[str]) -> None:
    """Colours and materials: before a part's name they dress that part, otherwise the object."""
    i, pending_colour, pending_material = 0, None, None
    while i < len(words):
        colour, width = colour_at(words, i)
        if colour is not None:
            pending_colour, i = colour, i + width
            continue
        if words[i] in MATERIAL_WORDS:
            if pending_material and pending_colour is None:  # "gold metal": the first one is a colour
                pending_colour = MATERIAL_COLOURS.get(pending_material)
            pending_material, i = MATERIAL_WORDS[words[i]], i + 1
            continue
        noun = singular(words[i])
        if noun in parts and (pending_colour or pending_material):
            reading.dressed[noun] = (pending_colour, pending_material)
        elif pending_colour or pending_material:
            reading.main = reading.main or pending_colour
            reading.material = reading.material or pending_material
        pending_colour = pending_material = None
        i += 1
    if pending_colour or pending_material:
        reading.main = reading.main or pending_colour
        reading.material = reading.material or pending_material


def program_from_prompt(prompt: str, seed: int = 0) -> Program:
    """The scene program a prompt describes."""
    r = read(prompt)
    t = r.template
    main = r.main or (MATERIAL_COLOURS.get(r.material) if r.material else None)
    spec = default_spec(t, seed=seed, main=main, material=r.material, height=r.height, width=r.width,
                        counts=r.counts, flags=r.flags, style=r.style)
    parts = [_dress(p, r.dressed) for p in t.build(spec)]
    params: dict[str, Any] = {"prompt": prompt, "seed": seed, "color": to_hex(spec.main), "material": spec.material,
                              "height": spec.height, "width": spec.width, "size": r.size,
                              "counts": dict(spec.counts), "flags": dict(spec.flags), "style": spec.style}
    return Program(t.name, tuple(parts), params, (r.size, r.size, r.size))


def _dress(p: Part, dressed: dict[str, tuple[RGB | None, str | None]]) -> Part:
    for key in (singular(p.name.split("_")[0]), singular(p.group)):
        if key and key in dressed:
            colour, material = dressed[key]
            colour = colour or (MATERIAL_COLOURS.get(material) if material else None)
            return replace(p, color=colour or p.color, material=material or p.material)
    return p
