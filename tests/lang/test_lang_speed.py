"""One meaning per speed phrase: the video planner and the audio effects read the same factor."""

from __future__ import annotations

import pytest

from medialoom.lang.speed import speed_factor

PHRASES = [
    ("faster", 1.5), ("speed it up", 1.5), ("a bit faster", 1.25), ("slightly faster", 1.25),
    ("much faster", 2.0), ("slower", 0.75), ("slow it down", 0.75), ("a bit slower", 0.8),
    ("a little slower", 0.8), ("a lot slower", 0.5), ("twice as fast", 2.0), ("twice as slow", 0.5),
    ("half speed", 0.5), ("quarter speed", 0.25), ("20% faster", 1.2), ("20% slower", 0.8),
    ("speed up by 20%", 1.2), ("at 50% speed", 0.5), ("3 times slower", 0.3333), ("slow motion", 0.5),
    ("1.5x", 1.5), ("from 100 to 125 bpm", 1.25),
]


@pytest.mark.parametrize("phrase,factor", PHRASES)
def test_speed_words(phrase, factor):
    assert speed_factor(phrase) == pytest.approx(factor)


def test_no_speed_is_no_factor():
    assert speed_factor("make it red") is None


@pytest.mark.parametrize("phrase,factor", [p for p in PHRASES if "bpm" not in p[0]])
def test_audio_and_video_agree(phrase, factor):
    from medialoom.backends.offline.audio.effects import parse_instruction
    from medialoom.planner import OfflinePlanner
    from medialoom.registry import Registry

    [effect] = parse_instruction(f"make it {phrase}" if not phrase.startswith(("speed", "slow", "at")) else phrase)
    assert effect.name == "speed" and effect.params["factor"] == pytest.approx(factor, abs=1e-3)
    plan = OfflinePlanner(Registry.default()).plan(f"change the playback speed of clip.mp4: {phrase}")
    speed = [s for s in plan.steps if s.tool == "video.speed"]
    assert speed and speed[0].args["factor"] == pytest.approx(factor, abs=1e-3)


def test_audio_asks_how_fast_when_no_amount_is_said():
    from medialoom.backends.offline.audio.effects import parse_instruction
    from medialoom.errors import InputError

    with pytest.raises(InputError, match="a bit faster"):
        parse_instruction("change the speed")
    with pytest.raises(InputError, match="from 100 to 120 bpm"):
        parse_instruction("set the tempo to 90 bpm")
