"""Image backends on diffusers pipelines: text to image, layout (GLIGEN), instruction editing
(InstructPix2Pix), inpainting and the x4 upscaler.

Each entry is written as numbered steps: 1. resolve the model, 2. lease the pipeline from the
pool, 3. prepare inputs, 4. call, 5. write the PNG with what produced it in `meta`.
Steps, guidance, size and dtype default per model family, read from the model's config files
(families.py: sd-turbo, LCM, SDXL-Lightning, FLUX-schnell, FLUX-dev ... each their own) and can
be set in the config: `[neural] steps = 4` or `[neural."image.generate"] guidance = 5.0`. Text
to image batches concurrent compatible requests (`max_batch`, default 8); `compile = true`
compiles the denoiser. Memory: VAE slicing always, VAE tiling for large outputs and video;
edits run at most at `[neural] max_side` (default 1024) pixels a side.
"""

from __future__ import annotations

from contextlib import contextmanager
from functools import lru_cache
from typing import Any, Callable, Iterator

from ...artifacts import Artifact
from ...context import Output, ToolContext
from ...errors import InputError
from .batching import Batcher
from .families import Family, family, local_variant, torch_dtype
from .loading import Resolved, generator, load_error, meta, quiet_loading, resolve, tool_setting
from .pool import LOAD_LOCK, Lease, get_pool

LARGE = 1024 * 1024      # output pixels above which the VAE decodes in tiles


@lru_cache(maxsize=64)
def family_of(resolved: Resolved) -> Family:
    return family(resolved.path, resolved.model)


@contextmanager
def pipeline(ctx: ToolContext, class_name: str,
             build: Callable[[Any, Resolved, Any], Any] | None = None) -> Iterator[tuple[Resolved, Lease]]:
    """Resolve ctx.model and lease it from the pool as diffusers `class_name` (or as what
    `build(cls, resolved, dtype)` makes of it), in its family's dtype."""
    resolved = resolve(ctx)  # first: a missing model is reported without importing diffusers
    with LOAD_LOCK:  # diffusers' lazy imports are not thread-safe
        quiet_loading()
        import diffusers

        cls = getattr(diffusers, class_name)

    compile_unet = bool(tool_setting(ctx, "compile", False))
    pool = get_pool(ctx.config)

    def load(dtype: Any) -> Any:
        quiet_loading()
        variant = local_variant(resolved.path)
        try:
            pipe = build(cls, resolved, dtype) if build else cls.from_pretrained(
                str(resolved.path), dtype=dtype, **({"variant": variant} if variant else {}))
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            raise load_error(resolved, exc) from exc
        pipe.set_progress_bar_config(disable=True)
        try:
            pipe.vae.enable_slicing()      # batches decode one image at a time
        except (AttributeError, NotImplementedError):   # no VAE, or one that decodes in chunks
            pass
        if compile_unet:
            compile_denoiser(pipe)
        return pipe

    dtype = torch_dtype(family_of(resolved), pool.device)
    with pool.use(("diffusers", class_name, str(resolved.path)), load, dtype) as lease:
        yield resolved, lease


def vae_tiling(pipe: Any, on: bool) -> bool:
    """Decode in tiles (large images, video, the upscaler): memory stays flat with the size.
    Returns whether tiling is on; a VAE without tiling (SVD's) decodes in chunks instead."""
    try:
        if on:
            pipe.vae.enable_tiling()
        else:
            pipe.vae.disable_tiling()
    except (AttributeError, NotImplementedError):
        return False
    return on


def capped(ctx: ToolContext, size: tuple[int, int], multiple: int = 8) -> tuple[int, int]:
    """An edit's working size: the picture's, scaled down to `[neural] max_side` (default 1024)."""
    side = int(tool_setting(ctx, "max_side", 1024))
    scale = min(1.0, side / max(size))
    return snap(round(size[0] * scale), multiple, multiple), snap(round(size[1] * scale), multiple, multiple)


def compile_denoiser(pipe: Any) -> None:
    """torch.compile the UNet / transformer (`[neural] compile = true`): slower first call,
    faster steady state on GPUs. Attention already uses PyTorch SDPA (diffusers' default)."""
    import torch

    for name in ("unet", "transformer"):
        net = getattr(pipe, name, None)
        if isinstance(net, torch.nn.Module):
            net.to(memory_format=torch.channels_last)
            setattr(pipe, name, torch.compile(net, fullgraph=False, dynamic=False))


def batcher(lease: Lease, ctx: ToolContext) -> Batcher:
    """The batcher of a loaded pipeline (created on first use; dict.setdefault is atomic, and
    lease.lock is held by running batches, so it is not taken here)."""
    found = lease.state.get("batcher")
    if found is None:
        found = lease.state.setdefault("batcher", Batcher(int(tool_setting(ctx, "max_batch", 8))))
    return found


def is_fast(resolved: Resolved) -> bool:
    """Distilled few-step models (sd-turbo, sdxl-turbo, LCM, Lightning, FLUX-schnell)."""
    return family_of(resolved).name in ("sd-turbo", "sdxl-turbo", "lcm", "lcm-lora", "sdxl-lightning",
                                        "flux-schnell")


