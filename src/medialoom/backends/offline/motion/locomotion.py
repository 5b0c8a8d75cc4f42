"""Stepping: walk, run, turn on the spot, dance steps. The root follows a path; steps alternate
feet at a cadence set by speed (step length grows with the square root of speed, as measured
in human gait), each footprint placed under its hip at mid-stance and held until the foot swings
again."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .timeline import HIP_HALF_WIDTH, PLANTED, SIDES, SWING, State, Timeline, forward_of, left_of

MAX_RUN_STEP = 1.3
PLANT_AHEAD = -0.10  # ankles land behind the hip's mid-stance point: the toes rock under it


@dataclass(frozen=True)
class Gait:
    speed: float          # m/s
    cadence: float        # steps per second
    duty: float           # share of a gait cycle a foot is on the floor
    lift: float           # swing clearance (m)
    height: float         # root height aimed for (m)
    lean: float           # degrees forward
    arm_swing: float      # degrees each way
    elbow: float          # forearm bend (degrees)


def walking(speed: float = 1.4) -> Gait:
    return Gait(speed, 2.0 * (max(speed, 0.3) / 1.4) ** 0.5, 0.55, 0.06, 0.95, 4.0, 16.0, 18.0)


def running(speed: float = 3.0) -> Gait:
    """Contact time shortens with speed (0.25 s at 3 m/s), so a stance never outreaches the leg."""
    cadence = max(2.8 * (max(speed, 1.5) / 3.0) ** 0.3, speed / MAX_RUN_STEP)
    contact = 0.25 * (3.0 / max(speed, 1.5)) ** 0.6
    return Gait(speed, cadence, min(0.45, contact * cadence / 2), 0.16, 0.93, 10.0, 35.0, 85.0)


def moving_seconds(seconds: float, gait: Gait) -> float:
    """When the last step of a span lands: the body comes to rest over its feet by then."""
    half = 1.0 / gait.cadence
    swing = (1 - gait.duty) * 2 * half
    if seconds < swing:
        return seconds
    return min(seconds, (int((seconds - swing) / half + 1e-9)) * half + swing)


def path(state: State, seconds: float, fps: float, speed: float, turn_deg: float = 0.0,
         radius: float | None = None, moving: float | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Root ground positions (n, 2) and headings (n,) along a straight line, a circle (radius)
    or a turn on the spot (turn_deg), easing in and out; still after `moving` seconds."""
    n = max(1, int(round(seconds * fps)))
    if moving is not None and moving < seconds:
        xz, heading = path(state, moving, fps, speed, turn_deg, radius)
        pad = n - len(xz)
        return np.concatenate([xz, np.repeat(xz[-1:], pad, 0)]), np.concatenate([heading, np.repeat(heading[-1:], pad)])
    t = np.arange(n) / fps
    ramp = min(max(0.5, 0.25 * speed), seconds / 3)
    w = np.clip(np.minimum(t / max(ramp, 1e-6), (seconds - t) / max(ramp, 1e-6)), 0, 1)
    v = speed * w * w * (3 - 2 * w)
    s = np.concatenate([[0.0], np.cumsum(v[1:] / fps)])
    if radius:
        heading = state.heading + s / radius
    else:
        u = np.clip(t / max(seconds - 1 / fps, 1e-6), 0, 1)
        heading = state.heading + np.radians(turn_deg) * u * u * (3 - 2 * u)
    step = np.column_stack([np.sin(heading), np.cos(heading)]) * np.concatenate([[0.0], np.diff(s)])[:, None]
    xz = state.xz + np.cumsum(step, axis=0)
    return xz, heading


def step(tl: Timeline, state: State, a: int, b: int, gait: Gait, xz: np.ndarray, heading: np.ndarray,
         first: str = "Left", width: float = HIP_HALF_WIDTH) -> None:
    """Frames a..b follow the path with alternating steps; the state moves to the end pose."""
    fps, n = tl.fps, b - a
    tl.xz[a:b], tl.heading[a:b] = xz, heading
    tl.height[a:b], tl.lean[a:b] = gait.height, gait.lean
    half = 1.0 / gait.cadence
    swing = (1 - gait.duty) * 2 * half
    seconds = n / fps
    order = [first, "Right" if first == "Left" else "Left"]
    for side in SIDES:
        tl.plant(side, a, b, *state.feet[side])
    still = np.flatnonzero(np.all(np.abs(xz - xz[-1]) < 1e-9, axis=1) & (np.abs(heading - heading[-1]) < 1e-9))
    stop = int(still[0]) if len(still) else n
    last = int((seconds - swing) / half + 1e-9) if seconds >= swing else -1
    k = 0
    while k * half + swing <= seconds + 1e-9:
        side = order[k % 2]
        lift_off, land = k * half, k * half + swing
        mid = min(land + gait.duty * half, seconds - 1 / fps)
        i0, i1, im = (a + int(round(x * fps)) for x in (lift_off, land, mid))
        im = min(im, b - 1)
        sign = 1.0 if side == "Left" else -1.0
        turn = np.array(heading[im - a])
        here = float(np.linalg.norm(xz[min(im - a + 1, n - 1)] - xz[max(im - a - 1, 0)])) * fps / 2
        if im - a >= stop - 2 or k >= last - 1:     # the last two steps close under the stopped body
            im, here = b - 1, 0.0
        at = (xz[im - a] + sign * width * left_of(turn)[[0, 2]]
              + PLANT_AHEAD * min(here / 1.4, 1.0) * forward_of(turn)[[0, 2]])
        foot = tl.feet[side]
        foot.mode[i0:i1], foot.lift[i0:i1] = SWING, gait.lift
        tl.plant(side, i1, b, at, float(heading[im - a]))
        state.feet[side] = (at, float(heading[im - a]))
        k += 1
    _arm_swing(tl, a, b, gait, order, half)
    state.xz, state.heading = xz[-1].copy(), float(heading[-1])


def _arm_swing(tl: Timeline, a: int, b: int, gait: Gait, order: list[str], half: float) -> None:
    """Arms swing against the legs: the left arm forward while the right foot steps."""
    t = tl.times(a, b)
    phase = np.sin(np.pi * t / half)                     # + while the first foot swings
    fade = np.clip(np.minimum(t, t[-1] - t) / 0.3, 0, 1) if len(t) > 1 else np.zeros_like(t)
    bend = np.radians(gait.elbow)
    for side in SIDES:
        sign = -1.0 if side == order[0] else 1.0        # the other arm leads the swinging leg
        angle = np.radians(gait.arm_swing) * sign * phase * fade
        x = 0.18 if side == "Left" else -0.18
        tl.upper[side][a:b] = np.column_stack([np.full_like(t, x), -np.cos(angle), np.sin(angle)])
        fore = angle + bend
        tl.fore[side][a:b] = np.column_stack([np.full_like(t, x * 0.6), -np.cos(fore), np.sin(fore)])
    tl.twist[a:b] = -4.0 * phase * fade * (1 if order[0] == "Left" else -1)  # pelvis turns with the swinging leg


def planted_everywhere(tl: Timeline, a: int, b: int) -> bool:
    return all((tl.feet[s].mode[a:b] == PLANTED).all() for s in SIDES)
