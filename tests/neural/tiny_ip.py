"""A tiny random IP-Adapter laid out as h94/IP-Adapter is (models/image_encoder/ and
models/ip-adapter_sd15.safetensors), matching tests/neural/tiny.py's SD UNet (cross-attention
width 32): the diffusers test-suite's create_ip_adapter_state_dict, saved to a folder."""

from __future__ import annotations

from pathlib import Path

import torch

WEIGHT = "ip-adapter_sd15.safetensors"


def _attn_weights(unet) -> dict[str, torch.Tensor]:
    from diffusers.models.attention_processor import IPAdapterAttnProcessor

    out, key_id = {}, 1
    blocks = unet.config.block_out_channels
    for name in unet.attn_processors:
        cross = None if name.endswith("attn1.processor") else unet.config.cross_attention_dim
        if name.startswith("mid_block"):
            hidden = blocks[-1]
        elif name.startswith("up_blocks"):
            hidden = list(reversed(blocks))[int(name[len("up_blocks.")])]
        else:
            hidden = blocks[int(name[len("down_blocks.")])]
        if cross is not None:
            sd = IPAdapterAttnProcessor(hidden_size=hidden, cross_attention_dim=cross, scale=1.0).state_dict()
            out[f"{key_id}.to_k_ip.weight"] = sd["to_k_ip.0.weight"] * 4.0   # strong, so the image shows
            out[f"{key_id}.to_v_ip.weight"] = sd["to_v_ip.0.weight"] * 4.0
            key_id += 2
    return out


def ip_adapter(folder: Path, sd_folder: Path) -> Path:
    from diffusers import UNet2DConditionModel
    from diffusers.models.embeddings import ImageProjection
    from safetensors.torch import save_file
    from transformers import CLIPVisionConfig, CLIPVisionModelWithProjection

    torch.manual_seed(1)
    unet = UNet2DConditionModel.from_pretrained(sd_folder / "unet")
    dim = unet.config.cross_attention_dim
    proj = ImageProjection(cross_attention_dim=dim, image_embed_dim=dim, num_image_text_embeds=4).state_dict()
    tensors = {"image_proj.proj.weight": proj["image_embeds.weight"], "image_proj.proj.bias": proj["image_embeds.bias"],
               "image_proj.norm.weight": proj["norm.weight"], "image_proj.norm.bias": proj["norm.bias"]}
    tensors.update({f"ip_adapter.{k}": v for k, v in _attn_weights(unet).items()})
    models = folder / "models"
    models.mkdir(parents=True, exist_ok=True)
    save_file({k: v.contiguous() for k, v in tensors.items()}, str(models / WEIGHT))
    vision = CLIPVisionConfig(hidden_size=32, intermediate_size=37, num_attention_heads=4, num_hidden_layers=1,
                              image_size=32, patch_size=8, projection_dim=dim)
    CLIPVisionModelWithProjection(vision).save_pretrained(models / "image_encoder")
    return folder
