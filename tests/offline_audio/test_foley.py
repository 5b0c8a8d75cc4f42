"""audio.sound, the sounds of audio/foley.py: each measured on its signal (bursts, pitch
contours, spectral peaks, rhythm), combinations with the older sounds, and prompts naming sounds
offline design cannot make (kept in meta `unknown_sounds`, or an InputError when nothing is left)."""

from __future__ import annotations

import numpy as np
import pytest

from audio_checks import band_db, bursts, centroid, envelope, flatness, pitch, read
from medialoom.errors import InputError

SR = 44100
NEW = ("dog barking", "cat meowing", "car horn", "siren", "church bell", "heartbeat", "keyboard typing",
       "wind chimes", "owl hooting", "frogs", "train passing")


def made(name: str, seconds: float = 4.0, seed: int = 1) -> np.ndarray:
    from medialoom.backends.offline.audio.design import design

    return design(name, seconds, seed=seed)[0].astype(np.float64)


def whole(x: np.ndarray) -> list[tuple[float, float]]:
    """The bursts not cut short by the end of the clip."""
    return [(s, l) for s, l in bursts(x, SR) if s + l < len(x) / SR - 0.15]


def at(x: np.ndarray, start: float, seconds: float) -> np.ndarray:
    return x[int(start * SR): int((start + seconds) * SR)]


def test_every_new_sound_is_exact_length_audible_and_seeded():
    from medialoom.backends.offline.audio.design import design

    for name in NEW:
        x, layers = design(name, 1.5, seed=3)
        assert len(x) == int(1.5 * SR) and [l.name for l in layers] == [name], name
        assert np.sqrt(np.mean(at(x, 0.0, 1.0) ** 2)) > 0.05, name  # something happens in the first second
        assert np.array_equal(x, design(name, 1.5, seed=3)[0]) and not np.array_equal(x, design(name, 1.5, seed=4)[0])


def test_a_dog_barks_in_short_harmonic_bursts_between_300_and_900_hz():
    x = made("dog barking")
    barks = whole(x)
    assert len(barks) >= 3
    for start, length in barks:
        assert 0.04 <= length <= 0.3
        assert 300 <= pitch(at(x, start, max(length, 0.04)), SR, 150, 1500) <= 900
    assert flatness(x) < 0.01  # voiced, not a noise burst


def test_a_cat_meows_with_a_pitch_that_rises_then_falls():
    x = made("cat meowing")
    meows = whole(x)
    assert meows and all(0.35 <= length <= 1.1 for _, length in meows)
    for start, length in meows:
        contour = [pitch(at(x, start + length * q, 0.04), SR, 250, 1200) for q in (0.1, 0.4, 0.9)]
        assert contour[1] > contour[0] and contour[1] > contour[2] * 1.1
        assert all(350 <= f <= 900 for f in contour)


def test_a_siren_sweeps_its_pitch_smoothly_over_an_octave():
    x = made("siren")
    contour = np.array([pitch(at(x, s, 0.04), SR, 400, 2000) for s in np.arange(0, 3.9, 0.1)])
    assert contour.max() - contour.min() > 500 and contour.max() / contour.min() > 1.7
    assert np.abs(np.diff(contour)).max() < 150  # a glide, not a jump between two notes


def test_a_heartbeat_is_a_low_double_pulse_about_once_a_second():
    x = made("heartbeat", 5.0)
    assert band_db(x, SR, 0, 200) - band_db(x, SR, 200, SR / 2) > 20
    starts = np.array([s for s, _ in bursts(x, SR)])
    lubs, dubs = starts[::2], starts[1::2]
    assert len(lubs) >= 5 and len(dubs) >= 5
    assert np.all((dubs[: len(lubs)] - lubs[: len(dubs)] > 0.2) & (dubs[: len(lubs)] - lubs[: len(dubs)] < 0.4))
    assert 0.75 < np.median(np.diff(lubs)) < 1.05  # 57-80 beats a minute


def test_a_car_horn_is_two_tones_a_major_third_apart():
    x = made("car horn")
    spec = np.abs(np.fft.rfft(x))
    freqs = np.fft.rfftfreq(len(x), 1 / SR)
    low = freqs[np.argmax(spec * ((freqs > 300) & (freqs < 480)))]
    high = freqs[np.argmax(spec * ((freqs > 480) & (freqs < 600)))]
    assert 380 <= low <= 460 and abs(high / low - 1.25) < 0.02
    assert band_db(x, SR, low - 5, low + 5) - band_db(x, SR, 600, 1000) > 10
    assert 1 <= len(bursts(x, SR)) <= 8  # honks, not a drone


def test_a_church_bell_is_low_tonal_and_rings_on():
    x = made("church bell")
    start = bursts(x, SR)[0][0]
    spec = np.abs(np.fft.rfft(x))
    assert np.fft.rfftfreq(len(x), 1 / SR)[np.argmax(spec)] < 400  # deeper than a doorbell
    strike, later = envelope(at(x, start, 0.2), SR).mean(), envelope(at(x, start + 1.0, 0.2), SR).mean()
    assert 20 * np.log10(strike / later) < 15  # still ringing a second after the strike
    assert flatness(x) < 0.01 and centroid(x, SR) < 1500


