"""image.layout, image.from_layout and image.generate: layouts, settings, styles, unknown
nouns, determinism, PNG text metadata, and the 40+ drawable kinds."""

from __future__ import annotations

import json

import numpy as np
import pytest
from blobs import count, rgb_of
from PIL import Image

from medialoom.backends.offline import image
from medialoom.backends.offline.image.kinds import KINDS
from medialoom.backends.offline.image.parse import parse_prompt
from medialoom.backends.offline.image.scene import (layout_to_svg, object_masks, plan_layout,
                                                    render_layout, svg_to_image, with_boxes)
from medialoom.errors import InputError


@pytest.mark.parametrize("text,count", [("three cats", 3), ("a pair of dogs", 2), ("5 birds", 5),
                                        ("a couple of trees", 2), ("a dozen apples", 12), ("a cat", 1)])
def test_counts_are_parsed(text, count):
    (group,) = parse_prompt(text).groups
    assert group.count == count


@pytest.mark.parametrize("prompt,setting", [
    ("a dog on the beach", "beach"), ("a cat in a forest", "forest"), ("a bus on a city street", "city"),
    ("a tent in the mountains", "mountains"), ("a camel in the desert", "desert"), ("a house in the snow", "snow"),
    ("a fish under the sea", "underwater"), ("a rocket in outer space", "space"), ("a lamp in a room", "room"),
    ("a horse in a field", "park"), ("a boat on the lake", "lake"), ("an apple on a table top", "tabletop")])
def test_settings(prompt, setting):
    assert plan_layout(prompt, 0, 256, 256)["setting"] == setting


@pytest.mark.parametrize("word,style", [("at sunset", "sunset"), ("at night", "night"),
                                        ("watercolour", "watercolour"), ("flat", "flat")])
def test_styles_change_the_picture(word, style):
    layout = plan_layout(f"a house and a tree {word}", 1, 256, 256)
    assert layout["style"] == style
    plain = np.asarray(render_layout(plan_layout("a house and a tree", 1, 256, 256)), float)
    styled = np.asarray(render_layout(layout), float)
    assert style == "flat" or np.abs(plain - styled).mean() > 3


def test_night_is_darker_than_day():
    day = np.asarray(render_layout(plan_layout("a house in a park", 2, 256, 256)).convert("L"), float)
    night = np.asarray(render_layout(plan_layout("a house in a park at night", 2, 256, 256)).convert("L"), float)
    assert night.mean() < day.mean() * 0.7


def test_layout_tool_writes_json(make_ctx):
    out = image.layout(make_ctx("image.layout", 4), "two red cars next to a house")
    data = json.loads(out.path.read_text())
    assert data["canvas"] == {"width": 512, "height": 512}
    cars = [o for o in data["objects"] if o["name"] == "car"]
    assert len(cars) == 2 and all(o["colour"] == "red" for o in cars)
    for o in data["objects"]:
        x0, y0, x1, y1 = o["box"]
        assert 0 <= x1 - x0 <= 512 and 0 < y1 - y0 <= 512
    assert data["relations"][0]["relation"] == "next_to"


def test_layout_is_deterministic_and_seed_varies_it():
    a, b = plan_layout("three birds and a tree", 7, 512, 512), plan_layout("three birds and a tree", 7, 512, 512)
    c = plan_layout("three birds and a tree", 8, 512, 512)
    assert a == b
    assert [o["box"] for o in a["objects"]] != [o["box"] for o in c["objects"]]


def test_generate_meta_and_png_text(gen):
    art = gen("a red ball next to a blue box", seed=9, width=320, height=240)
    img = Image.open(art.path)
    assert img.size == (320, 240)
    assert img.text["prompt"] == "a red ball next to a blue box"
    assert img.text["seed"] == "9" and img.text["tool"] == "image.generate" and "medialoom" in img.text["version"]
    layout = art.meta["layout"]
    assert {o["name"] for o in layout["objects"]} == {"ball", "box"}
    assert art.meta["objects"] == {"ball": 1, "box": 1} and art.meta["unknown_objects"] == []


