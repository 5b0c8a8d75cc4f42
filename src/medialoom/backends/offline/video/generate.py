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

import math
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
GROUNDED = ("move", "bounce", "grow", "rotate")     # motions that keep an object on the ground
MAX_SECONDS = 60.0


@dataclass(frozen=True)
class Actor:
    """One layout object and how it moves."""

    id: str
    name: str
    kind: str
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
    scene.prepare({a.id for a in actors if a.trajectory.kind != "still"}, camera.name == "still",
                  {a.id for a in actors if a.trajectory.kind in GROUNDED and a.trajectory.kind != "still"})
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
    travelling = [a for a in actors if a.trajectory.kind in ("move", "bounce", "fly", "drift")
                  and a.kind in FACING_KINDS]
    # mirror a drawing when it would face away from where it goes
    flips = {a.id: (a.trajectory.direction < 0) != (a.kind in FACES_LEFT) for a in travelling}
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
        actors.append(Actor(o["id"], o["name"], o.get("kind") or "unknown", _fraction(o["box"], W, H),
                            path, group, phase))
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
    """The boundary to the image engine's scene API: plan once, draw many times.

    Frames are drawn whole (`render_layout` of the layout with the frame's boxes). When the
    camera holds still, the still part of the scene is drawn once instead: the background with
    the objects behind the moving ones, and the objects in front as a transparent layer; each
    frame then draws only the moving objects and stacks the three (same pixels, a fraction of
    the time). Scenes where a still object sits between two moving ones in depth, and the
    watercolour style (a filter over everything), are always drawn whole."""

    def __init__(self, prompt: str, seed: int, size: tuple[int, int]):
        from medialoom.backends.offline.image.scene import plan_layout

        self.size = size
        self.layout = plan_layout(prompt, seed, size[0], size[1])
        self.canvas = (self.layout["canvas"]["width"], self.layout["canvas"]["height"])
        self.layers: Layers | None = None

    def prepare(self, moving: set[str], camera_still: bool,
                grounded: set[str] | frozenset[str] = frozenset()) -> None:
        """Draw the still layers once when the frames allow it. `grounded` objects keep a
        shadow on the ground where they started (it shrinks and fades as they leave it)."""
        from medialoom.backends.offline.image.kinds import KINDS
        from medialoom.backends.offline.image.scene import render_layout

        objects = self.layout["objects"]
        style = self.layout.get("style", "flat")
        if not moving or not camera_still or style == "watercolour":
            return
        depths = [o.get("z", 0.0) for o in objects if o["id"] in moving]
        still = [o for o in objects if o["id"] not in moving]
        if any(min(depths) <= o.get("z", 0.0) <= max(depths) for o in still):
            return
        tint = _overlay_tint(style, *self.canvas)
        if tint is False:
            return
        front = {o["id"] for o in still if o.get("z", 0.0) > max(depths)}
        below = render_layout(self.layout, self.size[0], self.size[1], hide=moving | front)
        above = self._transparent(self.layout, hide={o["id"] for o in objects} - front) if front else None
        ground = {o["id"]: o["box"][3] for o in objects if o["id"] in grounded
                  and o.get("kind") in KINDS and KINDS[o["kind"]].place not in ("sky", "backdrop", "water")}
        self.layers = Layers(np.asarray(below, np.float32), above, tint or None,
                             {o["id"] for o in still}, ground)

    def draw(self, moves: dict[str, tuple[tuple[float, float, float, float], float]],
             window: tuple[float, float, float], flips: dict[str, bool]) -> np.ndarray:
        """The frame with objects at `moves` (id -> (box in fractions, angle)), facing as in
        `flips` (id -> mirrored), seen through the camera `window` (zoom, centre x, y)."""
        from medialoom.backends.offline.image.scene import with_boxes

        W, H = self.canvas
        boxes = {i: [b[0] * W, b[1] * H, b[2] * W, b[3] * H] for i, (b, _) in moves.items()}
        layout = with_boxes(self.layout, boxes)
        for o in layout["objects"]:
            if o["id"] in flips:
                o["flip"] = flips[o["id"]]
        turns = {i: (a, (boxes[i][0] + boxes[i][2]) / 2, (boxes[i][1] + boxes[i][3]) / 2)
                 for i, (_, a) in moves.items() if abs(a) > 0.01}
        if self.layers is not None:
            return self._stacked(layout, turns)
        return self._whole(layout, turns, window)

    def _whole(self, layout: dict[str, Any], turns: dict[str, tuple[float, float, float]],
               window: tuple[float, float, float]) -> np.ndarray:
        from medialoom.backends.offline.image.scene import layout_to_svg

        svg = layout_to_svg(layout, self.size[0], self.size[1])
        for oid, (angle, cx, cy) in turns.items():
            svg = _rotated(svg, oid, angle, cx, cy)
        rgba = _rasterise(_viewed(svg, window, *self.canvas))
        return _over(np.full(rgba.shape[:2] + (3,), 255.0, np.float32), rgba).astype(np.uint8)

    def _stacked(self, layout: dict[str, Any], turns: dict[str, tuple[float, float, float]]) -> np.ndarray:
        """Only the moving objects are drawn, and only the region they cover."""
        layers = self.layers
        assert layers is not None
        frame = layers.below.copy()
        self._shadows(frame, layout, layers.ground)
        region = self._region(layout, layers.still)
        if region is not None:
            x0, y0, x1, y1 = region
            moving = self._transparent(layout, layers.still, turns, region)
            if layers.tint is not None:
                colour, opacity = layers.tint
                moving[..., :3] = moving[..., :3] * (1 - opacity) + colour * opacity
            frame[y0:y1, x0:x1] = _over(frame[y0:y1, x0:x1], moving)
        if layers.above is not None:
            frame = _over(frame, layers.above)
        return (frame + 0.5).clip(0, 255).astype(np.uint8)

    def _shadows(self, frame: np.ndarray, layout: dict[str, Any], ground: dict[str, float]) -> None:
        """Soft ground shadows under grounded moving objects (as the image engine draws them),
        each blended into its own small patch of the frame."""
        import cv2

        W, H = self.canvas
        sx, sy = self.size[0] / W, self.size[1] / H
        for o in layout["objects"]:
            if o["id"] not in ground:
                continue
            x0, _, x1, y1 = o["box"]
            lift = max(0.0, ground[o["id"]] - y1) / (0.5 * H)
            strength = 0.16 * max(0.25, 1.0 - lift)
            rx = max(1, int((x1 - x0) * 0.48 * (1 - 0.4 * min(1.0, lift)) * sx))
            ry = max(1, int(max(2.0, (x1 - x0) * 0.07) * sy))
            cx, cy = int((x0 + x1) / 2 * sx), int((ground[o["id"]] - 1) * sy)
            px0, py0 = max(0, cx - rx - 2), max(0, cy - ry - 2)
            px1, py1 = min(self.size[0], cx + rx + 3), min(self.size[1], cy + ry + 3)
            if px1 <= px0 or py1 <= py0:
                continue
            mask = np.zeros((py1 - py0, px1 - px0), np.float32)
            cv2.ellipse(mask, (cx - px0, cy - py0), (rx, ry), 0, 0, 360, strength, -1, cv2.LINE_AA)
            patch = frame[py0:py1, px0:px1]
            patch *= 1.0 - mask[..., None]
            patch += mask[..., None] * SHADOW

    def _region(self, layout: dict[str, Any], still: set[str]) -> tuple[int, int, int, int] | None:
        """Pixels covered by the moving objects (turned or not), padded; None when off screen."""
        W, H = self.canvas
        sx, sy = self.size[0] / W, self.size[1] / H
        boxes = [o["box"] for o in layout["objects"] if o["id"] not in still]
        x0 = min((b[0] + b[2]) / 2 - math.hypot(b[2] - b[0], b[3] - b[1]) / 2 for b in boxes)
        x1 = max((b[0] + b[2]) / 2 + math.hypot(b[2] - b[0], b[3] - b[1]) / 2 for b in boxes)
        y0 = min((b[1] + b[3]) / 2 - math.hypot(b[2] - b[0], b[3] - b[1]) / 2 for b in boxes)
        y1 = max((b[1] + b[3]) / 2 + math.hypot(b[2] - b[0], b[3] - b[1]) / 2 for b in boxes)
        px0, py0 = max(0, int(x0 * sx) - 4), max(0, int(y0 * sy) - 4)
        px1, py1 = min(self.size[0], int(math.ceil(x1 * sx)) + 4), min(self.size[1], int(math.ceil(y1 * sy)) + 4)
        return (px0, py0, px1, py1) if px1 > px0 and py1 > py0 else None

    def _transparent(self, layout: dict[str, Any], hide: set[str],
                     turns: dict[str, tuple[float, float, float]] | None = None,
                     region: tuple[int, int, int, int] | None = None) -> np.ndarray:
        """Objects alone (no background) as float RGBA, of the whole frame or of a pixel region."""
        from medialoom.backends.offline.image.scene import layout_to_svg

        W, H = self.canvas
        x0, y0, x1, y1 = region or (0, 0, self.size[0], self.size[1])
        svg = layout_to_svg(layout, x1 - x0, y1 - y0, hide=hide, parts=False)
        if region is not None:
            sx, sy = W / self.size[0], H / self.size[1]
            svg = svg.replace(f'viewBox="0 0 {W} {H}"', f'viewBox="{x0 * sx:.4f} {y0 * sy:.4f} '
                              f'{(x1 - x0) * sx:.4f} {(y1 - y0) * sy:.4f}"', 1)
        for oid, (angle, cx, cy) in (turns or {}).items():
            svg = _rotated(svg, oid, angle, cx, cy)
        return _rasterise(svg)


