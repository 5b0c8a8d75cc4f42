"""Text to motion with a neural model, behind a narrow boundary.

No published text-to-motion checkpoint loads through a kept library today: T2M-GPT
(vumichien/T2M-GPT), MotionGPT (OpenMotionLab; packaged as ZeyuLing/hftrainer-motiongpt-humanml3d)
and MoMask / MDM all need their own research code to decode motion tokens or run their
diffusion. So medialoom names the model and takes a plugin: a Python module, set as
`[neural."motion.generate"] plugin = "package.module"`, with

    text_to_joints(prompt: str, seconds: float, fps: float, seed: int, model: str) -> array (F, 22, 3)

giving HumanML3D joint positions (SMPL order, y up, metres). medialoom turns them into rotations on
its skeleton (offline/motion/joints.py) and saves BVH like the offline backend. Without a plugin
the step ends with one line naming the model and what is missing; nothing is faked.
"""

from __future__ import annotations

import importlib

from ...context import Output, ToolContext
from ...errors import BackendUnavailable, InputError
from ...tools import parse_time
from .loading import tool_setting

DEFAULT_MODEL = "vumichien/T2M-GPT"
FPS = 20.0          # HumanML3D


def generate(ctx: ToolContext, prompt: str, duration: float | str | None = None, seed: int | None = None) -> Output:
    from ..offline.motion import _save
    from ..offline.motion.compose import check_duration
    from ..offline.motion.joints import from_positions

    model = ctx.model or DEFAULT_MODEL
    name = tool_setting(ctx, "plugin", None)
    if not name:
        raise BackendUnavailable(f"text-to-motion model {model} needs its research code (no kept library loads "
                                 f"T2M-GPT, MotionGPT or MoMask); set [neural.\"motion.generate\"] plugin to a "
                                 "module with text_to_joints, or use --backend offline")
    try:
        fn = importlib.import_module(str(name)).text_to_joints
    except (ImportError, AttributeError) as exc:
        raise BackendUnavailable(f"motion plugin {name} cannot be loaded or has no text_to_joints ({exc})") from exc
    try:
        seconds = check_duration(4.0 if duration is None else parse_time(duration))
    except ValueError as exc:
        raise InputError(str(exc)) from exc
    joints = fn(prompt, seconds, FPS, ctx.seed if seed is None else int(seed), model)
    clip = from_positions(joints, FPS)
    return _save(ctx, clip, {"model": model, "plugin": str(name)})
