"""audio.mix, audio.concat, audio.trim, audio.denoise and audio.visualize on real signals."""

from __future__ import annotations

import numpy as np
import pytest

from audio_checks import as_artifact, fundamental, mono, read, rms_db, tone, tone_to_noise_db, write
from medialoom.errors import InputError

SR = 44100


def test_mix_reconciles_rates_and_channels_and_never_clips(A, make_ctx, tmp_path):
    low = write(tmp_path / "low.wav", tone(220, 1.0, 22050, level=0.99), 22050)  # mono 22.05 kHz
    stereo = np.stack([tone(660, 1.5, level=0.99)] * 2, axis=1)
    high = write(tmp_path / "high.wav", stereo, SR)  # stereo 44.1 kHz, longer
    out = A.mix(make_ctx("audio.mix"), [as_artifact(low), as_artifact(high)], gains=[1.0, 1.0], offsets=[0.5, 0])
    data, sr = read(out.path)
    assert sr == SR and data.shape[1] == 2 and abs(len(data) / sr - 1.5) < 0.01
    assert np.abs(data).max() < 0.9
    x = data[:, 0]
    assert abs(fundamental(x[: int(0.45 * sr)], sr) - 660) < 3  # only the second track before 0.5 s
    spec = np.abs(np.fft.rfft(x[int(0.55 * sr): int(1.45 * sr)]))
    freqs = np.fft.rfftfreq(int(0.9 * sr), 1 / sr)
    assert spec[np.abs(freqs - 220) < 3].max() > 0.1 * spec.max()  # the first track after 0.5 s


def test_speech_over_music_ducks_the_music(A, make_ctx, tmp_path):
    music = write(tmp_path / "music.wav", tone(200, 4.0, level=0.3))
    burst = np.zeros(4 * SR, np.float32)
    burst[SR: 2 * SR] = tone(1500, 1.0, level=0.3)  # "speech" from 1 s to 2 s
    voice = write(tmp_path / "voice.wav", burst)
    ducked = A.mix(make_ctx("audio.mix"), [as_artifact(music, "audio.music"), as_artifact(voice, "audio.speech")])
    plain = A.mix(make_ctx("audio.mix"), [as_artifact(music), as_artifact(voice)])

    def music_drop(path) -> float:  # music level while talking minus music level after
        x, sr = mono(path)
        from scipy.signal import butter, sosfilt

        low = sosfilt(butter(4, 400 / (sr / 2), output="sos"), x)
        return rms_db(low[int(1.3 * sr): int(1.8 * sr)]) - rms_db(low[int(3.2 * sr): int(3.8 * sr)])

    assert ducked.meta["ducked"] == [0]
    assert music_drop(ducked.path) < -8 and abs(music_drop(plain.path)) < 1


def test_concat_crossfades_and_trim_understands_times(A, make_ctx, tmp_path):
    a = as_artifact(write(tmp_path / "a.wav", tone(300, 2.0)))
    b = as_artifact(write(tmp_path / "b.wav", tone(500, 3.0)))
    joined = A.concat(make_ctx("audio.concat"), [a, b], crossfade=0.5)
    x, sr = mono(joined.path)
    assert abs(len(x) / sr - 4.5) < 0.01
    assert abs(fundamental(x[: sr], sr) - 300) < 2 and abs(fundamental(x[-sr:], sr) - 500) < 2
    plain, _ = mono(A.concat(make_ctx("audio.concat"), [a, b]).path)
    assert abs(len(plain) / sr - 5.0) < 0.01
    long = as_artifact(write(tmp_path / "long.wav", tone(400, 100.0, 8000), 8000))
    cut = A.trim(make_ctx("audio.trim"), long, start="1:20", end="90s")
    y, rate = mono(cut.path)
    assert rate == 8000 and abs(len(y) / rate - 10) < 0.01
    with pytest.raises(InputError):
        A.trim(make_ctx("audio.trim"), long, start="95", end="90")
    with pytest.raises(InputError):
        A.trim(make_ctx("audio.trim"), long, start="2:00")


