"""video.trim, video.speed, video.concat on real clips: counts, durations, content, audio."""

from __future__ import annotations

import numpy as np
import pytest
from video_support import frame_index

from medialoom.backends.offline import video
from medialoom.backends.offline.video import io
from medialoom.errors import InputError


def shown(path) -> list[int]:
    info = io.probe(path)
    return [frame_index(f) for f in io.iter_frames(path, info.fps)]


def test_trim_keeps_the_asked_span(clip, video_art, make_ctx):
    out = video.trim(make_ctx(), video_art(clip(frames=10, fps=10)), start=0.3, end="0:00.8")
    info = io.probe(out.path)
    assert info.duration == pytest.approx(0.5)
    assert shown(out.path) == [3, 4, 5, 6, 7]


def test_trim_with_audio_cuts_the_audio_too(clip, video_art, make_ctx):
    out = video.trim(make_ctx(), video_art(clip(frames=10, fps=10, tone=440)), start=0.2)
    assert io.probe(out.path).duration == pytest.approx(0.8)
    assert io.read_audio(out.path).shape[1] == pytest.approx(0.8 * io.AUDIO_RATE, abs=50)


def test_trim_refuses_a_start_past_the_end(clip, video_art, make_ctx):
    with pytest.raises(InputError, match="past the end"):
        video.trim(make_ctx(), video_art(clip(frames=5, fps=10)), start=3)
    with pytest.raises(InputError, match="after start"):
        video.trim(make_ctx(), video_art(clip(frames=5, fps=10)), start=0.3, end=0.2)
    with pytest.raises(InputError, match="not a time"):
        video.trim(make_ctx(), video_art(clip(frames=5, fps=10)), start="soon")


def test_speed_two_halves_duration_and_audio(clip, video_art, make_ctx):
    out = video.speed(make_ctx(), video_art(clip(frames=12, fps=8, tone=440)), factor=2)
    info = io.probe(out.path)
    assert info.duration == pytest.approx(0.75)
    assert shown(out.path) == [0, 2, 4, 6, 8, 10]
    audio = io.read_audio(out.path)
    assert audio.shape[1] == pytest.approx(0.75 * io.AUDIO_RATE, abs=50)
    # pitch is kept: the tone is still 440 Hz, not 880
    from video_support import dominant

    assert 440 in dominant(audio[0, 4800:30000])


def test_half_speed_doubles_duration(clip, video_art, make_ctx):
    out = video.speed(make_ctx(), video_art(clip(frames=6, fps=10)), factor=0.5)
    assert io.probe(out.path).duration == pytest.approx(1.2)
    assert shown(out.path) == [0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5]


def test_speed_factor_out_of_range(clip, video_art, make_ctx):
    with pytest.raises(InputError, match="out of range"):
        video.speed(make_ctx(), video_art(clip(frames=3)), factor=0)


def test_concat_sums_durations_and_reconciles_sizes_and_rates(clip, video_art, make_ctx):
    a = clip(frames=10, fps=10, size=(64, 48), tone=440)
    b = clip(frames=4, fps=5, size=(32, 48))              # other size, other rate, no audio
    out = video.concat(make_ctx(), [video_art(a), video_art(b)])
    info = io.probe(out.path)
    assert (info.width, info.height, info.fps) == (64, 48, 10.0)
    assert info.duration == pytest.approx(1.0 + 0.8)
    frames = list(io.iter_frames(out.path, info.fps))
    assert len(frames) == 18
    # the narrow clip is pillarboxed: black bars left and right, picture in the middle
    last = frames[-1]
    assert last[:, :12].max() < 30 and last[:, 52:].max() < 30
    assert abs(float(last[20:, 20:44].mean()) - 70) < 12
    audio = io.read_audio(out.path)
    assert audio.shape[1] == pytest.approx(1.8 * io.AUDIO_RATE, abs=100)
    assert np.abs(audio[:, :40000]).max() > 0.2                     # the first clip's tone
    assert np.abs(audio[:, int(1.1 * io.AUDIO_RATE):]).max() < 0.02  # silence under the second


def test_a_one_frame_clip_slowed_down_holds_its_frame(clip, video_art, make_ctx):
    out = video.speed(make_ctx(), video_art(clip(frames=1, fps=8)), factor=0.125)
    assert io.probe(out.path).duration == pytest.approx(1.0)
    assert shown(out.path) == [0] * 8