def schedule(ctx: ToolContext, resolved: Resolved, steps: int, guidance: float) -> tuple[int, float]:
    """Steps and guidance: the config's, else the model family's (families.py), else the
    caller's defaults (plain SD and SDXL pipelines, and models of no known family)."""
    fam = family_of(resolved)
    if fam.name not in ("sd", "sdxl", "other"):
        steps, guidance = fam.steps, fam.guidance
    return int(tool_setting(ctx, "steps", steps)), float(tool_setting(ctx, "guidance", guidance))


def native_size(pipe: Any) -> int:
    unet = getattr(pipe, "unet", None) or getattr(pipe, "transformer", None)
    sample = getattr(unet.config, "sample_size", 64) if unet is not None else 64
    sample = sample[0] if isinstance(sample, (list, tuple)) else sample
    return int(sample) * int(getattr(pipe, "vae_scale_factor", 8))


def snap(value: int | None, default: int, multiple: int = 8) -> int:
    value = int(value or default)
    return max(multiple, value - value % multiple)


def save(ctx: ToolContext, image: Any, resolved: Resolved, lease: Lease, **extra: Any) -> Output:
    path = ctx.out("image", ".png")
    image.save(path)
    return Output(path, meta=meta(resolved, lease, width=image.width, height=image.height, **extra))


def load_rgb(art: Artifact, size: tuple[int, int] | None = None) -> Any:
    from PIL import Image

    try:
        img = Image.open(art.path).convert("RGB")
    except OSError as exc:
        raise InputError(f"cannot read image {art.path.name}: {exc}") from exc
    return img.resize(size) if size and img.size != size else img


def text_to_image(ctx: ToolContext, prompt: str, negative_prompt: str | None = None,
                  width: int | None = None, height: int | None = None, seed: int | None = None,
                  style: str | None = None) -> Output:
    """image.generate with AutoPipelineForText2Image (SD 1.x/2.x, SDXL, FLUX, turbo ...)."""
    seed = ctx.seed if seed is None else seed
    # 1-2. the model
    with pipeline(ctx, "AutoPipelineForText2Image") as (resolved, lease):
        pipe = lease.model
        steps, guidance = schedule(ctx, resolved, 25, 7.5)
        fam = family_of(resolved)
        size = max(fam.size) if fam.size else native_size(pipe)
        w, h = snap(width, size), snap(height, size)
        text = f"{prompt}, {style} style" if style else prompt
        negative = negative_prompt if negative_prompt and guidance > 1 else None
        # 3-4. call: concurrent compatible requests share one batched call (one call at a time:
        # schedulers keep state); each request keeps its own seeded generator
        common = dict(width=w, height=h, num_inference_steps=steps, guidance_scale=guidance, **fam.call)

        def run(items: list[tuple[str, str | None, int]]) -> list[Any]:
            kwargs: dict[str, Any] = dict(common, prompt=[t for t, _, _ in items],
                                          generator=[generator(s) for _, _, s in items])
            if negative:
                kwargs["negative_prompt"] = [n for _, n, _ in items]
            with lease.lock:
                vae_tiling(pipe, w * h > LARGE)
                return [(image, len(items)) for image in pipe(**kwargs).images]

        group = (w, h, steps, guidance, negative is not None)
        image, batch = batcher(lease, ctx).submit(group, (text, negative, seed), run)
        # 5. write
        return save(ctx, image, resolved, lease, steps=steps, guidance=guidance, seed=seed,
                    prompt=text, negative_prompt=negative_prompt, batch=batch, family=fam.name,
                    vae_tiling=w * h > LARGE)


def layout_boxes(layout: dict[str, Any]) -> tuple[int, int, list[str], list[list[float]]]:
    """Canvas size, phrases and boxes (0-1) from our layout JSON (boxes in pixels)."""
    canvas = layout.get("canvas", layout)
    if isinstance(canvas, (list, tuple)):
        width, height = canvas[0], canvas[1]
    else:
        width, height = canvas.get("width", 512), canvas.get("height", 512)
    phrases, boxes = [], []
    for obj in layout.get("objects", []):
        box = obj.get("box") or obj.get("bbox")
        name = obj.get("name") or obj.get("label") or obj.get("phrase")
        if not box or not name or len(box) != 4:
            continue
        x0, y0, x1, y1 = (float(v) for v in box)
        boxes.append([max(0.0, min(1.0, v)) for v in (x0 / width, y0 / height, x1 / width, y1 / height)])
        colour = obj.get("colour") or obj.get("color")
        phrases.append(f"{colour} {name}" if isinstance(colour, str) and not colour.startswith("#") else name)
    if not boxes:
        raise InputError("the layout has no objects with a name and a box [x0, y0, x1, y1]")
    return int(width), int(height), phrases, boxes


