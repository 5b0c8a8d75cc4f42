"""video.add_audio, video.extract_audio, video.extract_frame."""

from __future__ import annotations

import numpy as np
import pytest
import soundfile
from video_support import dominant, frame_index, write_tone

from medialoom.backends.offline import video
from medialoom.backends.offline.video import io
from medialoom.errors import InputError


def test_replace_adds_a_track_trimmed_to_the_picture(clip, video_art, artifact, make_ctx, tmp_path):
    music = artifact(write_tone(tmp_path / "long.wav", 3.0, 300), "audio")
    out = video.add_audio(make_ctx(), video_art(clip(frames=10, fps=10)), music)
    assert io.probe(out.path).has_audio
    audio = io.read_audio(out.path)
    assert audio.shape[1] == pytest.approx(io.AUDIO_RATE, abs=50)
    assert 300 in dominant(audio[0])
    assert out.meta["audio_fitted"] == "trimmed"


def test_short_audio_is_padded_with_silence(clip, video_art, artifact, make_ctx, tmp_path):
    blip = artifact(write_tone(tmp_path / "short.wav", 0.4, 300), "audio")
    out = video.add_audio(make_ctx(), video_art(clip(frames=10, fps=10)), blip)
    audio = io.read_audio(out.path)
    assert audio.shape[1] == pytest.approx(io.AUDIO_RATE, abs=50)
    assert np.abs(audio[:, : int(0.3 * io.AUDIO_RATE)]).max() > 0.2
    assert np.abs(audio[:, int(0.6 * io.AUDIO_RATE):]).max() < 0.02


def test_mix_keeps_both_sounds_and_volume_scales(clip, video_art, artifact, make_ctx, tmp_path):
    source = video_art(clip(frames=10, fps=10, tone=440))
    music = artifact(write_tone(tmp_path / "m.wav", 2.0, 300), "audio")
    mixed = io.read_audio(video.add_audio(make_ctx(), source, music, mode="mix").path)
    assert {300, 440} <= dominant(mixed[0, 4800:43200])
    quiet = io.read_audio(video.add_audio(make_ctx(), video_art(clip(frames=10, fps=10)), music,
                                          volume=0.25).path)
    loud = io.read_audio(video.add_audio(make_ctx(), video_art(clip(frames=10, fps=10)), music).path)
    ratio = np.sqrt((quiet[:, 4800:-4800] ** 2).mean() / (loud[:, 4800:-4800] ** 2).mean())
    assert ratio == pytest.approx(0.25, abs=0.03)


def test_mix_ducks_the_videos_own_sound_while_the_new_audio_plays(clip, video_art, artifact, make_ctx, tmp_path):
    """A 0.4 s voice at the start of a 2 s clip with a 440 Hz sound of its own: the own sound is
    kept, about 12 dB down under the voice and back to full level after it."""
    source = video_art(clip(frames=10, fps=5, tone=440))
    voice = artifact(write_tone(tmp_path / "v.wav", 0.4, 300), "audio")
    out = video.add_audio(make_ctx(), source, voice, mode="mix")
    assert out.meta["ducked"] and out.meta["mixed_with_original"]
    track = io.read_audio(out.path)[0]
    original = io.read_audio(source.path)[0]
    rate = io.AUDIO_RATE

    def level_440(x, a, b):  # amplitude of the 440 Hz component between a and b seconds
        seg = x[int(a * rate):int(b * rate)]
        spectrum = np.abs(np.fft.rfft(seg * np.hanning(len(seg))))
        return spectrum[int(round(440 * len(seg) / rate))]

    under = level_440(track, 0.1, 0.3) / level_440(original, 0.1, 0.3)
    after = level_440(track, 1.4, 1.9) / level_440(original, 1.4, 1.9)
    assert under < 0.4 and after > 0.85, (under, after)
    replaced = io.read_audio(video.add_audio(make_ctx(), source, voice).path)[0]
    assert level_440(replaced, 1.4, 1.9) < 0.05 * level_440(original, 1.4, 1.9)


def test_add_audio_refuses_a_non_audio_file(clip, video_art, artifact, make_ctx, tmp_path):
    junk = tmp_path / "junk.wav"
    junk.write_bytes(b"RIFF" + b"\x00" * 100)
    with pytest.raises(InputError, match="audio"):
        video.add_audio(make_ctx(), video_art(clip(frames=5)), artifact(junk, "audio"))


def test_extract_audio_writes_wav_of_the_right_length(clip, video_art, make_ctx):
    out = video.extract_audio(make_ctx(), video_art(clip(frames=12, fps=8, tone=440)))
    samples, rate = soundfile.read(str(out.path))
    assert out.path.suffix == ".wav" and rate == io.AUDIO_RATE
    assert len(samples) / rate == pytest.approx(1.5, abs=0.02)
    assert 440 in dominant(samples[:, 0])


def test_extract_audio_of_a_silent_clip_says_so(clip, video_art, make_ctx):
    with pytest.raises(InputError, match="no audio"):
        video.extract_audio(make_ctx(), video_art(clip(frames=5)))


def test_extract_frame_at_a_time(clip, video_art, make_ctx):
    from PIL import Image

    source = video_art(clip(frames=10, fps=5))               # 2 s
    out = video.extract_frame(make_ctx(), source, time="0:01.2")
    assert frame_index(np.asarray(Image.open(out.path))) == 6
    middle = video.extract_frame(make_ctx(), source)
    assert frame_index(np.asarray(Image.open(middle.path))) == 5
    with pytest.raises(InputError, match="past the end"):
        video.extract_frame(make_ctx(), source, time="1:20")


def test_a_late_starting_track_keeps_its_place(clip, video_art, make_ctx):
    out = video.extract_audio(make_ctx(), video_art(clip(frames=8, fps=8, tone=440, delay=0.5)))
    samples, rate = soundfile.read(str(out.path))
    assert np.abs(samples[: int(0.45 * rate)]).max() < 0.02
    assert np.abs(samples[int(0.6 * rate):]).max() > 0.2


def test_a_mono_voice_over_keeps_its_level_on_both_sides(clip, video_art, artifact, make_ctx, tmp_path):
    voice = artifact(write_tone(tmp_path / "mono.wav", 1.0, 300, amp=0.3), "audio")
    out = video.add_audio(make_ctx(), video_art(clip(frames=10, fps=10)), voice)
    audio = io.read_audio(out.path)[:, 4800:-4800]
    rms = np.sqrt((audio ** 2).mean(axis=1))
    assert rms == pytest.approx([0.3 / np.sqrt(2)] * 2, rel=0.05)  # not 3 dB down from the upmix
