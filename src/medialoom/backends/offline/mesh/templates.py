"""The parametric object templates, by name. Each turns a Spec (colour, material, height,
width, counts such as legs or floors, features such as a chimney, a style) into parts.

    furniture  table, chair, stool, bench, bed, sofa, bookshelf, lamp
    buildings  house, castle tower, mushroom house, windmill, lighthouse, tent, pyramid, fence
    things     tree, snowman, car, rocket, teapot, mug, bottle, vase, robot, boat, airplane,
               ball, donut
"""

from __future__ import annotations

from functools import cache
from typing import Any, Mapping

from .kit import Spec, Template


@cache
def templates() -> Mapping[str, Template]:
    from . import t_buildings, t_furniture, t_things

    every = t_furniture.TEMPLATES + t_buildings.TEMPLATES + t_things.TEMPLATES
    return {t.name: t for t in every}


def template(name: str) -> Template:
    return templates()[name]


def default_spec(t: Template, seed: int = 0, **changes: Any) -> Spec:
    """The template's own defaults, with `changes` (main, material, height, width, counts,
    flags, style) laid over them."""
    counts = {noun: default for noun, (default, _, _) in t.counts.items()}
    counts.update(changes.pop("counts", {}) or {})
    flags = dict(t.flags)
    flags.update(changes.pop("flags", {}) or {})
    style = changes.pop("style", "") or (t.styles[-1] if t.styles else "")
    return Spec(main=changes.pop("main", None) or t.color, material=changes.pop("material", None) or t.material,
                counts=counts, flags=flags, style=style, seed=seed, **changes)


def vocabulary() -> str:
    """The object words the offline backend knows, for error messages."""
    return ", ".join(sorted(templates()))
