"""Music and sound: MusicGen (transformers) composes, AudioLDM2 (diffusers) makes sound effects
and ambiences. Both write 16-bit WAV at the model's sample rate, exactly `duration` long.
MusicGen makes audio only: the catalogue's optional `midi` output comes from the offline backend.
"""

from __future__ import annotations

import math
from typing import Any

from ...context import Output, ToolContext
from ...errors import BackendUnavailable, InputError
from ...tools import parse_time
from .diffusion import pipeline, schedule
from .loading import generator, meta, tool_setting, transformers_model


def _seconds(duration: Any, default: float) -> float:
    seconds = parse_time(duration) if duration is not None else default
    if seconds <= 0:
        raise InputError(f"duration must be positive, not {duration!r}")
    return float(seconds)


def _write(ctx: ToolContext, name: str, samples: Any, rate: int) -> Any:
    import numpy as np
    import soundfile as sf

    path = ctx.out(name, ".wav")
    sf.write(path, np.clip(samples, -1.0, 1.0), rate, subtype="PCM_16")
    return path


def music(ctx: ToolContext, prompt: str, duration: Any = None, tempo: float | None = None,
          key: str | None = None, seed: int | None = None, melody: Any = None) -> Output:
    """audio.music with MusicgenForConditionalGeneration (sampled, seeded)."""
    if melody is not None:
        raise BackendUnavailable("musicgen-small does not take a melody; arrange one with --backend offline "
                                 "(Basic Pitch finds its notes, the arranger writes chords under them)")
    import torch

    seconds = _seconds(duration, 10.0)
    seed = ctx.seed if seed is None else seed
    text = ", ".join([prompt] + ([f"{tempo:g} bpm"] if tempo else []) + ([f"in {key}"] if key else []))
    with transformers_model(ctx, "MusicgenForConditionalGeneration", "AutoProcessor") as (resolved, lease):
        net, proc = lease.model.model, lease.model.processor
        codec = net.config.audio_encoder
        rate = int(codec.sampling_rate)
        frame_rate = getattr(codec, "frame_rate", None) or math.ceil(rate / math.prod(codec.upsampling_ratios))
        # The delay pattern shifts codebook k by k steps: N whole frames take N + K - 1 steps.
        codebooks = int(net.config.decoder.num_codebooks)
        tokens = math.ceil(seconds * frame_rate) + codebooks - 1
        capacity = int(net.config.decoder.max_position_embeddings) - codebooks
        if tokens > capacity:
            raise InputError(f"{resolved.model} makes at most {capacity / frame_rate:.0f} s of music; "
                             f"ask for less and join pieces with audio.concat")
        guidance = float(tool_setting(ctx, "guidance", 3.0))
        inputs = proc(text=[text], padding=True, return_tensors="pt")
        with lease.lock, torch.inference_mode(), torch.random.fork_rng(devices=[]):
            torch.manual_seed(seed)
            if torch.cuda.is_available():
                torch.cuda.manual_seed_all(seed)
            values = net.generate(**{k: v.to(lease.compute_device) for k, v in inputs.items()},
                                  max_new_tokens=tokens, do_sample=True, guidance_scale=guidance)
        samples = values[0, 0].float().cpu().numpy()[: round(seconds * rate)]
        path = _write(ctx, "music", samples, rate)
        return Output(path, meta=meta(resolved, lease, seed=seed, guidance=guidance, tokens=tokens,
                                      sample_rate=rate, prompt=text, duration=round(len(samples) / rate, 4)))


def _language_model_steps(pipe: Any, inputs_embeds: Any, max_new_tokens: int | None = None,
                          **model_kwargs: Any) -> Any:
    """AudioLDM2's GPT-2 continuation of the prompt embedding, without transformers'
    generation internals (GPT2Model lost `_update_model_kwargs_for_generation` in transformers 5):
    the whole sequence is run each step, which gives the same hidden states as a KV cache."""
    import torch

    steps = max_new_tokens or pipe.language_model.config.max_new_tokens
    mask = model_kwargs.get("attention_mask")
    for _ in range(steps):
        out = pipe.language_model(inputs_embeds=inputs_embeds, attention_mask=mask,
                                  output_hidden_states=True, return_dict=True)
        inputs_embeds = torch.cat([inputs_embeds, out.hidden_states[-1][:, -1:, :]], dim=1)
        if mask is not None:
            mask = torch.cat([mask, mask.new_ones((mask.shape[0], 1))], dim=1)
    return inputs_embeds[:, -steps:, :]


def sound(ctx: ToolContext, prompt: str, duration: Any = None, seed: int | None = None) -> Output:
    """audio.sound with AudioLDM2Pipeline."""
    from functools import partial

    seconds = _seconds(duration, 5.0)
    seed = ctx.seed if seed is None else seed
    with pipeline(ctx, "AudioLDM2Pipeline") as (resolved, lease):
        pipe = lease.model
        if not hasattr(pipe.language_model, "_update_model_kwargs_for_generation"):
            pipe.generate_language_model = partial(_language_model_steps, pipe)
        steps, guidance = schedule(ctx, resolved, 100, 3.5)
        with lease.lock:
            audios = pipe(prompt=prompt, negative_prompt="low quality, noise", audio_length_in_s=seconds,
                          num_inference_steps=steps, guidance_scale=guidance,
                          generator=generator(seed)).audios
        rate = int(pipe.vocoder.config.sampling_rate)
        samples = audios[0][: round(seconds * rate)]
        if len(samples) < round(seconds * rate) * 0.98:
            raise InputError(f"{resolved.model} cannot make {seconds:g} s of sound (got "
                             f"{len(samples) / rate:.2f} s); ask for a longer sound")
        path = _write(ctx, "sound", samples, rate)
        return Output(path, meta=meta(resolved, lease, seed=seed, steps=steps, guidance=guidance,
                                      sample_rate=rate, prompt=prompt,
                                      duration=round(len(samples) / rate, 4)))
