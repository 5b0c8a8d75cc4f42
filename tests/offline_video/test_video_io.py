"""Decoding and encoding: frame counts, durations, variable frame rate, rotation, bad input."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from video_support import frame_index

from medialoom.backends.offline.video import io
from medialoom.errors import InputError


def test_round_trip_keeps_count_duration_and_order(tmp_path):
    frames = [np.full((32, 48, 3), 10 + 20 * k, np.uint8) for k in range(8)]
    path = tmp_path / "out.mp4"
    assert io.write_video(path, frames, 8, (48, 32)) == 8
    info = io.probe(path)
    assert (info.width, info.height, info.fps) == (48, 32, 8.0)
    assert info.duration == pytest.approx(1.0)
    back = list(io.iter_frames(path, info.fps))
    assert [frame_index(f) for f in back] == list(range(8))


def test_resampling_to_another_rate_follows_time(clip):
    path = clip(frames=10, fps=10)
    doubled = list(io.iter_frames(path, 20))
    assert len(doubled) == 20
    assert [frame_index(f) for f in doubled[:6]] == [0, 0, 1, 1, 2, 2]


def test_variable_frame_rate_is_resampled_by_timestamp(clip):
    times = [0.0, 0.1, 0.2, 0.6, 0.7, 1.5]        # a stall after 0.2 s and after 0.7 s
    path = clip(frames=6, fps=10, times=times)
    info = io.probe(path)
    assert info.variable_rate
    shown = [frame_index(f) for f in io.iter_frames(path, 10, 0.0, 1.6)]
    expected = [max(i for i, t in enumerate(times) if t <= k / 10 + 1e-6) for k in range(16)]
    assert shown == expected


def test_rotation_metadata_is_applied(clip):
    path = clip(frames=3, fps=10, size=(64, 32), rotation=90)
    info = io.probe(path)
    assert (info.width, info.height, info.rotation) == (32, 64, 90)
    first = next(io.iter_frames(path, info.fps, rotation=info.rotation))
    assert first.shape == (64, 32, 3)
    # the red top-left corner turns to the bottom-left after a 90 degree counter-clockwise turn
    assert first[-8:, :4, 0].mean() > 200 and first[-8:, :4, 1].mean() < 60
    assert first[:8, :4, 0].mean() < 100


def test_audio_reads_at_48k_stereo_with_its_length(clip):
    path = clip(frames=12, fps=8, tone=440)
    audio = io.read_audio(path)
    assert audio.shape[0] == 2
    assert audio.shape[1] / io.AUDIO_RATE == pytest.approx(1.5, abs=0.03)


@pytest.mark.parametrize("content, words", [
    (b"", "empty"),
    (b"\x00\x01garbage" * 50, "not a readable video"),
])
def test_bad_files_are_one_line(tmp_path, content, words):
    bad = tmp_path / "bad.mp4"
    bad.write_bytes(content)
    with pytest.raises(InputError) as err:
        io.probe(bad)
    assert words in str(err.value) and "\n" not in str(err.value)


def test_truncated_file_is_refused(clip, tmp_path):
    whole = clip(frames=10, fps=10).read_bytes()
    cut = tmp_path / "cut.mp4"
    cut.write_bytes(whole[: len(whole) // 3])
    with pytest.raises(InputError, match="corrupt|no frames"):
        io.probe(cut)


def test_audio_file_is_not_a_video(tmp_path):
    from video_support import write_tone

    with pytest.raises(InputError, match="no video stream|not a readable video"):
        io.probe(write_tone(tmp_path / "tone.wav", 0.5, 440))


def test_over_4k_is_refused(clip):
    with pytest.raises(InputError, match="4K"):
        io.probe(clip(frames=1, fps=1, size=(4100, 16)))


def test_over_ten_minutes_is_refused(clip):
    with pytest.raises(InputError, match="10 minute"):
        io.probe(clip(frames=2, fps=1, times=[0.0, 700.0]))


def test_zero_frame_clip_is_refused(tmp_path):
    import av

    path = tmp_path / "none.mp4"
    with av.open(str(path), "w", format="mp4") as out:
        stream = out.add_stream("libx264", rate=Fraction(10))
        stream.width, stream.height, stream.pix_fmt = 32, 32, "yuv420p"
        out.start_encoding()
    assert path.stat().st_size > 0
    with pytest.raises(InputError, match="no frames|no video stream"):
        io.probe(path)


def test_letterbox_keeps_shape(tmp_path):
    tall = np.full((40, 10, 3), 200, np.uint8)
    boxed = io.fit_frame(tall, (40, 20))
    assert boxed.shape == (20, 40, 3)
    assert boxed[:, :15].max() == 0 and boxed[:, 25:].max() == 0 and boxed[:, 18:22].min() == 200


def test_damage_in_the_middle_is_skipped_not_fatal(tmp_path):
    frames = [np.full((64, 64, 3), (k * 9) % 250, np.uint8) for k in range(48)]
    frames = [np.ascontiguousarray(np.roll(f + np.random.default_rng(k).integers(0, 6, f.shape, dtype=np.uint8),
                                           k, axis=1)) for k, f in enumerate(frames)]
    good = tmp_path / "good.mp4"
    io.write_video(good, frames, 24, (64, 64))
    data = bytearray(good.read_bytes())
    third = len(data) * 3 // 5
    data[third:third + 300] = np.random.default_rng(1).integers(0, 255, 300, dtype=np.uint8).tobytes()
    bad = tmp_path / "bad.mp4"
    bad.write_bytes(bytes(data))
    info = io.probe(bad)
    shown = list(io.iter_frames(bad, info.fps))
    assert len(shown) == 48                        # every instant still has a picture
