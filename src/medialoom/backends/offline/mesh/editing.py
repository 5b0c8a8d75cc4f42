"""Edits applied to a model. Models medialoom made carry their scene program: the edits change
the program (colours, materials, part and program scales, rotation, parts removed or added)
and the model is rebuilt from it. Any other GLB, OBJ or STL takes the global edits (recolour,
rescale, rotate, simplify, material) and may lose parts by node name; adding parts needs a
program."""

from __future__ import annotations

import colorsys
import math
from dataclasses import replace
from typing import Any

import numpy as np

from ....errors import InputError
from .accessories import ACCESSORIES
from .build import placed_part_mesh, rotation_matrix
from .edit_words import Add, Edit, Recolour, Recount, Rematerial, Remove, Rescale, Rotate, Simplify
from .kit import MATERIAL_COLOURS, MATERIALS, RGB, shade
from .program import Part, Program, to_hex, parse_hex
from .templates import default_spec, templates
from .words import normalise, singular


ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
            "eighth": 8, "last": -1}


def part_tokens(name: str, group: str = "") -> set[str]:
    tokens = {singular(t) for t in name.replace("-", "_").replace(" ", "_").replace("/", "_").split("_")
              if t and not t.isdigit()}
    return tokens | ({singular(group)} if group else set())


def match(program: Program, target: str | None) -> list[Part] | None:
    """The parts a target names; None when the target means the whole object."""
    if target is None:
        return None
    t = templates().get(program.object)
    object_words = {singular(w) for word in (t.words if t else (program.object,)) for w in word.split()}
    tokens = set().union(*(part_tokens(p.name, p.group) for p in program.parts))
    words = [w for w in target.split() if (w not in object_words or w in tokens) and (len(w) > 1 or w.isdigit())]
    if not words:
        return None
    which = [int(w) if w.isdigit() else ORDINALS[w] for w in words if w in ORDINALS or w.isdigit()]
    which = which if program.objects else []
    words = [w for w in words if w not in ORDINALS and not w.isdigit()] if which else words
    found = [p for p in program.parts if part_tokens(p.name, p.group) & set(words)]
    if not found:
        raise InputError(f"this {program.object} has no part called {' '.join(words)!r}; its parts are: "
                         f"{', '.join(p.name for p in program.parts)}")
    if not which:
        return found
    if set(words) & set().union(*(part_tokens(o.name) for o in program.objects)):
        return _nth_object(found, which[0])
    numbered = [p for p in found if p.name.rsplit("_", 1)[-1] == str(which[0])]  # "leg 2": every leg_2
    return numbered or found


def _nth_object(found: list[Part], n: int) -> list[Part]:
    """Of the parts found in a scene, those of the n-th object they belong to ("the second
    chair"; -1 is the last)."""
    owners = list(dict.fromkeys(p.name.split("/")[0] for p in found if "/" in p.name))
    if not owners or n > len(owners):
        raise InputError(f"there is no object number {n} here; the objects are: {', '.join(owners) or 'one'}")
    owner = owners[n - 1] if n > 0 else owners[-1]
    return [p for p in found if p.name.split("/")[0] == owner]


def edit_program(program: Program, edits: list[Edit], instruction: str) -> Program:
    recoloured = any(isinstance(e, Recolour) for e in edits)
    for e in edits:
        program = _apply(program, e, recoloured, instruction)
    return replace(program, history=program.history + (instruction,))


