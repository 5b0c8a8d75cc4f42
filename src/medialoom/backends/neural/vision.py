"""Image understanding on transformers: SAM segments from a click or a box, CLIPSeg from words,
BLIP captions.

image.segment picks its model by the prompt: a point or a box goes to SAM (ctx.model, or
`[neural] sam`), words go to CLIPSeg (ctx.model when it is a CLIPSeg folder/id, else
`[neural] clipseg`, default CIDAS/clipseg-rd64-refined). The mask is a PNG, 255 inside.
"""

from __future__ import annotations

from typing import Any

from ...artifacts import Artifact
from ...context import Output, ToolContext
from ...errors import InputError
from .diffusion import load_rgb
from .loading import meta, resolve, tool_setting, transformers_model

CLIPSEG = "CIDAS/clipseg-rd64-refined"
SAM = "facebook/sam-vit-base"


def _to(inputs: Any, device: str, dtype: Any) -> Any:
    """Move a processor's tensors; floating ones take the model's dtype."""
    out = {}
    for key, value in inputs.items():
        if hasattr(value, "to"):
            value = value.to(device)
            value = value.to(dtype) if value.is_floating_point() else value
        out[key] = value
    return out


def _model_type(ctx: ToolContext) -> str:
    if not ctx.model:
        return ""
    try:
        return str(resolve(ctx).config().get("model_type", ""))
    except Exception:  # an unavailable model is reported when it is loaded
        return ""


def _save_mask(ctx: ToolContext, mask: Any, **info: Any) -> Output:
    """mask: bool array H x W."""
    import numpy as np
    from PIL import Image

    path = ctx.out("mask", ".png")
    Image.fromarray(np.where(mask, 255, 0).astype("uint8"), "L").save(path)
    return Output(path, meta={**info, "area": int(mask.sum())})


def segment(ctx: ToolContext, image: Artifact, point: list[float] | None = None,
            box: list[float] | None = None, text: str | None = None) -> Output:
    """image.segment: SAM for a point or a box, CLIPSeg for words."""
    if point is None and box is None and not text:
        raise InputError("image.segment needs a point [x, y], a box [x0, y0, x1, y1] or words")
    source = load_rgb(image)
    if point is None and box is None:
        return _segment_words(ctx, source, str(text))
    kind = _model_type(ctx)
    model = ctx.model if kind in ("sam", "") else tool_setting(ctx, "sam", SAM)
    return _segment_sam(ctx, source, point, box, model)


def _segment_sam(ctx: ToolContext, source: Any, point: list[float] | None, box: list[float] | None,
                 model: str | None) -> Output:
    import torch

    with transformers_model(ctx, "SamModel", "SamProcessor", model) as (resolved, lease):
        net, proc = lease.model.model, lease.model.processor
        kwargs: dict[str, Any] = {}
        if point is not None:
            kwargs.update(input_points=[[[float(v) for v in point[:2]]]], input_labels=[[1]])
        if box is not None:
            kwargs["input_boxes"] = [[[float(v) for v in box[:4]]]]
        inputs = proc(images=source, return_tensors="pt", **kwargs)
        sizes = (inputs.pop("original_sizes"), inputs.pop("reshaped_input_sizes"))
        with lease.lock, torch.inference_mode():
            out = net(**_to(inputs, lease.compute_device, lease.dtype), multimask_output=True)
        best = int(out.iou_scores[0, 0].float().argmax())
        masks = proc.image_processor.post_process_masks(out.pred_masks.float().cpu(), *sizes)
        mask = masks[0][0, best].numpy().astype(bool)
        return _save_mask(ctx, mask, **meta(resolved, lease, method="sam", point=point, box=box,
                                           iou=round(float(out.iou_scores[0, 0, best]), 4)))


def _segment_words(ctx: ToolContext, source: Any, text: str) -> Output:
    import numpy as np
    import torch
    from PIL import Image

    model = ctx.model if _model_type(ctx) == "clipseg" else tool_setting(ctx, "clipseg", CLIPSEG)
    threshold = float(tool_setting(ctx, "threshold", 0.4))
    with transformers_model(ctx, "CLIPSegForImageSegmentation", "CLIPSegProcessor", model) as (resolved, lease):
        net, proc = lease.model.model, lease.model.processor
        inputs = proc(text=[text], images=[source], padding=True, truncation=True, return_tensors="pt")
        with lease.lock, torch.inference_mode():
            logits = net(**_to(inputs, lease.compute_device, lease.dtype)).logits
        prob = torch.sigmoid(logits.float()).reshape(logits.shape[-2:]).cpu().numpy()
        heat = Image.fromarray((prob * 255).astype("uint8"), "L").resize(source.size, Image.BILINEAR)
        mask = np.asarray(heat) >= threshold * 255
        return _save_mask(ctx, mask, **meta(resolved, lease, method="clipseg", text=text,
                                           threshold=threshold))


def caption(ctx: ToolContext, image: Artifact) -> Output:
    """image.caption with BLIP (BlipForConditionalGeneration)."""
    import torch

    source = load_rgb(image)
    with transformers_model(ctx, "BlipForConditionalGeneration", "BlipProcessor") as (resolved, lease):
        net, proc = lease.model.model, lease.model.processor
        inputs = proc(images=source, return_tensors="pt")
        max_tokens = int(tool_setting(ctx, "max_new_tokens", 40))
        with lease.lock, torch.inference_mode():
            ids = net.generate(**_to(inputs, lease.compute_device, lease.dtype), max_new_tokens=max_tokens,
                               min_new_tokens=1, do_sample=False)
        text = proc.decode(ids[0], skip_special_tokens=True).strip()
        path = ctx.out("caption", ".txt")
        path.write_text(text + "\n", encoding="utf-8")
        return Output(path, meta=meta(resolved, lease, tokens=int(ids.shape[-1]), text=text))


CLIP = "openai/clip-vit-base-patch32"


def clip_score(ctx: ToolContext, image: Artifact | Any, text: str, model: str | None = None) -> float:
    """CLIPScore for evaluation: 100 x max(cosine(image, text), 0) with CLIPModel (`model`, else
    `[neural] clip`, default openai/clip-vit-base-patch32). `image` is an Artifact or a path."""
    import torch
    from PIL import Image

    path = getattr(image, "path", image)
    source = Image.open(path).convert("RGB")
    name = model or tool_setting(ctx, "clip", CLIP)
    with transformers_model(ctx, "CLIPModel", "CLIPProcessor", name) as (_, lease):
        net, proc = lease.model.model, lease.model.processor
        inputs = proc(text=[text], images=[source], padding=True, truncation=True, return_tensors="pt")
        with lease.lock, torch.inference_mode():
            out = net(**_to(inputs, lease.compute_device, lease.dtype))
        img = torch.nn.functional.normalize(out.image_embeds.float(), dim=-1)
        txt = torch.nn.functional.normalize(out.text_embeds.float(), dim=-1)
        return round(100.0 * max(float((img * txt).sum()), 0.0), 4)
