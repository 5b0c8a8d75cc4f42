"""mesh.generate with several objects: counts and several nouns, each built from its own words,
laid out on the ground without overlap, parts named per object so mesh.edit addresses them."""

from __future__ import annotations

import importlib.util
import math

import numpy as np
import pytest
from mesh_support import colour_of, height, load, near

from medialoom.backends.offline import mesh
from medialoom.backends.offline.mesh.scene import program_for
from medialoom.backends.offline.mesh.words import program_from_prompt


def objects(scene) -> dict[str, list[str]]:
    """Node names by the object they belong to (`chair_2/leg_1` -> chair_2)."""
    out: dict[str, list[str]] = {}
    for node in scene.graph.nodes_geometry:
        out.setdefault(node.split("/")[0], []).append(node)
    return out


def node_box(scene, node: str) -> np.ndarray:
    transform, geom = scene.graph[node]
    return scene.geometry[geom].copy().apply_transform(transform).bounds


def object_box(scene, nodes: list[str]) -> np.ndarray:
    boxes = [node_box(scene, n) for n in nodes]
    return np.array([np.min([b[0] for b in boxes], axis=0), np.max([b[1] for b in boxes], axis=0)])


def centre(box: np.ndarray) -> np.ndarray:
    return (box[0] + box[1]) / 2


def overlap(a: np.ndarray, b: np.ndarray, eps: float = 1e-4) -> bool:
    return all(a[0][i] < b[1][i] - eps and b[0][i] < a[1][i] - eps for i in range(3))


def assert_apart(scene) -> None:
    boxes = {name: object_box(scene, nodes) for name, nodes in objects(scene).items()}
    names = sorted(boxes)
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            assert not overlap(boxes[a], boxes[b]), (a, b, boxes[a], boxes[b])
    low = min(float(b[0][1]) for b in boxes.values())
    assert low == pytest.approx(0.0, abs=1e-4)  # the scene stands on the ground


def red_family(rgb255) -> bool:
    """Red or a darker / lighter shade of it, as a recolour paints a whole object."""
    from medialoom.backends.offline.mesh.editing import family
    from medialoom.backends.offline.mesh.kit import COLOURS
    from medialoom.backends.offline.mesh.program import parse_hex, to_hex

    return family(tuple(c / 255 for c in rgb255), parse_hex(to_hex(COLOURS["red"]))) is not None


def parts_of_one(make_model, prompt: str) -> int:
    return len(load(make_model(prompt)).graph.nodes_geometry)


def test_two_chairs_are_two_whole_chairs_side_by_side(make_model):
    scene = load(make_model("two chairs"))
    found = objects(scene)
    assert sorted(found) == ["chair_1", "chair_2"]
    one = parts_of_one(make_model, "a chair")
    assert all(len(nodes) == one for nodes in found.values())
    assert_apart(scene)


def test_a_table_with_four_chairs_around_it_facing_it(make_model):
    model = make_model("a table with four chairs around it")
    scene = load(model)
    found = objects(scene)
    assert sorted(found) == ["chair_1", "chair_2", "chair_3", "chair_4", "table"]
    assert len(found["table"]) == parts_of_one(make_model, "a table")
    assert all(len(found[f"chair_{i}"]) == parts_of_one(make_model, "a chair") for i in range(1, 5))
    assert_apart(scene)
    middle = centre(object_box(scene, found["table"]))[[0, 2]]
    sides = set()
    for i in range(1, 5):
        seat = centre(node_box(scene, f"chair_{i}/seat"))[[0, 2]]
        back = centre(node_box(scene, f"chair_{i}/backrest"))[[0, 2]]
        # the backrest is behind the seat as seen from the table: the chair faces it
        assert np.linalg.norm(back - middle) > np.linalg.norm(seat - middle) + 0.1
        sides.add(round(math.degrees(math.atan2(*(seat - middle)))) % 360)
    assert len(sides) == 4  # one chair on each side
    assert model.meta["template"] == "scene" and len(model.meta["program"]["objects"]) == 5


def test_more_chairs_around_a_table_still_do_not_touch(make_model):
    scene = load(make_model("a round table with six chairs"))
    found = objects(scene)
    assert len([n for n in found if n.startswith("chair_")]) == 6
    assert_apart(scene)


