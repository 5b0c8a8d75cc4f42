"""Prompts that name several objects: "two chairs", "a table with four chairs around it",
"a snowman next to a tree", "three balls in a row", "a lamp on a table".

Each mention of a template word with its own words ("a big red table with three legs") is
built by the single-object reader (words.program_from_prompt), then laid out on the ground
without overlap: copies in a row, chairs and stools around a table facing it, "next to",
"left of", "right of", "behind", "in front of", and small things "on" (top of) a table. Parts
are named per object (`chair_2/leg_1`) and each object's place is a Placement in the
program, so edits still address parts, objects ("the chairs") or the whole scene. A prompt
with one object keeps the single-object program exactly.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

import numpy as np

from ....errors import InputError
from .kit import COLOURS, MATERIAL_WORDS, Template
from .program import Part, Placement, Program
from .templates import templates
from .words import (HEIGHT_WORDS, NUMBERS, SIZE_WORDS, STYLE_ALIASES, WIDTH_WORDS, normalise,
                    part_words, program_from_prompt, read, singular)

GAP = 0.3  # metres between neighbours
MAX_OBJECTS = 24
ROW_MAX = 6  # more copies stand in a grid, unless the prompt asks for a row
DEFAULT_PLURAL = 2
DETERMINERS = {"a", "an", "the", "one", "single", "some", "several", "pair", "of"} | set(NUMBERS)
SEATS = ("chair", "stool", "bench", "sofa")
SUPPORTS = ("top", "seat", "mattress")  # parts other things can stand on
# tabletop things are drawn at display size on their own; in a scene they take a size next to
# furniture (a mug 10 cm tall, a ball 30 cm across)
SCENE_SCALE = {"mug": 0.11, "teapot": 0.22, "bottle": 0.18, "vase": 0.25, "ball": 0.3, "donut": 0.08}
Box = tuple[np.ndarray, np.ndarray]  # (low xyz, high xyz)


@dataclass
class Mention:
    """One object word of the prompt with the word span that describes it."""

    template: Template
    start: int  # first word of its phrase ("a big red")
    noun: int  # first word of the object's name
    end: int  # one past the object's name
    count: int = 1
    counted: bool = False  # the count was said ("four chairs"), not guessed from a plural
    joined: bool = False  # only "and" stands between it and the mention before
    relation: str = "beside"  # how it stands to the mention before it
    text: str = ""


@dataclass
class Group:
    mention: Mention
    program: Program
    box: Box  # the local bounds of one copy, scaled
    scale: float = 1.0
    support: Box | None = None  # the local bounds of the face things stand on
    surface: str = ""  # the part that face belongs to (top, seat, mattress), if any
    placed: list[Placement] = field(default_factory=list)


def program_for(prompt: str, seed: int = 0) -> Program:
    """The scene program of a prompt: one object as before, or several laid out."""
    words = normalise(prompt).split()
    found = mentions(words)
    if len(found) <= 1 and (not found or found[0].count == 1):
        return program_from_prompt(prompt, seed)
    _describe(found, words)
    if sum(m.count for m in found) > MAX_OBJECTS:
        raise InputError(f"a scene holds at most {MAX_OBJECTS} objects, this prompt asks for "
                         f"{sum(m.count for m in found)}; ask for fewer")
    groups = [_group(m, seed + i) for i, m in enumerate(found)]
    for i, g in enumerate(groups):
        _lay_out(groups, i)
    return _scene(groups, prompt, seed)


# -- reading ----------------------------------------------------------------------------------------
def _name_at(words: list[str], i: int) -> tuple[Template, int, bool] | None:
    """The template whose name starts at words[i] (longest name first): template, length, plural."""
    best: tuple[Template, int, bool] | None = None
    for t in templates().values():
        for name in t.words:
            tokens = name.split()
            k = len(tokens)
            if i + k > len(words) or words[i:i + k - 1] != tokens[:-1]:
                continue
            last = words[i + k - 1]
            plural = last != tokens[-1] and (singular(last) == tokens[-1] or last == tokens[-1] + "s")
            if last == tokens[-1] or plural or (last == "snowmen" and tokens[-1] == "snowman"):
                if best is None or k > best[1]:
                    best = (t, k, plural or last == "snowmen")
    return best


def _modifier(word: str) -> bool:
    return (word in DETERMINERS or word.isdigit() or word in COLOURS or word in MATERIAL_WORDS
            or word in HEIGHT_WORDS or word in WIDTH_WORDS or word in SIZE_WORDS or word in STYLE_ALIASES
            or word in {"dark", "light", "red", "wooden", "round", "square", "pine", "little"})


def mentions(words: list[str]) -> list[Mention]:
    """The objects a prompt names, in order; a template word that only names a part of the
    object before it ("a lighthouse with a light"), a colour ("light blue") or follows its
    object directly ("rocket ship") is no new object."""
    out: list[Mention] = []
    i = 0
    while i < len(words):
        hit = _name_at(words, i)
        if hit is None or (i + 1 < len(words) and f"{words[i]} {words[i + 1]}" in COLOURS):
            i += 1
            continue
        t, k, plural = hit
        floor = out[-1].end if out else 0
        start = i
        while start > floor and _modifier(words[start - 1]):
            start -= 1
        phrase = words[start:i]
        numbers = [NUMBERS.get(w, int(w) if w.isdigit() else None) for w in phrase]
        numbers = [n for n in numbers if n is not None]
        said = " ".join(words[i:i + k])
        if out and not _new_object(out[-1], phrase, plural, words[floor:start], t, said):
            i += k
            continue
        count = max(numbers) if numbers and max(numbers) > 1 else (DEFAULT_PLURAL if plural else 1)
        out.append(Mention(t, start, i, i + k, count, bool(numbers) and max(numbers) > 1))
        i += k
    return out


def _new_object(before: Mention, phrase: list[str], plural: bool, gap: list[str], t: Template, said: str) -> bool:
    if not gap:
        return False
    if not (plural or any(w in DETERMINERS or w.isdigit() for w in phrase)):
        return False
    if (t is before.template and not plural) or "and" in gap:  # "a snowman and three balls"
        return True
    owner = before.template
    owner_parts = part_words(owner, read(owner.words[0])) | {singular(w) for w in (*owner.counts, *owner.flags)}
    return not {singular(t.name.split()[-1]), t.name, singular(said.split()[-1])} & owner_parts


def _describe(found: list[Mention], words: list[str]) -> None:
    """Each mention's own words (up to the next phrase) and its relation to the one before."""
    for n, m in enumerate(found):
        stop = found[n + 1].start if n + 1 < len(found) else len(words)
        own = [w for w in words[m.start:m.noun] if not (w.isdigit() or NUMBERS.get(w, 1) > 1)]
        m.text = " ".join(own + words[m.noun:stop])
        if n == 0:
            continue
        gap = set(words[found[n - 1].end:m.start])
        m.joined = gap == {"and"}
        trail = set(words[m.end:stop])
        m.relation = _relation(gap, trail, found[n - 1], m)
        seats = m if m.relation == "around" else found[n - 1] if m.relation == "encircled" else None
        if seats is not None and not seats.counted and seats.count == DEFAULT_PLURAL:
            seats.count = 4  # "a table with chairs": a chair on each side