@dataclass
class Layers:
    below: np.ndarray                                  # float RGB: background + objects behind
    above: np.ndarray | None                           # float RGBA: still objects in front
    tint: tuple[np.ndarray, float] | None              # the style's overlay: colour, opacity
    still: set[str]
    ground: dict[str, float]                           # grounded object -> ground line (canvas y)


def _rasterise(svg: str) -> np.ndarray:
    from medialoom.backends.offline.image.scene import svg_to_image

    return np.asarray(svg_to_image(svg), np.float32)


def _over(base: np.ndarray, layer: np.ndarray) -> np.ndarray:
    """`layer` (float RGBA, straight alpha) over `base` (float RGB)."""
    alpha = layer[..., 3:4] / 255.0
    return layer[..., :3] * alpha + base * (1.0 - alpha)


def _overlay_tint(style: str, W: float, H: float) -> tuple[np.ndarray, float] | None | bool:
    """The style's overlay as (colour, opacity); None when it has none; False when it is not a
    plain tint (then frames are drawn whole)."""
    from medialoom.backends.offline.image.settings import overlay

    svg = overlay(style, W, H)
    if not svg:
        return None
    fill = re.search(r'fill="#([0-9a-fA-F]{6})"', svg)
    opacity = re.search(r'opacity="([0-9.]+)"', svg)
    if not fill or not opacity or svg.count("<") != 1:
        return False
    colour = np.array([int(fill.group(1)[i:i + 2], 16) for i in (0, 2, 4)], np.float32)
    return colour, float(opacity.group(1))


SHADOW = np.array([0x1D, 0x23, 0x27], np.float32)
FACES_LEFT = {"cat", "dog", "horse", "cow", "sheep", "duck"}    # the image engine's drawings; others face right
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
