"""The action library: each action is written from biomechanics, not copied from capture data.

    walk, run      gait (locomotion.py): cadence from speed, stance/swing duty, arm swing
    turn           stepping on the spot while the heading turns
    jump           crouch, push-off, ballistic flight (time = 2 sqrt(2h/g)), landing absorption
    wave           one or both arms raised, the forearm swinging at about 2 Hz
    sit, stand_up  the pelvis travels back and down onto an (invisible) seat with feet planted
    dance          step-touch on a 120 bpm beat with bounce, hip sway and pumping arms
    idle           standing, breathing

`Action` is plain data (the program a motion artifact records); `frames_for` says how long an
action lasts and `apply` writes it into a Timeline from a State.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from typing import Any

import numpy as np

from .locomotion import Gait, moving_seconds, path, running, step, walking
from .timeline import SIDES, State, Timeline, forward_of, left_of

G = 9.81
SEAT_HEIGHT, SEAT_BACK = 0.50, 0.40
TAKEOFF_HEIGHT, CROUCH_HEIGHT = 1.00, 0.80
CROUCH, PUSH, LAND = 0.35, 0.15, 0.45
NAMES = ("walk", "run", "turn", "jump", "wave", "sit", "stand_up", "dance", "idle")


@dataclass(frozen=True)
class Action:
    name: str
    seconds: float | None = None    # asked for explicitly ("for 3 seconds")
    count: int = 1
    speed: float = 1.0              # factor on the action's own pace
    turn: float = 0.0               # degrees, + to the left
    circle: bool = False
    hand: str = "Right"             # Left, Right or Both (wave)
    height: float = 0.3             # jump height (m)
    forward: float = 0.0            # jump distance (m)
    distance: float | None = None   # metres to cover (walk, run)
    stride: float = 1.0             # step length factor
    layer: bool = False             # upper body only, alongside the action before it

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v != getattr(Action("idle"), k) or k == "name"}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Action:
        return cls(**{k: v for k, v in data.items() if k in cls.__dataclass_fields__})


def gait_for(action: Action, jitter: float = 1.0) -> Gait:
    base = running(3.0 * action.speed * jitter) if action.name == "run" else walking(1.4 * action.speed * jitter)
    return replace(base, cadence=base.cadence / action.stride)


def flight_time(height: float) -> float:
    return 2.0 * np.sqrt(2.0 * height / G)


def default_seconds(action: Action) -> float:
    """How long an action lasts when nothing says otherwise."""
    if action.seconds is not None:
        return action.seconds
    if action.name in ("walk", "run"):
        if action.distance is not None:
            return action.distance / gait_for(action).speed + 0.5
        return 4.0 if action.name == "walk" else 3.0
    return {"turn": 0.5 + abs(action.turn) / 180.0,
            "jump": action.count * (CROUCH + PUSH + flight_time(action.height) + LAND),
            "wave": 1.2 + 1.0 * max(action.count, 1), "sit": 2.4, "stand_up": 1.4,
            "dance": 4.0, "idle": 1.5}[action.name] / action.speed


def flexible(action: Action) -> bool:
    """Whether a requested total duration may stretch or shrink this action."""
    return action.seconds is None and action.distance is None and action.name in ("walk", "run", "wave", "dance", "idle", "sit")


def apply(action: Action, tl: Timeline, state: State, a: int, b: int, rng: np.random.Generator) -> None:
    if action.layer:
        _wave_arms(tl, a, b, action, rng) if action.name == "wave" else None
        return
    fn = {"walk": _locomote, "run": _locomote, "turn": _turn, "jump": _jump, "wave": _wave,
          "sit": _sit, "stand_up": _stand_up, "dance": _dance, "idle": _idle}[action.name]
    fn(action, tl, state, a, b, rng)


def _stand(tl: Timeline, state: State, a: int, b: int) -> None:
    tl.hold(state, a, b)
    if state.seated:
        tl.height[a:b], tl.lean[a:b] = SEAT_HEIGHT, 8.0
        _hands_on_thighs(tl, a, b, np.ones(b - a))


def _locomote(action, tl, state, a, b, rng) -> None:
    gait = gait_for(action, float(rng.uniform(0.97, 1.03)))
    gait = replace(gait, arm_swing=gait.arm_swing * float(rng.uniform(0.85, 1.15)))
    seconds = (b - a) / tl.fps
    radius = (2.5 if action.name == "walk" else 4.0) if action.circle else None
    xz, heading = path(state, seconds, tl.fps, gait.speed, radius=radius, moving=moving_seconds(seconds, gait))
    step(tl, state, a, b, gait, xz, heading)


def _turn(action, tl, state, a, b, rng) -> None:
    gait = Gait(0.0, 2.2, 0.6, 0.05, 0.95, 0.0, 0.0, 10.0)
    xz, heading = path(state, (b - a) / tl.fps, tl.fps, 0.0, turn_deg=action.turn)
    step(tl, state, a, b, gait, xz, heading, first="Left" if action.turn >= 0 else "Right")


def _idle(action, tl, state, a, b, rng) -> None:
    _stand(tl, state, a, b)
    tl.lean[a:b] += 1.0 * np.sin(2 * np.pi * 0.25 * tl.times(a, b))


def _jump(action, tl, state, a, b, rng) -> None:
    tl.hold(state, a, b)
    fly = flight_time(action.height)
    v0 = np.sqrt(2 * G * action.height)
    i = a
    for _ in range(action.count):
        n = [int(round(x * tl.fps)) for x in (CROUCH, PUSH, fly, LAND)]
        if i + sum(n) > b:
            break
        c0, p0, f0, l0 = i, i + n[0], i + n[0] + n[1], i + n[0] + n[1] + n[2]
        s = tl.times(c0, p0) / CROUCH
        tl.height[c0:p0] = 0.95 + (CROUCH_HEIGHT - 0.95) * s * s * (3 - 2 * s)
        s = (np.arange(p0, f0) - p0 + 1) / max(f0 - p0, 1)           # reaches take-off height
        tl.height[p0:f0] = CROUCH_HEIGHT + (TAKEOFF_HEIGHT - CROUCH_HEIGHT) * s * s
        tl.fixed[f0 - 1] = True
        t = (np.arange(f0, l0) - f0 + 1) / tl.fps
        tl.height[f0:l0] = np.maximum(TAKEOFF_HEIGHT + v0 * t - 0.5 * G * t * t, TAKEOFF_HEIGHT)
        tl.fixed[f0:l0] = True
        fwd = forward_of(np.array(state.heading))[[0, 2]]
        tl.xz[f0:l0] = state.xz + fwd * action.forward * (t / fly)[:, None]
        for side in SIDES:
            foot = tl.feet[side]
            foot.mode[f0:l0], foot.tuck[f0:l0] = 2, 0.10 * np.sin(np.pi * t / fly)
            at, yaw = state.feet[side]
            state.feet[side] = (at + fwd * action.forward, yaw)
            tl.plant(side, l0, b, *state.feet[side])
        state.xz = state.xz + fwd * action.forward
        tl.xz[l0:b] = state.xz
        s = tl.times(l0, l0 + n[3]) / LAND
        tl.height[l0:l0 + n[3]] = _landing(s)
        tl.lean[c0:p0] = 25 * np.sin(np.pi / 2 * tl.times(c0, p0) / CROUCH)
        tl.lean[p0:f0] = 25 * (1 - tl.times(p0, f0) / PUSH)
        tl.lean[l0:l0 + n[3]] = 18 * np.sin(np.pi * s)
        _jump_arms(tl, c0, p0, f0, l0, l0 + n[3])
        i = l0 + n[3]


def _landing(s: np.ndarray) -> np.ndarray:
    """Root height while landing: from take-off height down into a crouch and back up."""
    down = TAKEOFF_HEIGHT + (CROUCH_HEIGHT + 0.04 - TAKEOFF_HEIGHT) * np.sin(np.pi / 2 * np.minimum(s / 0.4, 1))
    up = CROUCH_HEIGHT + 0.04 + (0.95 - CROUCH_HEIGHT - 0.04) * np.clip((s - 0.4) / 0.6, 0, 1) ** 2 * (
        3 - 2 * np.clip((s - 0.4) / 0.6, 0, 1))
    return np.where(s < 0.4, down, up)


def _jump_arms(tl: Timeline, c0: int, p0: int, f0: int, l0: int, end: int) -> None:
    keys = np.array([c0, p0, f0, l0, end], float)
    backs = np.radians([0.0, -40.0, 150.0, 120.0, 0.0])   # arm angle forward from hanging
    for side in SIDES:
        x = 0.18 if side == "Left" else -0.18
        angle = np.interp(np.arange(c0, end), keys, backs)
        tl.upper[side][c0:end] = np.column_stack([np.full_like(angle, x), -np.cos(angle), np.sin(angle)])
        tl.fore[side][c0:end] = np.column_stack([np.full_like(angle, x * 0.6), -np.cos(angle + 0.3),
                                                 np.sin(angle + 0.3)])


def _wave(action, tl, state, a, b, rng) -> None:
    _stand(tl, state, a, b)
    _wave_arms(tl, a, b, action, rng)


def _wave_arms(tl: Timeline, a: int, b: int, action: Action, rng: np.random.Generator) -> None:
    t = tl.times(a, b)
    total = t[-1] if len(t) > 1 else 1.0
    raise_ = np.clip(np.minimum(t, total - t) / 0.4, 0, 1)
    raise_ = raise_ * raise_ * (3 - 2 * raise_)
    freq = 2.2 * float(rng.uniform(0.9, 1.1))
    sides = SIDES if action.hand == "Both" else (action.hand,)
    for side in sides:
        x = 1.0 if side == "Left" else -1.0
        up = np.array([0.75 * x, 0.6, 0.15])
        rest_u, rest_f = tl.upper[side][a:b].copy(), tl.fore[side][a:b].copy()
        swing = np.radians(20 * x + 28 * np.sin(2 * np.pi * freq * t))
        fore = np.column_stack([np.sin(swing), np.cos(swing), np.full_like(t, 0.25)])
        tl.upper[side][a:b] = rest_u * (1 - raise_)[:, None] + up * raise_[:, None]
        tl.fore[side][a:b] = rest_f * (1 - raise_)[:, None] + fore * raise_[:, None]


def _hands_on_thighs(tl: Timeline, a: int, b: int, weight: np.ndarray) -> None:
    for side in SIDES:
        x = 1.0 if side == "Left" else -1.0
        w = weight[:, None]
        tl.upper[side][a:b] = tl.upper[side][a:b] * (1 - w) + np.array([0.15 * x, -0.8, 0.45]) * w
        tl.fore[side][a:b] = tl.fore[side][a:b] * (1 - w) + np.array([0.05 * x, -0.35, 1.0]) * w


def _seat_move(tl: Timeline, state: State, a: int, b: int, down: bool, seconds: float) -> None:
    s = np.clip(tl.times(a, b) / max(seconds, 1e-6), 0, 1)
    e = s * s * (3 - 2 * s)
    w = e if down else 1 - e
    back = -forward_of(np.array(state.heading))[[0, 2]] * SEAT_BACK
    start = state.xz - (0 if down else back)
    tl.xz[a:b] = start + back * w[:, None]
    tl.height[a:b] = 0.95 + (SEAT_HEIGHT - 0.95) * w
    tl.lean[a:b] = 30 * np.sin(np.pi * s) + 8 * w
    _hands_on_thighs(tl, a, b, w)
    state.xz = start + back * (1.0 if down else 0.0)
    state.seated = down


def _sit(action, tl, state, a, b, rng) -> None:
    if state.seated:
        return _stand(tl, state, a, b)
    tl.hold(state, a, b)
    _seat_move(tl, state, a, b, True, min(1.4, (b - a) / tl.fps))


def _stand_up(action, tl, state, a, b, rng) -> None:
    tl.hold(state, a, b)
    if state.seated:
        _seat_move(tl, state, a, b, False, (b - a) / tl.fps)


def _dance(action, tl, state, a, b, rng) -> None:
    beat = 0.5 / action.speed * float(rng.uniform(0.95, 1.05))
    t = tl.times(a, b)
    side = left_of(np.array(state.heading))[[0, 2]]
    fade = np.clip(np.minimum(t, t[-1] - t) / 0.4, 0, 1) if len(t) > 1 else np.zeros_like(t)
    xz = state.xz + side * (0.12 * np.sin(2 * np.pi * t / (4 * beat)) * fade)[:, None]
    heading = np.full(len(t), state.heading)
    gait = Gait(0.0, 1.0 / beat, 0.6, 0.10, 0.95, 3.0, 0.0, 0.0)
    step(tl, state, a, b, gait, xz, heading)
    tl.height[a:b] = 0.95 - 0.05 * (0.5 + 0.5 * np.cos(2 * np.pi * t / beat)) * fade
    tl.sway[a:b] = 7 * np.sin(2 * np.pi * t / (2 * beat)) * fade
    tl.twist[a:b] = 6 * np.sin(2 * np.pi * t / (4 * beat)) * fade
    for name in SIDES:
        x = 1.0 if name == "Left" else -1.0
        pump = np.sin(2 * np.pi * t / beat + (0 if name == "Left" else np.pi))
        up = np.column_stack([0.55 * x + 0 * t, 0.35 + 0.35 * pump, np.full_like(t, 0.45)])
        fore = np.column_stack([0.15 * x + 0 * t, 0.9 + 0 * t, 0.3 + 0.2 * pump])
        w = fade[:, None]
        tl.upper[name][a:b] = tl.upper[name][a:b] * (1 - w) + up * w
        tl.fore[name][a:b] = tl.fore[name][a:b] * (1 - w) + fore * w
