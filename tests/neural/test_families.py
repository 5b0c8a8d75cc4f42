"""Model families are told apart by their config files, not their names; each gets its own
steps, guidance, size, frames and dtype; downloads fetch only the files a pipeline loads."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from medialoom.backends.neural.families import download_plan, family, local_variant, svd_size, torch_dtype


def folder(tmp_path: Path, name: str, cls: str, scheduler: dict | None = None, unet: dict | None = None,
           transformer: dict | None = None) -> Path:
    root = tmp_path / name
    root.mkdir()
    (root / "model_index.json").write_text(json.dumps({"_class_name": cls}))
    for sub, cfg, file in (("scheduler", scheduler, "scheduler_config.json"), ("unet", unet, "config.json"),
                           ("transformer", transformer, "config.json")):
        if cfg is not None:
            (root / sub).mkdir()
            (root / sub / file).write_text(json.dumps(cfg))
    return root


CASES = [
    ("m1", "FluxPipeline", None, None, {"guidance_embeds": False}, ("flux-schnell", 4, 0.0, "bfloat16")),
    ("m2", "FluxPipeline", None, None, {"guidance_embeds": True}, ("flux-dev", 28, 3.5, "bfloat16")),
    ("m3", "StableDiffusionXLPipeline", {"_class_name": "EulerAncestralDiscreteScheduler",
                                          "timestep_spacing": "trailing"}, {"sample_size": 64}, None,
     ("sdxl-turbo", 2, 0.0, "float16")),
    ("m4", "StableDiffusionXLPipeline", {"_class_name": "EulerDiscreteScheduler", "timestep_spacing": "trailing"},
     {"sample_size": 128}, None, ("sdxl-lightning", 4, 0.0, "float16")),
    ("m5", "StableDiffusionXLPipeline", {"_class_name": "LCMScheduler"}, {"sample_size": 128}, None,
     ("lcm-lora", 4, 1.0, "float16")),
    ("m6", "LatentConsistencyModelPipeline", {"_class_name": "LCMScheduler"}, {"sample_size": 96}, None,
     ("lcm", 4, 8.0, "float16")),
    ("m7", "StableDiffusionPipeline", {"_class_name": "EulerDiscreteScheduler", "timestep_spacing": "trailing"},
     {"sample_size": 64}, None, ("sd-turbo", 2, 0.0, "float16")),
    ("m8", "StableDiffusionPipeline", {"_class_name": "PNDMScheduler", "timestep_spacing": "leading"},
     {"sample_size": 64}, None, ("sd", 25, 7.5, "float16")),
    ("m9", "StableDiffusionXLPipeline", {"_class_name": "EulerDiscreteScheduler", "timestep_spacing": "leading"},
     {"sample_size": 128}, None, ("sdxl", 30, 5.0, "float16")),
    ("m10", "CogVideoXPipeline", None, None, {"num_attention_heads": 30, "sample_frames": 49},
     ("cogvideox", 50, 6.0, "float16")),
    ("m11", "CogVideoXPipeline", None, None, {"num_attention_heads": 48, "sample_frames": 49},
     ("cogvideox", 50, 6.0, "bfloat16")),
    ("m12", "StableVideoDiffusionPipeline", None, {"num_frames": 25}, None, ("svd", 25, 3.0, "float16")),
    ("m13", "StableDiffusion3Pipeline", None, None, {"sample_size": 128}, ("sd3", 28, 7.0, "float16")),
]


@pytest.mark.parametrize("name,cls,sched,unet,transformer,expected", CASES)
def test_families_are_read_from_the_config(tmp_path, name, cls, sched, unet, transformer, expected):
    fam = family(folder(tmp_path, name, cls, sched, unet, transformer), "some/neutral-name")
    assert (fam.name, fam.steps, fam.guidance, fam.dtype) == expected


def test_names_only_refine_what_the_config_cannot_say(tmp_path):
    plain_xl = folder(tmp_path, "x", "StableDiffusionXLPipeline", {"_class_name": "EulerDiscreteScheduler",
                      "timestep_spacing": "trailing"}, {"sample_size": 128})
    assert family(plain_xl, "ByteDance/SDXL-Lightning-8step").steps == 8
    assert family(folder(tmp_path, "y", "FluxPipeline", transformer={"guidance_embeds": True}),
                  "someone/flux-schnell-copy").name == "flux-dev"          # the config wins
    assert family(folder(tmp_path, "z", "FluxPipeline", transformer={}), "x").call == {"max_sequence_length": 256}
    assert family(folder(tmp_path, "v", "CogVideoXPipeline", transformer={"sample_frames": 49}), "x").frames == 49


def test_svd_works_at_its_trained_size_in_the_pictures_orientation():
    assert svd_size(768, 1920, 1080) == (1024, 576)
    assert svd_size(768, 600, 900) == (576, 1024)


def test_dtype_applies_on_cuda_only(tmp_path):
    fam = family(folder(tmp_path, "c", "CogVideoXPipeline", transformer={"num_attention_heads": 30}), "x")
    assert torch_dtype(fam, "cpu") is None and torch_dtype(fam, "mps") is None


def test_downloads_take_configs_and_the_fp16_variant_only():
    files = ["model_index.json", "unet/config.json", "unet/diffusion_pytorch_model.safetensors",
             "unet/diffusion_pytorch_model.fp16.safetensors", "unet/diffusion_pytorch_model.bin",
             "vae/diffusion_pytorch_model.safetensors", "vae/diffusion_pytorch_model.fp16.safetensors",
             "tokenizer/vocab.json", "sd_xl_base_1.0.safetensors", "sd_xl_base_1.0.fp16.safetensors",
             "unet/diffusion_pytorch_model.non_ema.bin", "README.md"]
    allow, ignore, variant = download_plan(files)
    assert variant == "fp16" and "*.bin" in ignore and "unet/diffusion_pytorch_model.safetensors" in ignore
    assert "*.json" in allow and "*.safetensors" in allow
    only_full = [f for f in files if ".fp16." not in f]
    assert download_plan(only_full)[2] is None and "*.fp16.*" in download_plan(only_full)[1]
    assert "*.bin" in download_plan(["config.json", "pytorch_model.bin"])[0]     # .bin-only repos still load


def test_a_folder_of_fp16_weights_is_loaded_as_that_variant(tmp_path):
    (tmp_path / "unet").mkdir()
    (tmp_path / "unet" / "diffusion_pytorch_model.fp16.safetensors").write_bytes(b"")
    assert local_variant(tmp_path) == "fp16"
    (tmp_path / "unet" / "diffusion_pytorch_model.safetensors").write_bytes(b"")
    assert local_variant(tmp_path) is None


def test_a_hub_download_asks_only_for_the_wanted_files(monkeypatch, tmp_path, config):
    import dataclasses

    import huggingface_hub

    from medialoom.backends.neural import loading
    from medialoom.context import ToolContext

    calls = []

    def fake_snapshot(name, **kw):
        calls.append(kw)
        if kw.get("local_files_only"):
            raise FileNotFoundError(name)
        return str(tmp_path)

    monkeypatch.setattr(huggingface_hub, "snapshot_download", fake_snapshot)
    monkeypatch.setattr(huggingface_hub, "list_repo_files",
                        lambda name: ["model_index.json", "unet/a.safetensors", "unet/a.fp16.safetensors"])
    monkeypatch.setenv("MEDIALOOM_DOWNLOAD", "1")
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    cfg = dataclasses.replace(config, sections={"neural": {"download": True}})
    loading.resolve(ToolContext("s1", "image.generate", "neural", 0, tmp_path, cfg, "org/model"))
    assert calls[-1]["allow_patterns"] and "unet/a.safetensors" in calls[-1]["ignore_patterns"]


def test_the_pool_budget_is_measured_when_the_config_sets_none(config):
    import os

    from medialoom.backends.neural.pool import GB, ModelPool, get_pool, measured_gb

    ram = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    gpu, host = measured_gb("cpu")
    assert gpu is None and host * GB == pytest.approx(0.6 * ram)
    pool: ModelPool = get_pool(config)
    assert pool.cpu_budget == int(host * GB)
