"""Bad melody input through the command line: one line each on stderr, exit 2, no traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from embedded_signals import write

import medialoom

SRC = str(Path(medialoom.__file__).resolve().parents[1])


def run_plan(tmp_path: Path, tool: str, args: dict) -> subprocess.CompletedProcess:
    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps({"steps": [{"id": "s1", "tool": tool, "args": args}]}))
    env = dict(os.environ, MEDIALOOM_HOME=str(tmp_path / "home"), PYTHONPATH=SRC, MEDIALOOM_LLM="offline")
    return subprocess.run([sys.executable, "-m", "medialoom.cli", "run", "--plan", str(plan), "--json"],
                          check=False, env=env, cwd=tmp_path, capture_output=True, text=True, timeout=180)


@pytest.mark.slow
def test_bad_melodies_are_one_line_and_exit_2(tmp_path):
    write(tmp_path / "silence.wav", np.zeros(22050, np.float32), 22050)
    noise = 0.3 * np.random.default_rng(1).standard_normal(44100).astype(np.float32)
    write(tmp_path / "noise.wav", noise, 44100)
    for tool, args, words in (
            ("audio.to_midi", {"audio": "silence.wav"}, "is silent"),
            ("audio.to_midi", {"audio": "noise.wav"}, "no notes found"),
            ("audio.music", {"prompt": "piano", "melody": "noise.wav"}, "no notes found")):
        proc = run_plan(tmp_path, tool, args)
        lines = proc.stderr.strip().splitlines()
        assert proc.returncode == 2 and len(lines) == 1 and words in lines[0], proc.stderr
        assert "Traceback" not in proc.stderr and json.loads(proc.stdout)["outputs"] == []