def test_typing_is_many_short_bright_clicks():
    x = made("keyboard typing")
    clicks = bursts(x, SR, rel=0.2, hop=0.005)
    assert 4 * 4 <= len(clicks) <= 4 * 14 and np.median([l for _, l in clicks]) <= 0.03
    assert centroid(x, SR) > 2500


def test_wind_chimes_are_high_ringing_tones():
    x = made("wind chimes")
    assert flatness(x) < 0.01
    assert band_db(x, SR, 700, SR / 2) - band_db(x, SR, 0, 700) > 20
    spec = np.abs(np.fft.rfft(x))
    freqs = np.fft.rfftfreq(len(x), 1 / SR)
    assert 800 < freqs[np.argmax(spec)] < 2000


def test_an_owl_hoots_low_and_pure():
    x = made("owl hooting")
    hoots = whole(x)
    assert len(hoots) >= 3
    for start, length in hoots:
        assert 0.05 <= length <= 0.7
        assert 250 <= pitch(at(x, start + length / 2 - 0.02, 0.04), SR, 150, 1000) <= 450


def test_frogs_croak_in_rattles_of_about_twenty_pulses_a_second():
    x = made("frogs")
    e = envelope(x, SR, 0.002)
    mod = np.abs(np.fft.rfft(e - e.mean()))
    rates = np.fft.rfftfreq(len(e), 0.002)
    assert 15 <= rates[np.argmax(mod * (rates > 5))] <= 30
    assert 200 < centroid(x, SR) < 2000


def test_a_train_passes_loudest_in_the_middle():
    x = made("train passing", 6.0)
    levels = [20 * np.log10(np.sqrt(np.mean(at(x, s, 1.0) ** 2))) for s in range(6)]
    assert levels[2] - levels[0] > 8 and levels[3] - levels[5] > 8


def test_a_dog_barking_in_the_rain_has_the_rain_and_the_barks():
    from medialoom.backends.offline.audio.design import RATE, design

    both, layers = design("a dog barking in the rain", 4.0, seed=1)
    dog, _ = design("dog barking", 4.0, seed=1)  # the first layer: the same barks
    assert [l.name for l in layers] == ["dog barking", "rain"] and RATE == SR
    assert band_db(both, SR, 6000, 12000) > band_db(dog, SR, 6000, 12000) + 10  # the rain's hiss
    from medialoom.backends.offline.audio.blocks import band

    voiced = envelope(band(both.astype(np.float64), SR, 400, 1000), SR)
    floor = np.median(voiced)
    for start, length in bursts(dog, SR):
        frames = voiced[int(start * 100): int((start + length) * 100) + 1]
        assert 20 * np.log10(frames.max() / floor) > 6  # each bark stands out of the rain


def test_the_longest_sound_word_wins():
    from medialoom.backends.offline.audio.design import parse_layers

    def names(prompt: str) -> list[str]:
        return [l.name for l in parse_layers(prompt)]

    assert names("a car horn") == ["car horn"]
    assert names("a fire engine siren") == ["siren"]
    assert names("wind chimes in a breeze") == ["wind chimes", "wind"]
    assert names("church bells and a doorbell") == ["church bell", "doorbell"]
    assert names("a cathedral at night") == ["church bell", "crickets"]
    assert names("an owl and howling wind") == ["owl hooting", "wind"]


def test_sounds_it_cannot_make_are_named_in_meta(A, make_ctx):
    out = A.sound(make_ctx("audio.sound"), "a lion roaring in the rain", duration=2, seed=1)
    x, sr = read(out.path)
    assert len(x) == 2 * sr and band_db(x[:, 0], sr, 4000, 12000) - band_db(x[:, 0], sr, 0, 4000) > -10
    assert out.meta["unknown_sounds"] == ["lion roaring"]
    assert [l["sound"] for l in out.meta["layers"]] == ["rain"]
    known = A.sound(make_ctx("audio.sound"), "10 seconds of a dog barking in the rain", duration=1, seed=1)
    assert "unknown_sounds" not in known.meta
    assert [l["sound"] for l in known.meta["layers"]] == ["dog barking", "rain"]


def test_nothing_it_can_make_names_what_it_can_and_the_neural_backend(A, make_ctx):
    with pytest.raises(InputError, match=r"lion roaring.*dog barking.*AudioLDM2.*--backend neural") as err:
        A.sound(make_ctx("audio.sound"), "a lion roaring", duration=1)
    assert "\n" not in str(err.value)


def test_sound_words_are_words_not_prefixes_of_others():
    from medialoom.backends.offline.audio.design import parse

    assert [l.name for l in parse("a rainbow over the sea").layers] == ["ocean waves"]
    assert parse("a rainbow over the sea").unknown == ["rainbow"]
    assert [l.name for l in parse("rainy streets, a ticking clock and puppies").layers] == \
        ["rain", "city traffic", "clock ticking", "dog barking"]
    with pytest.raises(InputError, match="hornet"):
        parse("a hornet on the carpet")