def gligen(ctx: ToolContext, layout: Artifact, prompt: str | None = None) -> Output:
    """image.from_layout with StableDiffusionGLIGENPipeline: one grounded phrase per box."""
    data = layout.read_json()
    width, height, phrases, boxes = layout_boxes(data)
    text = prompt or data.get("prompt") or ", ".join(phrases)
    with pipeline(ctx, "StableDiffusionGLIGENPipeline") as (resolved, lease):
        pipe = lease.model
        steps, guidance = schedule(ctx, resolved, 25, 7.5)
        size = native_size(pipe)
        scale = size / max(width, height)
        w, h = snap(width * scale, size), snap(height * scale, size)
        with lease.lock:
            image = pipe(prompt=text, gligen_phrases=phrases, gligen_boxes=boxes,
                         gligen_scheduled_sampling_beta=1.0, width=w, height=h,
                         num_inference_steps=steps, guidance_scale=guidance,
                         generator=generator(ctx.seed)).images[0]
        if (image.width, image.height) != (width, height):
            image = image.resize((width, height))
        return save(ctx, image, resolved, lease, steps=steps, guidance=guidance, seed=ctx.seed,
                    prompt=text, phrases=phrases, boxes=boxes)


def instruct_pix2pix(ctx: ToolContext, image: Artifact, instruction: str) -> Output:
    """image.edit with StableDiffusionInstructPix2PixPipeline."""
    source = load_rgb(image)
    with pipeline(ctx, "StableDiffusionInstructPix2PixPipeline") as (resolved, lease):
        steps, guidance = schedule(ctx, resolved, 20, 7.5)
        image_guidance = float(tool_setting(ctx, "image_guidance", 1.5))
        w, h = capped(ctx, source.size)
        with lease.lock:
            vae_tiling(lease.model, w * h > LARGE)
            out = lease.model(prompt=instruction, image=source.resize((w, h)), num_inference_steps=steps,
                              guidance_scale=guidance, image_guidance_scale=image_guidance,
                              generator=generator(ctx.seed)).images[0]
        out = out.resize(source.size) if out.size != source.size else out
        return save(ctx, out, resolved, lease, steps=steps, guidance=guidance, seed=ctx.seed,
                    image_guidance=image_guidance, instruction=instruction)


def inpaint(ctx: ToolContext, image: Artifact, mask: Artifact, prompt: str | None = None) -> Output:
    """image.inpaint with AutoPipelineForInpainting; no prompt means remove (fill background)."""
    from PIL import Image

    source = load_rgb(image)
    try:
        region = Image.open(mask.path).convert("L").resize(source.size)
    except OSError as exc:
        raise InputError(f"cannot read mask {mask.path.name}: {exc}") from exc
    text = prompt or "empty background, seamless, nothing there"
    with pipeline(ctx, "AutoPipelineForInpainting") as (resolved, lease):
        steps, guidance = schedule(ctx, resolved, 25, 7.5)
        w, h = capped(ctx, source.size)
        with lease.lock:
            vae_tiling(lease.model, w * h > LARGE)
            out = lease.model(prompt=text, image=source.resize((w, h)), mask_image=region.resize((w, h)),
                              width=w, height=h, num_inference_steps=steps, guidance_scale=guidance,
                              strength=1.0, generator=generator(ctx.seed)).images[0]
        out = out.resize(source.size) if out.size != source.size else out
        keep = Image.eval(region, lambda v: 255 if v >= 128 else 0)
        out = Image.composite(out, source, keep)  # pixels outside the mask stay exactly as they were
        return save(ctx, out, resolved, lease, steps=steps, guidance=guidance, seed=ctx.seed,
                    prompt=prompt)


def upscale(ctx: ToolContext, image: Artifact, scale: float | None = None) -> Output:
    """image.upscale with the SD x4 upscaler, then resized to the asked scale. The upscaler always
    makes 4x its input: it is fed a quarter of the target (never more than the source), capped
    at `[neural] max_side` / 4 (default 2048 / 4), and decodes in VAE tiles."""
    from PIL import Image

    factor = float(scale or 4)
    source = load_rgb(image)
    target = (round(source.width * factor), round(source.height * factor))
    with pipeline(ctx, "StableDiffusionUpscalePipeline") as (resolved, lease):
        steps, guidance = schedule(ctx, resolved, 20, 9.0)
        noise = int(tool_setting(ctx, "noise_level", 20))
        side = int(tool_setting(ctx, "max_side", 2048)) / 4
        shrink = min(1.0, factor / 4, side / max(source.size))
        w, h = snap(round(source.width * shrink), 8), snap(round(source.height * shrink), 8)
        with lease.lock:
            vae_tiling(lease.model, True)
            out = lease.model(prompt="high quality, detailed", image=source.resize((w, h)),
                              num_inference_steps=steps, guidance_scale=guidance, noise_level=noise,
                              generator=generator(ctx.seed)).images[0]
        decoded = out.size
        out = out.resize(target, Image.LANCZOS) if out.size != target else out
        return save(ctx, out, resolved, lease, steps=steps, guidance=guidance, seed=ctx.seed,
                    scale=factor, noise_level=noise, decoded=list(decoded))