def _relation(gap: set[str], trail: set[str], before: Mention, this: Mention) -> str:
    """How `this` stands to the mention `before` it: beside (to the right), left, front,
    behind, around (seats around it), encircled (the ones before go around this), on (the
    one before sits on this), atop (this sits on the one before)."""
    on_it = ("with" in gap or gap == {"and"}) and trail & {"on", "atop", "top"}  # "with a lamp on it"
    if gap & {"under", "below", "beneath", "underneath"} or on_it:
        return "atop"
    if gap & {"on", "upon", "atop"}:
        return "on"
    if gap & {"above", "over"}:
        return "above"
    if "between" in gap and this.count == 2:
        return "between"
    if "around" in gap and before.template.name in SEATS:
        return "encircled"
    if "around" in gap and this.template.name not in SEATS:
        return "behind"  # "a fence around a house": the house behind the fence
    table_and_seats = before.template.name == "table" and this.template.name in SEATS[:2] and this.count > 1
    if "around" in gap | trail or (gap & {"with", "and"} and table_and_seats):
        return "around"
    for word, relation in (("left", "right"), ("right", "left"), ("behind", "front"), ("front", "behind")):
        if word in gap:
            return relation  # "A left of B": B stands to A's right
    return "beside"


# -- building and laying out ------------------------------------------------------------------------
def _group(m: Mention, seed: int) -> Group:
    from .build import part_mesh

    program = program_from_prompt(m.text or m.template.words[0], seed)
    scale = program.scale[0] * SCENE_SCALE.get(program.object, 1.0)
    meshes = {p.name: part_mesh(p) for p in program.parts}
    surface = next((s for s in SUPPORTS if any(name.split("_")[0] == s for name in meshes)), "")
    faces = [mesh for name, mesh in meshes.items() if name.split("_")[0] == surface] or list(meshes.values())
    return Group(m, program, _scaled(list(meshes.values()), scale), scale, _scaled(faces, scale), surface)


