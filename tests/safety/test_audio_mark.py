"""Audio watermark (offline spread spectrum): inaudible enough, survives MP3 at 128 kb/s
(encoded with PyAV), files keep their format, and foreign clips are never detected."""

from __future__ import annotations

import numpy as np
import soundfile as sf

from medialoom.safety import audio_mark as am
from medialoom.safety.watermark import payload_bits
from media import foreign_audio, mp3_roundtrip, music

SR = 44100


def _snr(clean: np.ndarray, marked: np.ndarray) -> float:
    return float(10 * np.log10(np.sum(clean ** 2) / np.sum((marked - clean) ** 2)))


def test_mark_survives_mp3_128k():
    rng = np.random.default_rng(21)
    accuracy, snrs = [], []
    for n in range(3):
        clean = music(rng, 5.0) * 0.8
        ident = f"{rng.integers(0, 2 ** 40):010x}"
        marked = am.embed(clean, SR, ident)
        snrs.append(_snr(clean, marked))
        assert am.detect(marked, SR).payload == ident
        found = am.detect(mp3_roundtrip(marked, SR), SR)
        assert found.payload == ident, f"clip {n}: lost after MP3 (confidence {found.confidence:.2f})"
        accuracy.append(float((found.bits == payload_bits(ident)).mean()))
    print(f"\naudio watermark after MP3 128 kb/s: payload 3/3, bit accuracy {np.mean(accuracy):.3f}, "
          f"SNR {np.mean(snrs):.1f} dB")
    assert min(snrs) > 18.0


def test_noise_like_sound_keeps_the_mark_through_mp3():
    rng = np.random.default_rng(4)
    rain = np.convolve(rng.normal(size=SR * 4), np.ones(8) / 8, mode="same") * 0.2
    marked = am.embed(rain, SR, "abcdef0123")
    assert am.detect(mp3_roundtrip(marked, SR), SR).payload == "abcdef0123"


def test_no_false_detections_on_foreign_clips():
    rng = np.random.default_rng(33)
    hits = 0
    for n in range(50):
        clip = foreign_audio(rng, n)
        hits += am.detect(clip if n % 2 else mp3_roundtrip(clip, SR), SR).found
    assert hits == 0


def test_wav_and_flac_files_keep_rate_channels_and_length(tmp_path):
    rng = np.random.default_rng(8)
    stereo = np.stack([music(rng, 3.0), music(rng, 3.0)], axis=1) * 0.5
    for suffix, subtype in ((".wav", "PCM_16"), (".flac", "PCM_24")):
        path = tmp_path / f"a{suffix}"
        sf.write(path, stereo, SR, subtype=subtype)
        done = am.mark_file(path, "0102030405")
        assert done["applied"] and done["payload_seconds"] < 1.6 and done["detectable"] is True
        info = sf.info(str(path))
        assert (info.samplerate, info.channels, info.frames, info.subtype) == (SR, 2, stereo.shape[0], subtype)
        assert am.detect_file(path).payload == "0102030405"


def test_silence_and_tiny_clips_are_left_alone(tmp_path):
    path = tmp_path / "short.wav"
    sf.write(path, np.zeros(SR // 10), SR)
    before = path.read_bytes()
    assert not am.mark_file(path, "0000000001")["applied"]
    assert path.read_bytes() == before
    assert not am.detect(np.zeros(SR * 3), SR).found


def test_a_clip_shorter_than_the_payload_is_marked_but_recorded_as_not_detectable(tmp_path):
    """The record says so instead of claiming a mark `verify` will not find."""
    path = tmp_path / "blip.wav"
    sf.write(path, music(np.random.default_rng(2), 1.0) * 0.5, SR)
    done = am.mark_file(path, "00000000aa")
    assert done["applied"] and done["detectable"] is False
    assert not am.detect_file(path).found


def test_a_marked_soundtrack_is_found_in_a_video(tmp_path):
    from medialoom.safety.verify import detect_mark
    from media import moving_frames, write_video

    rng = np.random.default_rng(2)
    marked = am.embed(music(rng, 4.0) * 0.5, SR, "aabbccddee")
    video = write_video(tmp_path / "v.mp4", moving_frames(rng, 24, 192, 160), audio=marked)  # AAC
    assert detect_mark(video) == (True, "aabbccddee", "audio")


def test_speech_keeps_the_mark_through_mp3(tmp_path):
    """Narration: syllables and pauses change loudness frame to frame (the detector removes
    each frame's level); a 15 s espeak-ng passage is found, and mostly after MP3 (speech is the
    weakest host: clips under ~10 s are often not found)."""
    import shutil
    import subprocess

    import pytest

    if shutil.which("espeak-ng") is None:
        pytest.skip("espeak-ng is not installed")
    wav = tmp_path / "speech.wav"
    subprocess.run(["espeak-ng", "-w", str(wav), "Once upon a time, a small fox found a golden key in "
                    "the forest. She wondered which door it might open, and set off to find out. Welcome "
                    "to the evening news. Today the weather was mild and sunny across most of the country, "
                    "with light winds from the west."], check=True, timeout=60)
    clean, sr = sf.read(str(wav))
    assert len(clean) / sr > 12
    assert not am.detect(clean, sr).found
    idents = ["0123abcdef", "abcdef0123", "f40ade5f6b", "0000000001", "9a8b7c6d5e"]
    plain = after_mp3 = 0
    for ident in idents:
        marked = am.embed(clean, sr, ident)
        plain += am.detect(marked, sr).payload == ident
        after_mp3 += am.detect(mp3_roundtrip(marked, sr), sr).payload == ident
    print(f"\nspeech watermark (15 s espeak-ng): {plain}/5 found, {after_mp3}/5 after MP3 128 kb/s")
    assert plain == 5 and after_mp3 >= 4


def test_marked_files_keep_the_minus_1_dbfs_ceiling_and_the_mark_survives_mp3(tmp_path):
    """Backends master to -1 dBFS; the mark must not lift peaks toward full scale, where MP3's
    overshoot clips. Loud music (peak at the ceiling) and a file louder than it both end at or
    below -1 dBFS, and the mark still reads back after MP3 128 kb/s."""
    ceiling = 10 ** (-1 / 20)
    rng = np.random.default_rng(5)
    for n, level in enumerate((ceiling, 0.99)):
        clean = music(rng, 5.0)
        clean *= level / np.abs(clean).max()
        path = tmp_path / f"loud{n}.wav"
        sf.write(path, clean, SR, subtype="PCM_16")
        unscaled = am.embed(sf.read(path)[0], SR, "1234abcd99")
        assert np.abs(unscaled).max() > ceiling * 1.01      # the bare mark does lift the peak
        done = am.mark_file(path, "1234abcd99")
        marked, _ = sf.read(path, dtype="float64")
        assert done["applied"] and done["detectable"] is True
        assert np.abs(marked).max() <= ceiling, f"peak {20 * np.log10(np.abs(marked).max()):.2f} dBFS"
        assert np.abs(marked).max() > ceiling * 0.98         # scaled to the ceiling, not quieter
        decoded = mp3_roundtrip(marked, SR)
        assert np.abs(decoded).max() < 1.0                   # no clipping after MP3
        assert am.detect(decoded, SR).payload == "1234abcd99"
