"""image.customize on diffusers with tiny random models: IP-Adapter (tiny image encoder and
projection) changes the picture with the photo; a DreamBooth-LoRA trained for a few steps on
the CPU is saved, loaded back, changes the picture, and is unloaded after the call."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

import tiny_ip
from medialoom.backends.neural import customize as neural
from medialoom.backends.neural.lora import TrainSettings, train_lora
from medialoom.errors import InputError, SafetyRefusal

pytestmark = [pytest.mark.neural, pytest.mark.slow]


@pytest.fixture(scope="module")
def ip_folder(tiny_model, tmp_path_factory):
    return tiny_ip.ip_adapter(tmp_path_factory.mktemp("ip"), tiny_model("sd"))


def _photo(path, seed, artifact):
    rng = np.random.default_rng(seed)
    img = np.full((64, 64, 3), 230, np.uint8)
    img[12:52, 12:52] = (rng.random((40, 40, 3)) * 255).astype(np.uint8)
    Image.fromarray(img).save(path)
    return artifact(path, "image")


def _ctx(nctx, tiny_model, ip_folder, **kw):
    return nctx("image.customize", tiny_model("sd"), ip_adapter=str(ip_folder),
                ip_adapter_weight=tiny_ip.WEIGHT, ip_scale=1.0, **kw)


def _pixels(out):
    return np.asarray(Image.open(out.path).convert("RGB"), np.float32)


def test_ip_adapter_changes_the_picture_with_the_photo(tmp_path, nctx, tiny_model, ip_folder, artifact):
    a, b = _photo(tmp_path / "a.png", 0, artifact), _photo(tmp_path / "b.png", 1, artifact)
    one = neural.customize(_ctx(nctx, tiny_model, ip_folder), [a], "on a beach", name="my dog Rex", seed=3)
    same = neural.customize(_ctx(nctx, tiny_model, ip_folder), [a], "on a beach", name="my dog Rex", seed=3)
    other = neural.customize(_ctx(nctx, tiny_model, ip_folder), [b], "on a beach", name="my dog Rex", seed=3)
    both = neural.customize(_ctx(nctx, tiny_model, ip_folder), [a, b], "on a beach", name="my dog Rex", seed=3)
    assert np.array_equal(_pixels(one), _pixels(same))
    assert np.abs(_pixels(one) - _pixels(other)).mean() > 1.0
    assert np.abs(_pixels(one) - _pixels(both)).mean() > 0.5
    assert one.meta["method"] == "ip-adapter" and one.meta["photos"] == [a.sha256]
    assert one.meta["prompt"] == "on a beach"


def test_lora_trains_loads_changes_the_picture_and_unloads(tmp_path, nctx, tiny_model, ip_folder, artifact):
    from diffusers import StableDiffusionPipeline

    photos = [_photo(tmp_path / f"p{i}.png", i, artifact) for i in range(3)]
    pipe = StableDiffusionPipeline.from_pretrained(str(tiny_model("sd")))
    weights = {k: v.clone() for k, v in pipe.unet.state_dict().items()}
    file = train_lora(pipe, [p.path for p in photos], "dog",
                      TrainSettings(steps=4, rank=4, resolution=32, learning_rate=1e-2), tmp_path / "adapter")
    assert file.is_file() and file.stat().st_size > 1000
    assert len((tmp_path / "adapter" / "losses.txt").read_text().split()) == 4
    after = pipe.unet.state_dict()
    assert set(after) == set(weights) and all(np.array_equal(weights[k], after[k]) for k in weights)  # base untouched

    plain = neural.customize(_ctx(nctx, tiny_model, ip_folder), photos, "Rex in the snow", name="my dog Rex")
    tuned = neural.customize(_ctx(nctx, tiny_model, ip_folder), photos, "Rex in the snow", name="my dog Rex",
                             lora=str(file))
    again = neural.customize(_ctx(nctx, tiny_model, ip_folder), photos, "Rex in the snow", name="my dog Rex")
    assert tuned.meta["method"] == "ip-adapter + lora" and tuned.meta["prompt"] == "sks dog in the snow"
    assert np.abs(_pixels(plain) - _pixels(tuned)).mean() > 0.5
    assert np.array_equal(_pixels(plain), _pixels(again))        # the LoRA was unloaded after its call


def test_bad_input(tmp_path, nctx, tiny_model, ip_folder, artifact):
    a = _photo(tmp_path / "a.png", 0, artifact)
    with pytest.raises(InputError, match="does not exist"):
        neural.customize(_ctx(nctx, tiny_model, ip_folder), [a], "on a beach", lora=str(tmp_path / "none.safetensors"))
    with pytest.raises(InputError, match="1 to 5 photos"):
        neural.customize(_ctx(nctx, tiny_model, ip_folder), [a] * 6, "on a beach")
    with pytest.raises(SafetyRefusal, match="likeness"):
        face = artifact(_face(tmp_path / "f.png"), "image")
        neural.customize(_ctx(nctx, tiny_model, ip_folder), [face], "on a beach")


def _face(path):
    import importlib.util
    from pathlib import Path

    helper = Path(__file__).parents[1] / "customize" / "subjects.py"
    spec = importlib.util.spec_from_file_location("customize_subjects", helper)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.face_photo(path)


def test_concept_train_keeps_the_adapter_and_plans_use_it(tmp_path, tiny_model, artifact, config, capsys):
    from medialoom import concepts
    from medialoom.concepts_cli import main
    from medialoom.session import Session

    paths = [_photo(tmp_path / f"r{i}.png", i, artifact).path for i in range(2)]
    session = Session(config)
    concepts.register(session.store, "Rex", paths, noun="dog")
    argv = ["train", "Rex", "--model", str(tiny_model("sd")), "--steps", "2", "--resolution", "64"]
    assert main(argv) == 0 and "trained a LoRA adapter for Rex (2 steps)" in capsys.readouterr().out
    rex = concepts.get(session.store, "Rex")
    assert rex.adapter and concepts.adapter_dir(session.store) in __import__("pathlib").Path(rex.adapter).parents
    assert main(argv) == 0 and "already has this adapter" in capsys.readouterr().out   # keyed: not trained again
    plan = session.plan("Rex on a beach")
    assert plan.steps[0].tool == "image.customize" and plan.steps[0].args["lora"] == rex.adapter
    assert main(["remove", "Rex"]) == 0 and "and its adapter" in capsys.readouterr().out
    session.store.close()


def test_through_the_engine_with_neural_backend(tmp_path, tiny_model, ip_folder, config):
    import dataclasses

    from medialoom import concepts
    from medialoom.plan import Plan
    from medialoom.session import Session

    for i in range(2):
        _photo(tmp_path / f"d{i}.png", i, lambda path, kind: path)
    sections = {"neural": {"steps": 2, "image.customize": {"ip_adapter": str(ip_folder),
                                                           "ip_adapter_weight": tiny_ip.WEIGHT}}}
    session = Session(dataclasses.replace(config, sections=sections))
    plan = Plan.from_dict({"steps": [{"id": "s1", "tool": "image.customize", "args": {
        "images": ["d0.png", "d1.png"], "prompt": "Rex on a beach", "name": "my dog Rex"}}]})
    result = session.run(plan, base_dir=tmp_path, backend="neural",
                         models={"image.customize": str(tiny_model("sd"))})
    assert result.ok, result.steps["s1"].error
    art = result.steps["s1"].outputs["main"]
    assert result.steps["s1"].backend == "neural" and art.meta["method"] == "ip-adapter"
    assert len(art.meta["parents"]) == 2 and art.meta["safety"]["c2pa"]["applied"]
    rex = concepts.get(session.store, "Rex")
    assert rex is not None and rex.noun == "dog" and set(rex.photos) == set(art.meta["parents"])
    session.store.close()
