"""video.generate offline, the video-layout idea of VideoDirectorGPT / LVD without a model:

    1. prompt -> motion script: verbs and camera words out, the scene text left (script.py)
    2. scene text -> layout (the image engine's planner: objects, boxes, setting, style)
    3. each object gets a trajectory (its verb, else what its kind does, else still)
    4. per frame: every object's box at t -> the image engine renders the layout with those
       boxes, the camera window becomes the SVG view box (crisp pans and zooms, no upscaling)
    5. H.264 MP4 at the asked duration, fps and size; seeded and deterministic

The scene API is the small boundary in `Scene` below: plan -> layout dict, draw -> RGB frame.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np

from medialoom.context import Output, ToolContext
from medialoom.errors import InputError

from . import io
from .motion import Camera, Trajectory, camera_for
from .script import Script, assign, split_prompt
from .timeline import seconds

DEFAULT_SECONDS, DEFAULT_FPS, DEFAULT_SIZE = 4.0, 24, 512
MAX_SECONDS = 60.0


@dataclass(frozen=True)
class Actor:
    """One layout object and how it moves."""

    id: str
    name: str
    box: tuple[float, float, float, float]       # canvas fractions
    trajectory: Trajectory
    group: tuple[float, float, float, float]     # box around the objects moving with it
    phase: float


def generate(ctx: ToolContext, prompt: str, duration: Any = None, fps: int | None = None,
             width: int | None = None, height: int | None = None, seed: int | None = None) -> Output:
    # 1. arguments
    length = seconds(duration, "duration") if duration is not None else DEFAULT_SECONDS
    if not 0.2 <= length <= MAX_SECONDS:
        raise InputError(f"duration {length:g}s is out of range; use 0.2 to {MAX_SECONDS:g} seconds")
    rate = int(fps or DEFAULT_FPS)
    if not 1 <= rate <= io.MAX_FPS:
        raise InputError(f"fps {rate} is out of range; use 1 to {io.MAX_FPS}")
    size = io.even_size(width or DEFAULT_SIZE, height or DEFAULT_SIZE)
    seed = ctx.seed if seed is None else int(seed)
    # 2. script and scene
    script = split_prompt(prompt)
    scene = Scene(script.scene_prompt, seed, size)
    actors = cast(scene.layout, script, length)
    camera = _camera(script, actors)
    # 3. frames
    count = max(1, round(length * rate))
    path = ctx.out("generated", ".mp4")
    written = io.write_video(path, _frames(scene, actors, camera, count), rate, size)
    return Output(path, meta={
        "prompt": prompt, "scene_prompt": script.scene_prompt, "seed": seed, "fps": rate,
        "frames": written, "duration": written / rate, "size": list(size), "camera": camera.name,
        "motions": {a.id: {"name": a.name, "motion": a.trajectory.kind,
                           "direction": "left" if a.trajectory.direction < 0 else "right"}
                    for a in actors},
        "layout": scene.layout, "unknown": scene.layout.get("unknown", [])})


def _frames(scene: "Scene", actors: list["Actor"], camera: Camera, count: int) -> Iterator[np.ndarray]:
    travelling = [a for a in actors if a.trajectory.kind in ("move", "bounce", "fly", "drift")]
    flips = {a.id: a.trajectory.direction < 0 for a in travelling}   # drawings face right
    for k in range(count):
        t = k / max(1, count - 1)
        moves = {a.id: a.trajectory.at(a.box, t, a.group, a.phase)
                 for a in actors if a.trajectory.kind != "still"}
        yield scene.draw(moves, camera.window(t), flips)


def _camera(script: Script, actors: list[Actor]) -> Camera:
    """The camera the prompt asks for; a slow push-in when nothing would move otherwise."""
    if script.camera_text:
        named = camera_for(script.camera_text)
        if named is not None:
            return named
    if all(a.trajectory.kind == "still" for a in actors):
        return camera_for("slow zoom in") or Camera()
    return Camera()


def cast(layout: dict[str, Any], script: Script, duration: float) -> list[Actor]:
    """Trajectories for the layout's objects, from the script's cues."""
    W, H = layout["canvas"]["width"], layout["canvas"]["height"]
    objects = layout["objects"]
    words = re.findall(r"[a-z]+(?:'[a-z]+)?|[0-9]+|[,.;]", script.scene_prompt.lower())
    names = [o.get("kind") if o.get("kind") not in (None, "unknown") else o["name"] for o in objects]
    positions = [_position(words, o["name"], o.get("kind")) for o in objects]
    trajectories = assign(names, positions, script, duration)
    actors: list[Actor] = []
    for i, (o, path) in enumerate(zip(objects, trajectories)):
        mates = [j for j, other in enumerate(objects)
                 if names[j] == names[i] and trajectories[j] == path]
        boxes = [_fraction(objects[j]["box"], W, H) for j in mates]
        group = (min(b[0] for b in boxes), min(b[1] for b in boxes),
                 max(b[2] for b in boxes), max(b[3] for b in boxes))
        phase = mates.index(i) / len(mates) if len(mates) > 1 else 0.0
        actors.append(Actor(o["id"], o["name"], _fraction(o["box"], W, H), path, group, phase))
    return actors


def _position(words: list[str], name: str, kind: str | None) -> int | None:
    """Where an object's noun sits among the scene prompt's words (plurals too)."""
    stems = {w for w in (name.split()[-1] if name else "", kind or "") if w}
    for i, word in enumerate(words):
        if any(word == s or word.startswith(s) and len(word) - len(s) <= 2 for s in stems):
            return i
    return None


def _fraction(box: list[float], W: float, H: float) -> tuple[float, float, float, float]:
    return (box[0] / W, box[1] / H, box[2] / W, box[3] / H)


class Scene:
    """The boundary to the image engine's scene API: plan once, draw many times."""

    def __init__(self, prompt: str, seed: int, size: tuple[int, int]):
        from medialoom.backends.offline.image.scene import plan_layout

        self.size = size
        self.layout = plan_layout(prompt, seed, size[0], size[1])
        self.canvas = (self.layout["canvas"]["width"], self.layout["canvas"]["height"])

    def draw(self, moves: dict[str, tuple[tuple[float, float, float, float], float]],
             window: tuple[float, float, float], flips: dict[str, bool]) -> np.ndarray:
        """The frame with objects at `moves` (id -> (box in fractions, angle)), facing as in
        `flips` (id -> mirrored), seen through the camera `window` (zoom, centre x, y)."""
        from PIL import Image

        from medialoom.backends.offline.image.scene import layout_to_svg, svg_to_image, with_boxes

        W, H = self.canvas
        boxes = {i: [b[0] * W, b[1] * H, b[2] * W, b[3] * H] for i, (b, _) in moves.items()}
        layout = with_boxes(self.layout, boxes)
        for o in layout["objects"]:
            if o["id"] in flips and o.get("kind") in FACING_KINDS:
                o["flip"] = flips[o["id"]]
        svg = layout_to_svg(layout, self.size[0], self.size[1])
        for oid, (box, angle) in moves.items():
            if abs(angle) > 0.01:
                svg = _rotated(svg, oid, angle, (boxes[oid][0] + boxes[oid][2]) / 2,
                               (boxes[oid][1] + boxes[oid][3]) / 2)
        svg = _viewed(svg, window, W, H)
        picture = svg_to_image(svg)
        flat = Image.new("RGB", picture.size, "#ffffff")
        flat.paste(picture, mask=picture.getchannel("A"))
        return np.asarray(flat)


FACING_KINDS = {"cat", "dog", "bird", "fish", "horse", "cow", "sheep", "duck", "car", "bus", "bicycle",
                "boat", "sailboat", "plane"}


def _rotated(svg: str, object_id: str, angle: float, cx: float, cy: float) -> str:
    """Turn one object's drawing about its centre (SVG angles are clockwise)."""
    marker = f'<g id="obj-{object_id}" transform="'
    return svg.replace(marker, f'{marker}rotate({-angle:.2f} {cx:.2f} {cy:.2f}) ', 1)


def _viewed(svg: str, window: tuple[float, float, float], W: float, H: float) -> str:
    """The camera window as the SVG view box: zoom and pan at full resolution."""
    zoom, cx, cy = window
    if abs(zoom - 1.0) < 1e-6 and abs(cx - 0.5) < 1e-6 and abs(cy - 0.5) < 1e-6:
        return svg
    w, h = W / zoom, H / zoom
    view = f'viewBox="{cx * W - w / 2:.3f} {cy * H - h / 2:.3f} {w:.3f} {h:.3f}"'
    return svg.replace(f'viewBox="0 0 {W} {H}"', view, 1)
