"""A motion plugin for the tests: HumanML3D-style joint positions taken from the offline walk
(the shape and order a text-to-motion network gives), so the boundary runs without a model."""

from __future__ import annotations

import numpy as np

CALLS: list[tuple] = []


def smpl22(motion) -> np.ndarray:
    from medialoom.backends.offline.motion.joints import SMPL22

    pos = motion.positions()
    sk = motion.skeleton
    out = np.empty((motion.frames, 22, 3))
    for i, name in enumerate(SMPL22):
        out[:, i] = pos[:, sk.index(name)] if name else (pos[:, sk.index("Spine1")] + pos[:, sk.index("Neck")]) / 2
    return out


def text_to_joints(prompt: str, seconds: float, fps: float, seed: int, model: str) -> np.ndarray:
    from medialoom.backends.offline.motion.compose import compose
    from medialoom.backends.offline.motion.words import parse

    CALLS.append((prompt, seconds, fps, seed, model))
    return smpl22(compose(parse(prompt), seconds, seed, fps=int(fps)))
