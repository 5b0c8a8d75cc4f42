"""GenEval-style suite: counts, colours and spatial relations in the prompt must be visible
in the rendered PNG. Everything is measured on the pixels (colour blobs), not the layout."""

from __future__ import annotations

import pytest
from blobs import blobs, centre, count, rgb_of

# (prompt, {colour: exact count}, [(colour_a, relation, colour_b)])
CASES = [
    ("three red apples and a blue cup on a wooden table", {"red": 3, "blue": 1}, [("blue", "level", "red")]),
    ("a red ball to the left of a blue car", {"red": 1, "blue": 1}, [("red", "left", "blue")]),
    ("a green car to the right of a yellow bus", {"green": 1, "yellow": 1}, [("green", "right", "yellow")]),
    ("two purple balloons", {"purple": 2}, []),
    ("four yellow stars", {"yellow": 4}, []),
    ("5 orange balls", {"orange": 5}, []),
    ("a pink cake above a blue box", {"pink": 1, "blue": 1}, [("pink", "above", "blue")]),
    ("a red umbrella above a green dog", {"red": 1, "green": 1}, [("red", "above", "green")]),
    ("a blue bird above a red car", {"blue": 1, "red": 1}, [("blue", "above", "red")]),
    ("a yellow cat below a purple cloud", {"yellow": 1, "purple": 1}, [("yellow", "below", "purple")]),
    ("a green ball between a red cup and a blue book", {"green": 1, "red": 1, "blue": 1},
     [("red", "left", "green"), ("green", "left", "blue")]),
    ("six green bottles", {"green": 6}, []),
    ("a red car, a blue car and a yellow car", {"red": 1, "blue": 1, "yellow": 1}, []),
    ("two red flowers and three yellow flowers", {"red": 2, "yellow": 3}, []),
    ("three orange fish", {"orange": 3}, []),
    ("a red kite above a green tree", {"red": 1, "green": 1}, [("red", "above", "green")]),
    ("two yellow ducks next to a blue car", {"yellow": 2, "blue": 1}, []),
    ("a purple house to the left of a green tree", {"purple": 1, "green": 1}, [("purple", "left", "green")]),
    ("a blue chair to the right of a red table", {"blue": 1, "red": 1}, [("blue", "right", "red")]),
    ("a green cup on a red book", {"green": 1, "red": 1}, [("green", "above", "red")]),
    ("a yellow banana and two red apples", {"yellow": 1, "red": 2}, []),
    ("three purple umbrellas", {"purple": 3}, []),
    ("a red rocket to the left of a yellow moon", {"red": 1, "yellow": 1}, [("red", "left", "yellow")]),
    ("eight red balls", {"red": 8}, []),
    ("a blue ball on a green box", {"blue": 1, "green": 1}, [("blue", "above", "green")]),
    ("a yellow car in front of a blue house", {"yellow": 1}, [("yellow", "below", "blue")]),
    ("two blue cars and two red cars", {"blue": 2, "red": 2}, []),
    ("a pink ball under a red table", {"pink": 1, "red": 1}, [("pink", "below", "red")]),
    ("twelve yellow stars", {"yellow": 12}, []),
    ("a red car on the left and a blue car on the right", {"red": 1, "blue": 1}, [("red", "left", "blue")]),
    ("a green balloon, a red balloon and a blue balloon", {"green": 1, "red": 1, "blue": 1}, []),
    ("a red car on a city street", {"red": 1}, []),
    ("a purple tent in the snow", {"purple": 1}, []),
    ("a blue car in the desert at sunset", {}, []),
    ("a pair of pink vases next to a yellow lamp", {"pink": 2, "yellow": 1}, []),
    ("a small red ball and a big blue ball", {"red": 1, "blue": 1}, [("blue", "bigger", "red")]),
    ("a yellow star above a purple house on the beach", {"yellow": 1, "purple": 1}, [("yellow", "above", "purple")]),
    ("two pink pigs and a blue truck", {"pink": 2, "blue": 1}, []),
    ("three orange carrots", {"orange": 3}, []),
    ("a purple backpack to the left of a red suitcase", {"purple": 1, "red": 1}, [("purple", "left", "red")]),
    ("a green frog on a red book", {"green": 1, "red": 1}, [("green", "above", "red")]),
    ("four blue bowls", {"blue": 4}, []),
    ("a green bench to the right of a red fire hydrant", {"green": 1, "red": 1}, [("green", "right", "red")]),
    ("two purple butterflies above a yellow flower", {"purple": 2, "yellow": 1}, [("purple", "above", "yellow")]),
    ("a cat wearing a red hat", {"red": 1}, []),
    ("a red train in the desert", {"red": 1}, []),
    ("a pink donut between a blue laptop and a green bottle", {"pink": 1, "blue": 1, "green": 1},
     [("blue", "left", "pink"), ("pink", "left", "green")]),
]


