"""The embedded family on real signals: RNNoise denoising, Silero VAD trimming, Basic Pitch
notes. These packages are installed by scripts/setup.sh, so nothing here is skipped."""

from __future__ import annotations

import numpy as np
import pretty_midi
import pytest
import soundfile as sf
from embedded_signals import MELODY, piano_melody, snr_db, speech, write

from medialoom.errors import InputError


@pytest.mark.slow
def test_rnnoise_cleans_noisy_speech_better_than_the_classical_denoiser(E, make_ctx, tmp_path):
    import medialoom.backends.offline.audio as classical

    clean, sr = speech(tmp_path)
    noisy = clean + 0.05 * np.random.default_rng(0).standard_normal(clean.size).astype(np.float32)
    path = write(tmp_path / "noisy.wav", noisy, sr)
    out = E.denoise(make_ctx("audio.denoise", backend="embedded"), path)
    cleaned, rate = sf.read(out.path, dtype="float32")
    assert rate == sr and len(cleaned) == len(clean)          # same rate and length: no lag left
    before, after = snr_db(clean, noisy), snr_db(clean, cleaned)
    assert after - before >= 6, (before, after)
    peer, _ = sf.read(classical.denoise(make_ctx("audio.denoise"), path).path, dtype="float32")
    assert after > snr_db(clean, peer) + 1                     # why it is the default
    assert out.meta["model"] == "rnnoise" and 0.3 < out.meta["voice_fraction"] <= 1


def test_rnnoise_keeps_stereo_channels_apart(E, make_ctx, tmp_path):
    clean, sr = speech(tmp_path, "one two three four five")
    stereo = np.stack([clean, np.zeros_like(clean)], axis=1)
    out = E.denoise(make_ctx("audio.denoise", backend="embedded"), write(tmp_path / "st.wav", stereo, sr))
    data, _ = sf.read(out.path, dtype="float32")
    assert data.shape == stereo.shape and np.abs(data[:, 1]).max() < 1e-3 < np.abs(data[:, 0]).max()


