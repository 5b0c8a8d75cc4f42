"""What each model family needs, read from the model's own config files, not from its name.

    family(resolved) -> Family(name, steps, guidance, size, frames, dtype, call)

The pipeline class (`model_index.json`), its scheduler (`scheduler/scheduler_config.json`) and its
denoiser's config tell the families apart:

    family          told by                                          steps guidance size       dtype (CUDA)
    flux-schnell    FluxPipeline, transformer without guidance_embeds   4    0.0     1024       bf16
    flux-dev        FluxPipeline, transformer with guidance_embeds     28    3.5     1024       bf16
    sd3             StableDiffusion3Pipeline                           28    7.0     1024       fp16
    lcm             LatentConsistencyModelPipeline                      4    8.0     native     fp16
    lcm-lora        any SD/SDXL pipeline with an LCMScheduler           4    1.0     native     fp16
    sdxl-lightning  SDXL with a "trailing" Euler scheduler             4*    0.0     1024       fp16
    sdxl-turbo      SDXL whose UNet is trained at 512 (sample 64)       2    0.0     512        fp16
    sd-turbo        SD 2.x with a "trailing" Euler scheduler            2    0.0     512        fp16
    sdxl / sd       otherwise                                    30 / 25    5.0 / 7.5 native    fp16
    svd             StableVideoDiffusionPipeline                       25    3.0   1024x576     fp16
    cogvideox       CogVideoXPipeline: its trained 49 frames          50    6.0    720x480  fp16 (2b) bf16 (5b)
    animatediff     AnimateDiffPipeline (or a MotionAdapter folder)     25    7.5     512        fp16
    (*) a "2step" / "8step" checkpoint name sets Lightning's steps; a folder named "...turbo..."
        whose config looks like plain SD is taken as turbo (local copies keep their name).

Sizes scale with the model: SVD's 1024x576 is its UNet's native side x 4/3 by x 3/4, CogVideoX's
720x480 its transformer's sample size, so tiny test models keep their own small sizes.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Family:
    name: str
    steps: int
    guidance: float
    dtype: str | None = None               # on CUDA: "float16" | "bfloat16"; None: the pool's choice
    size: tuple[int, int] | None = None    # (width, height) trained at, when not the native square
    frames: int | None = None              # video: frames trained at
    call: dict[str, Any] = field(default_factory=dict)   # extra pipeline arguments


def _read(path: Path) -> dict[str, Any]:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def configs(folder: Path) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    """(model_index.json or config.json, scheduler config, denoiser config) of a model folder."""
    index = _read(folder / "model_index.json") or _read(folder / "config.json")
    scheduler = _read(folder / "scheduler" / "scheduler_config.json")
    denoiser = _read(folder / "transformer" / "config.json") or _read(folder / "unet" / "config.json")
    return index, scheduler, denoiser


def family(folder: Path, name: str = "") -> Family:
    """The family of the model in `folder` (`name`: what the user called it, for hints)."""
    index, sched, net = configs(folder)
    cls = str(index.get("_class_name", ""))
    sched_cls, spacing = str(sched.get("_class_name", "")), str(sched.get("timestep_spacing", ""))
    lowered = name.lower()
    if cls.startswith("Flux"):
        if net.get("guidance_embeds"):
            return Family("flux-dev", 28, 3.5, "bfloat16", call={"max_sequence_length": 512})
        return Family("flux-schnell", 4, 0.0, "bfloat16", call={"max_sequence_length": 256})
    if cls.startswith("StableDiffusion3"):
        return Family("sd3", 28, 7.0, "float16")
    if cls == "StableVideoDiffusionPipeline":
        return Family("svd", 25, 3.0, "float16", frames=int(net.get("num_frames", 25) or 25))
    if cls.startswith("CogVideoX"):
        heads = int(net.get("num_attention_heads", 30) or 30)
        return Family("cogvideox", 50, 6.0, "float16" if heads <= 30 else "bfloat16",
                      frames=int(net.get("sample_frames", 49) or 49))
    if cls.startswith("AnimateDiff") or cls == "MotionAdapter":
        return Family("animatediff", 25, 7.5, "float16", frames=16)
    if cls == "LatentConsistencyModelPipeline":
        return Family("lcm", 4, 8.0, "float16")
    if "StableDiffusion" not in cls and cls != "DiffusionPipeline":
        return Family("other", 0, 0.0)
    xl = "XL" in cls
    if sched_cls == "LCMScheduler" or "lcm" in lowered:
        return Family("lcm-lora", 4, 1.0, "float16")
    if xl and (("lightning" in lowered) or (spacing == "trailing" and sched_cls.startswith("Euler")
                                            and int(net.get("sample_size", 128) or 128) >= 128)):
        steps = re.search(r"(\d)[-_ ]?step", lowered)
        return Family("sdxl-lightning", int(steps.group(1)) if steps else 4, 0.0, "float16")
    if xl and (int(net.get("sample_size", 128) or 128) <= 64 or "turbo" in lowered):
        return Family("sdxl-turbo", 2, 0.0, "float16")
    if not xl and ((spacing == "trailing" and sched_cls.startswith("Euler")) or "turbo" in lowered):
        return Family("sd-turbo", 2, 0.0, "float16")
    return Family("sdxl", 30, 5.0, "float16") if xl else Family("sd", 25, 7.5, "float16")


def svd_size(native: int, width: int, height: int, multiple: int = 16) -> tuple[int, int]:
    """SVD's trained 1024x576 (native 768 x 4/3 by x 3/4), turned to the picture's orientation."""
    long, short = native * 4 // 3, native * 3 // 4
    long, short = max(multiple, long - long % multiple), max(multiple, short - short % multiple)
    return (long, short) if width >= height else (short, long)


def torch_dtype(fam: Family, device: str) -> Any:
    """The family's dtype on CUDA (bf16 only where the card has it); None elsewhere (the pool's
    default: fp16 on MPS, fp32 on the CPU)."""
    if fam.dtype is None or not device.startswith("cuda"):
        return None
    import torch

    if fam.dtype == "bfloat16" and not torch.cuda.is_bf16_supported():
        return torch.float16
    return getattr(torch, fam.dtype)


# -- downloads: only the files a pipeline loads ---------------------------------------------------
WANTED = ("*.json", "*.txt", "*.model", "*.tiktoken", "*.safetensors", "*tokenizer*", "*.py")
UNWANTED = ("*.bin", "*.ckpt", "*.pt", "*.pth", "*.msgpack", "*.h5", "*.onnx", "*.onnx_data", "*.pb",
            "*.ot", "*.gguf", "*non_ema*", "*.md", "*.png", "*.jpg", "*.gif", "*.mp4")


def download_plan(files: list[str]) -> tuple[list[str], list[str], str | None]:
    """(allow_patterns, ignore_patterns, variant) for a repository listing: safetensors weights
    and configs only; the fp16 variant alone when the repository has one for every weight."""
    weights = [f for f in files if f.endswith(".safetensors")]
    fp16 = [f for f in weights if ".fp16." in f]
    if not weights:      # a repo of .bin weights only: take those rather than nothing
        return list(WANTED) + ["*.bin"], [p for p in UNWANTED if p != "*.bin"], None
    if fp16 and all(".fp16." in f or f.replace(".safetensors", ".fp16.safetensors") in fp16 for f in weights):
        full = [f for f in weights if ".fp16." not in f]
        return list(WANTED), list(UNWANTED) + full, "fp16"
    return list(WANTED), list(UNWANTED) + ["*.fp16.*"], None


def local_variant(folder: Path) -> str | None:
    """"fp16" when a folder holds fp16-variant weights without the full ones (what download_plan
    fetched): from_pretrained must then be asked for that variant."""
    weights = [p.name for p in folder.rglob("*.safetensors")]
    if weights and all(".fp16." in w for w in weights):
        return "fp16"
    return None
