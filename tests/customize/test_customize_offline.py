"""image.customize offline: the subject's pixels come from the user's photo (not a drawing),
placed into the scene the prompt describes; bad photos are one clear error each."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from medialoom.backends.offline import image
from medialoom.errors import InputError
from subjects import blank_photo, crop_correlation, subject_photo


@pytest.fixture
def photo(tmp_path, artifact):
    def make(name: str = "dog.png", **kw):
        return artifact(subject_photo(tmp_path / name, **kw), "image")
    return make


def _custom(make_ctx, images, prompt, **kw):
    out = image.customize(make_ctx("image.customize", seed=kw.pop("seed", 0)), images, prompt, **kw)
    return Image.open(out.path).convert("RGB"), out.meta


def _subject_mask(meta, source):
    """The cut-out's mask resized into the subject's box in the result."""
    from medialoom.backends.offline.image.subject import cut_subject

    cut = cut_subject(source, 0)
    x0, y0, x1, y1 = meta["subject_box"]
    return np.asarray(Image.fromarray(cut.mask.astype(np.uint8) * 255).resize((x1 - x0, y1 - y0))) > 200


def test_the_subject_is_the_photos_pixels_not_a_drawing(make_ctx, photo):
    dog = photo()
    result, meta = _custom(make_ctx, [dog], "on a beach at sunset", name="my dog Rex")
    source = Image.open(dog.path)
    assert result.size == (512, 512) and meta["setting"] == "beach" and meta["style"] == "sunset"
    assert meta["noun"] == "dog" and meta["concept"] == "Rex" and meta["photos"] == [dog.sha256]
    mask = _subject_mask(meta, source)
    own = crop_correlation(result, meta["subject_box"], source, meta["source_box"], mask)
    assert own > 0.8, own
    drawn = image.generate(make_ctx("image.generate"), "a dog on a beach at sunset")   # clip-art of the same scene
    clip_art = crop_correlation(Image.open(drawn.path), meta["subject_box"], source, meta["source_box"], mask)
    assert clip_art < 0.3, clip_art
    x0, y0, x1, y1 = meta["subject_box"]
    assert 0.2 * 512 < y1 - y0 < 0.9 * 512 and y1 > 0.55 * 512   # a sizeable subject standing on the ground


def test_light_and_size_follow_the_scene(make_ctx, photo):
    dog = photo()
    day, meta_day = _custom(make_ctx, [dog], "in a park", width=640, height=360)
    night, meta_night = _custom(make_ctx, [dog], "in a park at night", width=640, height=360)
    assert day.size == (640, 360) and meta_night["style"] == "night"

    def brightness(img, box):
        return float(np.asarray(img.convert("L").crop(tuple(box))).mean())
    assert brightness(night, meta_night["subject_box"]) < brightness(day, meta_day["subject_box"]) - 15


def test_same_request_same_picture_and_another_seed_another_scene(make_ctx, photo):
    dog = photo()
    a, _ = _custom(make_ctx, [dog], "on a beach", seed=3)
    b, _ = _custom(make_ctx, [dog], "on a beach", seed=3)
    assert np.array_equal(np.asarray(a), np.asarray(b))


def test_several_photos_the_cleanest_cut_out_is_used(tmp_path, make_ctx, photo, artifact):
    from subjects import subject_photo as make

    cropped = tmp_path / "cropped.png"
    Image.open(make(tmp_path / "full.png", seed=1)).crop((120, 0, 320, 240)).save(cropped)  # the head cut by the edge
    clean = photo("clean.png", seed=2)
    _, meta = _custom(make_ctx, [artifact(cropped, "image"), clean], "in the snow")
    assert meta["source_photo"] == clean.sha256 and meta["photos_with_subject"] == 2


def test_a_box_picks_the_subject_on_a_busy_background(tmp_path, make_ctx, artifact):
    rng = np.random.default_rng(5)
    busy = (rng.random((240, 320, 3)) * 255).astype(np.uint8)
    busy[60:200, 100:220] = (40, 160, 60)
    path = tmp_path / "busy.png"
    Image.fromarray(busy).save(path)
    _, meta = _custom(make_ctx, [artifact(path, "image")], "on a beach", box=[90, 50, 230, 210])
    x0, y0, x1, y1 = meta["source_box"]
    assert meta["cutout"] == "box" and 90 <= x0 <= 110 and 210 <= x1 <= 230


def test_no_subject_is_one_clear_error(tmp_path, make_ctx, artifact):
    plain = artifact(blank_photo(tmp_path / "wall.png"), "image")
    with pytest.raises(InputError, match=r"found no subject in wall.png"):
        _custom(make_ctx, [plain], "on a beach")


def test_photos_of_different_subjects_are_refused(make_ctx, photo):
    dog, car = photo("dog.png"), photo("car.png", seed=4, colour=(40, 70, 220))
    with pytest.raises(InputError, match=r"dog.png and car.png seem to show different subjects"):
        _custom(make_ctx, [dog, car], "on a beach")


def test_too_many_photos_and_an_empty_prompt(make_ctx, photo):
    dog = photo()
    with pytest.raises(InputError, match="1 to 5 photos"):
        _custom(make_ctx, [dog] * 6, "on a beach")
    with pytest.raises(InputError, match="prompt is empty"):
        _custom(make_ctx, [dog], "  ")


def test_worn_things_are_drawn_over_the_subject(make_ctx, photo):
    _, plain = _custom(make_ctx, [photo()], "in the snow", name="my dog Rex")
    _, hat = _custom(make_ctx, [photo()], "wearing a red hat in the snow", name="my dog Rex")
    assert "hat" in hat["scene_objects"] and "hat" not in plain["scene_objects"]
    x0, y0, x1, y1 = hat["subject_box"]
    hx0, hy0, hx1, hy1 = hat["worn"]["hat"]
    head = x0 + (x1 - x0) * 0.55        # the photo's head is on its right (subjects.py)
    assert head < (hx0 + hx1) / 2 < x1 and y0 - (hy1 - hy0) < hy1 < y0 + (y1 - y0) * 0.3   # on its head