def _apply(program: Program, e: Edit, recoloured: bool, instruction: str = "") -> Program:
    if isinstance(e, Recolour):
        return _restyle(program, e.target, color=e.color)
    if isinstance(e, Rematerial):
        colour = None if recoloured else MATERIAL_COLOURS.get(e.material)
        return _restyle(program, e.target, material=e.material, color=colour)
    if isinstance(e, Rescale):
        chosen = match(program, e.target)
        if chosen is None:
            return replace(program, scale=_mul(program.scale, _local_factors(program.rotation, e.factors)))
        whole = _whole_objects(program, chosen)
        if whole and e.factors[0] == e.factors[1] == e.factors[2]:  # "make the lamp bigger"
            return replace(program, objects=tuple(replace(o, scale=o.scale * e.factors[0]) if o.name in whole else o
                                                  for o in program.objects))
        names = {p.name for p in chosen}
        return replace(program, parts=tuple(replace(p, scale=_mul(p.scale, e.factors)) if p.name in names else p
                                            for p in program.parts))
    if isinstance(e, Rotate):
        return replace(program, rotation=_compose(program.rotation, e.degrees))
    if isinstance(e, Remove):
        chosen = match(program, e.target)
        if chosen is None:
            raise InputError("say which part to remove, e.g. 'remove the legs'; parts are: "
                             f"{', '.join(p.name for p in program.parts)}")
        names = {p.name for p in chosen}
        if len(names) == len(program.parts):
            raise InputError("that would remove every part of the model; remove fewer parts")
        return replace(program, parts=tuple(p for p in program.parts if p.name not in names))
    if isinstance(e, Add):
        return _add(program, e.what)
    if isinstance(e, Recount) and program.objects:
        return _recount_objects(program, e.noun, e.count, instruction)
    if isinstance(e, Recount):
        return _recount(program, e.noun, e.count)
    params = dict(program.params)
    params["simplify"] = {"faces": e.faces} if e.faces else {"ratio": e.ratio}
    return replace(program, params=params)


def _whole_objects(program: Program, chosen: list[Part]) -> set[str]:
    """The objects of a scene whose every part is chosen ("the lamp"), or none when the
    choice is only some parts of an object ("the legs")."""
    owners = {p.name.split("/")[0] for p in chosen if "/" in p.name}
    if not program.objects or len(owners) != len({p.name.split("/")[0] for p in chosen}):
        return set()
    chosen_names = {p.name for p in chosen}
    whole = {o for o in owners if all(p.name in chosen_names for p in program.parts if p.name.startswith(o + "/"))}
    return whole if whole == owners else set()


def _restyle(program: Program, target: str | None, color: RGB | None = None, material: str | None = None) -> Program:
    """New colour and/or material for the named parts. For the whole object a colour goes to the
    parts drawn in the main colour or a shade of it (a red car's wheels stay black, its darker
    trim gets the darker shade of the new colour) and a material to the parts of the main
    material; when none match, every part changes."""
    chosen = match(program, target)
    params = dict(program.params)
    shades: dict[str, float] = {}
    if chosen is None and program.objects:  # "paint it red" on a scene: every object, shades kept
        program, chosen, shades = _restyle_objects(program, {o.name for o in program.objects}, color, material)
    elif chosen is None:
        main = program.params.get("color")
        if color is not None and main:
            shades = {p.name: k for p in program.parts if (k := family(p.color, parse_hex(main))) is not None}
        if material is not None:
            shades = {p.name: 1.0 for p in program.parts if p.material == program.params.get("material")}
        chosen = [p for p in program.parts if p.name in shades] or list(program.parts)
        params.update({k: v for k, v in (("color", color and to_hex(color)), ("material", material)) if v})
    elif whole := _whole_objects(program, chosen):  # "paint the chairs red": each chair as one object
        program, chosen, shades = _restyle_objects(program, whole, color, material)
    names = {p.name for p in chosen}
    parts = tuple(replace(p, color=shade(color, shades.get(p.name, 1.0)) if color else p.color,
                          material=material or p.material) if p.name in names else p
                  for p in program.parts)
    return replace(program, parts=parts, params=params)


