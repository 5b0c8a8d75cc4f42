"""Where the embedded family is chosen, what `medialoom tools` says of it, and the licence rules."""

from __future__ import annotations

import dataclasses

import pytest

from medialoom.errors import BackendUnavailable, UsageError
from medialoom.registry import Registry
from medialoom.tools import Requirement, ToolSpec


@pytest.fixture
def registry():
    return Registry.default()


def test_embedded_is_the_default_where_it_beats_the_classical_backend(registry):
    assert registry.choose("audio.denoise").family == "embedded"      # RNNoise beats noisereduce
    assert registry.choose("audio.trim").family == "embedded"
    assert registry.choose("audio.to_midi").family == "embedded"      # there is no classical one
    assert registry.choose("audio.denoise", "auto").family == "embedded"
    with pytest.raises(BackendUnavailable, match="no neural backend"):
        registry.choose("audio.to_midi", "neural")


def _without_packages(spec: ToolSpec) -> ToolSpec:
    missing = Requirement("python", "not_a_real_module_16", "pip install 'medialoom[embedded]'")
    backends = tuple(dataclasses.replace(b, requires=(missing,)) if b.family == "embedded" else b
                     for b in spec.backends)
    return dataclasses.replace(spec, backends=backends)


def test_without_the_packages_the_classical_backend_runs_and_tools_says_why():
    registry = Registry([_without_packages(s) for s in Registry.default()
                         if s.id in ("audio.denoise", "audio.to_midi")])
    assert registry.choose("audio.denoise").family == "offline"
    with pytest.raises(BackendUnavailable, match=r"embedded: Python package .*'medialoom\[embedded\]'"):
        registry.choose("audio.to_midi")
    rows = {r["id"]: r for r in registry.availability()}
    emb = rows["audio.denoise"]["backends"][0]
    assert emb["name"] == "embedded" and not emb["available"] and "medialoom[embedded]" in emb["why"]
    assert emb["licence"].startswith("Apache-2.0")


def test_tools_lists_licences_of_embedded_and_noncommercial_models(registry):
    rows = {r["id"]: {b["name"]: b for b in r["backends"]} for r in registry.availability()}
    assert rows["audio.to_midi"]["embedded"]["licence"] == "Apache-2.0"
    assert rows["audio.trim"]["embedded"]["licence"] == "MIT"
    assert rows["audio.speech"]["neural"]["licence"] == "CC-BY-NC-4.0: not for commercial use"
    assert rows["audio.music"]["neural"]["licence"].startswith("CC-BY-NC-4.0")
    assert rows["audio.sound"]["neural"]["licence"].startswith("CC-BY-NC-SA-4.0")
    assert "licence" not in rows["audio.transcribe"]["neural"]               # Whisper: Apache-2.0


def test_commercial_only_refuses_a_noncommercial_model_before_anything_runs(home, monkeypatch):
    from medialoom.config import load_config
    from medialoom.executor import Executor
    from medialoom.plan import Plan

    (home / "config.toml").write_text("[models]\ncommercial_only = true\n")
    config = load_config(home)
    assert "commercial_only" not in config.models                 # not taken for a tool id
    plan = Plan.from_json('{"request": "r", "steps": [{"id": "s1", "tool": "audio.speech", '
                          '"args": {"text": "hi"}}]}')
    executor = Executor(Registry.default(), None, config)
    with pytest.raises(UsageError, match=r"facebook/mms-tts-eng \(CC-BY-NC-4.0.*--backend offline"):
        executor.bind(plan, "neural")
    assert executor.bind(plan, "offline")["s1"].family == "offline"
    monkeypatch.setenv("MEDIALOOM_COMMERCIAL_ONLY", "0")
    with pytest.raises(Exception) as caught:                         # off: only the missing model stops it
        executor.bind(plan, "neural")
    assert "commercial" not in str(caught.value)


def test_the_offline_trim_says_what_to_install_to_cut_silences(make_ctx, tmp_path):
    import numpy as np
    import soundfile as sf

    import medialoom.backends.offline.audio as offline

    path = tmp_path / "talk.wav"
    sf.write(path, np.zeros(8000, np.float32), 8000)
    with pytest.raises(BackendUnavailable, match=r"Silero VAD.*medialoom\[embedded\]"):
        offline.trim(make_ctx("audio.trim"), path, silence="remove")
