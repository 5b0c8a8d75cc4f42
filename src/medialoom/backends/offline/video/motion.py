"""Motion over normalised time t in [0, 1]: object trajectories (move, bounce, fly, fall,
drift, rotate, grow) that turn a box into a box per frame, and camera moves (pan, zoom) that
turn a frame into a window of it. Boxes are [x0, y0, x1, y1] in canvas fractions (0..1,
y down). Words -> motions live here too, so generate and animate share one vocabulary."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

Box = tuple[float, float, float, float]

KINDS = ("move", "bounce", "fly", "fall", "rise", "drift", "rotate", "grow", "still")

# verb forms -> trajectory kind (order matters: the first kind found in a phrase wins)
VERBS: dict[str, tuple[str, ...]] = {
    "bounce": ("bounce", "bounces", "bouncing", "bouncy", "hop", "hops", "hopping", "jump", "jumps",
               "jumping", "leap", "leaps", "leaping"),
    "fly": ("fly", "flies", "flying", "soar", "soars", "soaring", "glide", "glides", "gliding",
            "flap", "flapping", "flutter", "fluttering"),
    "fall": ("fall", "falls", "falling", "drop", "drops", "dropping", "sink", "sinks", "sinking",
             "tumble", "tumbling", "descend", "descending"),
    "drift": ("drift", "drifts", "drifting", "float", "floats", "floating", "sail", "sails",
              "sailing", "swim", "swims", "swimming", "wander", "wandering", "bob", "bobbing"),
    "rotate": ("rotate", "rotates", "rotating", "spin", "spins", "spinning", "turn", "turns",
               "turning", "twirl", "twirling", "whirl", "whirling"),
    "rise": ("rise", "rises", "rising", "ascend", "ascends", "ascending", "launch", "launches",
             "launching", "blast", "blasting", "soaring up", "takes off", "taking off"),
    "grow": ("grow", "grows", "growing", "bloom", "blooms", "blooming", "expand", "expanding",
             "inflate", "inflating", "swell", "swelling"),
    "move": ("move", "moves", "moving", "run", "runs", "running", "walk", "walks", "walking",
             "drive", "drives", "driving", "race", "races", "racing", "roll", "rolls", "rolling",
             "ride", "rides", "riding", "cross", "crosses", "crossing", "travel", "travels",
             "travelling", "traveling", "go", "goes", "going", "gallop", "galloping", "zoom", "zooms"),
}
WORD_KIND = {word: kind for kind, words in VERBS.items() for word in words}

# what an object does in a video when the prompt names no verb for it
NATURAL = {"bird": "fly", "plane": "fly", "airplane": "fly", "kite": "fly", "butterfly": "fly",
           "balloon": "rise", "cloud": "drift", "boat": "drift", "sailboat": "drift", "ship": "drift",
           "fish": "drift", "car": "move", "bus": "move", "bicycle": "move", "train": "move",
           "horse": "move", "dog": "move", "rocket": "rise", "ball": "bounce", "leaf": "fall",
           "snowflake": "fall", "star": "rotate"}


@dataclass(frozen=True)
class Trajectory:
    """How one object moves. `direction` is +1 (to the right / down) or -1."""

    kind: str = "still"
    direction: int = 1
    cycles: float = 1.0      # bounces, wing beats or turns over the clip

    def at(self, box: Box, t: float, group: Box | None = None, phase: float = 0.0) -> tuple[Box, float]:
        """The object's box and rotation (degrees, counter-clockwise) at time t. Objects of a
        group ("three birds") travel together: `group` is the box around all of them, and
        `phase` (0..1) staggers their bounces and wing beats."""
        x0, y0, x1, y1 = box
        w, h = x1 - x0, y1 - y0
        cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
        scale, angle = 1.0, 0.0
        gx0, _, gx1, _ = group or box
        span = cx + _across(gx1 - gx0, self.direction, t) - (gx0 + gx1) / 2
        t_own = (t + phase / max(self.cycles, 1e-6)) % 1.0 if phase else t
        if self.kind == "move":
            cx = span
            angle = -360.0 * self.direction * t * self.cycles if self.cycles > 1 else 0.0
        elif self.kind == "bounce":
            cx = span
            height = min(0.45, max(0.2, y0 - 0.05))
            cy = y1 - h / 2 - height * abs(math.sin(math.pi * self.cycles * t_own))
        elif self.kind == "fly":
            cx = span
            cy = min(cy, 0.35) + 0.05 * math.sin(2 * math.pi * self.cycles * t_own)
        elif self.kind == "fall":
            cy = -h / 2 + y1 * _ease_in(t_own)     # from above the frame down to where it rests
        elif self.kind == "rise":
            cy = cy - (cy + h / 2 + 0.02) * _ease_in(t_own)     # from where it stands up out of the top
            cx = cx + 0.02 * math.sin(2 * math.pi * self.cycles * t_own)
        elif self.kind == "drift":
            cx = cx + self.direction * 0.25 * (t - 0.5)
            cy = cy + 0.015 * math.sin(2 * math.pi * self.cycles * t_own)
        elif self.kind == "rotate":
            angle = -360.0 * self.direction * self.cycles * t
        elif self.kind == "grow":
            scale = 0.35 + 0.85 * _smooth(t)
            cy = y1 - h * scale / 2            # grows from the ground up
        w, h = w * scale, h * scale
        return (cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2), angle


def _across(width: float, direction: int, t: float) -> float:
    """Centre x travelling across the canvas, starting partly in view."""
    start, end = 0.08 + width / 4, 0.92 - width / 4
    if direction < 0:
        start, end = end, start
    return start + (end - start) * t


def _smooth(t: float) -> float:
    return t * t * (3 - 2 * t)


def _ease_in(t: float) -> float:
    return min(1.0, t * t)


def trajectory_for(phrase: str, duration: float, name: str = "") -> Trajectory:
    """The trajectory named by a phrase ("bouncing across", "flying left"), else the object's
    natural motion, else still."""
    words = re.findall(r"[a-z]+", phrase.lower())
    kind = next((WORD_KIND[w] for w in words if w in WORD_KIND), NATURAL.get(name, "still"))
    if kind in ("fly", "move", "drift") and {"up", "upward", "upwards", "skyward", "skywards"} & set(words):
        kind = "rise"                            # "a rocket flying up": straight up, not across
    if re.search(r"from (the )?right", phrase.lower()):
        direction = -1
    elif re.search(r"from (the )?left", phrase.lower()):
        direction = 1
    else:
        direction = -1 if "left" in words or "leftwards" in words else 1
    cycles = {"bounce": max(1.0, round(duration * 0.9)), "fly": max(1.0, duration / 2),
              "drift": max(0.5, duration / 4), "rotate": max(0.5, duration / 4),
              "rise": max(0.5, duration / 3)}.get(kind, 1.0)
    if kind == "move" and ("roll" in phrase or "rolling" in phrase):
        cycles = 2.0
    return Trajectory(kind, direction, cycles)


@dataclass(frozen=True)
class Camera:
    """A window over the frame, linear in time with easing: zoom (1 = whole frame, 2 = half
    the width) and centre (canvas fractions)."""

    zoom: tuple[float, float] = (1.0, 1.0)
    centre_x: tuple[float, float] = (0.5, 0.5)
    centre_y: tuple[float, float] = (0.5, 0.5)
    name: str = "still"

    def window(self, t: float) -> tuple[float, float, float]:
        """(zoom, cx, cy) at time t, the centre kept so the window stays inside the frame."""
        e = _smooth(t)
        zoom = self.zoom[0] + (self.zoom[1] - self.zoom[0]) * e
        half = 0.5 / zoom
        cx = self.centre_x[0] + (self.centre_x[1] - self.centre_x[0]) * e
        cy = self.centre_y[0] + (self.centre_y[1] - self.centre_y[0]) * e
        return zoom, min(max(cx, half), 1 - half), min(max(cy, half), 1 - half)


CAMERA_WORDS = ("zoom in", "zoom out", "pan left", "pan right", "pan up", "pan down", "tilt up",
                "tilt down", "ken burns", "push in", "pull out", "still")


def camera_for(text: str | None, strength: float = 1.0) -> Camera | None:
    """A camera move named in text ("slow zoom in", "pan left and zoom out"); None when the
    text names none."""
    words = " ".join(re.findall(r"[a-z]+", (text or "").lower()))
    if not words:
        return None
    amount = 0.5 * strength * (0.6 if "slow" in words or "gentle" in words else
                               1.6 if "fast" in words or "quick" in words else 1.0)
    zoom, cx, cy, names = [1.0, 1.0], [0.5, 0.5], [0.5, 0.5], []
    if re.search(r"ken burns", words):
        zoom, cx, names = [1.0, 1.0 + amount], [0.42, 0.58], ["ken burns"]
    if re.search(r"zoom(s|ing)? in|push(es|ing)? in|dolly in|closer", words) or (
            re.search(r"\bzoom", words) and not re.search(r"zoom(s|ing)? out", words)):
        zoom, names = [1.0, 1.0 + amount], names + ["zoom in"]
    elif re.search(r"zoom(s|ing)? out|pull(s|ing)? (out|back)|dolly out|reveal", words):
        zoom, names = [1.0 + amount, 1.0], names + ["zoom out"]
    pan = re.search(r"(pan|move|slide|track|tilt|scroll)\w*\s+(?:from\s+)?(?:the\s+)?(left|right|top|bottom)\s+"
                    r"(?:side\s+)?to\s+(?:the\s+)?(left|right|top|bottom)\b", words)  # "pan left to right"
    if pan is None:
        pan = re.search(r"(pan|move|slide|track|tilt|scroll)\w*\s+(?:the\s+camera\s+|it\s+)?(to the\s+)?"
                        r"(left|right|up|down)", words)
    if pan is None and re.search(r"\b(pan|panning|pans|panorama)\b", words):
        pan = re.search(r"(pan)\s()(right)", "pan right")     # a bare pan goes left to right
    if pan:
        side = {"top": "up", "bottom": "down"}.get(pan.group(3), pan.group(3))  # top to bottom: pans down
        lo = max(zoom)
        if lo < 1.15:
            zoom = [1.0 + 0.35 * strength, 1.0 + 0.35 * strength]
            lo = zoom[0]
        reach = 0.5 - 0.5 / lo
        if side in ("left", "right"):
            sign = -1 if side == "left" else 1
            cx = [0.5 - sign * reach, 0.5 + sign * reach]
        else:
            sign = -1 if side == "up" else 1
            cy = [0.5 - sign * reach, 0.5 + sign * reach]
        names.append(f"pan {side}")
    if not names:
        return Camera(name="still") if "still" in words or "static" in words else None
    return Camera(tuple(zoom), tuple(cx), tuple(cy), " + ".join(names))  # type: ignore[arg-type]


def apply_camera(frame, camera: Camera, t: float, size: tuple[int, int]):
    """The camera's window of `frame` (H x W x 3 uint8) at time t, scaled to `size` (w, h)."""
    import cv2
    import numpy as np

    h, w = frame.shape[:2]
    zoom, cx, cy = camera.window(t)
    out_w, out_h = size
    # the window covers w/zoom x h/zoom pixels around (cx, cy); map it onto the output
    sx, sy = out_w * zoom / w, out_h * zoom / h
    matrix = np.float32([[sx, 0, out_w / 2 - sx * cx * w], [0, sy, out_h / 2 - sy * cy * h]])
    return cv2.warpAffine(frame, matrix, (out_w, out_h), flags=cv2.INTER_LINEAR,
                          borderMode=cv2.BORDER_REFLECT)
