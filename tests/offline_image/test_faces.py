"""image.caption counts faces on foreign pictures with OpenCV's bundled Haar cascades, and
flat-colour clip-art (our own people included) and noise count none."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from PIL import Image

from medialoom.backends.offline import image
from medialoom.backends.offline.image.captions import count_faces, face_cascade

from faces import face_picture as _photo  # tests/faces.py


@pytest.fixture(autouse=True)
def _cascades():
    assert face_cascade() is not None, "opencv-python-headless<5 with its bundled cascades is required"


@pytest.mark.parametrize("size", [90, 140, 220])
def test_one_synthetic_face_is_found(size):
    a = _photo(2 * size + 80, 2 * size + 60, [(size + 40, size + 30, size)], seed=size)
    assert count_faces(Image.fromarray(a)) == 1


def test_caption_counts_faces_and_says_so(make_ctx, user_image):
    two = _photo(640, 360, [(170, 180, 140), (470, 180, 140)])
    out = image.caption(make_ctx("image.caption"), user_image(two))
    assert out.meta["faces"] == 2 and "2 faces detected" in out.meta["caption"]
    one = _photo(400, 400, [(200, 200, 160)], seed=3)
    out = image.caption(make_ctx("image.caption"), user_image(one, "one.jpg", quality=90))
    assert out.meta["faces"] == 1 and "one face detected" in out.path.read_text()
    wall = _photo(400, 300, [])
    out = image.caption(make_ctx("image.caption"), user_image(wall, "wall.png"))
    assert out.meta["faces"] == 0 and "no faces detected" in out.meta["caption"]


@pytest.mark.parametrize("prompt", ["three people in a park", "a man and a woman in a room",
                                    "a big person in a room", "an owl in a tree at night",
                                    "a cat and a clock on a table", "a clock and a lamp in a room"])
def test_clip_art_counts_no_faces(prompt):
    """Scenes whose cartoon faces, owls, clocks and lamps fool a bare Haar cascade."""
    from blobs import rgb_of

    from medialoom.backends.offline.image.scene import plan_layout, render_layout

    for seed, (w, h) in ((0, (512, 512)), (1, (768, 512))):
        a = rgb_of(render_layout(plan_layout(prompt, seed, w, h)))
        assert count_faces(Image.fromarray(a)) == 0, (prompt, seed)
        assert count_faces(Image.fromarray(a).convert("RGB").resize((w // 2, h // 2))) == 0, (prompt, seed)


def test_noise_counts_no_faces():
    rng = np.random.default_rng(0)
    for i in range(4):
        n = rng.integers(0, 256, (480, 640, 3), dtype=np.uint8)
        if i % 2:
            n = cv2.normalize(cv2.GaussianBlur(n, (0, 0), 2 + i), None, 0, 255, cv2.NORM_MINMAX)
        assert count_faces(Image.fromarray(n)) == 0, i


def test_a_real_portrait_photo_has_one_face():
    """matplotlib's sample portrait (Grace Hopper), when matplotlib is installed."""
    import importlib.util
    from pathlib import Path

    spec = importlib.util.find_spec("matplotlib")
    photo = Path(spec.origin).parent / "mpl-data/sample_data/grace_hopper.jpg" if spec and spec.origin else None
    if photo is None or not photo.is_file():
        pytest.skip("matplotlib's sample photo is not installed")
    img = Image.open(photo)
    assert count_faces(img) == 1 and count_faces(img.resize((200, 234))) == 1