def _restyle_objects(program: Program, whole: set[str], color: RGB | None,
                     material: str | None) -> tuple[Program, list[Part], dict[str, float]]:
    """Whole objects of a scene take a colour as a single object does: the parts in its main
    colour or a shade of it (a chair's darker legs become darker red, a lamp's bulb stays)."""
    chosen: list[Part] = []
    shades: dict[str, float] = {}
    objects = []
    for o in program.objects:
        if o.name not in whole:
            objects.append(o)
            continue
        mine = [p for p in program.parts if p.name.startswith(o.name + "/")]
        main, main_material = o.params.get("color"), o.params.get("material")
        own = {p.name: k for p in mine if color is not None and main and (k := family(p.color, parse_hex(main))) is not None}
        if material is not None:
            own = {p.name: 1.0 for p in mine if p.material == main_material}
        chosen += [p for p in mine if p.name in own] or mine
        shades.update(own)
        params = {**o.params, **{k: v for k, v in (("color", color and to_hex(color)), ("material", material)) if v}}
        objects.append(replace(o, params=params))
    return replace(program, objects=tuple(objects)), chosen, shades


def family(colour: RGB, main: RGB) -> float | None:
    """How a part's colour relates to the main colour: the `shade` factor that makes it from the
    main colour (1 = the same), or None when it is another colour. Greys match only exactly."""
    h1, s1, v1 = colorsys.rgb_to_hsv(*colour)
    h0, s0, v0 = colorsys.rgb_to_hsv(*main)
    if s0 < 0.08 or s1 < 0.08 or v0 < 0.02:
        return 1.0 if max(abs(a - b) for a, b in zip(colour, main)) < 1.5 / 255 else None
    if min(abs(h1 - h0), 1 - abs(h1 - h0)) > 0.012:
        return None
    if abs(s1 - s0) < 0.04:
        return v1 / v0 if v1 <= v0 else None
    if s1 < s0 and v1 >= v0 - 0.02:
        return 1 + (1 - s1 / s0)
    return None


def _add(program: Program, what: str) -> Program:
    words = set(what.split())
    existing = {p.name for p in program.parts}
    for p in _template_parts(program, words):
        if p.name not in existing:
            return replace(program, parts=program.parts + tuple(q for q in _template_parts(program, words)
                                                                if q.name not in existing))
    key = next((k for k in sorted(ACCESSORIES, key=len, reverse=True) if set(k.split()) <= words), None)
    if key is None:
        raise InputError(f"cannot add {what!r}: parts that can be added are {', '.join(sorted(set(ACCESSORIES)))}"
                         " (and parts this model's template has, once removed)")
    owner = next((o for o in program.objects if part_tokens(o.name) & words), None)
    if owner is None:
        new = ACCESSORIES[key](_spot(program, key == "scarf"))
    else:  # "add a hat to the snowman": drawn on that object where it stands, and named after it
        mine = tuple(p for p in program.parts if p.name.startswith(owner.name + "/"))
        new = [replace(p, name=f"{owner.name}/{p.name}") for p in ACCESSORIES[key](_spot(Program(owner.template, mine),
                                                                                         key == "scarf"))]
    return replace(program, parts=program.parts + tuple(_unique(p, existing) for p in new))


def _recount_objects(program: Program, noun: str, n: int, instruction: str) -> Program:
    """"give the table six legs" in a scene: the objects the instruction names (or else every
    object that counts that noun) redrawn with n of them."""
    counting = [o for o in program.objects
                if (t := templates().get(o.template)) and any(singular(k) == noun for k in t.counts)]
    words = {singular(w) for w in normalise(instruction).split()}
    chosen = [o for o in counting if part_tokens(o.name) & words] or counting
    if not chosen:
        raise InputError(f"no object here has a number of {noun}s to change; the objects are: "
                         f"{', '.join(o.name for o in program.objects)}")
    parts, objects = list(program.parts), list(program.objects)
    for o in chosen:
        mine = [p for p in parts if p.name.startswith(o.name + "/")]
        alone = Program(o.template, tuple(replace(p, name=p.name.split("/", 1)[1]) for p in mine), dict(o.params))
        new = _recount(alone, noun, n)
        parts = [p for p in parts if p not in mine] + [replace(p, name=f"{o.name}/{p.name}") for p in new.parts]
        objects[objects.index(o)] = replace(o, params=new.params)
    return replace(program, parts=tuple(parts), objects=tuple(objects))


