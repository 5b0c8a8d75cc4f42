"""Video on diffusers: text to video (CogVideoX, AnimateDiff or any text-to-video pipeline the
model folder names) and image to video (Stable Video Diffusion). Written as H.264 MP4 with PyAV.

A model makes a fixed number of frames at most (CogVideoX 49, AnimateDiff its motion window,
SVD 14 or 25). CogVideoX always draws its trained 49 frames at its trained 720x480 (fewer or
other sizes fall apart); the others draw as many as asked, up to their window. The clip is then
retimed to exactly `duration` seconds at `fps`; `meta["generated_frames"]` says how many the
model drew. SVD works at its trained 1024x576 (or 576x1024 for an upright picture). AnimateDiff
comes as a full pipeline folder or as a hub MotionAdapter (guoyww/animatediff-motion-adapter-*),
which is put on `[neural."video.generate"] base_model` (default emilianJR/epiCRealism). The VAE
decodes in tiles (CogVideoX, AnimateDiff) or chunks (SVD), so memory stays flat with length.
"""

from __future__ import annotations

import math
from fractions import Fraction
from pathlib import Path
from typing import Any

from ...artifacts import Artifact
from ...context import Output, ToolContext
from ...errors import InputError
from ...tools import parse_time
from .diffusion import family_of, load_rgb, native_size, pipeline, schedule, snap, vae_tiling
from .families import svd_size
from .loading import Resolved, generator, load_error, meta, resolve, tool_setting

BASE_MODEL = "emilianJR/epiCRealism"     # diffusers' AnimateDiff example base


def write_mp4(path: Path, frames: Any, fps: int) -> None:
    """frames: uint8 array N x H x W x 3 (odd sizes are cropped to even for yuv420p)."""
    import av

    count, height, width = frames.shape[:3]
    height, width = height - height % 2, width - width % 2
    with av.open(str(path), "w") as container:
        stream = container.add_stream("libx264", rate=Fraction(int(fps), 1))
        stream.width, stream.height, stream.pix_fmt = width, height, "yuv420p"
        stream.options = {"crf": "18"}
        for frame in frames:
            stream_frame = av.VideoFrame.from_ndarray(frame[:height, :width].copy(), format="rgb24")
            for packet in stream.encode(stream_frame):
                container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)


def to_uint8(frames: Any) -> Any:
    """Pipeline frames (N x H x W x 3 floats in 0-1, a tensor, or PIL images) to uint8."""
    import numpy as np

    if isinstance(frames, list):
        return np.stack([np.asarray(f.convert("RGB")) for f in frames])
    if hasattr(frames, "cpu"):
        frames = frames.float().cpu().numpy()
    frames = np.asarray(frames)
    if frames.dtype != np.uint8:
        frames = (np.clip(frames, 0.0, 1.0) * 255).round().astype(np.uint8)
    return frames


def retime(frames: Any, count: int) -> Any:
    """`count` frames spread evenly over the generated ones (nearest frame)."""
    import numpy as np

    index = np.minimum((np.arange(count) * len(frames) / count).astype(int), len(frames) - 1)
    return frames[index]


def _clip(ctx: ToolContext, frames: Any, fps: int, seconds: float) -> Path:
    path = ctx.out("video", ".mp4")
    write_mp4(path, retime(to_uint8(frames), max(1, round(seconds * fps))), fps)
    return path


def _frame_budget(pipe: Any, wanted: int) -> int:
    """Frames to ask the pipeline for: at most its window, in its 4k+1 grid for CogVideoX."""
    name = type(pipe).__name__
    if "CogVideoX" in name:     # its trained count, in its 4k+1 grid: the clip is retimed after
        cap = int(getattr(pipe.transformer.config, "sample_frames", 49))
        return (cap - 1) // 4 * 4 + 1
    unet = getattr(pipe, "unet", None)
    cap = int(getattr(unet.config, "motion_max_seq_length", 0) or getattr(unet.config, "num_frames", 0) or 16) \
        if unet is not None else 16
    return max(2, min(wanted, cap))


def _text_video_size(pipe: Any, width: int | None, height: int | None) -> tuple[int, int]:
    transformer = getattr(pipe, "transformer", None)
    if transformer is not None and hasattr(transformer.config, "sample_width"):
        scale = int(getattr(pipe, "vae_scale_factor_spatial", 8))
        w0, h0 = transformer.config.sample_width * scale, transformer.config.sample_height * scale
        return snap(width, w0, 16), snap(height, h0, 16)
    size = native_size(pipe)
    return snap(width, size), snap(height, size)


