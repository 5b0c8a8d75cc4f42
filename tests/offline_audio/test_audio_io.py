"""Decoding every accepted format, refusing bad files in one line, loudness and no clipping."""

from __future__ import annotations

import numpy as np
import pytest

from audio_checks import fundamental, loudness, read, tone, write
from medialoom.errors import InputError


@pytest.mark.parametrize("suffix,kw", [(".wav", {}), (".flac", {}), (".ogg", {"format": "OGG", "subtype": "VORBIS"}),
                                       (".mp3", {"format": "MP3"})])
def test_soundfile_formats_decode_to_the_same_tone(tmp_path, suffix, kw):
    from medialoom.backends.offline.audio import io

    path = write(tmp_path / f"tone{suffix}", tone(440, 1.0), 44100, **kw)
    audio = io.load(path)
    assert audio.sr == 44100 and abs(audio.seconds - 1.0) < 0.06
    assert abs(fundamental(audio.mono(), audio.sr) - 440) < 2


def _encode_av(path, fmt: str, codec: str, with_video: bool = False):
    import av

    with av.open(str(path), "w", format=fmt) as out:
        if with_video:
            video = out.add_stream("libx264", rate=10)
            video.width, video.height, video.pix_fmt = 32, 32, "yuv420p"
            video.options = {"preset": "ultrafast"}
        sound = out.add_stream(codec, rate=48000, layout="mono")
        samples = tone(330, 1.0, 48000)
        for start in range(0, len(samples), 1024):
            frame = av.AudioFrame.from_ndarray(samples[None, start:start + 1024].copy(), format="fltp", layout="mono")
            frame.sample_rate = 48000
            for packet in sound.encode(frame):
                out.mux(packet)
            if with_video and start % 4800 == 0:
                img = av.VideoFrame.from_ndarray(np.zeros((32, 32, 3), np.uint8), format="rgb24")
                for packet in video.encode(img):
                    out.mux(packet)
        for packet in sound.encode(None):
            out.mux(packet)
        if with_video:
            for packet in video.encode(None):
                out.mux(packet)
    return path


@pytest.mark.parametrize("name,fmt,video", [("clip.m4a", "mp4", False), ("clip.mp4", "mp4", True)])
def test_m4a_and_the_audio_of_a_video_decode_through_pyav(tmp_path, name, fmt, video):
    from medialoom.backends.offline.audio import io

    audio = io.load(_encode_av(tmp_path / name, fmt, "aac", video))
    assert audio.sr == 48000 and 0.9 < audio.seconds < 1.2
    assert abs(fundamental(audio.mono(), audio.sr) - 330) < 2


def test_bad_files_are_one_clear_line(tmp_path):
    from medialoom.backends.offline.audio import io

    empty = tmp_path / "empty.wav"
    empty.write_bytes(b"")
    garbage = tmp_path / "noise.mp3"
    garbage.write_bytes(b"this is not audio at all" * 50)
    full = write(tmp_path / "full.wav", tone(440, 1.0))
    truncated = tmp_path / "truncated.flac"
    write(tmp_path / "whole.flac", tone(440, 2.0))
    truncated.write_bytes((tmp_path / "whole.flac").read_bytes()[:300])
    headeronly = tmp_path / "header.wav"
    headeronly.write_bytes(full.read_bytes()[:44])
    for bad in (empty, garbage, truncated, headeronly):
        with pytest.raises(InputError) as err:
            io.load(bad)
        assert "\n" not in str(err.value) and bad.name in str(err.value)


def test_over_thirty_minutes_is_refused(tmp_path):
    from medialoom.backends.offline.audio import io

    long = write(tmp_path / "long.wav", np.zeros(31 * 60 * 100, np.float32), 100)  # 31 min at 100 Hz
    with pytest.raises(InputError, match="30 minute"):
        io.load(long)


def test_resample_and_channels_are_reconciled():
    from medialoom.backends.offline.audio import io

    x = tone(1000, 1.0, 22050)[:, None]
    up = io.resample(x, 22050, 44100)
    assert up.shape[0] == 44100 and abs(fundamental(up[:, 0], 44100) - 1000) < 2
    assert io.match_channels(x, 2).shape == (22050, 2)
    assert io.match_channels(np.ones((5, 2), np.float32), 1).shape == (5, 1)


def test_save_normalises_loudness_and_never_clips(tmp_path):
    from medialoom.backends.offline.audio import io

    quiet = tone(220, 2.0, level=0.01)
    hot = np.clip(tone(220, 2.0, level=4.0), -4, 4)  # far over full scale
    for name, x in (("quiet", quiet), ("hot", hot)):
        path = io.save(tmp_path / f"{name}.wav", x, 44100)
        data, _ = read(path)
        assert np.abs(data).max() < 0.9 and abs(loudness(path) - (-16)) < 1.0
    spiky = np.zeros(44100 * 2, np.float32)
    spiky[::22050] = 1.0  # clicks: limited, never clipped
    data, _ = read(io.save(tmp_path / "spiky.wav", spiky, 44100))
    assert np.abs(data).max() <= 0.9


def test_six_channel_audio_is_edited_and_normalised(A, make_ctx, tmp_path):
    import soundfile

    from audio_checks import as_artifact

    surround = np.tile(tone(440, 1.0)[:, None], (1, 6))
    path = tmp_path / "surround.wav"
    soundfile.write(str(path), surround, 44100, subtype="FLOAT")
    out = A.edit(make_ctx("audio.edit"), as_artifact(path), "pitch it up two semitones")
    data, sr = read(out.path)
    assert data.shape[1] == 6 and abs(fundamental(data[sr // 10: -sr // 10, 3], sr) / 440 - 2 ** (2 / 12)) < 0.01
    louder = A.edit(make_ctx("audio.edit"), as_artifact(path), "normalise to -20 LUFS")
    assert np.abs(read(louder.path)[0]).max() < 0.9
