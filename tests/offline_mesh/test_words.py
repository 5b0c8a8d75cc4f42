"""Prompt words choose the template and set its parameters."""

from __future__ import annotations

import pytest

from medialoom.backends.offline.mesh.build import build_scene
from medialoom.backends.offline.mesh.kit import COLOURS
from medialoom.backends.offline.mesh.program import to_hex
from medialoom.backends.offline.mesh.words import program_from_prompt
from medialoom.errors import InputError


def names(prog, group):
    return [p.name for p in prog.parts if p.group == group]


@pytest.mark.parametrize("prompt,template", [
    ("a wooden chair", "chair"), ("a mushroom house in the forest", "mushroom house"),
    ("a lamp on a table", "lamp"), ("a table lamp", "lamp"), ("a christmas tree", "tree"),
    ("a sailboat", "boat"), ("an aeroplane", "airplane"), ("a castle", "castle tower"),
])
def test_the_object_word_picks_the_template(prompt, template):
    assert program_from_prompt(prompt).object == template


@pytest.mark.parametrize("prompt,group,n", [
    ("a table with three legs", "legs", 3), ("a table with 6 legs", "legs", 6), ("a table", "legs", 4),
    ("a car with six wheels", "wheels", 6), ("a windmill with 5 blades", "blades", 5),
    ("a bookshelf with 2 shelves", "shelves", 3),  # two shelves of space: three boards
    ("a rocket with four fins", "fins", 4),
])
def test_count_words_set_part_counts(prompt, group, n):
    assert len(names(program_from_prompt(prompt), group)) == n


def test_tall_makes_it_taller_and_colour_and_material_words_dress_it():
    plain = build_scene(program_from_prompt("a table"))
    prog = program_from_prompt("a tall red wooden table")
    tall = build_scene(prog)
    assert tall.extents[1] == pytest.approx(plain.extents[1] * 1.5, rel=0.01)
    top = prog.part("top")
    assert to_hex(top.color) == to_hex(COLOURS["red"]) and top.material == "wood"


def test_colour_before_a_part_name_dresses_only_that_part():
    prog = program_from_prompt("a white house with a blue roof")
    assert to_hex(prog.part("roof").color) == to_hex(COLOURS["blue"])
    assert to_hex(prog.part("walls").color) == to_hex(COLOURS["white"])


def test_features_can_be_switched_off_and_on():
    assert "chimney" not in {p.name for p in program_from_prompt("a house without a chimney").parts}
    assert "hat" not in {p.name for p in program_from_prompt("a snowman with no hat").parts}
    assert "armrests" in {p.name for p in program_from_prompt("a chair with arms").parts}
    assert names(program_from_prompt("a two storey house"), "") and program_from_prompt(
        "a two storey house").params["counts"]["floors"] == 2


def test_size_words_scale_the_whole_program():
    assert program_from_prompt("a big ball").scale == (1.5, 1.5, 1.5)
    assert program_from_prompt("a tiny ball").scale == (0.5, 0.5, 0.5)


def test_unknown_objects_list_the_vocabulary_and_name_the_neural_backend():
    with pytest.raises(InputError) as err:
        program_from_prompt("a purple dragon")
    msg = str(err.value)
    assert "\n" not in msg and "Shap-E" in msg and "--backend neural" in msg
    assert "snowman" in msg and "teapot" in msg


def test_counts_out_of_range_are_refused():
    with pytest.raises(InputError, match="1 to 8 legs"):
        program_from_prompt("a table with 40 legs")


def test_seed_changes_only_random_details():
    a, b = program_from_prompt("a donut", seed=1), program_from_prompt("a donut", seed=2)
    assert a.part("dough") == b.part("dough") and a.part("sprinkles") != b.part("sprinkles")


def test_a_metal_word_after_gold_keeps_the_gold_colour():
    from medialoom.backends.offline.mesh.kit import MATERIAL_COLOURS

    prog = program_from_prompt("a gold metal robot")
    assert prog.params["material"] == "metal" and prog.params["color"] == to_hex(MATERIAL_COLOURS["gold"])
    assert program_from_prompt("a metal robot").params["color"] == to_hex(MATERIAL_COLOURS["metal"])
