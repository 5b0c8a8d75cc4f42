"""Actions in time: durations laid out (a requested total stretches the flexible ones), each
action written into one Timeline from the state the previous one left, the upper-body layer
smoothed across the seams, then solved into a Motion."""

from __future__ import annotations

import numpy as np
from scipy.ndimage import gaussian_filter1d

from ....errors import InputError
from .actions import Action, apply, default_seconds, flexible
from .clip import Motion
from .skeleton import humanoid
from .solve import solve
from .timeline import SIDES, State, Timeline

FPS = 30
MIN_SECONDS, MAX_SECONDS = 0.5, 120.0
FORMAT = "medialoom.motion.program/1"


def check_duration(seconds: float) -> float:
    if not np.isfinite(seconds) or not MIN_SECONDS <= seconds <= MAX_SECONDS:
        raise InputError(f"a motion lasts {MIN_SECONDS:g} s to {MAX_SECONDS / 60:g} minutes, not {seconds:g} s; "
                         "pick a duration in that range")
    return seconds


def layout(actions: list[Action], total: float | None) -> list[float]:
    """Seconds per action (layered actions share the span of the one before them)."""
    base = [0.0 if a.layer else default_seconds(a) for a in actions]
    if total is None:
        return base
    fixed = sum(s for s, a in zip(base, actions) if not flexible(a))
    free = sum(s for s, a in zip(base, actions) if flexible(a) and not a.layer)
    if free == 0 or fixed >= total:
        if abs(sum(base) - total) > 0.05 and fixed > total:
            raise InputError(f"these actions need at least {fixed:.1f} s, more than the {total:g} s asked for; "
                             "give a longer duration or fewer actions")
        scale = total / max(sum(base), 1e-9)
        return [s * scale for s in base]
    scale = (total - fixed) / free
    return [s * scale if flexible(a) else s for s, a in zip(base, actions)]


def compose(actions: list[Action], seconds: float | None, seed: int, fps: int = FPS) -> Motion:
    spans = layout(actions, seconds)
    check_duration(sum(spans))
    frames = [max(1, int(round(s * fps))) for s in spans]
    for k, a in enumerate(actions):
        if a.layer:
            frames[k] = 0
    total = sum(frames)
    tl = Timeline(total, fps)
    state = State()
    rng = np.random.default_rng(seed)
    start = 0
    last = (0, 0)
    for action, n in zip(actions, frames):
        if action.layer:
            apply(action, tl, state, *last, rng)
            continue
        apply(action, tl, state, start, start + n, rng)
        last = (start, start + n)
        tl.labels.append((action.name, start / fps, (start + n) / fps))
        start += n
    _smooth_layer(tl)
    root, quats = solve(tl, humanoid())
    program = {"format": FORMAT, "actions": [a.to_dict() for a in actions], "seconds": seconds,
               "seed": seed, "fps": fps}
    return Motion(humanoid(), float(fps), root, quats, program)


def _smooth_layer(tl: Timeline, sigma: float = 2.5) -> None:
    free = ~tl.fixed
    for arr in (tl.lean, tl.sway, tl.twist):
        arr[:] = gaussian_filter1d(arr, sigma, mode="nearest")
    h = gaussian_filter1d(tl.height, 1.5, mode="nearest")
    tl.height[free] = h[free]
    for side in SIDES:
        for arr in (tl.upper[side], tl.fore[side]):
            arr /= np.linalg.norm(arr, axis=1, keepdims=True)
            arr[:] = gaussian_filter1d(arr, sigma, axis=0, mode="nearest")
