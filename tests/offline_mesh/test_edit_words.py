"""Instructions become edit operations (data) before any model is touched."""

from __future__ import annotations

import pytest

from medialoom.backends.offline.mesh.edit_words import (Add, Recolour, Rematerial, Remove, Rescale, Rotate,
                                                        Simplify, parse_edits)
from medialoom.backends.offline.mesh.kit import COLOURS
from medialoom.errors import InputError


@pytest.mark.parametrize("instruction,expected", [
    ("make it twice as tall", [Rescale((1.0, 2.0, 1.0))]),
    ("make it half as wide", [Rescale((0.5, 1.0, 1.0))]),
    ("make it three times bigger", [Rescale((3.0, 3.0, 3.0))]),
    ("scale it by 1.5", [Rescale((1.5, 1.5, 1.5))]),
    ("make the legs 50% longer", [Rescale((1.0, 1.5, 1.0), "leg")]),
    ("make it 20% shorter", [Rescale((1.0, 0.8, 1.0))]),
    ("scale it down by half", [Rescale((0.5, 0.5, 0.5))]),
    ("scale it down by 2", [Rescale((0.5, 0.5, 0.5))]),
    ("scale it up by 50%", [Rescale((1.5, 1.5, 1.5))]),
    ("paint its scarf red", [Recolour(COLOURS["red"], "scarf")]),
    ("make the roof dark blue", [Recolour(COLOURS["dark blue"], "roof")]),
    ("remove the legs", [Remove("leg")]),
    ("get rid of the chimney", [Remove("chimney")]),
    ("add a hat", [Add("hat")]),
    ("give it a crown", [Add("crown")]),
    ("make it metal", [Rematerial("metal")]),
    ("make the legs wooden", [Rematerial("wood", "leg")]),
    ("rotate it 45 degrees", [Rotate((0.0, 45.0, 0.0))]),
    ("rotate it 90 degrees around x", [Rotate((90.0, 0.0, 0.0))]),
    ("turn it upside down", [Rotate((180.0, 0.0, 0.0))]),
    ("simplify it", [Simplify(0.5)]),
    ("simplify to 500 faces", [Simplify(faces=500)]),
    ("reduce the faces by 75%", [Simplify(0.25)]),
    ("paint it green, then remove the hat", [Recolour(COLOURS["green"]), Remove("hat")]),
    ("make it red and twice as tall", [Rescale((1.0, 2.0, 1.0)), Recolour(COLOURS["red"])]),
])
def test_instructions_become_edits(instruction, expected):
    assert parse_edits(instruction) == expected


@pytest.mark.parametrize("instruction", ["hello there", "", "make it scale by 0"])
def test_instructions_without_an_edit_are_refused(instruction):
    with pytest.raises(InputError):
        parse_edits(instruction)


def test_counts_in_instructions_are_recounts():
    from medialoom.backends.offline.mesh.edit_words import Recount

    assert parse_edits("give it six legs") == [Recount("leg", 6)]
    assert parse_edits("make it have 3 wheels") == [Recount("wheel", 3)]
    assert parse_edits("add a hat") == [Add("hat")]
