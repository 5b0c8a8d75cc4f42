"""mesh.edit: program edits on models medialoom made, global edits on foreign files."""

from __future__ import annotations

import numpy as np
import pytest
from mesh_support import colour_of, height, load, near

from medialoom.artifacts import Artifact
from medialoom.backends.offline import mesh
from medialoom.errors import InputError


@pytest.fixture
def edit(make_ctx, stored):
    def run(model, instruction: str):
        return stored(mesh.edit(make_ctx("mesh.edit"), model, instruction))

    return run


def test_twice_as_tall_doubles_the_bounding_box_height_only(make_model, edit):
    model = make_model("a snowman")
    before = load(model)
    after = load(edit(model, "make it twice as tall"))
    assert height(after) == pytest.approx(2 * height(before), rel=1e-4)
    assert after.extents[0] == pytest.approx(before.extents[0], rel=1e-4)
    assert after.extents[2] == pytest.approx(before.extents[2], rel=1e-4)


def test_recolouring_a_named_part_changes_that_part_only(make_model, edit):
    model = make_model("a snowman")
    before = load(model)
    after = load(edit(model, "paint its scarf blue"))
    assert colour_of(before, "scarf") != colour_of(after, "scarf")
    assert near(colour_of(after, "scarf"), "blue")
    for node in before.graph.nodes_geometry:
        if node != "scarf":
            assert colour_of(before, node) == colour_of(after, node), node


def test_recolouring_the_whole_car_keeps_wheels_and_windows(make_model, edit):
    model = make_model("a red car")
    after = load(edit(model, "paint it green"))
    assert colour_of(after, "body") == colour_of(after, "cabin") and near(colour_of(after, "body"), "green")
    assert colour_of(after, "wheel_1") == colour_of(load(model), "wheel_1")


def test_remove_and_add_parts_change_the_part_count(make_model, edit):
    table = make_model("a table with four legs")
    assert len(load(table).graph.nodes_geometry) == 5
    bare = edit(table, "remove the legs")
    assert list(load(bare).graph.nodes_geometry) == ["top"]
    back = edit(bare, "add the legs")
    assert sorted(load(back).graph.nodes_geometry) == ["leg_1", "leg_2", "leg_3", "leg_4", "top"]


def test_add_a_hat_puts_it_on_top(make_model, edit):
    bot = make_model("a robot")
    before = load(bot)
    after = load(edit(bot, "add a hat"))
    nodes = list(after.graph.nodes_geometry)
    assert len(nodes) == len(before.graph.nodes_geometry) + 1 and "hat" in nodes
    hat = after.geometry[after.graph["hat"][1]]
    head = after.geometry[after.graph["head"][1]]
    assert abs(hat.bounds[0][1] - head.bounds[1][1]) < 0.05  # sits on the head
    assert np.allclose(hat.bounds.mean(axis=0)[[0, 2]], head.bounds.mean(axis=0)[[0, 2]], atol=1e-6)
    assert hat.extents[0] < 1.2 * head.extents[0]  # sized to the head, not the whole robot


def test_material_scale_of_a_part_and_history_live_in_the_program(make_model, edit):
    model = make_model("a wooden table")
    metal = edit(model, "make the legs metal")
    program = metal.meta["program"]
    materials = {p["name"]: p["material"] for p in program["parts"]}
    assert materials["top"] == "wood" and materials["leg_1"] == "metal"
    longer = edit(metal, "make the legs 50% longer")
    legs = [p for p in longer.meta["program"]["parts"] if p.get("group") == "legs"]
    assert len(legs) == 4
    assert all(p["scale"] == [1.0, 1.5, 1.0] for p in legs)
    assert longer.meta["program"]["history"] == ["make the legs metal", "make the legs 50% longer"]


def test_rotate_upside_down_and_two_edits_in_one_instruction(make_model, edit):
    model = make_model("a lamp")
    flipped = load(edit(model, "turn it upside down"))
    base = flipped.geometry[flipped.graph["base"][1]]
    shade = flipped.geometry[flipped.graph["shade"][1]]
    assert base.bounds[0][1] > shade.bounds[1][1] - 0.01  # the base is now on top
    both = load(edit(model, "make it red and twice as wide"))
    assert both.extents[0] == pytest.approx(2 * load(model).extents[0], rel=1e-4)
    assert near(colour_of(both, "shade"), "red")


def test_edits_work_from_the_glb_extras_when_meta_has_no_program(make_model, edit):
    model = make_model("a house")
    user = Artifact("mesh", model.path, model.sha256, model.mime, {"source": "house.glb"})
    after = load(edit(user, "remove the chimney"))
    assert "chimney" not in after.graph.nodes_geometry and "roof" in after.graph.nodes_geometry