def _scaled(meshes: list, scale: float) -> Box:
    return (np.min([m.bounds[0] for m in meshes], axis=0) * scale,
            np.max([m.bounds[1] for m in meshes], axis=0) * scale)


def _footprint(g: Group, position, yaw: float, box: Box | None = None) -> Box:
    """World bounds of one copy (or of a local box of it) placed at position, turned by yaw."""
    (x0, y0, z0), (x1, y1, z1) = g.box if box is None else box
    a = math.radians(yaw)
    corners = [(x * math.cos(a) + z * math.sin(a), -x * math.sin(a) + z * math.cos(a))
               for x in (x0, x1) for z in (z0, z1)]
    xs, zs = [c[0] for c in corners], [c[1] for c in corners]
    p = np.asarray(position, dtype=float)
    return (p + (min(xs), y0, min(zs)), p + (max(xs), y1, max(zs)))


def overlaps(a: Box, b: Box, eps: float = 1e-6) -> bool:
    return all(a[0][i] < b[1][i] - eps and b[0][i] < a[1][i] - eps for i in range(3))


def _bounds(boxes: list[Box]) -> Box:
    return (np.min([b[0] for b in boxes], axis=0), np.max([b[1] for b in boxes], axis=0))


def _boxes(groups: list[Group], upto: int) -> list[Box]:
    return [_footprint(g, p.position, p.yaw) for g in groups[:upto] for p in g.placed]


def _lay_out(groups: list[Group], i: int) -> None:
    g = groups[i]
    relation = g.mention.relation if i else "first"
    tops = _stacked(groups, i)
    if relation == "on" and _fits(tops, g):  # the ones before sit on this one
        kept = [t.placed for t in tops]
        for t in tops:
            t.placed = []
        _row(groups, i, "beside")
        for t, placed in zip(tops, kept):
            t.placed = placed
        _lift_onto(tops, _support(g))
        return
    if relation == "atop" and _atop(groups, i):
        return
    if relation == "around":
        _around(groups, i, i - 1)
        return
    if relation == "above":  # the ones before hang above this one, clear of it
        kept = [t.placed for t in tops]
        for t in tops:
            t.placed = []
        _row(groups, i, "beside")
        for t, placed in zip(tops, kept):
            t.placed = placed
        base = _bounds([_footprint(g, p.position, p.yaw) for p in g.placed])
        _lift_onto(tops, (base[0], base[1] + (0.0, 0.5 * float(base[1][1] - base[0][1]) + GAP, 0.0)))
        return
    if relation == "between":
        _between(groups, i)
        return
    if relation == "encircled":  # "chairs around a table": the table first, then the chairs
        seats = groups[i - 1]
        seats.placed = []
        _row(groups, i, "beside")
        _around(groups, i - 1, i)
        return
    _row(groups, i, relation if relation in ("left", "front", "behind") else "beside")


