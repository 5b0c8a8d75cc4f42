"""AnimateDiff (text to video) and Stable Video Diffusion (image to video), written as MP4."""

from __future__ import annotations

import av
import numpy as np
import pytest

from medialoom.backends.neural import video

pytestmark = pytest.mark.neural


def decode(path) -> tuple[np.ndarray, float]:
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        frames = np.stack([f.to_ndarray(format="rgb24") for f in container.decode(video=0)])
        return frames, float(stream.average_rate)


def test_text_to_video_frames_fps_size_and_seed(tiny_model, nctx):
    folder = tiny_model("animatediff")
    a = video.text_to_video(nctx("video.generate", folder), "a ball bouncing", duration=1.5, fps=4,
                            width=32, height=32, seed=2)
    b = video.text_to_video(nctx("video.generate", folder), "a ball bouncing", duration=1.5, fps=4,
                            width=32, height=32, seed=2)
    frames, fps = decode(a.path)
    assert frames.shape == (6, 32, 32, 3) and fps == 4
    assert np.array_equal(frames, decode(b.path)[0])
    assert a.meta["pipeline"] == "AnimateDiffPipeline" and a.meta["generated_frames"] == 6


def test_text_to_video_longer_than_the_motion_window_is_retimed(tiny_model, nctx):
    out = video.text_to_video(nctx("video.generate", tiny_model("animatediff")), "waves", duration=3, fps=4,
                              width=32, height=32, seed=1)
    frames, fps = decode(out.path)
    assert len(frames) == 12 and out.meta["generated_frames"] == 8  # the tiny adapter's window


def test_image_to_video(tiny_model, nctx, photo):
    out = video.image_to_video(nctx("video.animate", tiny_model("svd")), photo, motion="slow zoom", duration=1)
    frames, fps = decode(out.path)
    assert fps == 7 and len(frames) == 7 and frames.shape[1:3] == (16, 32)  # 48 x 32 kept in aspect
    assert out.meta["motion_bucket"] == 60 and out.meta["duration"] == 1.0


def test_retime_and_uint8_helpers():
    frames = np.arange(4)[:, None, None, None] * np.ones((4, 2, 2, 3))
    assert [int(f[0, 0, 0]) for f in video.retime(frames, 8)] == [0, 0, 1, 1, 2, 2, 3, 3]
    assert video.to_uint8(np.full((1, 2, 2, 3), 0.5)).max() == 128


def test_cogvideox_frames_follow_its_4k_plus_1_grid(tiny_model, nctx):
    folder = tiny_model("cogvideox")
    a = video.text_to_video(nctx("video.generate", folder), "a monkey dancing", duration=1, fps=8, seed=3)
    b = video.text_to_video(nctx("video.generate", folder), "a monkey dancing", duration=1, fps=8, seed=3)
    frames, fps = decode(a.path)
    assert fps == 8 and frames.shape == (8, 16, 16, 3)  # native 16 px; 9 generated, retimed to 8
    assert a.meta["pipeline"] == "CogVideoXPipeline" and a.meta["generated_frames"] == 9
    assert a.meta["family"] == "cogvideox" and a.meta["vae_tiling"] is True
    assert np.array_equal(frames, decode(b.path)[0])


def test_image_to_video_guidance_is_used_and_recorded(tiny_model, nctx, photo):
    folder = tiny_model("svd")
    default = video.image_to_video(nctx("video.animate", folder), photo, duration=0.5)
    plain = video.image_to_video(nctx("video.animate", folder, guidance=1.0), photo, duration=0.5)
    assert default.meta["guidance"] == 3.0 and plain.meta["guidance"] == 1.0
    assert not np.array_equal(decode(default.path)[0], decode(plain.path)[0])  # no CFG: other frames


def test_cogvideox_always_draws_its_trained_frames(tiny_model, nctx):
    """Half a second still draws the 9 frames the tiny model was trained at (49 for CogVideoX-2b)."""
    out = video.text_to_video(nctx("video.generate", tiny_model("cogvideox")), "a fox", duration=0.5, fps=4, seed=1)
    assert out.meta["generated_frames"] == 9 and len(decode(out.path)[0]) == 2


def test_animatediff_from_a_motion_adapter_on_a_base_model(tiny_model, nctx, tmp_path):
    """The hub ships AnimateDiff as a MotionAdapter: it is put on `base_model` (SD 1.5)."""
    from diffusers import AnimateDiffPipeline

    adapter = tmp_path / "motion-adapter"
    AnimateDiffPipeline.from_pretrained(tiny_model("animatediff")).motion_adapter.save_pretrained(adapter)
    out = video.text_to_video(nctx("video.generate", adapter, base_model=str(tiny_model("sd"))), "a ball",
                              duration=1, fps=4, width=32, height=32, seed=3)
    frames, fps = decode(out.path)
    assert frames.shape == (4, 32, 32, 3) and out.meta["pipeline"] == "AnimateDiffPipeline"
    assert out.meta["family"] == "animatediff"
