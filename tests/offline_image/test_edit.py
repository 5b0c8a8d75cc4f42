"""image.edit: every operation checked on pixels; numbers honoured; unknown words refused."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from medialoom.backends.offline import image
from medialoom.backends.offline.image.instructions import Operation, apply_operations, parse_instruction
from medialoom.errors import InputError


@pytest.fixture(scope="module")
def pic() -> Image.Image:
    """96x64: red left half, blue right half, a white square top-left, a gradient row at the bottom."""
    a = np.zeros((64, 96, 3), np.uint8)
    a[:, :48] = (200, 60, 50)
    a[:, 48:] = (40, 90, 190)
    a[4:20, 4:20] = 255
    a[56:] = np.linspace(0, 255, 96, dtype=np.uint8)[None, :, None]
    return Image.fromarray(a)


def run(pic: Image.Image, text: str) -> np.ndarray:
    return np.asarray(apply_operations(pic, parse_instruction(text)), dtype=np.float32)


def sat(a: np.ndarray) -> np.ndarray:
    return a.max(axis=2) - a.min(axis=2)


def test_numbers_are_honoured():
    assert parse_instruction("make it 20% brighter") == [Operation("brightness", {"factor": 1.2})]
    assert parse_instruction("30% darker")[0].params["factor"] == pytest.approx(0.7)
    assert parse_instruction("rotate 90")[0].params == {"degrees": 90.0}
    assert parse_instruction("blur 5")[0].params == {"radius": 5.0}
    assert parse_instruction("resize to 800x600")[0].params == {"width": 800, "height": 600}
    assert [op.name for op in parse_instruction("black and white, then more contrast")] == ["grayscale", "contrast"]


def test_brightness_and_contrast(pic):
    base = np.asarray(pic, np.float32)
    assert run(pic, "20% brighter").mean() == pytest.approx(min(255, 1.2 * base.mean()), rel=0.08)
    assert run(pic, "darker").mean() < base.mean() * 0.85
    assert run(pic, "more contrast").std() > base.std() * 1.1
    assert run(pic, "less contrast").std() < base.std() * 0.9


def test_colour_operations(pic):
    base = np.asarray(pic, np.float32)
    assert sat(run(pic, "black and white")).max() == 0
    assert sat(run(pic, "more saturated")).mean() > sat(base).mean()
    assert sat(run(pic, "desaturate")).mean() < sat(base).mean()
    warm, cool = run(pic, "warmer"), run(pic, "cooler")
    assert (warm[..., 0] - warm[..., 2]).mean() > (base[..., 0] - base[..., 2]).mean() > (cool[..., 0] - cool[..., 2]).mean()
    sep = run(pic, "sepia")
    assert (sep[..., 0] >= sep[..., 2]).mean() > 0.98
    inv = run(pic, "invert")
    assert np.abs(inv + base - 255).max() <= 1
    hue = run(pic, "shift hue 120")
    assert hue[30, 10, 1] > hue[30, 10, 0]  # red became green


def test_blur_and_sharpen(pic):
    def edges(a: np.ndarray) -> float:
        return float((np.diff(a.mean(axis=2), axis=1) ** 2).sum())
    base = np.asarray(pic, np.float32)
    assert edges(run(pic, "blur 3")) < edges(base) * 0.8
    assert edges(run(pic, "sharpen")) > edges(base)


def test_geometry(pic):
    base = np.asarray(pic, np.float32)
    rot = run(pic, "rotate 90")
    assert rot.shape == (96, 64, 3)
    assert rot[10, 44:59].min() == 255 and rot[10, 5:20].max() < 255  # clockwise: top-left -> top-right
    left = run(pic, "rotate left")
    assert left[80, 5:19].min() == 255 and left[10, 5:19].max() < 255  # anticlockwise: -> bottom-left
    assert np.array_equal(run(pic, "flip horizontally"), base[:, ::-1])
    assert np.array_equal(run(pic, "flip vertically"), base[::-1])
    assert run(pic, "upside down").shape == base.shape
    assert run(pic, "crop to square").shape == (64, 64, 3)
    assert run(pic, "crop 16:9").shape[:2] == (54, 96)
    assert run(pic, "resize to 48x32").shape == (32, 48, 3)
    assert run(pic, "make it half the size").shape == (32, 48, 3)
    assert run(pic, "rotate 30").shape[0] > 64


def test_styles_and_moods(pic):
    base = np.asarray(pic, np.float32)
    vig = run(pic, "vignette")
    assert vig[0, 0].sum() < base[0, 0].sum() and np.allclose(vig[32, 48], base[32, 48], atol=2)
    assert sat(run(pic, "pencil sketch")).max() <= 2
    for word in ("cartoon", "oil painting"):
        out = run(pic, word)
        assert out.shape == base.shape and np.abs(out - base).mean() > 2
    night = run(pic, "make it night")
    assert night.mean() < base.mean() * 0.6 and night[..., 2].mean() > night[..., 0].mean() * 0.6
    winter = run(pic, "make it winter")
    assert sat(winter).mean() < sat(base).mean() and winter.mean() > base.mean()
    sunset = run(pic, "sunset")
    assert sunset[..., 0].mean() > base[..., 0].mean()
    fog = run(pic, "fog")
    assert fog.std() < base.std() * 0.75
    rain = run(pic, "rain")
    assert rain.mean() < base.mean() and np.array_equal(rain, run(pic, "rain"))  # deterministic


def test_alpha_is_kept():
    rgba = Image.new("RGBA", (40, 30), (200, 50, 50, 0))
    rgba.paste((10, 200, 10, 255), (10, 10, 30, 20))
    out = apply_operations(rgba, parse_instruction("black and white and rotate 90"))
    assert out.mode == "RGBA" and out.size == (30, 40)
    assert np.asarray(out.getchannel("A")).mean() == pytest.approx(np.asarray(rgba.getchannel("A")).mean())


@pytest.mark.parametrize("text", ["add a dragon", "make the cat dance", ""])
def test_unknown_instruction_lists_vocabulary(text):
    with pytest.raises(InputError, match="understands: .*black and white.*winter"):
        parse_instruction(text)


def test_edit_tool_writes_png(make_ctx, user_image, pic):
    art = user_image(pic)
    out = image.edit(make_ctx("image.edit"), art, "make it black and white")
    img = Image.open(out.path)
    assert img.text["tool"] == "image.edit"
    assert sat(np.asarray(img.convert("RGB"), np.float32)).max() == 0
    assert out.meta["operations"] == [{"op": "grayscale"}]


@pytest.mark.parametrize("text,expected", [
    ("lower the exposure", [("brightness", {"factor": 0.75})]),
    ("increase the brightness by 30%", [("brightness", {"factor": 1.3})]),
    ("make it black-and-white", [("grayscale", {})]), ("make it gray", [("grayscale", {})]),
    ("make it look old", [("sepia", {})]), ("make the colours pop", [("saturation", {"factor": 1.35})]),
    ("less blurry", [("sharpen", {"amount": 1.0})]), ("zoom in 2x", [("crop", {"margin": 0.25})]),
    ("rotate 90 degrees counterclockwise", [("rotate", {"degrees": -90.0})]),
    ("turn it into a cartoon", [("cartoon", {})]),
    ("make it brighter and rotate it 45 degrees", [("brightness", {"factor": 1.25}), ("rotate", {"degrees": 45.0})]),
])
def test_phrasings(text, expected):
    assert [(op.name, op.params) for op in parse_instruction(text)] == expected
