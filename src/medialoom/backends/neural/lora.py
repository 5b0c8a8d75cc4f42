"""DreamBooth-LoRA on a concept's 3-5 photos (the loop of diffusers' train_dreambooth_lora.py,
shortened): LoRA layers (peft) on the UNet's attention projections, trained to denoise the
photos under the prompt "a photo of sks <noun>"; the adapter is saved as diffusers LoRA
weights (one .safetensors file) that `load_lora_weights` reads back.

    1. load the pipeline's parts; freeze the VAE, text encoder and UNet
    2. add LoRA adapters (rank r) to to_q/to_k/to_v/to_out.0
    3. encode the photos once to latents (random flips as the only augmentation)
    4. steps: noise at a random timestep, predict it, MSE, AdamW
    5. save the LoRA layers
A few hundred steps at 512 px take minutes on a GPU; tests train a tiny random UNet for a few
steps on the CPU.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Sequence

from ...config import Config
from ...errors import BackendUnavailable, InputError

TOKEN = "sks"
WEIGHT_NAME = "pytorch_lora_weights.safetensors"


@dataclass(frozen=True)
class TrainSettings:
    steps: int = 300
    rank: int = 4
    resolution: int = 512
    learning_rate: float = 1e-4
    seed: int = 0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def instance_prompt(noun: str) -> str:
    return f"a photo of {TOKEN} {noun}"


def _peft() -> Any:
    try:
        import peft
    except ImportError as exc:
        raise BackendUnavailable("LoRA training needs Python package peft: pip install 'medialoom[neural]'") from exc
    return peft


def _pixels(photos: Sequence[Path], size: int) -> Any:
    import numpy as np
    import torch
    from PIL import Image, ImageOps

    batch = []
    for p in photos:
        try:
            img = ImageOps.fit(Image.open(p).convert("RGB"), (size, size), Image.Resampling.LANCZOS)
        except OSError as exc:
            raise InputError(f"cannot read {Path(p).name} ({exc}); give image files") from exc
        batch.append(np.asarray(img, np.float32) / 127.5 - 1.0)
    return torch.from_numpy(np.stack(batch)).permute(0, 3, 1, 2)


def train_lora(pipe: Any, photos: Sequence[Path], noun: str, settings: TrainSettings, out_dir: Path,
               device: str = "cpu") -> Path:
    """Train LoRA layers on `pipe.unet` and save them to out_dir/pytorch_lora_weights.safetensors.
    The pipeline's own weights are not changed (the adapter is removed afterwards)."""
    import torch
    import torch.nn.functional as F
    from diffusers import DDPMScheduler
    from diffusers.utils import convert_state_dict_to_diffusers

    peft = _peft()
    if not photos:
        raise InputError("LoRA training needs at least one photo of the subject")
    torch.manual_seed(settings.seed)
    unet, vae, text_encoder = pipe.unet, pipe.vae, pipe.text_encoder
    # 1-2. frozen parts, LoRA layers
    for part in (unet, vae, text_encoder):
        part.requires_grad_(False)
    unet.add_adapter(peft.LoraConfig(r=settings.rank, lora_alpha=settings.rank, init_lora_weights="gaussian",
                                     target_modules=["to_k", "to_q", "to_v", "to_out.0"]), adapter_name="concept")
    params = [p for p in unet.parameters() if p.requires_grad]
    for p in params:
        p.data = p.data.float()
    optimiser = torch.optim.AdamW(params, lr=settings.learning_rate)
    noise_scheduler = DDPMScheduler.from_config(pipe.scheduler.config)
    # 3. latents and the prompt, once
    scale = float(getattr(vae.config, "scaling_factor", 0.18215))
    with torch.no_grad():
        pixels = _pixels(photos, settings.resolution).to(device, vae.dtype)
        latents = vae.encode(pixels).latent_dist.sample() * scale
        flipped = vae.encode(pixels.flip(-1)).latent_dist.sample() * scale
        ids = pipe.tokenizer(instance_prompt(noun), padding="max_length", truncation=True,
                             max_length=pipe.tokenizer.model_max_length, return_tensors="pt").input_ids.to(device)
        hidden = text_encoder(ids)[0]
    # 4. the loop
    unet.train()
    losses = []
    for step in range(settings.steps):
        pick = torch.randint(0, latents.shape[0], (1,))
        x0 = (flipped if step % 2 else latents)[pick].float()
        noise = torch.randn_like(x0)
        t = torch.randint(0, noise_scheduler.config.num_train_timesteps, (1,), device=device).long()
        noisy = noise_scheduler.add_noise(x0, noise, t)
        target = noise if noise_scheduler.config.prediction_type == "epsilon" \
            else noise_scheduler.get_velocity(x0, noise, t)
        pred = unet(noisy.to(unet.dtype), t, hidden.to(unet.dtype)).sample
        loss = F.mse_loss(pred.float(), target.float())
        loss.backward()
        optimiser.step()
        optimiser.zero_grad(set_to_none=True)
        losses.append(loss.detach().item())
    unet.eval()
    # 5. save
    from peft.utils import get_peft_model_state_dict

    layers = convert_state_dict_to_diffusers(get_peft_model_state_dict(unet, adapter_name="concept"))
    out_dir.mkdir(parents=True, exist_ok=True)
    type(pipe).save_lora_weights(str(out_dir), unet_lora_layers=layers, safe_serialization=True)
    unet.unload_lora()   # the base weights, as they were
    (out_dir / "losses.txt").write_text("\n".join(f"{v:.6f}" for v in losses), encoding="utf-8")
    return out_dir / WEIGHT_NAME


def train_concept(config: Config, model: str, photos: Sequence[Path], noun: str, settings: TrainSettings,
                  work: Path) -> Path:
    """Load the model (a local folder or a hub id in the cache) and train; returns the file."""
    import torch

    from ...context import ToolContext
    from .loading import load_error, quiet_loading, resolve
    from .pool import detect_device

    ctx = ToolContext("train", "image.customize", "neural", settings.seed, work, config, model)
    resolved = resolve(ctx)
    quiet_loading()
    from diffusers import StableDiffusionPipeline

    device = detect_device()
    try:
        pipe = StableDiffusionPipeline.from_pretrained(str(resolved.path), dtype=torch.float32)
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise load_error(resolved, exc) from exc
    pipe.to(device)
    return train_lora(pipe, photos, noun, settings, work / "adapter", device)
