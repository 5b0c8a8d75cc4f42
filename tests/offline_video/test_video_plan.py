"""The video tools through the real engine: a plan from a still and a sound to a dubbed clip,
its audio and a frame, and a generated, edited clip joined to it; worker processes for the
CPU-bound steps; a re-run is cached."""

from __future__ import annotations

import numpy as np
import soundfile
from video_support import write_tone
from PIL import Image

from medialoom.backends.offline.video import io
from medialoom.plan import Plan
from medialoom.session import Session


def test_plan_animate_speed_dub_extract(tmp_path, config):
    Image.fromarray(np.full((48, 64, 3), (30, 120, 200), np.uint8)).save(tmp_path / "still.png")
    write_tone(tmp_path / "tune.wav", 2.0, 330)
    plan = Plan.from_dict({"steps": [
        {"id": "s1", "tool": "video.animate", "args": {"image": "still.png", "motion": "zoom in",
                                                        "duration": 1}},
        {"id": "s2", "tool": "video.speed", "args": {"video": "$s1", "factor": 0.5}},
        {"id": "s3", "tool": "video.add_audio", "args": {"video": "$s2", "audio": "tune.wav"}},
        {"id": "s4", "tool": "video.extract_audio", "args": {"video": "$s3"}},
        {"id": "s5", "tool": "video.extract_frame", "args": {"video": "$s3", "time": "0:01"}},
        {"id": "s6", "tool": "video.generate", "args": {"prompt": "a red ball bouncing on the grass",
                                                         "duration": 0.5, "fps": 8, "width": 96,
                                                         "height": 64}},
        {"id": "s7", "tool": "video.edit", "args": {"video": "$s6", "instruction": "black and white"}},
        {"id": "s8", "tool": "video.concat", "args": {"videos": ["$s7", "$s3"]}},
    ]})
    # safety layers have their own tests; here only the video tools are under test
    session = Session(config.with_overrides(safety={k: False for k in config.safety}))
    result = session.run(plan, base_dir=tmp_path, backend="offline")
    assert result.ok, session.answer(result)
    dubbed = io.probe(result.steps["s3"].outputs["main"].path)
    assert dubbed.has_audio and abs(dubbed.duration - 2.0) < 0.05
    samples, rate = soundfile.read(str(result.steps["s4"].outputs["main"].path))
    assert abs(len(samples) / rate - 2.0) < 0.05
    frame = np.asarray(Image.open(result.steps["s5"].outputs["main"].path))
    assert frame.shape == (48, 64, 3) and abs(int(frame[..., 2].mean()) - 200) < 12
    joined = io.probe(result.steps["s8"].outputs["main"].path)
    assert (joined.width, joined.height) == (96, 64) and abs(joined.duration - 2.5) < 0.1
    assert joined.has_audio
    again = session.run(plan, base_dir=tmp_path, backend="offline")
    assert sorted(again.cached) == [f"s{i}" for i in range(1, 9)]
