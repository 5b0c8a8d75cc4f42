"""image.segment and image.inpaint on our own pictures (exact shapes from the scene graph,
re-render without / with an object) and on foreign ones (flood fill, GrabCut, OpenCV)."""

from __future__ import annotations

import numpy as np
import pytest
from blobs import blobs, count, rgb_of
from PIL import Image

from medialoom.backends.offline import image
from medialoom.backends.offline.image.scene import object_masks
from medialoom.errors import BackendUnavailable, InputError


def mask_of(out) -> np.ndarray:
    return np.asarray(Image.open(out.path).convert("L")) > 127


@pytest.fixture
def scene(gen):
    return gen("a red ball, a blue car and a yellow duck", seed=2, width=384, height=256)


def _centre_of(art, name):
    o = next(o for o in art.meta["layout"]["objects"] if o["name"] == name)
    m = object_masks(art.meta["layout"], 384, 256)[o["id"]]
    ys, xs = np.nonzero(m)
    i = len(xs) // 2
    return o, m, [int(xs[i]), int(ys[i])]


def test_click_on_own_image_gives_the_exact_shape(make_ctx, scene):
    o, exact, point = _centre_of(scene, "car")
    out = image.segment(make_ctx("image.segment"), scene, point=point)
    assert out.meta["method"] == "scene" and out.meta["objects"] == [o["id"]]
    assert np.array_equal(mask_of(out), exact)


def test_words_select_objects_and_the_sky(make_ctx, gen):
    art = gen("two green trees and a red car in a park", seed=1, width=320, height=256)
    out = image.segment(make_ctx(), art, text="the trees")
    assert len(out.meta["objects"]) == 2
    rgb = rgb_of(art.path)
    sel = mask_of(out)
    green = np.zeros(sel.shape, bool)
    for b in blobs(rgb, "green"):
        x0, y0, x1, y1 = b.box
        green[y0:y1, x0:x1] = True
    assert (sel & green).sum() > 0.6 * sel.sum()
    sky = mask_of(image.segment(make_ctx(), art, text="the sky"))
    assert sky[:20].mean() > 0.9 and sky[-20:].mean() == 0
    with pytest.raises(InputError, match="nothing called 'the dragon'.*car"):
        image.segment(make_ctx(), art, text="the dragon")


def test_box_selects_objects_inside(make_ctx, scene):
    o, exact, _ = _centre_of(scene, "ball")
    x0, y0, x1, y1 = o["box"]
    out = image.segment(make_ctx(), scene, box=[x0 - 4, y0 - 4, x1 + 4, y1 + 4])
    assert out.meta["objects"] == [o["id"]] and np.array_equal(mask_of(out), exact)


def test_click_remove_leaves_the_others(make_ctx, scene, stored):
    rgb = rgb_of(scene.path)
    assert (count(rgb, "red"), count(rgb, "blue"), count(rgb, "yellow")) == (1, 1, 1)
    _, _, point = _centre_of(scene, "car")
    mask = stored(image.segment(make_ctx(), scene, point=point), "mask")
    out = image.inpaint(make_ctx("image.inpaint"), scene, mask)
    after = rgb_of(out.path)
    assert out.meta["method"] == "re-render" and out.meta["removed"] == ["car_1"]
    assert (count(after, "red"), count(after, "blue"), count(after, "yellow")) == (1, 0, 1)
    untouched = ~mask_of(image.segment(make_ctx(), scene, point=point))
    assert np.abs(after.astype(int) - rgb.astype(int))[untouched].mean() < 2
    assert [o["name"] for o in out.meta["layout"]["objects"]] == ["ball", "duck"]


def test_inpaint_with_prompt_replaces_the_object(make_ctx, scene, stored):
    _, _, point = _centre_of(scene, "car")
    mask = stored(image.segment(make_ctx(), scene, point=point), "mask")
    out = image.inpaint(make_ctx(), scene, mask, prompt="a purple cat")
    after = rgb_of(out.path)
    assert count(after, "blue") == 0 and count(after, "purple") == 1
    assert out.meta["added"] and "cat" in out.meta["objects"]


def test_foreign_click_uses_flood_fill_and_inpaint_uses_opencv(make_ctx, user_image, squares, stored):
    art = user_image(squares)
    out = image.segment(make_ctx(), art, point=[80, 120])
    m = mask_of(out)
    assert out.meta["method"] == "flood fill"
    assert m[85:165, 45:125].all() and m.sum() == pytest.approx(90 * 90, rel=0.05)
    mask = stored(out, "mask")
    fixed = rgb_of(image.inpaint(make_ctx(), art, mask).path)
    assert count(fixed, "red") == 0 and count(fixed, "blue") == 1
    assert np.abs(fixed[120, 80].astype(int) - [214, 206, 196]).max() < 6


def test_foreign_box_uses_grabcut(make_ctx, user_image, squares):
    out = image.segment(make_ctx(), user_image(squares), box=[170, 60, 295, 190])
    m = mask_of(out)
    disc = np.zeros_like(m)
    yy, xx = np.mgrid[0:240, 0:320]
    disc[(xx - 230) ** 2 + (yy - 125) ** 2 <= 45 ** 2] = True
    iou = (m & disc).sum() / (m | disc).sum()
    assert iou > 0.85


def test_foreign_inpaint_with_prompt_draws_the_object(make_ctx, user_image, squares, tmp_path, artifact):
    m = np.zeros((240, 320), np.uint8)
    m[60:200, 170:300] = 255
    Image.fromarray(m).save(tmp_path / "m.png")
    out = image.inpaint(make_ctx(), user_image(squares), artifact(tmp_path / "m.png", "mask"), prompt="a yellow star")
    rgb = rgb_of(out.path)
    assert count(rgb, "blue") == 0 and count(rgb, "yellow") == 1 and count(rgb, "red") == 1


def test_bad_regions_are_refused(make_ctx, user_image, squares, tmp_path, artifact):
    art = user_image(squares)
    with pytest.raises(InputError, match="outside the 320x240 image"):
        image.segment(make_ctx(), art, point=[500, 10])
    with pytest.raises(InputError, match="needs a point"):
        image.segment(make_ctx(), art)
    with pytest.raises(BackendUnavailable, match="neural"):
        image.segment(make_ctx(), art, text="the dog")
    Image.new("L", (320, 240), 0).save(tmp_path / "empty.png")
    with pytest.raises(InputError, match="mask is empty"):
        image.inpaint(make_ctx(), art, artifact(tmp_path / "empty.png", "mask"))
