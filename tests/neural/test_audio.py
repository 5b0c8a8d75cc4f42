"""MusicGen and AudioLDM2 on tiny random models: exact durations, seeds."""

from __future__ import annotations

import numpy as np
import pytest
import soundfile as sf

from medialoom.backends.neural import audio
from medialoom.errors import InputError

pytestmark = pytest.mark.neural


def test_music_duration_rate_and_seed(tiny_model, nctx):
    folder = tiny_model("musicgen")
    a = audio.music(nctx("audio.music", folder), "calm piano", duration=0.25, tempo=90, key="C major", seed=3)
    b = audio.music(nctx("audio.music", folder), "calm piano", duration=0.25, tempo=90, key="C major", seed=3)
    c = audio.music(nctx("audio.music", folder), "calm piano", duration=0.25, tempo=90, key="C major", seed=4)
    wa, rate = sf.read(a.path)
    assert rate == 800 and len(wa) == 200 and a.meta["duration"] == 0.25
    assert np.array_equal(wa, sf.read(b.path)[0]) and not np.array_equal(wa, sf.read(c.path)[0])
    assert a.meta["prompt"] == "calm piano, 90 bpm, in C major" and a.meta["seed"] == 3


def test_music_with_four_codebooks_is_exactly_as_long_as_asked(tiny_model, nctx):
    """The delay pattern shifts codebook k by k frames: K-1 extra steps make the last frame whole."""
    folder = tiny_model("musicgen4")
    out = audio.music(nctx("audio.music", folder), "calm piano", duration=0.25, seed=1)
    samples, rate = sf.read(out.path)
    assert rate == 800 and len(samples) == 200 and out.meta["duration"] == 0.25
    assert out.meta["tokens"] == 50 + 4 - 1


def test_music_longer_than_the_model_can_make_is_an_input_error(tiny_model, nctx):
    with pytest.raises(InputError, match="at most"):
        audio.music(nctx("audio.music", tiny_model("musicgen")), "long song", duration="1:00")


def test_sound_duration_and_seed(tiny_model, nctx):
    folder = tiny_model("audioldm2")
    a = audio.sound(nctx("audio.sound", folder), "rain on a roof", duration=0.064, seed=5)
    b = audio.sound(nctx("audio.sound", folder), "rain on a roof", duration=0.064, seed=5)
    wa, rate = sf.read(a.path)
    assert rate == 16000 and len(wa) == 1024 and a.meta["duration"] == 0.064
    assert np.array_equal(wa, sf.read(b.path)[0]) and a.meta["steps"] == 2
