"""Helpers for the motion tests: generate a clip from words without the executor."""

from __future__ import annotations


def make(prompt: str, seconds: float | None = None, seed: int = 0):
    from medialoom.backends.offline.motion.compose import compose
    from medialoom.backends.offline.motion.words import parse

    return compose(parse(prompt), seconds, seed)