def _gappy(tmp_path):
    voice, sr = speech(tmp_path, "Hello there. This is a test of the silence cutter.")
    gap = np.zeros(2 * sr, np.float32)
    signal = np.concatenate([gap[: sr // 2], voice, gap, voice, gap[: sr]])
    return write(tmp_path / "gappy.wav", signal, sr), voice.size / sr, signal.size / sr


def test_silero_cuts_the_silences_between_and_around_speech(E, make_ctx, tmp_path):
    path, voice, total = _gappy(tmp_path)
    out = E.trim(make_ctx("audio.trim", backend="embedded"), path, silence="remove")
    kept = sf.info(str(out.path)).duration
    segments = out.meta["speech_segments"]
    assert 2 <= len(segments) <= 6
    assert segments[0][0] == pytest.approx(0.5, abs=0.2) and segments[-1][1] == pytest.approx(total - 1, abs=0.3)
    assert 2 * voice - 0.8 < kept < 2 * voice + 0.6            # the 3.5 s of silence are gone
    assert out.meta["removed_seconds"] == pytest.approx(total - kept, abs=0.01)


def test_silero_trims_only_the_ends_when_asked(E, make_ctx, tmp_path):
    path, voice, _ = _gappy(tmp_path)
    out = E.trim(make_ctx("audio.trim", backend="embedded"), path, silence="ends")
    kept = sf.info(str(out.path)).duration
    assert 2 * voice + 2 - 0.6 < kept < 2 * voice + 2 + 0.4   # the 2 s pause in the middle stays


def test_trim_by_times_still_works_and_silence_only_is_one_line(E, make_ctx, tmp_path):
    path, _, _ = _gappy(tmp_path)
    out = E.trim(make_ctx("audio.trim", backend="embedded"), path, start=1, end="0:03")
    assert sf.info(str(out.path)).duration == pytest.approx(2.0, abs=0.01)
    quiet = write(tmp_path / "quiet.wav", np.zeros(32000, np.float32), 16000)
    with pytest.raises(InputError, match="no speech found"):
        E.trim(make_ctx("audio.trim", backend="embedded"), quiet, silence="remove")


@pytest.mark.slow
def test_basic_pitch_finds_every_note_of_a_piano_melody(E, make_ctx, tmp_path):
    out = E.to_midi(make_ctx("audio.to_midi", backend="embedded"), piano_melody(tmp_path))["main"]
    notes = sorted(pretty_midi.PrettyMIDI(str(out.path)).instruments[0].notes, key=lambda n: n.start)
    assert [n.pitch for n in notes] == MELODY
    assert [round(n.start / 0.4) for n in notes] == list(range(8))
    assert all(abs(n.start - i * 0.4) < 0.06 for i, n in enumerate(notes))
    assert out.meta["notes"] == 8 and out.meta["lowest"] == 60 and out.meta["highest"] == 72


def test_basic_pitch_bad_inputs_are_one_line_each(E, make_ctx, tmp_path):
    import av

    ctx = make_ctx("audio.to_midi", backend="embedded")
    with pytest.raises(InputError, match="silent"):
        E.to_midi(ctx, write(tmp_path / "silence.wav", np.zeros(44100, np.float32), 44100))
    noise = 0.3 * np.random.default_rng(1).standard_normal(44100 * 2).astype(np.float32)
    with pytest.raises(InputError, match="no notes found"):
        E.to_midi(ctx, write(tmp_path / "noise.wav", noise, 44100))
    long = np.zeros(8000 * 60 * 11, np.float32)
    long[::8000] = 0.5
    with pytest.raises(InputError, match="at most 10 minutes"):
        E.to_midi(ctx, write(tmp_path / "long.wav", long, 8000))
    clip = tmp_path / "clip.mp4"
    with av.open(str(clip), "w") as box:
        stream = box.add_stream("libx264", rate=10)
        stream.width = stream.height = 32
        for _ in range(5):
            box.mux(stream.encode(av.VideoFrame.from_ndarray(np.zeros((32, 32, 3), np.uint8), format="rgb24")))
        box.mux(stream.encode())
    with pytest.raises(InputError, match="is a video"):
        E.to_midi(ctx, clip)


def test_mix_finds_the_voice_in_an_unnamed_file_and_ducks_only_under_words(E, make_ctx, tmp_path):
    from scipy.signal import butter, sosfilt

    import medialoom.backends.offline.audio as classical

    voice, sr = speech(tmp_path, "Welcome back. Today we talk about the sea.")
    take = np.zeros(8 * sr, np.float32)
    take[sr: sr + voice.size] = voice                                        # words from 1 s
    take[6 * sr: int(6.5 * sr)] = 0.1 * np.random.default_rng(2).standard_normal(sr // 2)  # a bump, no words
    music = (0.2 * np.sin(2 * np.pi * 110 * np.arange(8 * sr) / sr)).astype(np.float32)
    tracks = [write(tmp_path / "take3.wav", take, sr), write(tmp_path / "bed.wav", music, sr)]
    ours = E.mix(make_ctx("audio.mix", backend="embedded"), tracks)
    plain = classical.mix(make_ctx("audio.mix"), tracks)

    def music_db(path, a: float, b: float) -> float:                         # the 110 Hz bed only
        x, rate = sf.read(path, dtype="float64")
        x = sosfilt(butter(4, 160, "low", fs=rate, output="sos"), x.mean(axis=1) if x.ndim > 1 else x)
        return float(20 * np.log10(np.sqrt(np.mean(x[int(a * rate): int(b * rate)] ** 2)) + 1e-12))

    talk = (1.5, 1 + voice.size / sr - 0.3)
    assert music_db(ours.path, 7.3, 7.9) - music_db(ours.path, *talk) >= 8       # ducked under the words
    assert abs(music_db(ours.path, 6.1, 6.4) - music_db(ours.path, 7.3, 7.9)) < 3  # not under the bump (12 dB)
    assert music_db(plain.path, 7.3, 7.9) - music_db(plain.path, *talk) < 2       # the name said nothing
    assert ours.meta["tracks"][0]["role"] == "speech" and ours.meta["ducked"] == [1]


@pytest.mark.slow
def test_music_arranges_a_recorded_melody_for_piano_and_strings(make_ctx, tmp_path):
    import medialoom.backends.offline.audio as offline

    out = offline.music(make_ctx("audio.music"), "arrange it for piano and strings", melody=piano_melody(tmp_path))
    score = pretty_midi.PrettyMIDI(str(out["midi"].path))
    parts = {i.name: i for i in score.instruments}
    assert [n.pitch for n in sorted(parts["melody"].notes, key=lambda n: n.start)] == MELODY
    assert parts["melody"].program == 0 and parts["chords"].program == 48        # piano, strings
    meta = out["main"].meta
    assert meta["key"] == "C major" and meta["chords"][0] == "C"
    bar = 4 * 60 / meta["tempo"]
    for note in parts["melody"].notes:                                          # the melody sits in its chord
        held = {c.pitch % 12 for c in parts["chords"].notes if c.start <= note.start < c.end}
        assert held, note
    inside = sum(n.pitch % 12 in {c.pitch % 12 for c in parts["chords"].notes if c.start <= n.start < c.end}
                 for n in parts["melody"].notes)
    assert inside >= 4                                          # half the notes are chord tones (the rest pass)
    seconds = sf.info(str(out["main"].path)).duration
    assert 3.2 < seconds <= 3.2 + 2 * bar + 1.5
