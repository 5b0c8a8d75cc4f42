"""Offline 3D: text to a scene program (data, never code) to glTF binary; program edits;
offscreen pictures and turntables with pyrender.

    words.py      prompt -> template + parameters -> Program
    scene.py      prompts with several objects ("a table with four chairs around it"): each built
                  by words.py, laid out without overlap, parts named `chair_2/leg_1`
    templates.py  the parametric objects (t_furniture, t_buildings, t_things; kit.py draws)
    program.py    Program / Part / Primitive dataclasses, JSON round trip
    build.py      Program -> trimesh Scene -> GLB (node names = part names, program in extras)
    edit_words.py instruction -> edit operations;  editing.py applies them (accessories.py: "add a hat")
    loading.py    reading mesh files with the one-line checks
    rendering.py  pyrender stage (camera framing, three-point light);  orbit.py: MP4 turntable

The backend functions below are the catalogue's entry points for mesh.generate, mesh.edit,
mesh.render and mesh.turntable.
"""

from __future__ import annotations

from ....artifacts import Artifact
from ....context import Output, ToolContext
from ....tools import parse_time

DEFAULT_RENDER_SIZE = 512
DEFAULT_TURNTABLE_SIZE = 384
DEFAULT_TURNTABLE_SECONDS = 4.0
TURNTABLE_FPS = 24


def generate(ctx: ToolContext, prompt: str, seed: int | None = None) -> Output:
    """Text -> scene program -> GLB; the program goes into the artifact's meta."""
    from .build import write_glb
    from .scene import program_for

    program = program_for(prompt, ctx.seed if seed is None else int(seed))
    path = ctx.out("model", ".glb")
    meta = write_glb(program, path)
    return Output(path, meta=meta | {"template": program.object})


def edit(ctx: ToolContext, mesh: Artifact, instruction: str) -> Output:
    """Program edits for models medialoom made; global edits for any other model file."""
    from .build import scene_meta, write_glb
    from .editing import edit_foreign, edit_program
    from .edit_words import parse_edits
    from .loading import load_mesh_artifact

    scene, program = load_mesh_artifact(mesh)
    edits = parse_edits(instruction)
    path = ctx.out("model", ".glb")
    if program is not None:
        new = edit_program(program, edits, instruction)
        return Output(path, meta=write_glb(new, path) | {"edits": [repr(e) for e in edits]})
    done = edit_foreign(scene, edits, mesh.path.name)
    path.write_bytes(scene.export(file_type="glb"))
    return Output(path, meta=scene_meta(scene) | done)


def render(ctx: ToolContext, mesh: Artifact, view: str | None = None,
           size: int = DEFAULT_RENDER_SIZE) -> Output:
    """One PNG picture of the model from a view: front, side, top, back or three-quarter."""
    from PIL import Image

    from .loading import load_mesh_artifact
    from .rendering import object_view, stage

    scene, program = load_mesh_artifact(mesh)
    direction = object_view(view, program.object if program else None,
                            program.rotation[1] if program else 0.0)
    st = stage(scene, size, size)
    try:
        image = st.shoot(direction)
    finally:
        st.close()
    path = ctx.out("render", ".png")
    Image.fromarray(image).save(path)
    return Output(path, meta={"view": view or "three-quarter", "width": size, "height": size})


def turntable(ctx: ToolContext, mesh: Artifact, duration: float | str | None = None,
              size: int = DEFAULT_TURNTABLE_SIZE, fps: int = TURNTABLE_FPS) -> Output:
    """An MP4 of one camera orbit around the model."""
    from .loading import load_scene
    from .rendering import stage
    from .orbit import check_duration, record

    seconds = check_duration(DEFAULT_TURNTABLE_SECONDS if duration is None else _seconds(duration))
    frames = max(2, round(seconds * fps))
    size += size % 2  # H.264 with yuv420p needs even sides
    scene = load_scene(mesh.path)
    st = stage(scene, size, size)
    path = ctx.out("turntable", ".mp4")
    try:
        record(st, path, frames, fps, ctx.progress)
    finally:
        st.close()
    return Output(path, meta={"frames": frames, "fps": fps, "duration": frames / fps,
                              "width": size, "height": size})


def _seconds(value: float | str) -> float:
    from ....errors import InputError

    try:
        return parse_time(value)
    except ValueError as exc:
        raise InputError(f"{exc}") from exc
