"""Neural fixtures: tiny random models built once per session (see tiny.py) and tool contexts
whose config asks for 2 inference steps."""

from __future__ import annotations

import dataclasses
import os
import threading
from pathlib import Path

os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")  # no spinning OpenMP threads between tiny ops

import pytest  # noqa: E402
import torch  # noqa: E402

import tiny  # noqa: E402

if os.environ.get("PYTEST_XDIST_WORKER"):
    torch.set_num_threads(1)  # one thread per worker: tiny models gain nothing from more, and
    # two workers with two threads each on two cores slow each other down many times over

BUILDERS = {"sd": tiny.sd, "gligen": tiny.gligen, "pix2pix": tiny.pix2pix, "inpaint": tiny.inpaint,
            "upscaler": tiny.upscaler, "sam": tiny.sam, "clipseg": tiny.clipseg, "blip": tiny.blip,
            "vits": tiny.vits, "whisper": tiny.whisper, "musicgen": tiny.musicgen, "musicgen4": tiny.musicgen4,
            "audioldm2": tiny.audioldm2, "animatediff": tiny.animatediff, "svd": tiny.svd,
            "shap_e": tiny.shap_e, "clip": tiny.clip,
            "cogvideox": tiny.cogvideox}
FAST = {"neural": {"steps": 2, "grid_size": 32}}


@pytest.fixture(scope="session")
def tiny_model(tmp_path_factory):
    """tiny_model("sd") -> folder of a tiny random model, built on first use in this session."""
    root = tmp_path_factory.mktemp("tiny-models")
    lock = threading.Lock()

    def get(name: str) -> Path:
        folder = root / name
        with lock:
            if not (folder / ".done").exists():
                BUILDERS[name](folder)
                (folder / ".done").write_text("ok")
        return folder

    return get


@pytest.fixture
def nctx(tmp_path, config):
    """nctx(tool, model_folder, seed=0, **neural_settings) -> ToolContext for a neural backend."""
    from medialoom.context import ToolContext

    counter = iter(range(10_000))

    def make(tool: str, model: Path | str, seed: int = 0, **settings) -> ToolContext:
        sections = {"neural": {**FAST["neural"], **settings}}
        cfg = dataclasses.replace(config, sections=sections)
        n = next(counter)
        return ToolContext(f"s{n}", tool, "neural", seed, tmp_path / f"work{n}", cfg, str(model))

    return make


@pytest.fixture
def photo(tmp_path, artifact):
    """A 48 x 32 RGB test picture with a bright square, imported as an image artifact."""
    import numpy as np
    from PIL import Image

    rng = np.random.default_rng(0)
    pixels = (rng.random((32, 48, 3)) * 80).astype("uint8")
    pixels[8:24, 12:28] = (230, 200, 40)
    path = tmp_path / "photo.png"
    Image.fromarray(pixels).save(path)
    return artifact(path, "image")