def test_unknown_noun_is_a_labelled_placeholder(gen):
    art = gen("a purple gizmo next to a red apple", seed=1, width=384, height=384)
    assert art.meta["unknown_objects"] == ["gizmo"]
    gizmo = next(o for o in art.meta["layout"]["objects"] if o["name"] == "gizmo")
    assert gizmo["kind"] == "unknown"
    svg = layout_to_svg(art.meta["layout"])
    assert ">gizmo</text>" in svg
    x0, y0, x1, y1 = (int(v) for v in gizmo["box"])
    patch = rgb_of(art.path)[y0:y1, x0:x1]
    assert (patch.std(axis=(0, 1)) > 10).all()  # drawn, not empty


def test_from_layout_renders_a_hand_written_layout(make_ctx, artifact, tmp_path):
    path = tmp_path / "mine.json"
    path.write_text(json.dumps({"canvas": {"width": 400, "height": 300}, "objects": [
        {"name": "red car", "colour": "red", "box": [20, 180, 200, 260]},
        {"name": "dog", "colour": "blue", "box": [0.6, 0.5, 0.9, 0.85]},
        {"name": "spaceship thing", "colour": "white", "box": [150, 20, 250, 100]}]}))
    out = image.from_layout(make_ctx("image.from_layout"), artifact(path, "layout"))
    rgb = rgb_of(out.path)
    assert rgb.shape == (300, 400, 3)
    assert count(rgb, "red") == 1 and count(rgb, "blue") == 1
    assert out.meta["unknown_objects"] == []  # "spaceship" is a rocket
    kinds = {o["name"]: o["kind"] for o in out.meta["layout"]["objects"]}
    assert kinds == {"red car": "car", "dog": "dog", "spaceship thing": "rocket"}


@pytest.mark.parametrize("bad", [{"objects": [{"name": "cat"}]}, {"objects": [{"box": [0, 0, 5, 5]}]}, [1, 2], "text",
                                 {"objects": [{"name": "cat", "box": [5, 5, 1, 1]}]}])
def test_from_layout_refuses_a_bad_layout(make_ctx, artifact, tmp_path, bad):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(bad))
    with pytest.raises(InputError, match="layout"):
        image.from_layout(make_ctx("image.from_layout"), artifact(path, "layout"))


def test_at_least_40_kinds_each_drawn_distinctly():
    assert len(KINDS) >= 40
    seen = set()
    for name, kind in KINDS.items():
        layout = {"canvas": {"width": 96, "height": 96}, "style": "flat", "setting": "plain", "objects": [
            {"id": name, "name": name, "kind": name, "fill": kind.colour, "box": [8, 8, 88, 88], "z": 0}]}
        alpha = np.asarray(svg_to_image(layout_to_svg(layout, parts=False)).getchannel("A")) > 0
        assert 0.05 < alpha.mean() < 0.99, name
        seen.add(alpha.tobytes())
    assert len(seen) == len(KINDS)


def test_moving_an_object_moves_its_pixels():
    layout = plan_layout("a red ball", 0, 256, 256)
    ball = layout["objects"][0]
    moved = with_boxes(layout, {ball["id"]: [10, 10, 60, 60]})
    m = object_masks(moved, 256, 256)[ball["id"]]
    ys, xs = np.nonzero(m)
    assert xs.min() >= 9 and xs.max() <= 61 and ys.min() >= 9 and ys.max() <= 61
    rgb = np.asarray(render_layout(moved))
    assert count(rgb, "red") == 1


def test_negative_prompt_drops_objects(gen):
    art = gen("a red car and a blue bus", seed=0, negative_prompt="bus", width=256, height=256)
    assert [o["name"] for o in art.meta["layout"]["objects"]] == ["car"]


def test_generate_refuses_bad_sizes_and_empty_prompts(make_ctx):
    with pytest.raises(InputError, match="width"):
        image.generate(make_ctx(), "a cat", width=5)
    with pytest.raises(InputError, match="empty"):
        image.generate(make_ctx(), "   ")


ODD_PROMPTS = ["!!!", "a", "the of and", "123 cats", "zero dogs", "a cat " * 60, "un chat noir sur la table",
               "a red", "between between between", "a dog left of", "a family of four people in a park",
               "100 tiny stars", "a huge tiny medium cat", "a cat on a cat on a cat", "🐱 and 🐶",
               "a flying spaghetti monster above a castle at sunset in watercolour"]


