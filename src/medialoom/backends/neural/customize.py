"""image.customize on diffusers: the user's subject in a new scene, with no fine-tuning through
IP-Adapter (the photos' CLIP image embeddings steer the cross-attention), and with a
DreamBooth-LoRA adapter trained on the photos when one is given (`lora`, see lora.py and
`medialoom concept train`).

    1. the photos and the likeness rules (safety/likeness.py)
    2. lease Stable Diffusion with the IP-Adapter loaded (one pool entry per base + adapter)
    3. the prompt: the concept's name said as "sks <noun>" when a LoRA is used
    4. call under the lease's lock; a LoRA is loaded for the call and unloaded after it
    5. write the PNG with what produced it

Settings (`[neural."image.customize"]`): ip_adapter (default h94/IP-Adapter, or a folder),
ip_adapter_subfolder (models), ip_adapter_weight (ip-adapter_sd15.bin), ip_scale (0.6),
lora_scale (1.0), steps, guidance.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Sequence

from ...artifacts import Artifact
from ...context import Output, ToolContext
from ...errors import InputError
from .diffusion import load_rgb, native_size, save, schedule, snap
from .loading import generator, load_error, quiet_loading, resolve, tool_setting
from .pool import LOAD_LOCK, get_pool

IP_ADAPTER = "h94/IP-Adapter"
MAX_PHOTOS = 5


def _adapter(ctx: ToolContext) -> tuple[Any, str, str]:
    folder = resolve(ctx, str(tool_setting(ctx, "ip_adapter", IP_ADAPTER)))
    return folder, str(tool_setting(ctx, "ip_adapter_subfolder", "models")), \
        str(tool_setting(ctx, "ip_adapter_weight", "ip-adapter_sd15.bin"))


def split_name(name: str | None) -> tuple[str | None, str | None]:
    """'my dog Rex' -> ('Rex', 'dog'); 'Rex' -> ('Rex', None)."""
    words = [w for w in re.findall(r"[\w'-]+", name or "") if w.lower() not in ("my", "our", "the", "a", "an")]
    if not words:
        return None, None
    return words[-1], " ".join(words[:-1]) or None


def _prompt(prompt: str, name: str | None, with_lora: bool) -> str:
    """'Rex on the beach' with name 'my dog Rex' -> 'a sks dog on the beach' (LoRA) or 'a dog ...'."""
    label, noun = split_name(name)
    if label is None:
        return prompt
    noun = noun or "subject"
    said = f"sks {noun}" if with_lora else noun
    text = re.sub(rf"(?<![\w-]){re.escape(label)}(?![\w-])", said, prompt, flags=re.I)
    if with_lora and "sks" not in text:
        text = f"a photo of sks {noun}, {text}"
    return text


def customize(ctx: ToolContext, images: Sequence[Artifact], prompt: str, name: str | None = None,
              box: Sequence[float] | None = None, mask: Artifact | None = None, consent: bool | None = None,
              lora: str | None = None, width: int | None = None, height: int | None = None,
              seed: int | None = None) -> Output:
    from ...safety.likeness import screen_photos

    seed = ctx.seed if seed is None else seed
    # 1. photos and the rules
    images = [images] if isinstance(images, Artifact) else list(images or [])
    if not 1 <= len(images) <= MAX_PHOTOS:
        raise InputError(f"image.customize takes 1 to {MAX_PHOTOS} photos of one subject, got {len(images)}")
    photos = [load_rgb(a) for a in images]
    if mask is not None:   # the subject alone, on white, is what the image encoder should see
        from PIL import Image

        keep = Image.open(mask.path).convert("L").resize(photos[0].size)
        photos[0] = Image.composite(photos[0], Image.new("RGB", photos[0].size, "white"), keep)
    if box is not None:
        photos[0] = photos[0].crop(tuple(int(v) for v in box))
    names = [Path(str(a.meta.get("source") or a.path)).name for a in images]
    likeness = screen_photos(photos, names, f"{prompt} {name or ''}", bool(consent), ctx.config)
    lora_file = Path(lora).expanduser() if lora else None
    if lora_file is not None and not lora_file.is_file():
        raise InputError(f"the LoRA adapter {lora} does not exist; train one with medialoom concept train NAME")
    # 2. the pipeline with its IP-Adapter
    base = resolve(ctx)
    adapter, subfolder, weight = _adapter(ctx)
    with LOAD_LOCK:
        quiet_loading()
        from diffusers import StableDiffusionPipeline

    def load(dtype: Any) -> Any:
        quiet_loading()
        try:
            pipe = StableDiffusionPipeline.from_pretrained(str(base.path), dtype=dtype)
            pipe.load_ip_adapter(str(adapter.path), subfolder=subfolder, weight_name=weight)
        except (OSError, ValueError, KeyError, TypeError, AttributeError, RuntimeError) as exc:
            raise load_error(adapter if "ip" in str(exc).lower() or "image_encoder" in str(exc) else base, exc) from exc
        pipe.set_progress_bar_config(disable=True)
        return pipe

    key = ("diffusers", "customize", str(base.path), str(adapter.path), subfolder, weight)
    with get_pool(ctx.config).use(key, load) as lease:
        pipe = lease.model
        steps, guidance = schedule(ctx, base, 30, 7.5)
        size = native_size(pipe)
        w, h = snap(width, size), snap(height, size)
        ip_scale, lora_scale = float(tool_setting(ctx, "ip_scale", 0.6)), float(tool_setting(ctx, "lora_scale", 1.0))
        # 3. the words
        text = _prompt(prompt, name, lora_file is not None)
        # 4. call
        with lease.lock:
            pipe.set_ip_adapter_scale(ip_scale)
            if lora_file is not None:
                try:
                    pipe.load_lora_weights(str(lora_file.parent), weight_name=lora_file.name, adapter_name="concept")
                except (OSError, ValueError, KeyError, RuntimeError) as exc:
                    raise InputError(f"cannot load the LoRA adapter {lora_file.name} into this model "
                                     f"({str(exc).splitlines()[0][:120]}); train it on the same base model") from exc
                pipe.set_adapters(["concept"], adapter_weights=[lora_scale])
            try:
                image = pipe(prompt=text, ip_adapter_image=[photos], width=w, height=h, num_inference_steps=steps,
                             guidance_scale=guidance, generator=generator(seed)).images[0]
            finally:
                if lora_file is not None:
                    pipe.unload_lora_weights()
        # 5. write
        return save(ctx, image, base, lease, steps=steps, guidance=guidance, seed=seed, prompt=text,
                    ip_adapter=adapter.model, ip_scale=ip_scale, photos=[a.sha256 for a in images],
                    lora=str(lora_file) if lora_file else None, lora_scale=lora_scale if lora_file else None,
                    method="ip-adapter + lora" if lora_file else "ip-adapter", likeness=likeness,
                    concept=split_name(name)[0], noun=split_name(name)[1])
