"""Neural benchmark: text-to-image throughput of an SD-1.5-architecture pipeline (random weights,
the same FLOPs as the real one) through medialoom's neural backend, against a plain diffusers call.

Measured in the same run:
  1. peer: `StableDiffusionPipeline.from_pretrained(folder)` in fp32 (what a plain script does),
     one request per call, requests one after another; on a GPU also the same in bf16, to
     separate the dtype's gain from the serving's;
  2. medialoom: the same requests sent at once from threads to `image.generate`'s neural backend
     (model pool: bf16 on GPU, micro-batching of concurrent requests, PyTorch SDPA attention,
     optional torch.compile), PNGs written as a real step does;
  3. the floor: FLOPs per image (counted with torch.utils.flop_counter on one call) divided by
     the device's peak rate -- the nominal bf16 peak of known GPUs and a measured matmul rate --
     gives the least time an image can take; the share is floor / time actually taken.

Usage: .venv/bin/python bench/neural.py [--size 512] [--steps 25] [--requests 8] [--compile]
On a CPU it runs a narrow model of the same architecture at 64 px (`--tiny`, the default there).
"""

from __future__ import annotations

import argparse
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import torch

NOMINAL_BF16_TFLOPS = {"H200": 989.0, "H100": 989.0, "GH200": 989.0, "A100": 312.0, "L40S": 362.0,
                       "L40": 181.0, "L4": 121.0, "A10": 125.0, "RTX 4090": 165.0, "A6000": 155.0}


def clip_tokenizer() -> Any:
    """A byte-level CLIP tokenizer from an in-memory vocabulary (no hub)."""
    from transformers import CLIPTokenizer

    bs = list(range(33, 127)) + list(range(161, 173)) + list(range(174, 256))
    cs, n = bs[:], 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    chars = [chr(c) for c in cs]
    tokens = chars + [c + "</w>" for c in chars] + ["<|startoftext|>", "<|endoftext|>"]
    return CLIPTokenizer(vocab={t: i for i, t in enumerate(tokens)}, merges=[], model_max_length=77)


def build_sd15(folder: Path, tiny: bool) -> None:
    """SD 1.5's architecture with random weights (tiny: same blocks, narrow channels)."""
    from diffusers import AutoencoderKL, PNDMScheduler, StableDiffusionPipeline, UNet2DConditionModel
    from transformers import CLIPTextConfig, CLIPTextModel

    torch.manual_seed(0)
    width = (32, 64, 64, 64) if tiny else (320, 640, 1280, 1280)
    text_dim = 64 if tiny else 768
    unet = UNet2DConditionModel(sample_size=8 if tiny else 64, block_out_channels=width,
                                layers_per_block=1 if tiny else 2, cross_attention_dim=text_dim,
                                attention_head_dim=8)
    vae = AutoencoderKL(block_out_channels=(32, 32, 64, 64) if tiny else (128, 256, 512, 512),
                        down_block_types=("DownEncoderBlock2D",) * 4, up_block_types=("UpDecoderBlock2D",) * 4,
                        latent_channels=4, layers_per_block=1 if tiny else 2, sample_size=64 if tiny else 512)
    text = CLIPTextModel(CLIPTextConfig(hidden_size=text_dim, intermediate_size=4 * text_dim,
                                        num_hidden_layers=2 if tiny else 12, num_attention_heads=4 if tiny else 12,
                                        max_position_embeddings=77, vocab_size=49408, projection_dim=text_dim,
                                        bos_token_id=49406, eos_token_id=49407, pad_token_id=49407))
    scheduler = PNDMScheduler(beta_start=0.00085, beta_end=0.012, beta_schedule="scaled_linear",
                              skip_prk_steps=True, steps_offset=1)
    StableDiffusionPipeline(vae=vae, text_encoder=text, tokenizer=clip_tokenizer(), unet=unet, scheduler=scheduler,
                            safety_checker=None, feature_extractor=None,
                            requires_safety_checker=False).save_pretrained(folder)


def sync(device: str) -> None:
    if device.startswith("cuda"):
        torch.cuda.synchronize()


def plain(folder: Path, device: str, dtype: Any, prompts: list[str], size: int, steps: int,
          repeat: int) -> tuple[float, float]:
    """(best seconds for all prompts one after another, FLOPs of one call) with plain diffusers."""
    from diffusers import StableDiffusionPipeline
    from torch.utils.flop_counter import FlopCounterMode

    pipe = StableDiffusionPipeline.from_pretrained(str(folder), dtype=dtype).to(device)
    pipe.set_progress_bar_config(disable=True)
    args = dict(height=size, width=size, num_inference_steps=steps, guidance_scale=7.5)
    counter = FlopCounterMode(display=False)
    with counter:
        pipe(prompts[0], generator=torch.Generator("cpu").manual_seed(0), **args)  # warm-up + count
    pipe(prompts[0], generator=torch.Generator("cpu").manual_seed(0), **args)
    runs = []
    for _ in range(repeat):
        sync(device)
        start = time.perf_counter()
        for i, prompt in enumerate(prompts):
            pipe(prompt, generator=torch.Generator("cpu").manual_seed(i), **args)
        sync(device)
        runs.append(time.perf_counter() - start)
    del pipe
    return min(runs), float(counter.get_total_flops())