def _check(rgb, a: str, rel: str, b: str) -> None:
    (ax, ay), (bx, by) = centre(rgb, a), centre(rgb, b)
    if rel == "left":
        assert ax < bx, f"{a} ({ax:.0f}) should be left of {b} ({bx:.0f})"
    elif rel == "right":
        assert ax > bx, f"{a} ({ax:.0f}) should be right of {b} ({bx:.0f})"
    elif rel == "above":
        assert ay < by, f"{a} ({ay:.0f}) should be above {b} ({by:.0f})"
    elif rel == "below":
        assert ay > by, f"{a} ({ay:.0f}) should be below {b} ({by:.0f})"
    elif rel == "level":
        a_bottom = max(bl.box[3] for bl in blobs(rgb, a))
        b_bottom = max(bl.box[3] for bl in blobs(rgb, b))
        assert abs(a_bottom - b_bottom) < 0.04 * rgb.shape[0], "objects on one surface share a baseline"
    elif rel == "bigger":
        assert blobs(rgb, a)[0].area > 1.3 * blobs(rgb, b)[0].area


@pytest.mark.parametrize("prompt,counts,relations", CASES, ids=[c[0][:40] for c in CASES])
def test_prompt_is_obeyed_on_pixels(gen, prompt, counts, relations):
    art = gen(prompt, seed=3, width=448, height=448)
    rgb = rgb_of(art.path)
    found = {colour: count(rgb, colour) for colour in counts}
    assert found == counts, f"{prompt!r}: expected {counts}, read back {found}"
    for a, rel, b in relations:
        _check(rgb, a, rel, b)


@pytest.mark.parametrize("seed", [0, 1, 2, 5])
def test_counts_hold_for_every_seed(gen, seed):
    rgb = rgb_of(gen("three red apples and two blue cups on a table", seed=seed, width=384, height=384).path)
    assert (count(rgb, "red"), count(rgb, "blue")) == (3, 2)


def test_suite_is_large_enough():
    assert len(CASES) >= 30


MULTICOLOURED = {"rainbow", "traffic_light", "zebra", "potted_plant"}


@pytest.mark.parametrize("colour", ["orange", "purple", "green", "pink", "red", "blue", "yellow"])
def test_every_kind_reads_back_as_one_object_of_its_colour(colour):
    """An object asked for in a colour is one blob of that colour: its parts never split it."""
    import numpy as np

    from medialoom.backends.offline.image.kinds import KINDS
    from medialoom.backends.offline.image.palette import COLOURS
    from medialoom.backends.offline.image.scene import render_layout

    wrong = {}
    for name, kind in KINDS.items():
        if name in MULTICOLOURED:
            continue
        dw, dh = kind.design
        s = min(170 / dw, 170 / dh)
        layout = {"canvas": {"width": 200, "height": 200}, "setting": "plain", "style": "flat", "objects": [
            {"id": "a", "name": name, "kind": name, "colour": colour, "fill": COLOURS[colour],
             "box": [100 - dw * s / 2, 100 - dh * s / 2, 100 + dw * s / 2, 100 + dh * s / 2], "z": 0}]}
        n = count(np.asarray(render_layout(layout)), colour)
        if n != 1:
            wrong[name] = n
    assert wrong == {}