def test_three_balls_in_a_row(make_model):
    scene = load(make_model("three balls in a row"))
    found = objects(scene)
    assert sorted(found) == ["ball_1", "ball_2", "ball_3"]
    centres = [centre(object_box(scene, found[f"ball_{i}"])) for i in (1, 2, 3)]
    assert centres[0][0] < centres[1][0] < centres[2][0]
    assert max(abs(c[2] - centres[0][2]) for c in centres) < 1e-3  # one line
    assert_apart(scene)


@pytest.mark.parametrize("prompt, names", [
    ("a snowman next to a tree", ["snowman", "tree"]),
    ("a chair and a lamp", ["chair", "lamp"]),
])
def test_several_nouns_each_become_an_object(make_model, prompt, names):
    scene = load(make_model(prompt))
    found = objects(scene)
    assert sorted(found) == names
    for name in names:
        assert len(found[name]) == parts_of_one(make_model, f"a {name}")
    assert_apart(scene)


def test_words_before_each_noun_dress_that_noun_and_left_of_is_left(make_model):
    scene = load(make_model("a small red chair left of a big blue table"))
    assert near(colour_of(scene, "chair/seat"), "red")
    assert near(colour_of(scene, "table/top"), "blue")
    found = objects(scene)
    chair, table = object_box(scene, found["chair"]), object_box(scene, found["table"])
    assert centre(chair)[0] < centre(table)[0]
    assert (table[1][1] - table[0][1]) > 1.5 * 0.75 * 0.99  # "big" made the table bigger, not the chair
    assert (chair[1][1] - chair[0][1]) < 0.95
    assert_apart(scene)


def test_a_lamp_on_a_table_stands_on_its_top(make_model):
    scene = load(make_model("a lamp on top of a table"))
    found = objects(scene)
    lamp, top = object_box(scene, found["lamp"]), node_box(scene, "table/top")
    assert lamp[0][1] == pytest.approx(top[1][1], abs=1e-3)
    assert top[0][0] <= centre(lamp)[0] <= top[1][0] and top[0][2] <= centre(lamp)[2] <= top[1][2]
    assert_apart(scene)


@pytest.mark.parametrize("prompt", ["a red chair", "a table with three legs", "a rocket ship",
                                    "a lighthouse", "a house with a blue roof", "a snowman with four balls"])
def test_one_object_prompts_keep_their_single_object_program(prompt):
    assert program_for(prompt, 3).to_dict() == program_from_prompt(prompt, 3).to_dict()
    assert "objects" not in program_for(prompt, 3).to_dict()


# -- edits ------------------------------------------------------------------------------------------
@pytest.fixture
def edit(make_ctx, stored):
    def run(model, instruction: str):
        return stored(mesh.edit(make_ctx("mesh.edit"), model, instruction))

    return run


def test_paint_the_chairs_red_recolours_every_chair_only(make_model, edit):
    model = make_model("a table with four chairs around it")
    after = load(edit(model, "paint the chairs red"))
    before = load(model)
    for node in after.graph.nodes_geometry:
        if node.startswith("chair_"):
            assert red_family(colour_of(after, node)), node  # the legs keep their darker shade
            assert near(colour_of(after, node), "red") == node.endswith(("seat", "backrest")), node
        else:
            assert colour_of(after, node) == colour_of(before, node), node


def test_remove_one_object_and_the_second_of_several(make_model, edit):
    model = make_model("two chairs and a lamp")
    assert sorted(objects(load(model))) == ["chair_1", "chair_2", "lamp"]
    assert sorted(objects(load(edit(model, "remove the lamp")))) == ["chair_1", "chair_2"]
    assert sorted(objects(load(edit(model, "remove the second chair")))) == ["chair_1", "lamp"]


def test_twice_as_tall_scales_the_whole_scene(make_model, edit):
    model = make_model("a snowman next to a tree")
    before, after = load(model), load(edit(model, "make it twice as tall"))
    assert height(after) == pytest.approx(2 * height(before), rel=1e-4)
    assert after.extents[0] == pytest.approx(before.extents[0], rel=1e-4)
    assert sorted(objects(after)) == ["snowman", "tree"]


