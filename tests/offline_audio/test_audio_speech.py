"""audio.speech through espeak-ng; audio.transcribe offline names the neural backend."""

from __future__ import annotations

import numpy as np
import pytest

from audio_checks import loudness, mono, read
from medialoom.errors import BackendUnavailable, InputError

TEXT = "The quick brown fox jumps over the lazy dog. Then it runs into the forest, and sleeps."


def _voiced_fraction(x: np.ndarray, sr: int) -> float:
    frame = sr // 50
    energy = np.sqrt(np.mean(x[: len(x) // frame * frame].reshape(-1, frame) ** 2, axis=1))
    return float(np.mean(energy > 0.01))


def test_speech_is_non_silent_mono_plausible_length_and_normalised(A, make_ctx):
    out = A.speech(make_ctx("audio.speech"), TEXT)
    data, sr = read(out.path)
    x = data[:, 0]
    words = len(TEXT.split())
    assert data.shape[1] == 1
    assert 1.5 <= words / (len(x) / sr) <= 4.5  # words per second of real speech
    assert _voiced_fraction(x, sr) > 0.5
    assert np.abs(x).max() < 0.9 and abs(loudness(out.path) + 16) < 1.5
    assert out.meta["sentences"] == 2


def test_voice_speed_and_language_change_the_sound(A, make_ctx):
    female = A.speech(make_ctx("audio.speech"), "Hello, how are you today?", voice="female")
    male = A.speech(make_ctx("audio.speech"), "Hello, how are you today?", voice="deep male")
    fast = A.speech(make_ctx("audio.speech"), "Hello, how are you today?", voice="female", speed=2)
    french = A.speech(make_ctx("audio.speech"), "Bonjour, comment allez-vous ?", language="French")
    f, sr = mono(female.path)
    m, _ = mono(male.path)
    q, _ = mono(fast.path)
    assert len(q) < 0.75 * len(f)
    assert _pitch(m, sr) < _pitch(f, sr) * 0.85
    assert french.meta["language"].startswith("fr") and mono(french.path)[0].size > sr // 2


def _pitch(x: np.ndarray, sr: int) -> float:
    """Median autocorrelation pitch of voiced 40 ms frames."""
    n = int(0.04 * sr)
    found = []
    for start in range(0, len(x) - n, n):
        frame = x[start:start + n] - x[start:start + n].mean()
        if np.sqrt(np.mean(frame ** 2)) < 0.03:
            continue
        ac = np.correlate(frame, frame, "full")[n - 1:]
        lo, hi = sr // 400, sr // 60
        found.append(sr / (lo + int(np.argmax(ac[lo:hi]))))
    return float(np.median(found))


def test_long_text_gets_pauses_between_sentences(A, make_ctx):
    one = A.speech(make_ctx("audio.speech"), "Good morning everyone. Good morning everyone.")
    x, sr = mono(one.path)
    frame = sr // 100
    quiet = np.sqrt(np.mean(x[: len(x) // frame * frame].reshape(-1, frame) ** 2, axis=1)) < 0.003
    runs, best = 0, 0
    for q in quiet[10:-10]:
        runs = runs + 1 if q else 0
        best = max(best, runs)
    assert best >= 25  # a pause of at least a quarter second between the sentences


def test_bad_speech_requests_are_one_line(A, make_ctx):
    for kwargs in ({"text": "   "}, {"text": "hi", "voice": "dragon"}, {"text": "hi", "language": "martian"}):
        with pytest.raises(InputError) as err:
            A.speech(make_ctx("audio.speech"), **kwargs)
        assert "\n" not in str(err.value)


def test_transcribe_offline_names_the_neural_backend():
    """No offline recogniser: the tool is not listed as ready offline, and choosing it says so."""
    from medialoom.registry import Registry

    registry = Registry.default()
    with pytest.raises(BackendUnavailable) as err:
        registry.choose("audio.transcribe", "offline")
    assert "no offline backend" in str(err.value) and "--backend neural" in str(err.value)
    row = next(r for r in registry.availability() if r["id"] == "audio.transcribe")
    assert [b["name"] for b in row["backends"]] == ["neural"]


def test_an_exact_pitch_in_the_voice_is_honoured(A, make_ctx):
    low = A.speech(make_ctx("audio.speech"), "Hello, how are you today?", voice="male, pitch 10")
    high = A.speech(make_ctx("audio.speech"), "Hello, how are you today?", voice="male, pitch 90")
    lo, sr = mono(low.path)
    hi, _ = mono(high.path)
    assert (low.meta["pitch"], high.meta["pitch"], high.meta["voice"]) == (10, 90, "male")
    assert _pitch(hi, sr) > 1.3 * _pitch(lo, sr)


@pytest.mark.parametrize("name,code", [
    ("Brazilian Portuguese", "pt-br"), ("British English", "en-gb"), ("American English", "en-us"),
    ("Latin American Spanish", "es-419"), ("Latin", "la"), ("Mandarin", "cmn"), ("Swiss German", "de"),
    ("fr", "fr-fr"), ("French", "fr-fr"),
])
def test_languages_by_descriptive_names(name, code):
    from medialoom.backends.offline.audio.espeak import pick_language

    assert pick_language(name) == code


@pytest.mark.parametrize("voice,label", [
    ("narrator", "female"), ("a deep voice", "male"), ("robotic", "robot"), ("whispering", "whisper"),
    ("an old man", "elderly"), ("a lady", "female"),
])
def test_everyday_voice_descriptions(voice, label):
    from medialoom.backends.offline.audio.espeak import pick_voice

    assert pick_voice(voice).label == label
    with pytest.raises(InputError, match="unknown voice"):
        pick_voice("an alien")
