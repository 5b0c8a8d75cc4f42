"""video.edit: one parsed instruction, the same operation on every frame; film looks."""

from __future__ import annotations

import numpy as np
import pytest
from video_support import level

from medialoom.backends.offline import video
from medialoom.backends.offline.video import io
from medialoom.errors import InputError


def frames_of(path) -> list[np.ndarray]:
    return list(io.iter_frames(path, io.probe(path).fps))


def colour_clip(clip):
    """Frames with a red corner on grey; the grey changes per frame."""
    return clip(frames=8, fps=8, size=(64, 48), tone=440)


def test_black_and_white_on_every_frame_sound_kept(clip, video_art, make_ctx):
    source = colour_clip(clip)
    out = video.edit(make_ctx(), video_art(source), "make it black and white")
    frames = frames_of(out.path)
    assert len(frames) == 8 and io.probe(out.path).duration == pytest.approx(1.0)
    for f in frames:
        spread = f.astype(int).max(axis=2) - f.astype(int).min(axis=2)
        assert spread.max() < 12                       # no colour left, the red corner included
    assert io.probe(out.path).has_audio
    assert io.read_audio(out.path).shape[1] == pytest.approx(io.AUDIO_RATE, abs=50)


def test_brighter_scales_every_frame_by_the_same_factor(clip, video_art, make_ctx):
    out = video.edit(make_ctx(), video_art(clip(frames=6, fps=6)), "20% brighter")
    for k, f in enumerate(frames_of(out.path)):
        assert float(f[24:].mean()) == pytest.approx(min(255, level(k) * 1.2), abs=4)
    assert out.meta["operations"] == [{"op": "brightness", "factor": 1.2}]


def test_rotate_changes_every_frame_size(clip, video_art, make_ctx):
    out = video.edit(make_ctx(), video_art(clip(frames=4, fps=8, size=(64, 48))), "rotate 90")
    info = io.probe(out.path)
    assert (info.width, info.height) == (48, 64)
    assert all(f.shape == (64, 48, 3) for f in frames_of(out.path))


def test_vintage_is_sepia_with_vignette_and_live_grain(clip, video_art, make_ctx):
    # every source frame identical, so frame-to-frame change is the grain
    out = video.edit(make_ctx(), video_art(clip(frames=8, fps=8, still=150)), "give it a vintage look")
    frames = frames_of(out.path)
    assert len(frames) == 8 and set(out.meta["looks"]) >= {"film grain", "vignette"}
    for f in frames:
        mid = f[18:30, 24:40].reshape(-1, 3).mean(axis=0)
        assert mid[0] > mid[1] > mid[2]                                         # sepia
        corner = f[-6:, -6:].mean()
        assert corner < f[18:30, 24:40].mean() - 3                              # vignette
    change = np.abs(frames[3].astype(int) - frames[4].astype(int))[12:36, 16:48].mean()
    assert change > 2                                                           # grain moves


def test_unknown_instruction_lists_both_vocabularies(clip, video_art, make_ctx):
    with pytest.raises(InputError) as err:
        video.edit(make_ctx(), video_art(clip(frames=2)), "make it dance")
    message = str(err.value)
    assert "black and white" in message and "film grain" in message and "neural" not in message


def test_zoom_in_magnifies_every_frame_at_the_same_size(clip, video_art, make_ctx):
    source = clip(frames=4, fps=8, size=(64, 48))
    zoomed = video.edit(make_ctx(), video_art(source), "zoom in")
    info = io.probe(zoomed.path)
    assert (info.width, info.height) == (64, 48)
    frames = frames_of(zoomed.path)
    assert len(frames) == 4
    margin = zoomed.meta["operations"][0]["margin"]       # the centre is cropped, then enlarged
    expected = (16 - 64 * margin) / (1 - 2 * margin)       # what is left of the 16 px red corner
    for f in frames:
        red = (f[..., 0] > 150) & (f[..., 1] < 90)
        assert abs(int(np.nonzero(red.any(axis=0))[0].max()) + 1 - expected) <= 2
    cropped = video.edit(make_ctx(), video_art(source), "crop to 1:1")
    assert io.probe(cropped.path).width == io.probe(cropped.path).height == 48  # a crop still crops
