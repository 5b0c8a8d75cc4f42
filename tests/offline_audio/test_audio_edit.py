"""audio.edit: effects by instruction, checked on the signal (pitch, decay, duration, bands)."""

from __future__ import annotations

import numpy as np
import pytest

from audio_checks import band_db, fundamental, mono, read, rms_db, tone, write
from medialoom.errors import InputError

SR = 44100


@pytest.fixture
def a440(tmp_path, artifact):
    return artifact(write(tmp_path / "a440.wav", tone(440, 1.0)), "audio")


def test_two_semitones_up_moves_the_fundamental_by_1_122(A, make_ctx, a440):
    out = A.edit(make_ctx("audio.edit"), a440, "pitch it up two semitones")
    x, sr = mono(out.path)
    ratio = fundamental(x[sr // 10: -sr // 10], sr) / 440
    assert abs(ratio - 2 ** (2 / 12)) / 2 ** (2 / 12) < 0.01
    assert abs(len(x) / sr - 1.0) < 0.02  # pitch shift keeps the duration
    assert out.meta["chain"] == [{"effect": "pitch", "semitones": 2.0}]


def test_reverb_lengthens_the_decay_and_honours_its_number(A, make_ctx, tmp_path, artifact):
    burst = np.concatenate([tone(600, 0.2), np.zeros(SR, np.float32)])
    dry = artifact(write(tmp_path / "burst.wav", burst), "audio")

    def tail_db(path) -> float:  # level 0.3-0.5 s after the burst ends, relative to the burst
        x, sr = mono(path)
        return rms_db(x[int(0.5 * sr): int(0.7 * sr)]) - rms_db(x[: int(0.2 * sr)])

    short = A.edit(make_ctx("audio.edit"), dry, "add a small room reverb with a 0.5 second decay")
    long = A.edit(make_ctx("audio.edit"), dry, "add a hall reverb with a 3-second decay")
    assert tail_db(dry.path) < -80
    assert tail_db(short.path) > -60 and tail_db(long.path) > tail_db(short.path) + 6
    assert mono(long.path)[0].size > burst.size  # the tail rings past the end


def test_speed_keeps_pitch_and_changes_duration(A, make_ctx, a440):
    out = A.edit(make_ctx("audio.edit"), a440, "make it 20% faster")
    x, sr = mono(out.path)
    assert abs(len(x) / sr - 1 / 1.2) < 0.02
    assert abs(fundamental(x[sr // 10: -sr // 10], sr) - 440) < 440 * 0.01


def test_bass_boost_fade_and_reverse(A, make_ctx, tmp_path, artifact):
    rng = np.random.default_rng(0)
    noise = artifact(write(tmp_path / "noise.wav", (0.1 * rng.standard_normal(SR)).astype(np.float32)), "audio")
    boosted = A.edit(make_ctx("audio.edit"), noise, "+6 dB bass")
    x0, _ = mono(noise.path)
    x1, _ = mono(boosted.path)
    gain_low = band_db(x1, SR, 20, 100) - band_db(x0, SR, 20, 100)
    gain_high = band_db(x1, SR, 3000, 8000) - band_db(x0, SR, 3000, 8000)
    assert gain_low - gain_high > 4
    ramp = np.linspace(0, 0.5, SR).astype(np.float32)
    up = artifact(write(tmp_path / "ramp.wav", ramp * tone(300, 1.0, level=1.0)), "audio")
    back, _ = mono(A.edit(make_ctx("audio.edit"), up, "reverse it").path)
    assert rms_db(back[: SR // 4]) > rms_db(back[-SR // 4:]) + 10
    faded, _ = mono(A.edit(make_ctx("audio.edit"), noise, "fade out over 0.5 seconds").path)
    assert rms_db(faded[-SR // 20:]) < rms_db(faded[: SR // 4]) - 20


def test_telephone_band_limits_and_gain_is_honoured(A, make_ctx, tmp_path, artifact):
    rng = np.random.default_rng(1)
    noise = artifact(write(tmp_path / "n.wav", (0.05 * rng.standard_normal(SR)).astype(np.float32)), "audio")
    phone, _ = mono(A.edit(make_ctx("audio.edit"), noise, "make it sound like a telephone").path)
    assert band_db(phone, SR, 800, 2500) - band_db(phone, SR, 6000, 15000) > 20
    louder, _ = mono(A.edit(make_ctx("audio.edit"), noise, "make it louder by 6 dB").path)
    x0, _ = mono(noise.path)
    assert abs(rms_db(louder) - rms_db(x0) - 6) < 0.5


def test_effects_never_clip_and_unknown_instructions_list_the_vocabulary(A, make_ctx, a440):
    hot = A.edit(make_ctx("audio.edit"), a440, "add heavy distortion and make it louder by 20 dB")
    data, _ = read(hot.path)
    assert np.abs(data).max() < 0.9
    with pytest.raises(InputError, match="reverb.*echo.*pitch"):
        A.edit(make_ctx("audio.edit"), a440, "make it purple")


@pytest.mark.parametrize("instruction,expected", [
    ("add a hall reverb with a 2-second decay", [("reverb", {"size": "hall", "decay": 2.0})]),
    ("+3 dB bass", [("bass", {"db": 3.0})]),
    ("cut the treble by 5 dB", [("treble", {"db": -5.0})]),
    ("pitch it down an octave", [("pitch", {"semitones": -12.0})]),
    ("slow it down 50%", [("speed", {"factor": 0.5})]),
    ("speed up 1.5x", [("speed", {"factor": 1.5})]),
    ("fade out over 3 seconds and add echo", [("fade_out", {"seconds": 3.0}), ("echo", {"delay": 0.35, "feedback": 0.4})]),
    ("make the voice deeper", [("voice", {"semitones": -4.0, "character": "deeper"})]),
    ("robot voice", [("robot", {})]),
    ("make it sound like it is underwater", [("underwater", {})]),
    ("quieter by 10 dB", [("gain", {"db": -10.0})]),
    ("low-pass at 2 kHz", [("lowpass", {"hz": 2000.0})]),
    ("pitch it up 5", [("pitch", {"semitones": 5.0})]),
    ("shift the pitch down 4", [("pitch", {"semitones": -4.0})]),
    ("make it twice as fast", [("speed", {"factor": 2.0})]),          # not 'a' + 'st' = 1 semitone
    ("make it twice as slow", [("speed", {"factor": 0.5})]),
    ("boost the highs", [("treble", {"db": 6.0})]),                    # no extra gain
    ("add a long reverb", [("reverb", {"size": "room", "decay": 2.5})]),
    ("speed up 1.5x", [("speed", {"factor": 1.5})]),
    ("add an echo with 500ms delay", [("echo", {"delay": 0.5, "feedback": 0.4})]),
])
def test_instructions_become_chains_with_their_numbers(instruction, expected):
    from medialoom.backends.offline.audio.effects import parse_instruction

    assert [(e.name, e.params) for e in parse_instruction(instruction)] == expected


def test_turn_it_down_and_bare_decibels_are_gains(A, make_ctx, tmp_path, artifact):
    rng = np.random.default_rng(2)
    noise = artifact(write(tmp_path / "n.wav", (0.05 * rng.standard_normal(SR)).astype(np.float32)), "audio")
    x0, _ = mono(noise.path)
    down, _ = mono(A.edit(make_ctx("audio.edit"), noise, "turn it down 3 dB").path)
    up, _ = mono(A.edit(make_ctx("audio.edit"), noise, "+4 dB").path)
    assert abs(rms_db(down) - rms_db(x0) + 3) < 0.5
    assert abs(rms_db(up) - rms_db(x0) - 4) < 0.5


def test_tempo_in_bpm_sets_the_speed_from_the_two_tempos(A, make_ctx, a440):
    out = A.edit(make_ctx("audio.edit"), a440, "change the tempo from 100 to 125 bpm")
    x, sr = mono(out.path)
    assert abs(len(x) / sr - 100 / 125) < 0.02
    assert abs(fundamental(x[sr // 10: -sr // 10], sr) - 440) < 440 * 0.01
    with pytest.raises(InputError, match="from 100 to 120 bpm"):
        A.edit(make_ctx("audio.edit"), a440, "set the tempo to 90 bpm")


def test_a_bare_number_after_pitch_is_semitones(A, make_ctx, a440):
    out = A.edit(make_ctx("audio.edit"), a440, "pitch it up 5")
    x, sr = mono(out.path)
    ratio = fundamental(x[sr // 10: -sr // 10], sr) / 440
    assert abs(ratio - 2 ** (5 / 12)) / 2 ** (5 / 12) < 0.01