def served(folder: Path, prompts: list[str], size: int, steps: int, compile_: bool, work: Path,
           repeat: int) -> float:
    """Best seconds for all prompts sent at once to medialoom's image.generate neural backend."""
    from medialoom.backends.neural import diffusion
    from medialoom.config import Config
    from medialoom.context import ToolContext

    config = Config(home=work, sections={"neural": {"steps": steps, "compile": compile_,
                                                    "max_batch": len(prompts)}})

    def ctx(i: int) -> ToolContext:
        return ToolContext(f"s{i}", "image.generate", "neural", i, work / f"w{i}", config, str(folder))

    def one(i: int) -> None:
        diffusion.text_to_image(ctx(i), prompts[i], width=size, height=size, seed=i)

    one(0)  # load into the pool (and compile) before timing
    one(1)
    runs = []
    for _ in range(repeat):
        threads = [threading.Thread(target=one, args=(i,)) for i in range(len(prompts))]
        start = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        runs.append(time.perf_counter() - start)
    return min(runs)


def matmul_rate(device: str, dtype: Any) -> float:
    """Measured FLOP/s of a large square matmul in `dtype` on the device."""
    n = 8192 if device.startswith("cuda") else 1024
    a = torch.randn(n, n, device=device, dtype=dtype)
    b = torch.randn(n, n, device=device, dtype=dtype)
    for _ in range(2):
        a @ b
    sync(device)
    reps = 20 if device.startswith("cuda") else 5
    start = time.perf_counter()
    for _ in range(reps):
        a @ b
    sync(device)
    return 2 * n ** 3 * reps / (time.perf_counter() - start)


def nominal_rate(device: str) -> float | None:
    if not device.startswith("cuda"):
        return None
    name = torch.cuda.get_device_name()
    found = [v for k, v in NOMINAL_BF16_TFLOPS.items() if k in name]
    return max(found) * 1e12 if found else None


def main() -> None:
    from medialoom.backends.neural.pool import default_dtype, detect_device

    device = detect_device()
    gpu = device.startswith("cuda")
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--tiny", action=argparse.BooleanOptionalAction, default=not gpu)
    p.add_argument("--size", type=int, default=None, help="pixels (512; tiny: 64)")
    p.add_argument("--steps", type=int, default=None, help="denoising steps (25; tiny: 4)")
    p.add_argument("--requests", type=int, default=None, help="concurrent requests (8; tiny: 4)")
    p.add_argument("--compile", action="store_true", help="torch.compile the UNet (GPU)")
    p.add_argument("--repeat", type=int, default=3, help="rounds per side; the best is kept")
    args = p.parse_args()
    size = args.size or (64 if args.tiny else 512)
    steps = args.steps or (4 if args.tiny else 25)
    prompts = [f"a photo of a lighthouse on a cliff, variant {i}" for i in range(args.requests or (4 if args.tiny else 8))]
    dtype = default_dtype(device)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "sd15-random"
        build_sd15(folder, args.tiny)
        base_s, flops = plain(folder, device, torch.float32, prompts, size, steps, args.repeat)
        same_dtype_s = plain(folder, device, dtype, prompts, size, steps, args.repeat)[0] \
            if dtype != torch.float32 else None
        ours_s = served(folder, prompts, size, steps, args.compile, Path(tmp) / "work", args.repeat)
    n = len(prompts)
    print(f"device {device} ({torch.cuda.get_device_name() if gpu else 'CPU'}), "
          f"{'tiny ' if args.tiny else ''}SD-1.5 architecture, {size}x{size}, {steps} steps, CFG 7.5, "
          f"{n} requests, best of {args.repeat}, medialoom dtype {str(dtype).removeprefix('torch.')}"
          f"{', compiled' if args.compile else ''}")
    print(f"FLOPs per image (text encoder + {steps} x 2 UNet passes + VAE decode): {flops / 1e12:.3f} TFLOP")
    print(f"plain diffusers fp32, one call per request : {n / base_s:8.3f} images/s")
    if same_dtype_s is not None:
        print(f"plain diffusers {str(dtype).removeprefix('torch.')}, one call per request: {n / same_dtype_s:8.3f} images/s")
    print(f"medialoom, {n} concurrent requests        : {n / ours_s:8.3f} images/s  "
          f"(x{base_s / ours_s:.2f} the plain fp32 call"
          f"{f', x{same_dtype_s / ours_s:.2f} the plain same-dtype call' if same_dtype_s else ''})")
    measured = matmul_rate(device, dtype)
    floor = flops / measured
    print(f"floor at the measured {str(dtype).removeprefix('torch.')} matmul rate "
          f"({measured / 1e12:.2f} TFLOP/s): {floor * 1e3:.2f} ms/image; medialoom reaches "
          f"{floor / (ours_s / n):.1%} of it, plain fp32 {floor / (base_s / n):.1%}")
    nominal = nominal_rate(device)
    if nominal:
        print(f"share of the nominal bf16 peak ({nominal / 1e12:.0f} TFLOP/s): medialoom "
              f"{flops / nominal / (ours_s / n):.1%}, plain fp32 {flops / nominal / (base_s / n):.1%}")


if __name__ == "__main__":
    main()