@pytest.mark.skipif(importlib.util.find_spec("pyrender") is None, reason="pyrender is not installed")
def test_a_render_of_a_scene_frames_every_object(make_model, make_ctx):
    from PIL import Image

    out = mesh.render(make_ctx("mesh.render"), make_model("three balls in a row"), size=128)
    img = np.asarray(Image.open(out.path).convert("RGB")).astype(float)
    red = (img[..., 0] > 150) & (img[..., 0] - img[..., 1] > 60) & (img[..., 0] - img[..., 2] > 60)
    cols = np.nonzero(red.any(axis=0))[0]
    assert red.sum() > 150 and cols.min() > 2 and cols.max() < 125  # nothing cut off at the sides
    runs = np.count_nonzero(np.diff(np.concatenate([[0], red.any(axis=0).astype(int), [0]])) == 1)
    assert runs == 3  # three separate balls


def test_things_joined_by_and_all_stand_on_the_table_at_table_scale(make_model):
    scene = load(make_model("a teapot and two mugs on a table"))
    found = objects(scene)
    assert sorted(found) == ["mug_1", "mug_2", "table", "teapot"]
    top = node_box(scene, "table/top")
    for name in ("teapot", "mug_1", "mug_2"):
        box = object_box(scene, found[name])
        assert box[0][1] == pytest.approx(top[1][1], abs=1e-3), name
        assert top[0][0] <= box[0][0] and box[1][0] <= top[1][0], name  # on the top, not over its edge
        assert box[1][1] - box[0][1] < 0.3, name  # a mug next to a table is mug-sized
    assert_apart(scene)


def test_a_ball_on_a_chair_rests_on_the_seat(make_model):
    scene = load(make_model("a ball on a chair"))
    ball, seat = object_box(scene, objects(scene)["ball"]), node_box(scene, "chair/seat")
    assert ball[0][1] == pytest.approx(seat[1][1], abs=1e-3)


@pytest.mark.parametrize("prompt", ["chairs around a table", "a table with chairs"])
def test_plural_seats_with_a_table_go_around_it(make_model, prompt):
    scene = load(make_model(prompt))
    found = objects(scene)
    assert sorted(found) == ["chair_1", "chair_2", "chair_3", "chair_4", "table"]
    middle = centre(object_box(scene, found["table"]))[[0, 2]]
    for i in range(1, 5):
        seat = centre(node_box(scene, f"chair_{i}/seat"))[[0, 2]]
        back = centre(node_box(scene, f"chair_{i}/backrest"))[[0, 2]]
        assert np.linalg.norm(back - middle) > np.linalg.norm(seat - middle)
    assert_apart(scene)


def test_a_table_with_a_lamp_on_it(make_model):
    scene = load(make_model("a wooden table with a red lamp on it"))
    lamp, top = object_box(scene, objects(scene)["lamp"]), node_box(scene, "table/top")
    assert lamp[0][1] == pytest.approx(top[1][1], abs=1e-3)
    assert near(colour_of(scene, "lamp/shade"), "red")  # "red" dresses the lamp, "wooden" the table
    assert not near(colour_of(scene, "table/top"), "red")


def test_edits_address_one_object_by_number_and_scale_it_whole(make_model, edit):
    model = make_model("two chairs and a lamp")
    before = load(model)
    painted = load(edit(model, "paint chair 2 red and make the lamp twice as big"))
    assert all(red_family(colour_of(painted, n)) for n in objects(painted)["chair_2"])
    assert not any(red_family(colour_of(painted, n)) for n in objects(painted)["chair_1"])
    lamp_before, lamp_after = (object_box(s, objects(s)["lamp"]) for s in (before, painted))
    size_before, size_after = lamp_before[1] - lamp_before[0], lamp_after[1] - lamp_after[0]
    assert size_after == pytest.approx(2 * size_before, rel=1e-3)  # the whole lamp, in proportion
    assert lamp_after[0][1] == pytest.approx(0.0, abs=1e-4)  # still standing on the ground
    chair = object_box(painted, objects(painted)["chair_1"])
    assert np.allclose(chair, object_box(before, objects(before)["chair_1"]), atol=1e-4)


def test_between_above_and_behind(make_model):
    scene = load(make_model("a snowman between two trees"))
    found = objects(scene)
    xs = {name: centre(object_box(scene, nodes))[0] for name, nodes in found.items()}
    assert xs["tree_1"] < xs["snowman"] < xs["tree_2"]
    assert_apart(scene)
    scene = load(make_model("an airplane above a house"))
    found = objects(scene)
    plane, house = object_box(scene, found["airplane"]), object_box(scene, found["house"])
    assert plane[0][1] > house[1][1]  # clear of the roof
    scene = load(make_model("a fence around a house"))
    found = objects(scene)
    assert centre(object_box(scene, found["house"]))[2] < centre(object_box(scene, found["fence"]))[2]
    assert_apart(scene)


