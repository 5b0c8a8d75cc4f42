"""SAM (point, box), CLIPSeg (words) and BLIP captions on tiny random transformers models."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from medialoom.backends.neural import vision
from medialoom.errors import InputError

pytestmark = pytest.mark.neural


def mask_of(output) -> np.ndarray:
    img = Image.open(output.path)
    assert img.mode == "L"
    return np.asarray(img)


@pytest.mark.parametrize("prompt", [{"point": [20, 15]}, {"box": [12, 8, 28, 24]}])
def test_sam_mask_from_a_point_or_a_box(tiny_model, nctx, photo, prompt):
    folder = tiny_model("sam")
    a = vision.segment(nctx("image.segment", folder), photo, **prompt)
    b = vision.segment(nctx("image.segment", folder), photo, **prompt)
    m = mask_of(a)
    assert m.shape == (32, 48) and set(np.unique(m)) <= {0, 255}
    assert np.array_equal(m, mask_of(b)) and a.meta["area"] == int((m == 255).sum())
    assert a.meta["method"] == "sam" and a.meta["model"] == str(folder)


def test_clipseg_mask_from_words(tiny_model, nctx, photo):
    folder = tiny_model("clipseg")
    out = vision.segment(nctx("image.segment", folder), photo, text="the yellow square")
    m = mask_of(out)
    assert m.shape == (32, 48) and set(np.unique(m)) <= {0, 255}
    assert out.meta["method"] == "clipseg" and out.meta["text"] == "the yellow square"
    again = vision.segment(nctx("image.segment", folder, threshold=0.0), photo, text="the yellow square")
    assert (mask_of(again) == 255).all()  # threshold 0 keeps every pixel: the heat map is used


def test_words_with_a_sam_model_use_the_configured_clipseg(tiny_model, nctx, photo):
    out = vision.segment(nctx("image.segment", tiny_model("sam"), clipseg=str(tiny_model("clipseg"))),
                         photo, text="square")
    assert out.meta["method"] == "clipseg" and out.meta["model"] == str(tiny_model("clipseg"))


def test_segment_needs_a_prompt(tiny_model, nctx, photo):
    with pytest.raises(InputError, match="point"):
        vision.segment(nctx("image.segment", tiny_model("sam")), photo)


def test_blip_caption_is_text_and_deterministic(tiny_model, nctx, photo):
    folder = tiny_model("blip")
    a = vision.caption(nctx("image.caption", folder), photo)
    b = vision.caption(nctx("image.caption", folder), photo)
    text = a.path.read_text(encoding="utf-8").strip()
    assert text and text == b.path.read_text(encoding="utf-8").strip() == a.meta["text"]
    assert a.path.suffix == ".txt" and a.meta["tokens"] >= 2


def test_clip_score_for_evaluation(tiny_model, nctx, photo):
    folder = str(tiny_model("clip"))
    ctx = nctx("image.generate", folder)
    a = vision.clip_score(ctx, photo, "a yellow square", model=folder)
    assert 0.0 <= a <= 100.0 and a == vision.clip_score(ctx, photo.path, "a yellow square", model=folder)
    scores = {vision.clip_score(ctx, photo, t, model=folder) for t in ("a cat", "a dog on grass", "sea")}
    assert len(scores | {a}) > 1  # the score depends on the text