def text_to_video(ctx: ToolContext, prompt: str, duration: Any = None, fps: int | None = None,
                  width: int | None = None, height: int | None = None, seed: int | None = None) -> Output:
    """video.generate with the pipeline the model folder names (CogVideoX, AnimateDiff ...)."""
    seconds = float(parse_time(duration)) if duration is not None else 2.0
    if seconds <= 0:
        raise InputError(f"duration must be positive, not {duration!r}")
    rate = int(fps or 8)
    seed = ctx.seed if seed is None else seed
    build = _on_base_model(ctx) if _is_motion_adapter(ctx) else None
    with pipeline(ctx, "DiffusionPipeline", build) as (resolved, lease):
        pipe = lease.model
        steps, guidance = schedule(ctx, resolved, 50, 6.0 if "CogVideoX" in type(pipe).__name__ else 7.5)
        frames = _frame_budget(pipe, math.ceil(seconds * rate))
        w, h = _text_video_size(pipe, width, height)
        extra: dict[str, Any] = {}
        text_len = getattr(getattr(pipe, "transformer", None), "config", None)
        if text_len is not None and hasattr(text_len, "max_text_seq_length"):
            extra["max_sequence_length"] = int(text_len.max_text_seq_length)  # CogVideoX: 226
        with lease.lock:
            tiled = vae_tiling(pipe, True)
            out = pipe(prompt=prompt, num_frames=frames, width=w, height=h, num_inference_steps=steps,
                       guidance_scale=guidance, generator=generator(seed), output_type="np",
                       **extra).frames[0]
        path = _clip(ctx, out, rate, seconds)
        return Output(path, meta=meta(resolved, lease, pipeline=type(pipe).__name__, seed=seed, steps=steps,
                                      guidance=guidance, width=w - w % 2, height=h - h % 2, fps=rate,
                                      duration=seconds, generated_frames=len(out), prompt=prompt,
                                      family=family_of(resolved).name, vae_tiling=tiled))


def _is_motion_adapter(ctx: ToolContext) -> bool:
    from .families import configs

    return configs(resolve(ctx).path)[0].get("_class_name") == "MotionAdapter"


def _on_base_model(ctx: ToolContext) -> Any:
    """A loader that puts a MotionAdapter folder on a Stable Diffusion 1.5 base model."""
    base = resolve(ctx, str(tool_setting(ctx, "base_model", BASE_MODEL)))

    def build(cls: Any, adapter: Resolved, dtype: Any) -> Any:
        from diffusers import AnimateDiffPipeline, DDIMScheduler, MotionAdapter

        try:
            motion = MotionAdapter.from_pretrained(str(adapter.path), dtype=dtype)
            pipe = AnimateDiffPipeline.from_pretrained(str(base.path), motion_adapter=motion, dtype=dtype)
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            raise load_error(base, exc) from exc
        pipe.scheduler = DDIMScheduler.from_config(pipe.scheduler.config, clip_sample=False, beta_schedule="linear",
                                                   timestep_spacing="linspace", steps_offset=1)
        return pipe

    return build


MOTION = {"still": 20, "slow": 60, "gentle": 60, "calm": 60, "fast": 200, "lots": 200, "dynamic": 200}


def _motion_bucket(motion: str | None) -> int:
    words = (motion or "").lower().split()
    return next((MOTION[w] for w in words if w in MOTION), 127)


def image_to_video(ctx: ToolContext, image: Artifact, motion: str | None = None,
                   duration: Any = None) -> Output:
    """video.animate with StableVideoDiffusionPipeline (motion words set the motion bucket)."""
    seconds = float(parse_time(duration)) if duration is not None else 2.0
    if seconds <= 0:
        raise InputError(f"duration must be positive, not {duration!r}")
    source = load_rgb(image)
    rate = int(tool_setting(ctx, "fps", 7))
    with pipeline(ctx, "StableVideoDiffusionPipeline") as (resolved, lease):
        pipe = lease.model
        steps, guidance = schedule(ctx, resolved, 25, 3.0)  # SVD's max guidance (1.0 at frame 0)
        frames = _frame_budget(pipe, math.ceil(seconds * rate))
        w, h = svd_size(native_size(pipe), source.width, source.height)
        bucket = _motion_bucket(motion)
        with lease.lock:
            out = pipe(source.resize((w, h)), width=w, height=h, num_frames=frames, num_inference_steps=steps,
                       fps=rate, motion_bucket_id=bucket, decode_chunk_size=8, max_guidance_scale=guidance,
                       generator=generator(ctx.seed),
                       output_type="np").frames[0]
        path = _clip(ctx, out, rate, seconds)
        return Output(path, meta=meta(resolved, lease, seed=ctx.seed, steps=steps, guidance=guidance,
                                      width=w, height=h, fps=rate,
                                      duration=seconds, generated_frames=len(out), motion=motion,
                                      motion_bucket=bucket))