def _between(groups: list[Group], i: int) -> None:
    """Two copies, one on each side of everything before them."""
    g = groups[i]
    low, high = _bounds(_boxes(groups, i))
    mid_z = (low[2] + high[2]) / 2 - (g.box[0][2] + g.box[1][2]) / 2
    xs = (low[0] - GAP - g.box[1][0], high[0] + GAP - g.box[0][0])
    g.placed = [Placement("", g.program.object, (x, 0.0, mid_z), 0.0, g.scale) for x in xs]


def _atop(groups: list[Group], i: int) -> bool:
    """Group i, and those joined to it by "and" standing beside, onto the nearest earlier
    object with a top ("a table with two chairs and a lamp on it": the lamp on the table, not
    on a chair); False when they do not fit there."""
    k = i
    while k - 1 > 0 and groups[k].mention.joined and groups[k - 1].mention.relation == "beside":
        k -= 1
    earlier = groups[:k]
    rank = {s: n for n, s in enumerate(SUPPORTS)}
    base = min(reversed(earlier), key=lambda h: rank.get(h.surface, len(SUPPORTS)))
    tops = groups[k:i + 1]
    if not _fits(tops, base):
        return False
    g = groups[i]
    g.placed = [Placement("", g.program.object, (0.0, 0.0, 0.0), 0.0, g.scale)] * g.mention.count
    _lift_onto(tops, _support(base))
    return True


def _stacked(groups: list[Group], i: int) -> list[Group]:
    """The groups that sit on group i: the one before it and those joined to it by "and"
    ("a teapot and two mugs on a table")."""
    k = i - 1
    while k > 0 and groups[k].mention.joined:
        k -= 1
    return groups[max(k, 0):i]


def _support(base: Group) -> Box:
    """The face things stand on (a table's top, a chair's seat, a bed's mattress) of the first
    copy of `base`, in the world."""
    p = base.placed[0]
    return _footprint(base, p.position, p.yaw, base.support)


def _fits(tops: list[Group], base: Group) -> bool:
    width = sum((t.box[1][0] - t.box[0][0]) * t.mention.count for t in tops)
    depth = max(t.box[1][2] - t.box[0][2] for t in tops)
    room = base.support[1] - base.support[0]
    return bool(width <= room[0] * 1.02 and depth <= room[2] * 1.02)