def _recount(program: Program, noun: str, n: int) -> Program:
    """Redraw a counted group (legs, wheels, blades ...) with n members, keeping its look."""
    t = templates().get(program.object)
    key = next((k for k in (t.counts if t else {}) if singular(k) == noun), None)
    if t is None or key is None or not program.params:
        counted = ", ".join(t.counts) if t and t.counts else "none"
        raise InputError(f"the number of {noun}s of this {program.object} cannot change (counted parts: "
                         f"{counted}); generate a new model instead")
    lo, hi = t.counts[key][1], t.counts[key][2]
    if not lo <= n <= hi:
        raise InputError(f"a {t.name} takes {lo} to {hi} {key}, not {n}")
    counts = {**program.params.get("counts", {}), key: n}
    new = _template_parts(program, {noun}, counts=counts)
    old = [p for p in program.parts if noun in part_tokens(p.name, p.group)]
    if not new:
        raise InputError(f"the {key} of a {t.name} are not separate parts; generate a new model with {n} {key}")
    if old:
        new = [replace(q, color=old[0].color, material=old[0].material, scale=old[0].scale) for q in new]
    kept = tuple(p for p in program.parts if p not in old)
    return replace(program, parts=kept + tuple(new), params={**program.params, "counts": counts})


def _template_parts(program: Program, words: set[str], counts: dict | None = None) -> list[Part]:
    """Parts the model's template would draw for these words (e.g. the chimney, the legs)."""
    t = templates().get(program.object)
    if t is None or not program.params:
        return []
    p = program.params
    flags = {**p.get("flags", {}), **{f: True for f in t.flags if singular(f) in words}}
    spec = default_spec(t, seed=int(p.get("seed", 0)), main=parse_hex(p["color"]) if "color" in p else None,
                        material=p.get("material"), height=float(p.get("height", 1)), width=float(p.get("width", 1)),
                        counts=counts or p.get("counts", {}), flags=flags, style=p.get("style", ""))
    return [q for q in t.build(spec) if part_tokens(q.name, q.group) & words]


def _spot(program: Program, around_top: bool) -> tuple[float, float, float, float, float]:
    """Centre x, top y, centre z, width and height of the highest part (the widest of the
    near-highest ones, so a hat lands on the head and not on an antenna)."""
    boxes = [placed_part_mesh(program, p).bounds for p in program.parts]
    top = max(b[1][1] for b in boxes)
    height = top - min(b[0][1] for b in boxes)
    near = [b for b in boxes if b[1][1] >= top - 0.2 * height] or boxes
    lo, hi = max(near, key=lambda b: (b[1][0] - b[0][0]) * (b[1][2] - b[0][2]))
    if around_top:
        lo, hi = max(boxes, key=lambda b: b[1][1] - 0.3 * (b[1][1] - b[0][1]))
    width = min(max(hi[0] - lo[0], hi[2] - lo[2]), 0.45 * height)  # a hat for a table, not a tent
    return ((lo[0] + hi[0]) / 2, hi[1], (lo[2] + hi[2]) / 2, width, hi[1] - lo[1])


def _unique(p: Part, existing: set[str]) -> Part:
    name, n = p.name, 2
    while name in existing:
        name, n = f"{p.name}_{n}", n + 1
    existing.add(name)
    return replace(p, name=name)


def _local_factors(rotation, factors) -> tuple[float, float, float]:
    """Scale factors along the world axes ("taller" is up after "lay it on its side") as
    factors along the program's own axes, which the rotation turns; exact for quarter turns."""
    r = rotation_matrix(rotation)[:3, :3]
    local = np.abs(r.T @ np.diag(factors) @ r).diagonal() if np.any(rotation) else np.asarray(factors)
    return (float(local[0]), float(local[1]), float(local[2]))


def _mul(a, b) -> tuple[float, float, float]:
    return (a[0] * b[0], a[1] * b[1], a[2] * b[2])


