"""Offline human motion: words -> actions -> a solved skeleton motion -> BVH; edits on poses;
a mannequin (or a rigged model) filmed by a following camera; animated glTF.

    words.py       prompt -> Actions ("walk, then turn left, then wave with the left hand")
    actions.py     the parametric action library;  locomotion.py: stepping, gait from speed
    timeline.py    what actions write;  compose.py: lays actions out in time
    solve.py       timeline -> joint rotations (root height from leg reach, foot-locking, leg IK)
    skeleton.py    the humanoid, joint ranges, forward kinematics;  clip.py: Motion + measures
    bvh.py         BVH through bvhio;  edit_words.py + edits.py: motion.edit
    rig.py         mannequin capsules and automatic skin weights for a mesh
    film.py        motion.render (pyrender, camera following the body);  gltf.py: motion.to_mesh

The functions below are the catalogue's entry points for motion.generate, motion.edit,
motion.render and motion.to_mesh.
"""

from __future__ import annotations

from ....artifacts import Artifact
from ....context import Output, ToolContext
from ....errors import InputError
from ....tools import parse_time

DEFAULT_RENDER_SIZE = 384


def generate(ctx: ToolContext, prompt: str, duration: float | str | None = None, seed: int | None = None) -> Output:
    """Text -> actions -> BVH; the action program goes into the artifact's meta for edits."""
    from .compose import check_duration, compose
    from .words import parse

    seconds = None if duration is None else check_duration(_seconds(duration))
    actions = parse(prompt)
    motion = compose(actions, seconds, ctx.seed if seed is None else int(seed))
    return _save(ctx, motion, {"actions": [a.name for a in actions]})


def edit(ctx: ToolContext, motion: Artifact, instruction: str, other: Artifact | None = None) -> Output:
    from .edit_words import parse_edit
    from .edits import blend, layer_upper, loop, mirror, retarget, speed, trim

    ops = parse_edit(instruction)
    clip = load(motion)
    second = load(other) if other is not None else None
    for op in ops:
        if op.name in ("blend", "layer", "retarget"):
            if second is None:
                raise InputError(f"'{instruction}' needs a second motion: pass it as `other` (a $step or a .bvh file)")
            clip = {"blend": blend, "layer": layer_upper,
                    "retarget": lambda a, b: retarget(a, b.skeleton)}[op.name](clip, second)
        elif op.name == "speed":
            clip = speed(clip, op.value)
        elif op.name == "mirror":
            clip = mirror(clip)
        elif op.name == "loop":
            clip = loop(clip, int(op.value))
        elif op.name == "trim":
            clip = trim(clip, op.value, op.end)
        elif op.name == "stride":
            clip = _restride(clip, op.value)
        elif op.name == "wave_layer":
            clip = layer_upper(clip, _wave_like(clip, op.hand))
        elif op.name == "scale":
            clip = retarget(clip, clip.skeleton.scaled(op.value))
    return _save(ctx, clip, {"edits": [op.name for op in ops]})


def render(ctx: ToolContext, motion: Artifact, mesh: Artifact | None = None,
           size: int = DEFAULT_RENDER_SIZE) -> Output:
    """An MP4 of the motion on a mannequin (or on `mesh`, rigged automatically)."""
    from .film import film

    clip = load(motion)
    path = ctx.out("motion", ".mp4")
    meta = film(clip, path, size, mesh.path if mesh is not None else None, ctx.progress)
    return Output(path, meta=meta)


def to_mesh(ctx: ToolContext, motion: Artifact, mesh: Artifact | None = None) -> Output:
    """An animated GLB: glTF skin (joints, inverse bind matrices, weights) and one animation."""
    from .gltf import write_glb

    clip = load(motion)
    path = ctx.out("animated", ".glb")
    meta = write_glb(clip, path, mesh.path if mesh is not None else None)
    return Output(path, meta=meta)


def load(artifact: Artifact):
    from .bvh import read_bvh

    clip = read_bvh(artifact.path)
    program = dict(artifact.meta).get("program") if artifact.meta else None
    clip.program = dict(program) if program else None
    return clip


def _save(ctx: ToolContext, clip, extra: dict) -> Output:
    from .bvh import write_bvh
    from .clip import contact_slide

    path = ctx.out("motion", ".bvh")
    write_bvh(clip, path)
    meta = {"frames": clip.frames, "fps": clip.fps, "duration": round(clip.duration, 4),
            "joints": clip.skeleton.count, "height_m": round(clip.skeleton.height(), 3),
            "foot_slide_mps": round(contact_slide(clip), 4), **extra}
    if clip.program:
        meta["program"] = clip.program
    return Output(path, meta=meta)


def _restride(clip, factor: float):
    from .actions import Action
    from .compose import compose

    if not clip.program:
        raise InputError("bigger or smaller steps work on motions motion.generate made (they are re-solved "
                         "from their actions); this BVH has no action program")
    actions = [Action.from_dict(a) for a in clip.program["actions"]]
    if not any(a.name in ("walk", "run") for a in actions):
        raise InputError("this motion has no walking or running to change the steps of")
    actions = [Action(**{**a.__dict__, "stride": a.stride * factor}) if a.name in ("walk", "run") else a
               for a in actions]
    return compose(actions, clip.program.get("seconds"), int(clip.program.get("seed", 0)), int(clip.fps))


def _wave_like(clip, hand: str):
    from .actions import Action
    from .compose import compose

    wave = compose([Action("wave", seconds=clip.duration, hand=hand)], None, 0, int(round(clip.fps)))
    return wave


def _seconds(value: float | str) -> float:
    try:
        return parse_time(value)
    except ValueError as exc:
        raise InputError(f"{exc}") from exc
