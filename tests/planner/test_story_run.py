"""The storytelling job end to end on the offline backends: storyboard -> per-scene pictures
animated -> narration -> music -> one MP4 whose length is the scenes' and whose sound has the
narration over the (ducked) music."""

from __future__ import annotations

import json

import numpy as np
import pytest

from medialoom.session import Session

pytestmark = pytest.mark.slow


def test_two_scene_story_makes_one_mp4(config, tmp_path):
    import av

    session = Session(config)
    plan = session.plan("Make a 4 second video story in two scenes about a dog who finds a red ball, "
                        "with narration and gentle music")
    result = session.run(plan, out=tmp_path)
    assert result.ok, session.answer(result)
    final = result.exported[plan.steps[-1].id]["main"]
    assert session.answer(result).startswith(f"Made a video: {final}")
    board = json.loads(result.exported["s1"]["main"].read_text())
    assert [s["duration"] for s in board["scenes"]] == [2.0, 2.0]
    with av.open(str(final)) as container:
        video = container.streams.video[0]
        frames = sum(1 for _ in container.decode(video=0))
        assert frames == pytest.approx(4.0 * float(video.average_rate), abs=3)
    mix = next(s for s in plan.steps if s.tool == "audio.mix")
    assert result.steps[mix.id].outputs["main"].meta["ducked"] == [0]   # the music dips under the voice
    with av.open(str(final)) as container:
        sound = np.concatenate([f.to_ndarray().reshape(-1) for f in container.decode(audio=0)])
    assert np.abs(sound).max() > 0.05                     # narration and music are audible
