"""Fixtures for the offline image tests: pictures made by the backends and stored as the
executor stores them (the producing step's meta rides on the artifact), and user files."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

sys.path.insert(0, str(Path(__file__).parent))


@pytest.fixture
def stored(store):
    """stored(output, kind) -> Artifact with the output's meta, as the executor records it."""

    def make(output, kind: str = "image"):
        return store.put_file(output.path, kind, output.meta, move=False)

    return make


@pytest.fixture
def gen(make_ctx, stored):
    """gen("three red apples", seed=0, width=512, height=512) -> Artifact of image.generate."""
    from medialoom.backends.offline import image

    def make(prompt: str, seed: int = 0, width: int = 512, height: int = 512, **kw):
        return stored(image.generate(make_ctx("image.generate", seed), prompt, width=width, height=height,
                                     seed=seed, **kw))

    return make


@pytest.fixture
def user_image(tmp_path, artifact):
    """user_image(array_or_image, name="photo.png") -> a user's file imported as an image."""

    def make(data, name: str = "photo.png", **save_kw):
        img = data if isinstance(data, Image.Image) else Image.fromarray(np.asarray(data, np.uint8))
        path = tmp_path / name
        img.save(path, **save_kw)
        return artifact(path, "image")

    return make


@pytest.fixture
def squares():
    """A foreign picture: grey-beige wall, a red square (left) and a blue disc (right)."""
    import cv2

    a = np.full((240, 320, 3), (214, 206, 196), np.uint8)
    a[80:170, 40:130] = (210, 40, 40)
    cv2.circle(a, (230, 125), 45, (40, 80, 210), -1)
    return a
