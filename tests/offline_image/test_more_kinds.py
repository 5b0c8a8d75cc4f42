"""The commonly asked-for nouns are real drawings, not labelled placeholder cards: each is known,
its plural is known, and it sits where such a thing belongs (sky band, water, ground)."""

from __future__ import annotations

import pytest
from blobs import count, rgb_of

from medialoom.backends.offline.image.kinds import KINDS
from medialoom.backends.offline.image.scene import plan_layout, render_layout

NOUNS = ("swan camel astronaut elephant giraffe lion bear rabbit butterfly bee snail turtle frog dinosaur dragon "
         "unicorn whale dolphin octopus crab snowman pumpkin cactus mushroom guitar piano robot "
         "train tractor helicopter submarine windmill bridge tower igloo pizza teddy_bear candle").split()
PHRASES = ("a palm tree", "two ice creams", "an ice cream cone", "a teddy bear", "three octopuses",
           "two butterflies", "a t-rex", "a grand piano", "four bees", "two candles")


@pytest.mark.parametrize("noun", NOUNS)
def test_noun_and_its_plural_are_drawn_not_placeholders(noun):
    word = noun.replace("_", " ")
    for prompt, n in ((f"a {word}", 1), (f"three {word}s" if not word.endswith("s") else f"three {word}es", 3)):
        layout = plan_layout(prompt, 0, 256, 256)
        assert layout["unknown"] == [], prompt
        assert [o["kind"] for o in layout["objects"]] == [noun] * n, prompt


@pytest.mark.parametrize("prompt", PHRASES)
def test_phrases_are_known(prompt):
    layout = plan_layout(prompt, 0, 256, 256)
    assert layout["unknown"] == [] and all(o["kind"] != "unknown" for o in layout["objects"])


def test_generate_reports_no_unknown_objects(make_ctx):
    from medialoom.backends.offline import image

    out = image.generate(make_ctx("image.generate", 3), "a swan, a robot and a pumpkin", width=256, height=256)
    assert out.meta["unknown_objects"] == []


def test_flying_things_are_high_and_sea_creatures_get_water():
    heli = plan_layout("a helicopter and a house", 1, 256, 256)
    box = next(o["box"] for o in heli["objects"] if o["kind"] == "helicopter")
    house = next(o["box"] for o in heli["objects"] if o["kind"] == "house")
    assert box[3] < house[1] + (house[3] - house[1]) * 0.5
    for noun in ("whale", "dolphin", "octopus", "submarine"):
        assert plan_layout(f"a {noun}", 0, 256, 256)["setting"] == "underwater"
    assert plan_layout("a swan", 0, 256, 256)["setting"] == "lake"


def test_counted_coloured_new_kinds_read_back():
    for prompt, colour, n in (("three purple octopuses", "purple", 3), ("two red helicopters", "red", 2),
                              ("two green dinosaurs", "green", 2), ("four orange pumpkins", "orange", 4)):
        img = render_layout(plan_layout(prompt, 5, 512, 512))
        assert count(rgb_of(img), colour) == n, prompt


def test_new_kinds_have_sensible_places():
    assert KINDS["helicopter"].place == KINDS["bee"].place == "sky"
    assert {KINDS[k].place for k in ("whale", "dolphin", "octopus", "submarine", "swan")} == {"water"}


@pytest.mark.parametrize("noun", ["lion", "robot", "astronaut", "camel"])
def test_a_worn_hat_sits_on_the_head(noun):
    layout = plan_layout(f"a {noun} wearing a hat", 3, 256, 256)
    body = next(o["box"] for o in layout["objects"] if o["kind"] == noun)
    hat = next(o["box"] for o in layout["objects"] if o["kind"] == "hat")
    assert body[1] - 4 < hat[3] < body[1] + (body[3] - body[1]) * 0.4
    assert body[0] <= (hat[0] + hat[2]) / 2 <= body[2]