def test_unknown_parts_and_instructions_are_one_line_errors(make_model, make_ctx):
    model = make_model("a table")
    for instruction, expected in (("remove the wings", "no part called"), ("sing a song", "cannot tell"),
                                  ("add a dragon", "cannot add")):
        with pytest.raises(InputError, match=expected) as err:
            mesh.edit(make_ctx(), model, instruction)
        assert "\n" not in str(err.value)


@pytest.mark.parametrize("suffix", [".stl", ".obj", ".glb"])
def test_foreign_files_take_global_edits(foreign, edit, suffix):
    user = foreign(suffix)
    before = load(user.path)
    taller = edit(user, "make it twice as tall")
    assert taller.path.suffix == ".glb"
    assert height(load(taller)) == pytest.approx(2 * height(before), rel=1e-3)
    red = load(edit(user, "paint it red"))
    assert all(near(colour_of(red, n), "red") for n in red.graph.nodes_geometry)
    turned = load(edit(user, "rotate it 90 degrees"))
    assert turned.extents[2] == pytest.approx(before.extents[0], rel=1e-3)
    faces = sum(len(g.faces) for g in before.geometry.values())
    small = load(edit(user, "simplify it by 50%"))
    assert sum(len(g.faces) for g in small.geometry.values()) < faces * 0.7


def test_foreign_glb_nodes_can_be_removed_but_nothing_added(foreign, edit, make_ctx):
    user = foreign(".glb")
    left = load(edit(user, "remove the ball"))
    assert list(left.graph.nodes_geometry) == ["crate"]
    with pytest.raises(InputError, match="not made by mesh.generate"):
        mesh.edit(make_ctx(), user, "add a hat")


def test_simplify_our_own_model_keeps_the_parts(make_model, edit):
    model = make_model("a teapot")
    faces = load(model)
    small = load(edit(model, "simplify to 40%"))
    count = lambda s: sum(len(g.faces) for g in s.geometry.values())  # noqa: E731
    assert count(small) < 0.5 * count(faces)
    assert list(small.graph.nodes_geometry) == list(faces.graph.nodes_geometry)
    assert np.allclose(small.extents, faces.extents, rtol=0.1)


def test_a_part_named_like_the_object_can_be_recoloured_and_shades_follow_the_main_colour(make_model, edit):
    chair = make_model("a red chair with arms")
    seat = load(edit(chair, "paint the seat blue"))  # "seat" is also a word for chair
    assert near(colour_of(seat, "seat"), "blue") and near(colour_of(seat, "backrest"), "red")
    whole = load(edit(chair, "paint it blue"))
    leg = np.array(colour_of(whole, "leg_1"), float)
    assert near(colour_of(whole, "backrest"), "blue")
    assert leg[2] > 2 * leg[0] and leg[2] < colour_of(whole, "seat")[2]  # a darker blue, as it was a darker red


def test_taller_means_up_even_after_a_rotation(make_model, edit):
    model = edit(make_model("a rocket"), "lay it on its side")
    before = load(model)
    after = load(edit(model, "make it twice as tall"))
    assert height(after) == pytest.approx(2 * height(before), rel=1e-4)
    assert after.extents[0] == pytest.approx(before.extents[0], rel=1e-4)


def test_give_it_six_legs_redraws_the_counted_group_keeping_its_look(make_model, edit):
    table = edit(make_model("a table"), "make the legs metal")
    six = load(edit(table, "give it six legs"))
    legs = sorted(n for n in six.graph.nodes_geometry if n.startswith("leg_"))
    assert legs == [f"leg_{i}" for i in range(1, 7)]
    materials = {p["name"]: p["material"] for p in edit(table, "give it six legs").meta["program"]["parts"]}
    assert all(materials[n] == "metal" for n in legs)
    with pytest.raises(InputError, match="1 to 8 legs"):
        edit(table, "give it 12 legs")


def test_longer_legs_lift_the_table_top_instead_of_poking_through_it(make_model, edit):
    model = make_model("a table")
    before = load(model)
    after = load(edit(model, "make the legs 50% longer"))

    def span(scene, node):
        return scene.geometry[scene.graph[node][1]].bounds[:, 1]

    leg0, top0 = span(before, "leg_1"), span(before, "top")
    leg1, top1 = span(after, "leg_1"), span(after, "top")
    assert leg1[0] == pytest.approx(0.0, abs=1e-4)                       # still on the ground
    assert leg1[1] == pytest.approx(top1[0], abs=1e-3)                   # and holding the top
    assert top1[0] == pytest.approx(top0[0] + 0.5 * (leg0[1] - leg0[0]), rel=1e-3)  # the top rose
    assert leg1[1] - leg1[0] == pytest.approx(1.5 * (leg0[1] - leg0[0]), rel=1e-3)
    assert height(after) == pytest.approx(height(before) + 0.5 * (leg0[1] - leg0[0]), rel=1e-3)
    wheels = load(edit(make_model("a car"), "make the wheels bigger"))
    assert wheels.bounds[0][1] == pytest.approx(0.0, abs=1e-4)           # bigger wheels still stand on y = 0
