"""image.remove_background, image.caption, image.upscale, image.combine, image.add_text."""

from __future__ import annotations

import numpy as np
import pytest
from blobs import colour_mask, count, rgb_of
from PIL import Image

from medialoom.backends.offline import image
from medialoom.errors import InputError


def test_cutout_of_own_image_is_the_objects(make_ctx, gen):
    art = gen("a red ball and a blue car", seed=0, width=256, height=192)
    out = image.remove_background(make_ctx(), art)
    img = Image.open(out.path)
    alpha = np.asarray(img.getchannel("A"))
    assert img.mode == "RGBA" and out.meta["method"] == "scene"
    assert alpha[:10].max() == 0 and 0.03 < (alpha > 128).mean() < 0.6
    assert ((alpha > 0) & (alpha < 255)).sum() > 50  # feathered edge
    red = colour_mask(np.asarray(img.convert("RGB")), "red")
    assert (red & (alpha > 200)).sum() > 200 and (red & (alpha == 0)).sum() == 0


def test_cutout_of_foreign_image(make_ctx, user_image, squares):
    out = image.remove_background(make_ctx(), user_image(squares))
    alpha = np.asarray(Image.open(out.path).getchannel("A"))
    assert alpha[120, 80] == 255 and alpha[125, 230] == 255 and alpha[5, 5] == 0 and alpha[220, 300] == 0


def test_caption_own_and_foreign(make_ctx, gen, user_image):
    own = image.caption(make_ctx(), gen("three red apples on a table", seed=0, width=256, height=256))
    text = own.path.read_text()
    assert "three red apples" in text and "table" in text and own.meta["source"] == "scene"
    dark = np.zeros((100, 200, 3), np.uint8)
    dark[:, :, 2] = 120
    foreign = image.caption(make_ctx(), user_image(dark)).path.read_text()
    assert "200x100" in foreign and "landscape" in foreign and "dark" in foreign and "blue" in foreign
    from medialoom.backends.offline.image.captions import count_faces

    assert ("no faces" in foreign) == (count_faces(Image.new("RGB", (8, 8))) is not None)


def test_upscale(make_ctx, user_image, squares):
    out = image.upscale(make_ctx(), user_image(squares), scale=2)
    img = Image.open(out.path)
    assert img.size == (640, 480)
    assert np.abs(np.asarray(img.resize((320, 240)), int) - squares.astype(int)).mean() < 4
    with pytest.raises(InputError, match="1..8"):
        image.upscale(make_ctx(), user_image(squares), scale=20)


def test_combine_grid_collage_and_panorama(make_ctx, user_image, squares):
    arts = [user_image(squares, f"p{i}.png") for i in range(3)]
    grid = Image.open(image.combine(make_ctx(), arts, mode="grid").path)
    assert grid.width > 2 * 320 * 0.9 and count(np.asarray(grid), "red") == 3
    collage = image.combine(make_ctx(seed=1), arts, mode="collage")
    assert count(rgb_of(collage.path), "blue") == 3
    flat = user_image(np.full((240, 320, 3), 128, np.uint8), "flat.png")
    pano = image.combine(make_ctx(), [arts[0], flat], mode="panorama")
    assert pano.meta["stitched"] is False  # nothing in common: a side-by-side strip
    assert Image.open(pano.path).size == (640, 240)
    with pytest.raises(InputError, match="at least two"):
        image.combine(make_ctx(), arts[:1])
    with pytest.raises(InputError, match="collage, grid or panorama"):
        image.combine(make_ctx(), arts, mode="spiral")


def test_panorama_stitches_overlapping_views(make_ctx, user_image):
    from medialoom.backends.offline.image.scene import plan_layout, render_layout

    world = render_layout(plan_layout("two cars and a bus on a city street with three trees", 1, 720, 300))
    left, right = user_image(world.crop((0, 0, 440, 300)), "l.png"), user_image(world.crop((280, 0, 720, 300)), "r.png")
    out = image.combine(make_ctx(), [left, right], mode="panorama")
    assert out.meta["stitched"] is True
    w, h = Image.open(out.path).size
    assert 690 <= w <= 730 and 280 <= h <= 300


@pytest.mark.parametrize("position", ["top", "bottom", "centre", "20,30"])
def test_add_text_positions(make_ctx, user_image, position):
    blank = np.full((200, 300, 3), 90, np.uint8)
    out = image.add_text(make_ctx(), user_image(blank), "Hello world, this is a long caption that wraps", position)
    a = np.asarray(Image.open(out.path).convert("L"), int)
    changed = np.nonzero(np.abs(a - 90).max(axis=1) > 60)[0]
    assert len(changed) > 10
    rows = {"top": (0, 80), "bottom": (120, 200), "centre": (50, 150), "20,30": (25, 200)}[position]
    assert rows[0] <= changed.min() and changed.max() <= rows[1]
    assert (a > 240).sum() > 100 and (a < 30).sum() > 100  # white letters, dark outline


def test_add_text_refuses_bad_input(make_ctx, user_image):
    art = user_image(np.zeros((50, 50, 3), np.uint8))
    with pytest.raises(InputError, match="empty"):
        image.add_text(make_ctx(), art, "  ")
    with pytest.raises(InputError, match="outside"):
        image.add_text(make_ctx(), art, "hi", "400,10")
    with pytest.raises(InputError, match="not understood"):
        image.add_text(make_ctx(), art, "hi", "somewhere")


def test_colour_edits_keep_the_scene_for_words_but_not_for_rerender(make_ctx, gen, stored):
    art = gen("a red ball and a blue car", seed=0, width=256, height=192)
    grey = stored(image.edit(make_ctx(), art, "black and white"))
    assert grey.meta["layout_edited"] is True
    sel = image.segment(make_ctx(), grey, text="the car")
    assert sel.meta["method"] == "scene"
    assert "edited: grayscale" in image.caption(make_ctx(), grey).path.read_text()
    mask = stored(sel, "mask")
    out = image.inpaint(make_ctx(), grey, mask)
    assert out.meta["method"] == "re-render + edits replayed"  # re-rendered, then made grey again
    rgb = np.asarray(Image.open(out.path).convert("RGB"), int)
    assert (rgb.max(axis=2) - rgb.min(axis=2)).max() <= 3
    turned = stored(image.edit(make_ctx(), art, "rotate 90"))
    assert "layout" not in turned.meta


def test_every_png_output_carries_text_metadata(make_ctx, gen, stored, user_image, squares):
    art = gen("a red ball", seed=4, width=160, height=120)
    mask = stored(image.segment(make_ctx(), art, text="the ball"), "mask")
    pic = user_image(squares)
    outputs = {
        "image.segment": mask.path,
        "image.edit": image.edit(make_ctx(), art, "sepia").path,
        "image.inpaint": image.inpaint(make_ctx(), art, mask).path,
        "image.remove_background": image.remove_background(make_ctx(), art).path,
        "image.upscale": image.upscale(make_ctx(), art, 2).path,
        "image.combine": image.combine(make_ctx(), [art, pic], "grid").path,
        "image.add_text": image.add_text(make_ctx(), art, "hi").path,
    }
    for tool, path in outputs.items():
        text = Image.open(path).text
        assert text["tool"] == tool and "medialoom" in text["version"] and "seed" in text, tool
