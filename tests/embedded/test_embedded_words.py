"""The planner's words for the embedded tools: cut the silences, trim to the voice, audio to MIDI."""

from __future__ import annotations

import pytest

from medialoom.plan import validate
from medialoom.planner import OfflinePlanner
from medialoom.registry import Registry


@pytest.fixture(scope="module")
def planner() -> OfflinePlanner:
    return OfflinePlanner(Registry.default())


@pytest.mark.parametrize("request_, tool, args", [
    ("cut the silences from talk.wav", "audio.trim", {"audio": "talk.wav", "silence": "remove"}),
    ("remove the pauses in talk.wav", "audio.trim", {"audio": "talk.wav", "silence": "remove"}),
    ("trim talk.wav to the voice", "audio.trim", {"audio": "talk.wav", "silence": "ends"}),
    ("trim talk.wav to the first 3 seconds", "audio.trim", {"audio": "talk.wav", "end": 3}),
    ("turn my humming in hum.wav into MIDI", "audio.to_midi", {"audio": "hum.wav"}),
    ("hum.wav: write down the notes of the tune", "audio.to_midi", {"audio": "hum.wav"}),
    ("clean up the noise in talk.wav", "audio.denoise", {"audio": "talk.wav"}),
])
def test_requests_plan_the_embedded_tools_with_their_arguments(planner, request_, tool, args):
    plan = planner.plan(request_)
    validate(plan, planner.registry, check_files=False)
    assert [(s.tool, s.args) for s in plan.steps] == [(tool, args)]
