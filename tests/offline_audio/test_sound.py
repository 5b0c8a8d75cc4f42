"""audio.sound: procedural sound design, seeded, exact duration, sounds like its name."""

from __future__ import annotations

import numpy as np
import pytest

from audio_checks import band_db, centroid, read
from medialoom.errors import InputError

NAMES = ("rain", "thunder", "wind", "ocean waves", "stream", "fire crackle", "birds", "crickets",
         "footsteps", "crowd", "city traffic", "clock ticking", "doorbell", "beeps", "applause", "engine hum")


def test_every_named_sound_is_exact_length_audible_and_unclipped():
    from medialoom.backends.offline.audio.design import RATE, design

    for name in NAMES:
        x, layers = design(name, 1.5, seed=3)
        assert len(x) == int(1.5 * RATE) and [l.name for l in layers] == [name]
        assert np.sqrt(np.mean(x ** 2)) > 0.1, name


def test_the_tool_writes_exact_duration_and_repeats_with_its_seed(A, make_ctx):
    a = A.sound(make_ctx("audio.sound"), "the sound of rain", duration="2.5s", seed=5)
    b = A.sound(make_ctx("audio.sound"), "the sound of rain", duration=2.5, seed=5)
    c = A.sound(make_ctx("audio.sound"), "the sound of rain", duration=2.5, seed=6)
    xa, sr = read(a.path)
    xb, _ = read(b.path)
    xc, _ = read(c.path)
    assert len(xa) == int(2.5 * sr) and np.array_equal(xa, xb) and not np.array_equal(xa, xc)
    assert np.abs(xa).max() < 0.9


def test_sounds_have_the_spectra_of_their_names():
    from medialoom.backends.offline.audio.design import RATE, design

    def spectrum(name: str) -> np.ndarray:
        return design(name, 3.0, seed=1)[0].astype(np.float64)

    rain, thunder, engine = spectrum("rain"), spectrum("thunder"), spectrum("engine hum")
    crickets, beeps = spectrum("crickets"), spectrum("beeps")
    assert centroid(rain, RATE) > 4 * centroid(thunder, RATE)
    assert centroid(engine, RATE) < 400
    assert band_db(crickets, RATE, 3800, 5500) - band_db(crickets, RATE, 0, 3800) > 20
    spec = np.abs(np.fft.rfft(beeps))
    assert abs(np.argmax(spec) * RATE / len(beeps) - 1000) < 5


def test_prompts_combine_layers_and_distance_dulls_them():
    from medialoom.backends.offline.audio.design import RATE, design, parse_layers

    layers = parse_layers("rain with distant thunder")
    assert [(l.name, l.distant) for l in layers] == [("rain", False), ("thunder", True)]
    assert layers[1].gain < layers[0].gain
    both, _ = design("rain with distant thunder", 3.0, seed=2)
    rain, _ = design("rain", 3.0, seed=2)
    assert band_db(both, RATE, 20, 150) > band_db(rain, RATE, 20, 150) + 3  # the rumble is there


def test_unknown_sound_lists_what_is_known(A, make_ctx):
    with pytest.raises(InputError, match="rain, thunder"):
        A.sound(make_ctx("audio.sound"), "the sound of silence in a spaceship", duration=1)
    with pytest.raises(InputError):
        A.sound(make_ctx("audio.sound"), "rain", duration=0)


def test_a_thunderstorm_is_rain_and_thunder():
    from medialoom.backends.offline.audio.design import RATE, design

    storm, layers = design("a thunderstorm", 3.0, seed=2)
    thunder, _ = design("thunder", 3.0, seed=2)
    assert [l.name for l in layers] == ["rain", "thunder"]
    assert band_db(storm, RATE, 4000, 12000) > band_db(thunder, RATE, 4000, 12000) + 6  # the hiss of rain