def _row(groups: list[Group], i: int, side: str) -> None:
    """The copies side by side along x (rows of a grid past ROW_MAX, unless a row was asked
    for), beside what stands already: to the right by default."""
    g = groups[i]
    n = g.mention.count
    cols = n if n <= ROW_MAX or {"row", "line"} & set(g.mention.text.split()) else math.ceil(math.sqrt(n))
    (x0, _, z0), (x1, _, z1) = g.box
    spots = [((k % cols) * (x1 - x0 + GAP) - x0, (k // cols) * (z1 - z0 + GAP) - z0) for k in range(n)]
    wide = cols * (x1 - x0) + (cols - 1) * GAP
    deep = math.ceil(n / cols) * (z1 - z0) + (math.ceil(n / cols) - 1) * GAP
    existing = _boxes(groups, i)
    if not existing:
        shift_x, shift_z = -wide / 2, -deep / 2
    else:
        low, high = _bounds(existing)
        shift_x, shift_z = high[0] + GAP, (low[2] + high[2] - deep) / 2
        if side == "left":
            shift_x = low[0] - GAP - wide
        elif side in ("front", "behind"):
            shift_x = (low[0] + high[0] - wide) / 2
            shift_z = high[2] + GAP if side == "front" else low[2] - GAP - deep
    g.placed = [Placement("", g.program.object, (x + shift_x, 0.0, z + shift_z), 0.0, g.scale) for x, z in spots]


def _lift_onto(tops: list[Group], base: Box) -> None:
    """The copies of the groups in one row along x, centred on the base's top face."""
    copies = [(t, p) for t in tops for p in t.placed] or [(t, None) for t in tops]
    widths = [t.box[1][0] - t.box[0][0] for t, _ in copies]
    room = float(base[1][0] - base[0][0])
    gap = min(GAP / 3, max(0.0, room - sum(widths)) / max(len(copies), 1))
    x = (base[0][0] + base[1][0]) / 2 - (sum(widths) + gap * (len(copies) - 1)) / 2
    cz, y = (base[0][2] + base[1][2]) / 2, float(base[1][1])
    for t in tops:
        t.placed = []
    for (t, p), w in zip(copies, widths):
        mid_z = (t.box[0][2] + t.box[1][2]) / 2
        spot = (x - t.box[0][0], y - float(t.box[0][1]), cz - mid_z)
        t.placed.append(replace(p, position=spot) if p else Placement("", t.program.object, spot, 0.0, t.scale))
        x += w + gap


def _around(groups: list[Group], i: int, j: int) -> None:
    """The copies of group i around group j, each turned to face its centre (a chair's front
    is +z), pushed outwards until nothing overlaps."""
    g, anchor = groups[i], groups[j]
    centre_box = _bounds([_footprint(anchor, p.position, p.yaw) for p in anchor.placed])
    cx, cz = (centre_box[0][0] + centre_box[1][0]) / 2, (centre_box[0][2] + centre_box[1][2]) / 2
    reach = float(max(np.abs(g.box[0][[0, 2]]).max(), np.abs(g.box[1][[0, 2]]).max()))
    rx = (centre_box[1][0] - centre_box[0][0]) / 2 + reach + GAP / 2
    rz = (centre_box[1][2] - centre_box[0][2]) / 2 + reach + GAP / 2
    existing = [_footprint(h, p.position, p.yaw) for h in groups if h is not g for p in h.placed]
    n = g.mention.count
    for _ in range(40):
        placed = []
        for k in range(n):
            a = math.pi / 2 + 2 * math.pi * k / n
            x, z = rx * math.cos(a), rz * math.sin(a)
            yaw = math.degrees(math.atan2(-x, -z))
            placed.append(Placement("", g.program.object, (cx + x, 0.0, cz + z), yaw, g.scale))
        boxes = [_footprint(g, p.position, p.yaw) for p in placed]
        if not any(overlaps(a, b) for a in boxes for b in existing) and \
                not any(overlaps(boxes[a], boxes[b]) for a in range(n) for b in range(a + 1, n)):
            break
        rx, rz = rx * 1.1, rz * 1.1
    g.placed = placed


def _scene(groups: list[Group], prompt: str, seed: int) -> Program:
    totals: dict[str, int] = {}
    for g in groups:
        totals[g.program.object] = totals.get(g.program.object, 0) + len(g.placed)
    seen: dict[str, int] = {}
    parts: list[Part] = []
    objects: list[Placement] = []
    for g in groups:
        base = g.program.object.replace(" ", "_")
        for p in g.placed:
            seen[base] = seen.get(base, 0) + 1
            name = f"{base}_{seen[base]}" if totals[g.program.object] > 1 else base
            objects.append(replace(p, name=name, params=dict(g.program.params)))
            parts += [replace(q, name=f"{name}/{q.name}") for q in g.program.parts]
    params = {"prompt": prompt, "seed": seed, "objects": [o.name for o in objects]}
    return Program("scene", tuple(parts), params, objects=tuple(objects))
