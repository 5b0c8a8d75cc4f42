"""The audio tools through the real engine: narration over composed music (ducked), the MIDI as
a second output, a sound effect, an edit and a picture; worker processes for CPU-bound steps."""

from __future__ import annotations

import numpy as np
import pretty_midi

from audio_checks import mono, read, rms_db
from medialoom.plan import Plan
from medialoom.session import Session


def test_narration_over_music_with_midi_sound_and_edit(tmp_path, config):
    plan = Plan.from_dict({"steps": [
        {"id": "s1", "tool": "audio.speech", "args": {"text": "Welcome to the show. Enjoy the music."}},
        {"id": "s2", "tool": "audio.music", "args": {"prompt": "calm piano ballad", "duration": 6}},
        {"id": "s3", "tool": "audio.mix", "args": {"audios": ["$s2", "$s1"], "offsets": [0, 1.5]}},
        {"id": "s4", "tool": "audio.sound", "args": {"prompt": "birds and a stream", "duration": "0:02"}},
        {"id": "s5", "tool": "audio.edit", "args": {"audio": "$s4", "instruction": "fade in over 1 second"}},
        {"id": "s6", "tool": "audio.visualize", "args": {"audio": "$s3", "kind": "spectrogram"}},
    ]})
    # safety layers have their own tests; here only the audio tools are under test
    session = Session(config.with_overrides(safety={k: False for k in config.safety}))
    result = session.run(plan, base_dir=tmp_path, backend="offline")
    assert result.ok, session.answer(result)
    outs = {sid: step.outputs for sid, step in result.steps.items()}
    assert outs["s2"]["midi"].kind == "midi" and pretty_midi.PrettyMIDI(str(outs["s2"]["midi"].path)).instruments
    mixed = outs["s3"]["main"]
    assert mixed.meta["ducked"] == [0]  # the music, recognised from the artifact's producing tool
    data, sr = read(mixed.path)
    assert abs(len(data) / sr - 6.0) < 0.05 and np.abs(data).max() < 0.9
    sound, rate = mono(outs["s5"]["main"].path)
    assert len(sound) == 2 * rate and rms_db(sound[: rate // 10]) < rms_db(sound[rate:]) - 15
    assert outs["s6"]["main"].kind == "image"


def test_mix_offsets_take_m_ss_times_in_a_plan(A, make_ctx, tmp_path):
    from audio_checks import as_artifact, tone, write
    from medialoom.plan import validate
    from medialoom.registry import Registry

    write(tmp_path / "a.wav", tone(300, 1.0))
    plan = Plan.from_dict({"steps": [{"id": "s1", "tool": "audio.mix",
                                      "args": {"audios": ["a.wav", "a.wav"], "offsets": [0, "0:01.5"]}}]})
    assert validate(plan, Registry.default(), tmp_path) is None
    out = A.mix(make_ctx("audio.mix"), [as_artifact(tmp_path / "a.wav")] * 2, offsets=[0, "0:01.5"])
    x, sr = mono(out.path)
    assert abs(len(x) / sr - 2.5) < 0.01 and rms_db(x[int(1.1 * sr): int(1.4 * sr)]) < -60
