"""The scene program: a 3D object as plain data (3D-GPT / SceneCraft without executing code).

A Program is a list of named Parts; a Part is a list of Primitives with one colour and one
material. Coordinates are Y-up metres, the object stands on y = 0. A primitive is one of

    box        size = (width x, height y, depth z)
    cylinder   size = (radius, height)          axis along y, centred at position
    cone       size = (radius, height)          axis along y, base at position - height/2
    sphere     size = (radius,)
    torus      size = (major radius, minor radius)   ring in the x-z plane
    capsule    size = (radius, height)          height of the straight section, axis along y
    extrusion  size = (depth,) + profile        profile (x, y) points extruded along z

(`segments` > 0 sets the facets of round shapes: a 4-segment cone is a pyramid),
followed by its own rotation (degrees about x, y, z, applied in that order) and scale.
Program-wide `scale` and `rotation` apply after everything else (edits such as "twice as
tall" change them, so the parts stay as the template drew them). Programs round-trip
through JSON (`to_dict` / `from_dict`); nothing in them is ever executed.

A scene of several objects is a Program whose `object` is "scene": each object is a
Placement (name, template, position, turn about y, uniform scale, the template parameters)
and its parts are named `name/part` ("chair_2/leg_1"), drawn where the placement stands.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from ....errors import InputError

SHAPES: tuple[str, ...] = ("box", "cylinder", "cone", "sphere", "torus", "capsule", "extrusion")
SIZE_ARITY = {"box": 3, "cylinder": 2, "cone": 2, "sphere": 1, "torus": 2, "capsule": 2, "extrusion": 1}
FORMAT = "medialoom.mesh.program/1"

Vec3 = tuple[float, float, float]
RGB = tuple[float, float, float]


@dataclass(frozen=True)
class Primitive:
    shape: str
    size: tuple[float, ...]
    position: Vec3 = (0.0, 0.0, 0.0)
    rotation: Vec3 = (0.0, 0.0, 0.0)
    scale: Vec3 = (1.0, 1.0, 1.0)
    profile: tuple[tuple[float, float], ...] = ()
    segments: int = 0

    def __post_init__(self) -> None:
        for name in ("size", "position", "rotation", "scale"):  # what the JSON holds
            object.__setattr__(self, name, tuple(round(float(v), 5) for v in getattr(self, name)))
        object.__setattr__(self, "profile", tuple((round(float(x), 5), round(float(y), 5)) for x, y in self.profile))
        if self.shape not in SHAPES:
            raise InputError(f"unknown primitive {self.shape!r}; primitives are {', '.join(SHAPES)}")
        if len(self.size) != SIZE_ARITY[self.shape] or any(s <= 0 for s in self.size):
            raise InputError(f"{self.shape} needs {SIZE_ARITY[self.shape]} positive size value(s), "
                             f"got {list(self.size)}")
        if self.shape == "extrusion" and len(self.profile) < 3:
            raise InputError("an extrusion needs a profile of at least 3 (x, y) points")

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"shape": self.shape, "size": _r(self.size), "position": _r(self.position)}
        if self.rotation != (0.0, 0.0, 0.0):
            d["rotation"] = _r(self.rotation)
        if self.scale != (1.0, 1.0, 1.0):
            d["scale"] = _r(self.scale)
        if self.profile:
            d["profile"] = [_r(p) for p in self.profile]
        if self.segments:
            d["segments"] = self.segments
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Primitive":
        return cls(str(d["shape"]), _floats(d["size"]), _vec(d.get("position", (0, 0, 0))),
                   _vec(d.get("rotation", (0, 0, 0))), _vec(d.get("scale", (1, 1, 1))),
                   tuple((float(x), float(y)) for x, y in d.get("profile", ())),
                   int(d.get("segments", 0)))


@dataclass(frozen=True)
class Part:
    """A named part: its primitives share one colour and material. `group` names the set it
    belongs to ("legs" for leg_1 .. leg_4) so edits can address them together."""

    name: str
    primitives: tuple[Primitive, ...]
    color: RGB
    material: str = "plastic"
    group: str = ""
    scale: Vec3 = (1.0, 1.0, 1.0)

    def __post_init__(self) -> None:
        object.__setattr__(self, "color", parse_hex(to_hex(self.color)))  # what the JSON can hold
        object.__setattr__(self, "scale", tuple(round(float(v), 5) for v in self.scale))

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"name": self.name, "color": to_hex(self.color), "material": self.material,
                             "primitives": [p.to_dict() for p in self.primitives]}
        if self.group:
            d["group"] = self.group
        if self.scale != (1.0, 1.0, 1.0):
            d["scale"] = _r(self.scale)
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Part":
        return cls(str(d["name"]), tuple(Primitive.from_dict(p) for p in d["primitives"]),
                   parse_hex(str(d["color"])), str(d.get("material", "plastic")),
                   str(d.get("group", "")), _vec(d.get("scale", (1, 1, 1))))

    def recoloured(self, color: RGB) -> "Part":
        return replace(self, color=color)


@dataclass(frozen=True)
class Placement:
    """One object of a scene of several: where its template build stands (position of its
    origin, a turn about y in degrees, a uniform scale). Its parts are named `name/part`."""

    name: str
    template: str
    position: Vec3 = (0.0, 0.0, 0.0)
    yaw: float = 0.0
    scale: float = 1.0
    params: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "position", tuple(round(float(v), 5) for v in self.position))
        object.__setattr__(self, "yaw", round(float(self.yaw), 5))
        object.__setattr__(self, "scale", round(float(self.scale), 5))

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "template": self.template, "position": _r(self.position),
                "yaw": self.yaw, "scale": self.scale, "params": dict(self.params)}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Placement":
        return cls(str(d["name"]), str(d["template"]), _vec(d.get("position", (0, 0, 0))),
                   float(d.get("yaw", 0.0)), float(d.get("scale", 1.0)), dict(d.get("params", {})))


@dataclass(frozen=True)
class Program:
    """A whole object: the template and parameters it came from, its parts, and the
    program-wide scale and rotation (degrees about x, y, z)."""

    object: str
    parts: tuple[Part, ...]
    params: dict[str, Any] = field(default_factory=dict)
    scale: Vec3 = (1.0, 1.0, 1.0)
    rotation: Vec3 = (0.0, 0.0, 0.0)
    history: tuple[str, ...] = ()
    objects: tuple[Placement, ...] = ()

    def __post_init__(self) -> None:
        for name in ("scale", "rotation"):
            object.__setattr__(self, name, tuple(round(float(v), 5) for v in getattr(self, name)))
        names = [p.name for p in self.parts]
        if len(set(names)) != len(names):
            raise InputError(f"part names must be unique in a program, got {names}")

    def to_dict(self) -> dict[str, Any]:
        d = {"format": FORMAT, "object": self.object, "params": dict(self.params),
             "scale": _r(self.scale), "rotation": _r(self.rotation), "history": list(self.history),
             "parts": [p.to_dict() for p in self.parts]}
        if self.objects:
            d["objects"] = [o.to_dict() for o in self.objects]
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Program":
        if not isinstance(d, dict) or d.get("format") != FORMAT:
            raise InputError(f"not a medialoom scene program (expected format {FORMAT})")
        try:
            return cls(str(d["object"]), tuple(Part.from_dict(p) for p in d["parts"]),
                       dict(d.get("params", {})), _vec(d.get("scale", (1, 1, 1))),
                       _vec(d.get("rotation", (0, 0, 0))), tuple(d.get("history", ())),
                       tuple(Placement.from_dict(o) for o in d.get("objects", ())))
        except (KeyError, TypeError, ValueError) as exc:
            raise InputError(f"the scene program is malformed ({exc.__class__.__name__}: {exc})") from exc

    def part(self, name: str) -> Part:
        for p in self.parts:
            if p.name == name:
                return p
        raise KeyError(name)

    def placement(self, part_name: str) -> Placement | None:
        """The object a part of a scene belongs to (`chair_2/leg_1` -> chair_2), if any."""
        owner = part_name.split("/")[0] if "/" in part_name else None
        return next((o for o in self.objects if o.name == owner), None)


def parse_hex(text: str) -> RGB:
    text = text.lstrip("#")
    if len(text) != 6:
        raise ValueError(f"colour {text!r} is not #rrggbb")
    return tuple(int(text[i:i + 2], 16) / 255.0 for i in (0, 2, 4))  # type: ignore[return-value]


def to_hex(rgb: RGB) -> str:
    return "#" + "".join(f"{max(0, min(255, round(c * 255))):02x}" for c in rgb)


def _r(values) -> list[float]:
    return [round(float(v), 5) for v in values]


def _floats(values) -> tuple[float, ...]:
    return tuple(float(v) for v in values)


def _vec(values) -> Vec3:
    x, y, z = (float(v) for v in values)
    return (x, y, z)