def _compose(first, then) -> tuple[float, float, float]:
    import trimesh

    m = rotation_matrix(then) @ rotation_matrix(first)
    return tuple(round(math.degrees(a), 6) for a in trimesh.transformations.euler_from_matrix(m, "sxyz"))  # type: ignore[return-value]


# -- models without a program ---------------------------------------------------------------------
def edit_foreign(scene, edits: list[Edit], name: str) -> dict[str, Any]:
    """Apply global edits to a loaded trimesh Scene in place; returns what was done."""
    done: list[str] = []
    for e in edits:
        if isinstance(e, Add):
            raise InputError(f"{name} was not made by mesh.generate, so parts cannot be added; it takes "
                             "global edits: recolour, scale, rotate, simplify, material")
        if isinstance(e, (Recolour, Rematerial)):
            _paint(scene, _nodes(scene, e.target, name), e)
        elif isinstance(e, Rescale):
            if e.target and _nodes(scene, e.target, name) is not None:
                raise InputError(f"{name} takes only whole-model scaling; say e.g. 'make it twice as tall'")
            scene.apply_transform(np.diag([*e.factors, 1.0]))
        elif isinstance(e, Rotate):
            scene.apply_transform(rotation_matrix(e.degrees))
        elif isinstance(e, Remove):
            nodes = _nodes(scene, e.target, name) or []
            if not nodes or len(nodes) == len(scene.graph.nodes_geometry):
                raise InputError(f"cannot remove {e.target!r} from {name}: its parts are "
                                 f"{', '.join(scene.graph.nodes_geometry)}")
            scene.delete_geometry([scene.graph[n][1] for n in nodes])
        else:
            _decimate(scene, e)
        done.append(type(e).__name__.lower())
    return {"edits": done}


def _nodes(scene, target: str | None, name: str) -> list[str] | None:
    if target is None:
        return None
    words = {w for w in target.split() if len(w) > 1}
    found = [n for n in scene.graph.nodes_geometry if part_tokens(n) & words]
    if not found:
        raise InputError(f"{name} has no part called {target!r}; its parts are {', '.join(scene.graph.nodes_geometry)}"
                         "; edit the whole model instead (e.g. 'paint it red')")
    return found


def _paint(scene, nodes: list[str] | None, e: Recolour | Rematerial) -> None:
    import trimesh
    from trimesh.visual.material import PBRMaterial

    geoms = {scene.graph[n][1] for n in nodes} if nodes is not None else set(scene.geometry)
    for g in geoms:
        mesh = scene.geometry[g]
        old = getattr(getattr(mesh.visual, "material", None), "baseColorFactor", None)
        colour = e.color if isinstance(e, Recolour) else MATERIAL_COLOURS.get(e.material)
        if colour is None:
            colour = tuple(np.asarray(old[:3]) / 255.0) if old is not None else (0.7, 0.7, 0.7)
        metallic, rough, alpha = MATERIALS[e.material if isinstance(e, Rematerial) else "plastic"]
        mesh.visual = trimesh.visual.TextureVisuals(material=PBRMaterial(
            baseColorFactor=[*colour, alpha], metallicFactor=metallic, roughnessFactor=rough,
            alphaMode="BLEND" if alpha < 1 else "OPAQUE"))


def _decimate(scene, e: Simplify) -> None:
    total = sum(len(m.faces) for m in scene.geometry.values() if hasattr(m, "faces"))
    ratio = min(1.0, e.faces / total) if e.faces else e.ratio
    for g, mesh in list(scene.geometry.items()):
        if hasattr(mesh, "faces") and len(mesh.faces) > 8:
            visual = mesh.visual
            smaller = mesh.simplify_quadric_decimation(face_count=max(4, int(len(mesh.faces) * ratio)))
            if hasattr(visual, "material"):
                import trimesh

                smaller.visual = trimesh.visual.TextureVisuals(material=visual.material)
            scene.geometry[g] = smaller