@pytest.mark.parametrize("prompt", ODD_PROMPTS, ids=range(len(ODD_PROMPTS)))
def test_odd_prompts_still_make_a_picture(prompt):
    layout = plan_layout(prompt, 0, 160, 120)
    img = render_layout(layout)
    assert img.size == (160, 120)
    for o in layout["objects"]:
        assert o["kind"] != "unknown" or o["name"] in layout["unknown"]
    assert len(layout["objects"]) <= 40 + 24


def test_collective_nouns_are_not_objects():
    layout = plan_layout("a family of four people in a park", 0, 256, 256)
    assert [o["name"] for o in layout["objects"]] == ["person"] * 4 and layout["unknown"] == []


def test_behind_and_in_front_overlap_in_the_right_order():
    layout = plan_layout("a red ball behind a blue box and a green cup in front of a yellow car", 0, 384, 256)
    by_name = {o["name"]: o for o in layout["objects"]}
    assert by_name["ball"]["z"] < by_name["box"]["z"] and by_name["cup"]["z"] > by_name["car"]["z"]
    masks = object_masks(layout, 384, 256)
    full = object_masks({**layout, "objects": [by_name["ball"]]}, 384, 256)["ball_1"]
    assert masks["ball_1"].sum() < full.sum()  # partly hidden behind the box
    cup = object_masks({**layout, "objects": [by_name["cup"]]}, 384, 256)["cup_1"]
    assert masks["cup_1"].sum() == cup.sum()  # nothing covers the cup
    rgb = np.asarray(render_layout(layout))
    assert count(rgb, "red") == 1 and count(rgb, "green") == 1


def test_unavailable_style_falls_back_to_flat_and_says_so(gen):
    art = gen("a cat", seed=0, width=128, height=128, style="photorealistic")
    assert art.meta["style"] == "flat" and "photorealistic" in art.meta["style_note"]


@pytest.mark.parametrize("prompt,expected", [
    ("a bowl of apples", {"bowl": 1, "apple": 3}), ("people on a beach", {"person": 3}),
    ("a cup of coffee", {"cup": 1}), ("a boy between two trees", {"child": 1, "tree": 2}),
    ("an elephant and a giraffe in the savanna", {"elephant": 1, "giraffe": 1})])
def test_plurals_containers_and_places(prompt, expected):
    from collections import Counter

    layout = plan_layout(prompt, 0, 256, 256)
    assert dict(Counter(o["name"] for o in layout["objects"])) == expected


def test_between_a_pair_and_pronouns():
    boy = {o["name"] + o["id"][-1]: o["box"] for o in plan_layout("a boy between two trees", 0, 384, 256)["objects"]}
    assert boy["tree1"][2] <= boy["child1"][0] and boy["child1"][2] <= boy["tree2"][0]
    layout = plan_layout("a lamp next to a sofa with a cat on it", 0, 384, 256)
    box = {o["name"]: o["box"] for o in layout["objects"]}
    assert box["cat"][3] < box["sofa"][3] and box["sofa"][0] <= (box["cat"][0] + box["cat"][2]) / 2 <= box["sofa"][2]


@pytest.mark.parametrize("prompt", ["a cat wearing a red hat", "two dogs wearing blue hats", "a pig with a purple hat"])
def test_worn_hats_sit_on_heads(prompt):
    layout = plan_layout(prompt, 0, 384, 256)
    hats = [o for o in layout["objects"] if o["name"] == "hat"]
    wearers = [o for o in layout["objects"] if o["name"] != "hat"]
    assert len(hats) == len(wearers)
    for hat, who in zip(hats, wearers):
        hx = (hat["box"][0] + hat["box"][2]) / 2
        assert who["box"][0] < hx < who["box"][2] and hat["box"][3] > who["box"][1] and hat["box"][1] < who["box"][1]
        assert not who["flip"] and hat["z"] > who["z"]


def test_from_layout_takes_setting_and_style_from_the_prompt(make_ctx, artifact, tmp_path):
    path = tmp_path / "l.json"
    path.write_text(json.dumps([{"name": "house", "box": [100, 100, 250, 250]}]))
    out = image.from_layout(make_ctx(), artifact(path, "layout"), prompt="a house on the beach at night")
    assert out.meta["layout"]["setting"] == "beach" and out.meta["layout"]["style"] == "night"
    assert np.asarray(Image.open(out.path).convert("L")).mean() < 110
