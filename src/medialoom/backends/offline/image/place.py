"""Scene description -> object boxes (the placement half of layout planning).

Row objects (ground, small, water) are ordered left to right by the left of / right of /
between / next to relations and the absolute hints, then packed into slots that never overlap;
objects attached by on / above / below / in front of / behind / in are placed relative to their
anchor; sky objects without relations share the upper band; backdrops (mountains, sea, road,
rainbow) span the canvas behind everything.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from .kinds import HEADS, KINDS, UNKNOWN, Kind
from .parse import Group, Relation, SceneSpec

HORIZON = {"plain": .66, "beach": .56, "forest": .6, "city": .62, "mountains": .6, "desert": .58,
           "snow": .6, "underwater": .86, "space": .86, "room": .62, "park": .6, "lake": .56,
           "tabletop": .5}
ATTACH = ("on", "above", "below", "in_front_of", "behind", "in", "held", "worn")
HELD = {"umbrella": 0.95, "balloon": 0.55, "flower": 0.35, "kite": 0.5}
ORDER = ("left_of", "right_of", "between", "next_to")
SHELTERS = {"table", "chair", "umbrella", "tree", "palm", "pine", "lamp", "sofa", "bed"}
CONTAINERS = {"vase": (1.0, 0.3), "bowl": (0.95, 0.4), "cup": (0.9, 0.45), "box": (0.95, 0.45),
              "backpack": (0.8, 0.4)}   # contents: width share of the container, share of them hidden
CONTENTS = {"flower", "apple", "banana", "orange", "carrot", "donut", "ball"}
SURFACE = {"table": .03, "chair": .52, "sofa": .45, "bed": .42, "cloud": .3, "road": .55, "sea": .45,
           "hill": .25, "box": .2, "book": .1}


@dataclass
class Item:
    group: int
    kind: Kind
    w: float
    h: float
    x0: float = 0.0
    y0: float = 0.0
    z: float = 0.0
    shadow: bool = True
    flip_ok: bool = True
    afloat: bool = False

    @property
    def x1(self) -> float:
        return self.x0 + self.w

    @property
    def y1(self) -> float:
        return self.y0 + self.h


@dataclass
class Canvas:
    W: float
    H: float
    horizon: float
    base: float
    setting: str
    rng: random.Random


def kind_of(group: Group) -> Kind:
    return KINDS.get(group.kind or "", UNKNOWN)


def place(spec: SceneSpec, width: int, height: int, setting: str, rng: random.Random) -> list[Item]:
    """Boxes for every object of every group (items listed by group, then index)."""
    horizon = HORIZON.get(setting, .66) * height
    base = horizon + (height - horizon) * (0.62 if setting not in ("underwater", "space") else 0.6)
    cv = Canvas(width, height, horizon, base, setting, rng)
    items = {gi: _make_items(gi, g, cv) for gi, g in enumerate(spec.groups)}
    attached = _attachments(spec)
    _zoom(spec, items, attached, cv)
    ordered = {r.subject for r in spec.relations if r.relation in ORDER}
    ordered |= {o for r in spec.relations if r.relation in ORDER for o in r.objects}
    row, sky, back = [], [], []
    for gi, g in enumerate(spec.groups):
        place_kind = kind_of(g).place
        if gi in attached:
            continue
        if place_kind == "backdrop":
            back.append(gi)
        elif place_kind == "sky" and gi not in ordered:
            sky.append(gi)
        else:
            row.append(gi)
    _place_row(_order(row, spec, attached), items, cv)
    _place_sky(sky, items, cv)
    _place_backdrops(back, items, cv)
    _place_attached(spec, attached, items, cv)
    out = [it for gi in range(len(spec.groups)) for it in items[gi]]
    for it in out:
        it.x0 = min(max(it.x0, -it.w * 0.1), width - it.w * 0.9)
        it.y0 = min(max(it.y0, 0.0 if it.h < height else -it.h * 0.1), height - it.h * 0.98)
    return out


def _make_items(gi: int, g: Group, cv: Canvas) -> list[Item]:
    k = kind_of(g)
    h = k.height * g.size * cv.H * cv.rng.uniform(0.95, 1.05)
    w = h * k.design[0] / k.design[1]
    if k.place == "backdrop" and k.name in ("sea", "road"):
        w = cv.W * 1.04
    return [Item(gi, k, w, h, shadow=not g.afloat, afloat=g.afloat) for _ in range(g.count)]


def _zoom(spec: SceneSpec, items: dict[int, list[Item]], attached: dict[int, Relation], cv: Canvas) -> None:
    """Sparse scenes get larger objects: the row fills at least ~60% of the width, while the
    tallest object stays under ~60% of the height."""
    row = [g for g in items if g not in attached and kind_of(spec.groups[g]).place in ("ground", "small", "water")]
    if not row:
        return
    width = sum(_group_width(items[g]) for g in row) + 0.05 * cv.W * (len(row) - 1)
    tallest = max(it.h * ((len(items[g]) + 5) // 6) for g in items if g in row or g in attached for it in items[g])
    zoom = min(2.2, 0.72 * cv.W / max(width, 1.0), 0.6 * cv.H / max(tallest, 1.0))
    if zoom <= 1.0:
        return
    for g in items:
        if g in row or g in attached:
            _scale(items[g], zoom)


def _attachments(spec: SceneSpec) -> dict[int, Relation]:
    """The relation that places each attached group (its first one); 'below' a non-shelter
    becomes its anchor 'above' the subject."""
    out: dict[int, Relation] = {}
    for r in spec.relations:
        obj = r.objects[0]
        pair = (spec.groups[r.subject].kind, spec.groups[obj].kind)
        if r.relation == "wears" or (r.relation == "next_to" and pair[1] == "hat" and pair[0] in HEADS):
            if pair[1] == "hat" and pair[0] in HEADS and obj not in out:
                out[obj] = Relation(obj, "worn", [r.subject])
            continue
        people = {"person", "woman", "child", "girl"}
        if r.relation == "next_to" and set(pair) & people and (set(pair) - people) & set(HELD):
            person, thing = (r.subject, obj) if pair[0] in people else (obj, r.subject)
            if thing not in out and spec.groups[person].count == 1:
                out[thing] = Relation(thing, "held", [person])
            continue
        if r.relation == "next_to" and pair[0] in CONTAINERS and pair[1] in CONTENTS and obj not in out:
            out[obj] = Relation(obj, "in", [r.subject])   # "a vase with roses": the roses are in it
            continue
        if r.relation == "below" and pair[1] == "umbrella" and pair[0] in people and obj not in out \
                and spec.groups[r.subject].count == 1:
            out[obj] = Relation(obj, "held", [r.subject])   # "a woman under an umbrella" holds it
            continue
        if r.relation not in ATTACH or r.subject == obj:
            continue
        if kind_of(spec.groups[r.subject]).place == "backdrop":
            continue
        if r.relation in ("above", "on") and kind_of(spec.groups[obj]).place == "backdrop":
            if kind_of(spec.groups[r.subject]).place == "sky":
                continue   # "a plane over the sea", "kites on a hill": the sky band, not its edge
            r = Relation(r.subject, "on", r.objects)   # "a boat over the ocean" floats on it
        if r.relation == "in" and spec.groups[obj].kind is None:
            continue  # "in the savanna": an unknown place is drawn as a labelled card, not a container
        if r.relation == "below" and spec.groups[obj].kind not in SHELTERS \
                and kind_of(spec.groups[obj]).place != "sky":
            if obj not in out and not _depends(out, r.subject, obj):
                out[obj] = Relation(obj, "above", [r.subject])
            continue
        if r.subject not in out and not _depends(out, obj, r.subject):
            out[r.subject] = r
    return out


def _depends(out: dict[int, Relation], start: int, target: int) -> bool:
    """Whether `start` is (transitively) attached to `target`: attaching would make a cycle."""
    seen = set()
    while start in out and start not in seen:
        seen.add(start)
        start = out[start].objects[0]
        if start == target:
            return True
    return start == target


def _root(gi: int, attached: dict[int, Relation]) -> int:
    seen = set()
    while gi in attached and gi not in seen:
        seen.add(gi)
        gi = attached[gi].objects[0]
    return gi


def _order(row: list[int], spec: SceneSpec, attached: dict[int, Relation]) -> list[int]:
    """Left-to-right order of row groups: a topological sort of the ordering relations with
    absolute hints and mention order as tie-breakers."""
    edges: set[tuple[int, int]] = set()
    for r in spec.relations:
        s = _root(r.subject, attached)
        objs = [_root(o, attached) for o in r.objects]
        if r.relation == "left_of":
            edges.add((s, objs[0]))
        elif r.relation == "right_of":
            edges.add((objs[0], s))
        elif r.relation == "between" and len(objs) == 2:
            edges |= {(objs[0], s), (s, objs[1])}
    edges = {(a, b) for a, b in edges if a != b and a in row and b in row}
    hint = {"left": 0, "centre": 1, None: 1, "right": 2}

    def key(gi: int) -> tuple[int, int]:
        return hint.get(spec.groups[gi].position, 1), gi
    order, todo = [], set(row)
    while todo:
        free = [g for g in todo if not any(b == g and a in todo for a, b in edges)] or list(todo)
        pick = min(free, key=key)
        order.append(pick)
        todo.remove(pick)
    for r in spec.relations:   # next to: move the subject beside its object when unconstrained
        s, o = _root(r.subject, attached), _root(r.objects[0], attached)
        if r.relation == "next_to" and s in order and o in order and s != o \
                and not any(s in e for e in edges):
            order.remove(s)
            order.insert(order.index(o) + 1, s)
    return order


def _grid(its: list[Item], cx: float, bottom: float, gap: float) -> None:
    """Objects of one group side by side (rows of at most 6, stacked upwards) centred at cx."""
    cols = min(len(its), 6)
    w, h = its[0].w, its[0].h
    span = cols * w + (cols - 1) * gap
    for i, it in enumerate(its):
        r, c = divmod(i, cols)
        n_in_row = min(cols, len(its) - r * cols)
        left = cx - (n_in_row * w + (n_in_row - 1) * gap) / 2
        it.x0 = left + c * (w + gap) if n_in_row < cols else cx - span / 2 + c * (w + gap)
        it.y0 = bottom - h - r * h * 1.15


def _group_width(its: list[Item]) -> float:
    cols = min(len(its), 6)
    return cols * its[0].w + (cols - 1) * its[0].w * 0.22


def _scale(its: list[Item], factor: float) -> None:
    for it in its:
        it.w *= factor
        it.h *= factor


def _row_bottom(k: Kind, cv: Canvas, afloat: bool = False) -> float:
    jitter = cv.rng.uniform(-0.012, 0.012) * cv.H
    if (k.place == "water" or afloat) and cv.setting in ("beach", "lake"):
        return cv.horizon + 0.05 * cv.H
    if k.place in ("water", "sky") and cv.setting not in ("beach", "lake"):
        return (cv.horizon * 0.5 + 0.08 * cv.H if k.place == "sky" else cv.base * 0.75) + jitter
    return cv.base + jitter


def _place_row(order: list[int], items: dict[int, list[Item]], cv: Canvas) -> None:
    if not order:
        return
    gap = 0.05 * cv.W
    widths = [_group_width(items[g]) for g in order]
    avail = cv.W * 0.94 - gap * (len(order) - 1)
    factor = min(1.0, avail / sum(widths))
    for g in order:
        _scale(items[g], factor)
    widths = [w * factor for w in widths]
    slack = avail - sum(widths)
    weights = [cv.rng.uniform(0.6, 1.4) for _ in range(len(order) + 1)]
    pads = [slack * w / sum(weights) for w in weights]
    x = cv.W * 0.03 + pads[0]
    for i, g in enumerate(order):
        its = items[g]
        bottom = _row_bottom(its[0].kind, cv, its[0].afloat)
        stack = ((len(its) + 5) // 6) * its[0].h * 1.15
        if stack > bottom - 0.03 * cv.H:   # many rows of tall things: shrink the group to fit
            old = _group_width(its)
            _scale(its, (bottom - 0.03 * cv.H) / stack)
            x += (old - _group_width(its)) / 2
            widths[i] = _group_width(its)
        _grid(its, x + widths[i] / 2, bottom, its[0].w * 0.22)
        x += widths[i] + gap + pads[i + 1]
        for it in its:
            it.z = it.y1 / cv.H


def _place_sky(groups: list[int], items: dict[int, list[Item]], cv: Canvas) -> None:
    flat = [it for g in groups for it in items[g]]
    if not flat:
        return
    total = sum(it.w for it in flat) * 1.25
    factor = min(1.0, cv.W * 0.9 / total)
    for it in flat:
        it.w, it.h = it.w * factor, it.h * factor
    slots = list(range(len(flat)))
    top_band = max(cv.horizon * 0.42, 0.12 * cv.H)
    x = cv.W * 0.05 + (cv.W * 0.9 - sum(it.w for it in flat)) / (len(flat) + 1)
    step = (cv.W * 0.9 - sum(it.w for it in flat)) / (len(flat) + 1)
    for i in slots:
        it = flat[i]
        it.x0 = x
        cy = cv.rng.uniform(0.55, 1.0) * top_band if it.kind.name not in ("sun", "moon") else top_band * 0.6
        it.y0 = max(0.02 * cv.H, cy - it.h / 2)
        it.z = -5 + i * 0.01
        x += it.w + step


def _place_backdrops(groups: list[int], items: dict[int, list[Item]], cv: Canvas) -> None:
    depth = {"rainbow": -12.0, "mountain": -11.0, "hill": -10.0, "sea": -9.0, "road": -8.0}
    for n_done, g in enumerate(groups):
        its = items[g]
        k = its[0].kind
        for i, it in enumerate(its):
            it.z = depth.get(k.name, -10.0) + n_done * 0.01 + i * 0.001
            if k.name in ("mountain", "hill"):
                it.w = it.h * k.design[0] / k.design[1] * (1.2 if k.name == "mountain" else 1.6)
                cx = cv.W * (i + 0.5) / len(its) + cv.rng.uniform(-0.04, 0.04) * cv.W
                it.x0, it.y0 = cx - it.w / 2, cv.horizon + 0.02 * cv.H - it.h
            elif k.name == "sea":
                it.x0, it.y0 = -0.02 * cv.W, cv.horizon - 0.03 * cv.H
                it.h = max(it.h, cv.H - it.y0 - (cv.H - cv.base) * 0.7)
                if cv.setting == "beach":   # the beach has its sea: the same band, not a second one over the sand
                    it.h = 0.1 * cv.H
            elif k.name == "road":
                it.x0, it.y0 = -0.02 * cv.W, cv.base - it.h * 0.7
            else:  # rainbow
                it.w, it.h = cv.W * 0.8 / len(its), cv.W * 0.4 / len(its)
                it.x0, it.y0 = i * cv.W / len(its) + cv.W * 0.1 / len(its), cv.horizon - it.h


def _place_attached(spec: SceneSpec, attached: dict[int, Relation], items: dict[int, list[Item]],
                    cv: Canvas) -> None:
    done: set[int] = set()
    pending = list(attached)
    for _ in range(len(pending) + 1):
        for gi in list(pending):
            anchor = attached[gi].objects[0]
            if anchor in attached and anchor not in done:
                continue
            _attach(gi, attached[gi].relation, anchor, spec, attached, items, cv)
            done.add(gi)
            pending.remove(gi)
    _spread_siblings(attached, items, cv)


def _spread_siblings(attached: dict[int, Relation], items: dict[int, list[Item]], cv: Canvas) -> None:
    """Groups placed the same way about one anchor ("a man, a woman and a child under a tree")
    stand side by side around the spot instead of on top of each other (with what they carry)."""
    sets: dict[tuple[int, str], list[int]] = {}
    for gi, r in attached.items():
        if r.relation in ("above", "below", "in_front_of", "behind"):
            sets.setdefault((r.objects[0], r.relation), []).append(gi)
    for groups in sets.values():
        if len(groups) < 2:
            continue
        groups.sort()
        spans = [(min(i.x0 for i in items[g]), max(i.x1 for i in items[g])) for g in groups]
        gap = 0.02 * cv.W
        total = sum(b - a for a, b in spans) + gap * (len(groups) - 1)
        x = sum(a + b for a, b in spans) / (2 * len(spans)) - total / 2
        x = min(max(x, 0.02 * cv.W), max(0.02 * cv.W, 0.98 * cv.W - total))   # the set stays in the picture
        for g, (a, b) in zip(groups, spans):
            moved = [g] + [o for o in attached if o != g and _depends(attached, o, g)]
            for it in (it for m in moved for it in items[m]):
                it.x0 += x - a
            x += b - a + gap


def _attach(gi: int, rel: str, anchor: int, spec: SceneSpec, attached: dict[int, Relation],
            items: dict[int, list[Item]], cv: Canvas) -> None:
    its, base = items[gi], items[anchor]
    ax0, ax1 = min(i.x0 for i in base), max(i.x1 for i in base)
    ay0, ay1 = min(i.y0 for i in base), max(i.y1 for i in base)
    acx, az = (ax0 + ax1) / 2, max(i.z for i in base)
    if rel == "on":
        sharing = [g for g, r in attached.items() if r.relation == "on" and r.objects[0] == anchor]
        _on_surface(sharing, gi, items, base, cv)
        return
    if rel == "worn":
        for hat, head in zip(its, base):
            hx, hy, hw = HEADS.get(head.kind.name, (0.5, 0.05, 0.4))
            _scale([hat], head.w * hw * 1.15 / hat.w)
            hat.x0 = head.x0 + head.w * hx - hat.w / 2
            hat.y0 = head.y0 + head.h * hy - hat.h * 0.8
            hat.z, hat.shadow, head.flip_ok = head.z + 0.01, False, False
        return
    if rel == "held":
        hand = base[0]
        _scale(its, hand.h * HELD.get(its[0].kind.name, 0.5) / its[0].h)
        for it in its:
            it.x0 = hand.x1 - it.w * 0.5 + (0.0 if it.kind.name == "umbrella" else it.w * 0.2)
            it.y0 = hand.y0 + hand.h * 0.58 - it.h
            it.z, it.shadow = hand.z + (-0.01 if it.kind.name == "umbrella" else 0.01), False  # a shaft behind the face
        return
    if rel == "above":
        need = ay0 - 0.03 * cv.H - 0.02 * cv.H
        rows = (len(its) + 5) // 6
        if its[0].h * rows * 1.15 > need:
            _scale(its, max(0.25, need / (its[0].h * rows * 1.15)))
        width = _group_width(its)
        if width > cv.W * 0.94:
            _scale(its, cv.W * 0.94 / width)
        _grid(its, acx, ay0 - 0.03 * cv.H, its[0].w * 0.22)
        z = az + 0.01
        for it in its:
            it.shadow = False
    elif rel == "below":
        bottom = ay1 if base[0].kind.place != "sky" else cv.base
        if base[0].kind.place != "sky" and its[0].h > (ay1 - ay0) * 0.72:
            _scale(its, (ay1 - ay0) * 0.72 / its[0].h)
        if _group_width(its) > (ax1 - ax0) * 0.8 and base[0].kind.place != "sky":
            _scale(its, (ax1 - ax0) * 0.8 / _group_width(its))
        _grid(its, acx, bottom, its[0].w * 0.22)
        z = az + 0.005
    elif rel in ("in_front_of", "behind"):
        front = rel == "in_front_of"
        shift = (ax1 - ax0) * (0.12 if front else 0.28) * (1 if cv.rng.random() < 0.5 else -1)
        bottom = ay1 + (0.05 if front else -0.07) * cv.H
        if not front:   # enough of it shows above the anchor to be seen
            bottom = min(bottom, ay0 + its[0].h * 0.55)
        _grid(its, acx + shift, bottom, its[0].w * 0.22)
        z = az + (0.02 if front else -0.02)
    elif base[0].kind.name in CONTAINERS:
        z = _in_container(its, base, (ax0, ay0, ax1, ay1), az)
    else:  # in
        fit = min((ax1 - ax0) * 0.6 / _group_width(its), (ay1 - ay0) * 0.6 / its[0].h, 1.0)
        _scale(its, fit)
        _grid(its, acx, (ay0 + ay1) / 2 + its[0].h / 2, its[0].w * 0.22)
        z = az + 0.01
    for it in its:
        it.z = z


def _in_container(its: list[Item], base: list[Item], box: tuple[float, float, float, float], az: float) -> float:
    """"A vase of flowers", "a bowl of apples": the contents poke out of the top, behind its front."""
    ax0, ay0, ax1, ay1 = box
    share, sink = CONTAINERS[base[0].kind.name]
    bouquet = its[0].kind.name == "flower"
    fit = (ay1 - ay0) * 1.1 / its[0].h if bouquet else min(
        (ax1 - ax0) * share / _group_width(its), (ay1 - ay0) * 1.2 / its[0].h)
    _scale(its, fit)
    overlap = -0.45 if bouquet else 0.02
    cols = min(len(its), 6)
    span = its[0].w * (cols + overlap * (cols - 1))
    if bouquet and span > 1.8 * (ax1 - ax0):   # a bunch, not a hedge: keep it about the vase's width
        _scale(its, 1.8 * (ax1 - ax0) / span)
    _grid(its, (ax0 + ax1) / 2, ay0 + its[0].h * sink, its[0].w * overlap)
    for it in its:
        it.shadow = False
    return az - 0.01


def _on_surface(sharing: list[int], gi: int, items: dict[int, list[Item]], base: list[Item],
                cv: Canvas) -> None:
    """Every group resting on one anchor, side by side across its top surface."""
    if gi != sharing[0]:
        return  # placed together with the first group on this anchor
    anchor = base[0]
    ax0, ax1 = min(i.x0 for i in base), max(i.x1 for i in base)
    top = min(i.y0 for i in base) + anchor.h * SURFACE.get(anchor.kind.name, .06)
    widths = [_group_width(items[g]) for g in sharing]
    gap = 0.04 * (ax1 - ax0)
    room = (ax1 - ax0) * 0.92 - gap * (len(sharing) - 1)
    if sum(widths) > room:
        for g in sharing:
            _scale(items[g], room / sum(widths))
        widths = [_group_width(items[g]) for g in sharing]
    x = (ax0 + ax1) / 2 - (sum(widths) + gap * (len(sharing) - 1)) / 2
    for g, w in zip(sharing, widths):
        _grid(items[g], x + w / 2, top + 0.004 * cv.H, items[g][0].w * 0.22)
        for it in items[g]:
            it.z = anchor.z + 0.01 if anchor.kind.place != "backdrop" else it.y1 / cv.H
        x += w + gap