def test_denoise_improves_tone_to_noise_by_six_db(A, make_ctx, tmp_path):
    rng = np.random.default_rng(0)
    clean = tone(440, 3.0, level=0.3)
    noisy = clean + (0.1 * rng.standard_normal(clean.size)).astype(np.float32)
    path = write(tmp_path / "noisy.wav", noisy)
    out = A.denoise(make_ctx("audio.denoise"), as_artifact(path))
    x, sr = mono(out.path)
    before = tone_to_noise_db(noisy[sr // 2: -sr // 2], SR, 440)
    after = tone_to_noise_db(x[sr // 2: -sr // 2], sr, 440)
    assert after - before >= 6
    assert abs(len(x) - len(noisy)) < 10
    assert out.meta["stationary"] is True  # a real bool in the record, not "True"


def test_non_stationary_noise_is_detected():
    from medialoom.backends.offline.audio.tracks import is_stationary

    rng = np.random.default_rng(2)
    steady = 0.05 * rng.standard_normal((3 * SR, 1))
    swelling = steady * np.repeat([0.1, 1.0, 0.1], SR)[:, None]
    assert is_stationary(steady, SR) and not is_stationary(swelling, SR)
    a440 = 0.3 * np.sin(2 * np.pi * 440 * np.arange(3 * SR) / SR)[:, None]
    assert not is_stationary(a440 + swelling * 3, SR)  # a steady tone does not hide the swell


def test_denoise_improves_a_tone_under_gusts_of_noise_by_six_db(A, make_ctx, tmp_path):
    rng = np.random.default_rng(3)
    t = np.arange(4 * SR) / SR
    clean = 0.3 * np.sin(2 * np.pi * 440 * t)
    gusts = rng.standard_normal(t.size) * (0.03 + 0.2 * np.clip(np.sin(2 * np.pi * 0.3 * t), 0, 1) ** 2)
    noisy = (clean + gusts).astype(np.float32)
    out = A.denoise(make_ctx("audio.denoise"), as_artifact(write(tmp_path / "gusty.wav", noisy)))
    x, sr = mono(out.path)
    assert out.meta["stationary"] is False
    assert tone_to_noise_db(x, sr, 440) - tone_to_noise_db(noisy, SR, 440) >= 6
    assert abs(len(x) - len(noisy)) < 10


@pytest.mark.parametrize("kind", ["waveform", "spectrogram"])
def test_visualize_draws_a_labelled_picture_of_the_sound(A, make_ctx, tmp_path, kind):
    from PIL import Image

    loud_then_quiet = np.concatenate([tone(1000, 1.0, level=0.8), tone(1000, 1.0, level=0.05)])
    out = A.visualize(make_ctx("audio.visualize"), as_artifact(write(tmp_path / "s.wav", loud_then_quiet)), kind=kind)
    img = np.asarray(Image.open(out.path).convert("L"), dtype=np.float64)
    assert img.shape == (480, 1200)
    plot = img[40:430, 100:1176]
    left, right = plot[:, : plot.shape[1] // 2 - 20], plot[:, plot.shape[1] // 2 + 20:]
    assert left.mean() > right.mean() + 3  # the loud half draws more ink
    assert img[440:470, 100:1176].std() > 5  # time labels under the plot
    if kind == "spectrogram":  # the brightest row is near 1 kHz on the log axis
        row = int(np.argmax(plot[:, :300].mean(axis=1)))
        hz = np.exp(np.log(22050) - row / plot.shape[0] * (np.log(22050) - np.log(30)))
        assert 700 < hz < 1400


def test_a_user_file_named_as_narration_ducks_the_other_tracks(A, make_ctx, tmp_path, artifact):
    bed = artifact(write(tmp_path / "bed.wav", tone(200, 2.0, level=0.3)), "audio")
    talk = np.zeros(2 * SR, np.float32)
    talk[: SR] = tone(1500, 1.0, level=0.3)
    narration = artifact(write(tmp_path / "narration.wav", talk), "audio")
    out = A.mix(make_ctx("audio.mix"), [bed, narration])
    assert out.meta["ducked"] == [0] and [t["role"] for t in out.meta["tracks"]] == ["other", "speech"]


def test_a_made_sound_is_labelled_by_its_prompt(A, make_ctx, tmp_path):
    from medialoom.artifacts import Artifact, mime_for

    path = write(tmp_path / "made.wav", tone(500, 1.0))
    made = Artifact("audio", path, "0" * 64, mime_for(path),
                    {"tool": "audio.sound", "args": {"prompt": "rain with distant thunder", "duration": 1}})
    out = A.visualize(make_ctx("audio.visualize"), made)
    assert out.meta["title"].startswith("waveform: audio.sound 'rain with distant thunder'")
    user = A.visualize(make_ctx("audio.visualize"), as_artifact(path))
    assert "made.wav" in user.meta["title"]
