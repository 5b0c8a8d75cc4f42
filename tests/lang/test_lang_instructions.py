"""The one instruction grammar: clauses and amounts, as the image, video, audio and mesh edit
parsers all read them."""

from __future__ import annotations

import pytest

from medialoom.lang.instructions import NUM, clauses, find, fraction, number


@pytest.mark.parametrize("text,expected", [
    ("make it brighter, then blur it", ["make it brighter", "blur it"]),
    ("sepia; vignette. rotate 90", ["sepia", "vignette", "rotate 90"]),
    ("warmer and then sharper after that invert", ["warmer", "sharper", "invert"]),
    ("brighter plus more contrast", ["brighter", "more contrast"]),
])
def test_clauses_split_on_every_separator(text, expected):
    assert clauses(text) == expected


def test_with_verbs_a_piece_that_starts_no_clause_stays_with_the_one_before():
    verbs = r"(?:paint|make|rotate|add)\b"
    assert clauses("paint it red and shiny then rotate it", verbs) == ["paint it red and shiny", "rotate it"]
    assert clauses("add reverb and echo, then make it louder", verbs) == ["add reverb and echo", "make it louder"]
    assert clauses("add reverb and make it louder", verbs, split_and=False) == ["add reverb", "make it louder"]
    assert clauses("bass and treble, echo", verbs, split_and=False) == ["bass and treble", "echo"]


@pytest.mark.parametrize("text,value", [("20% brighter", 0.2), ("brighter by 0.3", 0.3), ("by 40", 0.4),
                                        ("much brighter", 0.5), ("a bit brighter", 0.125), ("brighter", 0.25)])
def test_amounts(text, value):
    assert fraction(text, 0.25) == pytest.approx(value)


def test_numbers_in_words_and_digits():
    assert find(NUM + r"\s*semitones", "up two semitones") == 2.0
    assert find(NUM + r"\s*db", "+3 db") == 3.0 and number("half") == 0.5
    assert find(NUM + r"\s*db", "no level") is None


def test_every_edit_parser_uses_the_grammar():
    """'after that' and 'plus' separate clauses for images, video, audio and meshes alike."""
    from medialoom.backends.offline.audio.effects import parse_instruction as audio
    from medialoom.backends.offline.image.instructions import parse_instruction as image
    from medialoom.backends.offline.mesh.edit_words import parse_edits as mesh
    from medialoom.backends.offline.video.edit import parse as video

    assert [op.name for op in image("sepia after that invert plus blur 3")] == ["sepia", "invert", "blur"]
    assert [op["op"] for op in video("sepia after that invert").operations] == ["sepia", "invert"]
    assert [e.name for e in audio("add echo after that reverse it plus fade out")] == ["echo", "reverse", "fade_out"]
    assert [type(e).__name__ for e in mesh("paint it red after that rotate it 90 degrees")] == ["Recolour", "Rotate"]


def test_a_bit_means_the_small_step_everywhere():
    """'a bit' halves the default change of an image edit and picks the small speed step."""
    from medialoom.backends.offline.audio.effects import parse_instruction as audio
    from medialoom.backends.offline.image.instructions import parse_instruction as image

    [normal], [small] = image("brighter"), image("a bit brighter")
    assert small.params["factor"] - 1 == pytest.approx((normal.params["factor"] - 1) / 2)
    assert audio("a bit faster")[0].params["factor"] == 1.25 and audio("faster")[0].params["factor"] == 1.5