@pytest.mark.parametrize("prompt", ["a lighthouse with a light on top", "a boat with a sail", "an armchair"])
def test_a_part_named_like_a_template_is_no_second_object(prompt):
    assert not program_for(prompt).objects


def test_and_makes_a_counted_part_word_a_new_object():
    assert program_for("a snowman with three balls").params["counts"]["balls"] == 3
    scene = program_for("a snowman and three balls")
    assert [o.name for o in scene.objects] == ["snowman", "ball_1", "ball_2", "ball_3"]


def test_add_to_a_named_object_and_paint_the_whole_scene(make_model, edit):
    model = make_model("a snowman next to a tree")
    before = load(model)
    after = load(edit(model, "add a hat to the tree"))
    assert set(after.graph.nodes_geometry) - set(before.graph.nodes_geometry) == {"tree/hat"}
    tree = object_box(before, objects(before)["tree"])
    hat = node_box(after, "tree/hat")
    assert hat[0][1] == pytest.approx(tree[1][1], abs=0.05)  # on the tree's top, not the snowman's
    assert tree[0][0] < centre(hat)[0] < tree[1][0]
    blue = load(edit(model, "paint it blue"))
    for node in blue.graph.nodes_geometry:
        if node.split("/")[1] in ("bottom", "middle", "head", "foliage", "leaves", "crown"):
            assert near(colour_of(blue, node), "blue"), node  # each object's main colour
        if node.split("/")[1] in ("trunk", "scarf", "hat"):
            assert colour_of(blue, node) == colour_of(before, node), node  # other colours stay


def test_too_many_objects_is_one_clear_error():
    from medialoom.errors import InputError

    with pytest.raises(InputError, match="at most 24 objects"):
        program_for("thirty chairs")


@pytest.mark.parametrize("prompt, on_top", [("a table with two chairs and a lamp on it", ["lamp"]),
                                            ("a table with a vase and a mug on it", ["mug", "vase"])])
def test_things_said_to_be_on_it_stand_on_the_table_top(make_model, prompt, on_top):
    scene = load(make_model(prompt))
    found = objects(scene)
    top = node_box(scene, "table/top")
    for name in on_top:
        box = object_box(scene, found[name])
        assert box[0][1] == pytest.approx(top[1][1], abs=1e-3), name
    for name in set(found) - set(on_top) - {"table"}:
        assert object_box(scene, found[name])[0][1] == pytest.approx(0.0, abs=1e-4), name  # chairs stay down
    assert_apart(scene)


def test_many_copies_stand_in_a_grid_unless_a_row_is_asked_for():
    from medialoom.backends.offline.mesh.build import build_scene

    grid = build_scene(program_for("nine chairs"))
    row = build_scene(program_for("nine chairs in a row"))
    assert len(objects(grid)) == len(objects(row)) == 9
    assert grid.extents[0] < 0.5 * row.extents[0] and grid.extents[2] > 2 * row.extents[2]
    assert_apart(grid)


def test_a_two_word_colour_is_not_an_object_word():
    from medialoom.backends.offline.mesh.kit import COLOURS
    from medialoom.backends.offline.mesh.program import to_hex

    chair = program_for("a light blue chair")
    assert chair.object == "chair" and chair.params["color"] == to_hex(COLOURS["light blue"])
    assert program_for("a light").object == "lamp"


def test_recount_the_parts_of_a_named_object(make_model, edit):
    model = make_model("two chairs and a table")
    after = load(edit(model, "give the table six legs"))
    found = objects(after)
    legs = [n for n in found["table"] if "/leg_" in n]
    assert len(legs) == 6
    assert all(len([n for n in found[c] if "/leg_" in n]) == 4 for c in ("chair_1", "chair_2"))
    top = node_box(after, "table/top")
    for leg in legs:  # the new legs stand under the table where it is
        box = node_box(after, leg)
        assert top[0][0] <= centre(box)[0] <= top[1][0] and top[0][2] <= centre(box)[2] <= top[1][2]
