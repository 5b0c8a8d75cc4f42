"""Image backends on tiny random diffusers pipelines loaded from folders, as a hub id is."""

from __future__ import annotations

import json
import threading

import numpy as np
import pytest
from PIL import Image

from medialoom.backends.neural import diffusion

pytestmark = pytest.mark.neural


def pixels(output) -> np.ndarray:
    return np.asarray(Image.open(output.path).convert("RGB"))


def test_text_to_image_size_meta_and_seed(tiny_model, nctx):
    folder = tiny_model("sd")
    a = diffusion.text_to_image(nctx("image.generate", folder), "a red apple", width=64, height=48, seed=7)
    b = diffusion.text_to_image(nctx("image.generate", folder), "a red apple", width=64, height=48, seed=7)
    c = diffusion.text_to_image(nctx("image.generate", folder), "a red apple", width=64, height=48, seed=8)
    assert pixels(a).shape == (48, 64, 3)
    assert np.array_equal(pixels(a), pixels(b)) and not np.array_equal(pixels(a), pixels(c))
    assert pixels(a).std() > 0  # a real decoded image, not a constant fill
    m = a.meta
    assert (m["backend"], m["model"], m["dtype"], m["device"]) == ("neural", str(folder), "float32", "cpu")
    assert (m["steps"], m["guidance"], m["seed"], m["width"], m["height"]) == (2, 7.5, 7, 64, 48)


def test_text_to_image_default_size_style_and_turbo_schedule(tiny_model, nctx, tmp_path):
    import shutil

    turbo = tmp_path / "my-sd-turbo"
    shutil.copytree(tiny_model("sd"), turbo)
    out = diffusion.text_to_image(nctx("image.generate", turbo, steps=None), "a boat", style="watercolour", seed=1)
    assert pixels(out).shape == (32, 32, 3)  # native size: unet sample 16 x vae factor 2
    assert out.meta["prompt"] == "a boat, watercolour style"
    assert (out.meta["steps"], out.meta["guidance"]) == (2, 0.0)  # distilled: few steps, no guidance


def test_concurrent_steps_share_one_pipeline_in_batches(tiny_model, nctx):
    from medialoom.backends.neural.pool import get_pool

    folder = tiny_model("sd")
    ctxs = [nctx("image.generate", folder) for _ in range(3)]
    pool = get_pool(ctxs[0].config)
    loads = pool.loads
    results: dict[int, np.ndarray] = {}
    start = threading.Barrier(3)

    def run(i: int) -> None:
        start.wait()
        results[i] = pixels(diffusion.text_to_image(ctxs[i], "a cat", width=32, height=32, seed=i))

    threads = [threading.Thread(target=run, args=(i,)) for i in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert pool.loads - loads <= 1 and len(results) == 3
    runner = pool._entries[("diffusers", "AutoPipelineForText2Image", str(folder.resolve()))].state["batcher"]
    assert sum(runner.batches[-2:]) == 3 or runner.batches[-1] == 3  # the crowd shared calls
    alone = pixels(diffusion.text_to_image(nctx("image.generate", folder), "a cat", width=32, height=32, seed=2))
    # a batched call matches a lone one up to float rounding (same seeds, same latents)
    assert np.abs(results[2].astype(int) - alone.astype(int)).max() <= 2


def test_gligen_from_layout_boxes(tiny_model, nctx, tmp_path, artifact):
    layout = {"canvas": {"width": 64, "height": 48}, "prompt": "a kitchen",
              "objects": [{"name": "cat", "box": [4, 4, 30, 40], "colour": "black"},
                          {"name": "bowl", "box": [34, 20, 60, 44]}]}
    path = tmp_path / "layout.json"
    path.write_text(json.dumps(layout))
    out = diffusion.gligen(nctx("image.from_layout", tiny_model("gligen"), seed=3), artifact(path, "layout"))
    assert pixels(out).shape == (48, 64, 3)
    assert out.meta["phrases"] == ["black cat", "bowl"]
    assert out.meta["boxes"][0] == pytest.approx([4 / 64, 4 / 48, 30 / 64, 40 / 48])
    assert diffusion.layout_boxes({"canvas": [100, 50], "objects": [{"label": "x", "bbox": [0, 0, 50, 50]}]}) \
        == (100, 50, ["x"], [[0.0, 0.0, 0.5, 1.0]])


def test_gligen_rejects_a_layout_without_boxes():
    from medialoom.errors import InputError

    with pytest.raises(InputError, match="no objects"):
        diffusion.layout_boxes({"canvas": {"width": 8, "height": 8}, "objects": [{"name": "cat"}]})


def test_instruct_pix2pix_keeps_size_and_is_seeded(tiny_model, nctx, photo):
    folder = tiny_model("pix2pix")
    a = diffusion.instruct_pix2pix(nctx("image.edit", folder, seed=4), photo, "make it winter")
    b = diffusion.instruct_pix2pix(nctx("image.edit", folder, seed=4), photo, "make it winter")
    assert pixels(a).shape == (32, 48, 3) and np.array_equal(pixels(a), pixels(b))
    assert a.meta["image_guidance"] == 1.5


def test_inpaint_changes_only_the_masked_region(tiny_model, nctx, photo, tmp_path, artifact):
    mask = np.zeros((32, 48), "uint8")
    mask[8:24, 12:28] = 255
    Image.fromarray(mask).save(tmp_path / "mask.png")
    out = diffusion.inpaint(nctx("image.inpaint", tiny_model("inpaint"), seed=5), photo,
                            artifact(tmp_path / "mask.png", "mask"), "a cat")
    before, after = pixels_of(photo), pixels(out)
    assert after.shape == before.shape
    outside = mask == 0
    assert np.array_equal(after[outside], before[outside])
    assert not np.array_equal(after[~outside], before[~outside])


def pixels_of(art) -> np.ndarray:
    return np.asarray(Image.open(art.path).convert("RGB"))


def test_upscale_by_the_asked_scale(tiny_model, nctx, photo):
    out = diffusion.upscale(nctx("image.upscale", tiny_model("upscaler"), seed=6), photo, scale=2)
    assert pixels(out).shape == (64, 96, 3) and out.meta["scale"] == 2.0


def test_the_x4_upscaler_is_fed_a_quarter_of_the_target(tiny_model, nctx, photo):
    """x2 of a 48x32 picture decodes at 96x64 (fed 24x16), not at 192x128 then shrunk; a cap
    on the side keeps a big input from decoding at 4x its size."""
    out = diffusion.upscale(nctx("image.upscale", tiny_model("upscaler")), photo, scale=2)
    assert pixels(out).shape == (64, 96, 3) and out.meta["decoded"] == [96, 64]
    capped = diffusion.upscale(nctx("image.upscale", tiny_model("upscaler"), max_side=128), photo, scale=4)
    assert pixels(capped).shape == (128, 192, 3) and capped.meta["decoded"][0] <= 128
