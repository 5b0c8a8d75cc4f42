"""Scene programs are data: JSON round trips, validation, every template builds."""

from __future__ import annotations

import json

import pytest

from medialoom.backends.offline.mesh.build import build_scene, program_from_glb
from medialoom.backends.offline.mesh.kit import box
from medialoom.backends.offline.mesh.program import Part, Primitive, Program
from medialoom.backends.offline.mesh.templates import default_spec, templates
from medialoom.errors import InputError

REQUIRED = ("table", "chair", "lamp", "house", "castle tower", "tree", "snowman", "car", "rocket", "teapot",
            "mushroom house", "mug", "bottle", "bookshelf", "bed", "sofa", "robot", "boat", "airplane",
            "windmill", "bench", "fence", "ball", "pyramid", "tent")


def test_at_least_25_templates_including_the_required_ones():
    names = set(templates())
    assert len(names) >= 25
    assert set(REQUIRED) <= names


@pytest.mark.parametrize("name", sorted(templates()))
def test_every_template_builds_grounded_parts_with_unique_names(name):
    t = templates()[name]
    parts = t.build(default_spec(t))
    names = [p.name for p in parts]
    assert len(names) == len(set(names)) >= 1
    scene = build_scene(Program(name, tuple(parts)))
    assert list(scene.graph.nodes_geometry) == names
    lo, hi = scene.bounds
    assert abs(lo[1]) < 1e-9 and 0.2 < hi[1] - lo[1] < 6  # stands on the ground, sensible size


def test_program_json_round_trip_keeps_every_field():
    t = templates()["house"]
    prog = Program("house", tuple(t.build(default_spec(t))), {"color": "#ffffff"}, (1, 2, 1), (0, 90, 0), ("x",))
    text = json.dumps(prog.to_dict())
    again = Program.from_dict(json.loads(text))
    assert again == prog
    assert again.to_dict() == prog.to_dict()


def test_extrusion_and_every_primitive_survive_json():
    prims = (Primitive("box", (1, 2, 3)), Primitive("cylinder", (0.5, 1), segments=6),
             Primitive("cone", (0.5, 1)), Primitive("sphere", (0.3,), scale=(1, 2, 1)),
             Primitive("torus", (1, 0.1), rotation=(90, 0, 0)), Primitive("capsule", (0.2, 1)),
             Primitive("extrusion", (0.2,), profile=((0, 0), (1, 0), (0, 1))))
    prog = Program("thing", (Part("all", prims, (0.2, 0.4, 0.6)),))
    assert Program.from_dict(prog.to_dict()) == prog
    assert len(build_scene(prog).geometry) == 1


@pytest.mark.parametrize("bad", [
    lambda: Primitive("pyramidoid", (1,)),
    lambda: Primitive("box", (1, 1)),
    lambda: Primitive("sphere", (-1,)),
    lambda: Primitive("extrusion", (1,), profile=((0, 0), (1, 1))),
    lambda: Program("x", (Part("a", (box(1, 1, 1),), (1, 0, 0)), Part("a", (box(1, 1, 1),), (0, 1, 0)))),
    lambda: Program.from_dict({"format": "something else"}),
    lambda: Program.from_dict({"format": "medialoom.mesh.program/1", "object": "x", "parts": [{"name": "a"}]}),
])
def test_invalid_programs_are_input_errors(bad):
    with pytest.raises(InputError):
        bad()


def test_glb_extras_carry_the_program(tmp_path):
    import trimesh

    t = templates()["mug"]
    prog = Program("mug", tuple(t.build(default_spec(t))))
    path = tmp_path / "mug.glb"
    path.write_bytes(build_scene(prog).export(file_type="glb"))
    assert program_from_glb(trimesh.load(str(path), force="scene")) == prog
