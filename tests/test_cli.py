"""The CLI end to end through a subprocess: JSON results, exit codes, one-line errors,
a killed run that leaves the store consistent and is resumed from the cache."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from engine_tools import executed
from medialoom.store import Store, sha256_file

TESTS = Path(__file__).parent


@pytest.fixture
def env(home, tmp_path):
    e = dict(os.environ, MEDIALOOM_HOME=str(home), MEDIALOOM_PLUGINS="engine_tools",
             PYTHONPATH=os.pathsep.join(filter(None, [str(TESTS), os.environ.get("PYTHONPATH")])),
             MEDIALOOM_TEST_LOG=str(tmp_path / "executed.log"))
    return e


def cli(args, env, cwd, timeout=60):
    return subprocess.run([sys.executable, "-m", "medialoom.cli", *args], env=env, cwd=cwd,
                          capture_output=True, text=True, timeout=timeout)


def write_plan(path: Path, *steps) -> Path:
    path.write_text(json.dumps({"steps": [{"id": i, "tool": t, "args": a} for i, t, a in steps]}))
    return path


def assert_one_line_error(proc, code, *words):
    assert proc.returncode == code, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in proc.stderr, proc.stderr
    for w in words:
        assert w in lines[0]


def test_run_json_reports_every_step(env, tmp_path):
    plan = write_plan(tmp_path / "p.json", ("s1", "test.image", {"width": 16, "height": 8}),
                      ("s2", "test.invert", {"image": "$s1"}), ("s3", "test.echo", {"text": "hi"}))
    proc = cli(["run", "--plan", str(plan), "--json", "--out", str(tmp_path / "out")], env, tmp_path)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert [o["step"] for o in data["outputs"]] == ["s1", "s2", "s3"]
    for o in data["outputs"]:
        assert Path(o["path"]).parent == tmp_path / "out"
        assert sha256_file(Path(o["path"])) == o["sha256"]
        assert o["backend"] == "test" and o["mime"] in ("image/png", "text/plain")
    assert data["cached"] == [] and data["failed"] == [] and data["plan"]["steps"][1]["args"]["image"] == "$s1"
    again = json.loads(cli(["run", "--plan", str(plan), "--json", "--out", str(tmp_path / "o2")],
                           env, tmp_path).stdout)
    assert again["cached"] == ["s1", "s2", "s3"]
    assert [o["sha256"] for o in again["outputs"]] == [o["sha256"] for o in data["outputs"]]


def test_failed_tool_exits_1_and_lists_failures(env, tmp_path):
    plan = write_plan(tmp_path / "p.json", ("s1", "test.fail", {"message": "no luck"}),
                      ("s2", "test.echo", {"text": "ok"}))
    proc = cli(["run", "--plan", str(plan), "--json"], env, tmp_path)
    assert proc.returncode == 1
    data = json.loads(proc.stdout)
    assert data["failed"] == [{"step": "s1", "error": "no luck"}]
    assert [o["step"] for o in data["outputs"]] == ["s2"]


def test_a_failure_is_printed_once(env, tmp_path):
    plan = write_plan(tmp_path / "p.json", ("s1", "test.fail", {"message": "no luck"}))
    proc = cli(["run", "--plan", str(plan)], env, tmp_path)
    assert proc.returncode == 1 and (proc.stdout + proc.stderr).count("no luck") == 1


@pytest.mark.parametrize("steps, words", [
    ([("s1", "image.paint", {})], ["unknown tool 'image.paint'"]),
    ([("s1", "test.invert", {})], ["needs the argument 'image'"]),
    ([("s1", "test.invert", {"image": "nope.png"})], ["nope.png does not exist"]),
    ([("s1", "test.echo", {"text": "$s2"}), ("s2", "test.echo", {"text": "x"})], ["later step $s2"]),
])
def test_invalid_plans_exit_2_with_one_line(env, tmp_path, steps, words):
    plan = write_plan(tmp_path / "p.json", *steps)
    assert_one_line_error(cli(["run", "--plan", str(plan)], env, tmp_path), 2, *words)
    assert not list(Path(env["MEDIALOOM_HOME"]).glob("objects/*/*")), "something was written"


def test_bad_usage_exits_2(env, tmp_path):
    assert_one_line_error(cli(["run"], env, tmp_path), 2, "give a request")
    assert_one_line_error(cli(["run", "--plan", "missing.json"], env, tmp_path), 2, "does not exist")
    (tmp_path / "bad.json").write_text("{oops")
    assert_one_line_error(cli(["run", "--plan", "bad.json"], env, tmp_path), 2, "not valid JSON")
    assert_one_line_error(cli(["frobnicate"], env, tmp_path), 2, "invalid choice")
    assert_one_line_error(cli(["run", "x", "--model", "nonsense"], env, tmp_path), 2, "TOOL=ID_OR_PATH")


def test_unwritable_output_folder_exits_2(env, tmp_path):
    plan = write_plan(tmp_path / "p.json", ("s1", "test.echo", {"text": "x"}))
    (tmp_path / "file").write_text("not a folder")
    proc = cli(["run", "--plan", str(plan), "--out", str(tmp_path / "file" / "sub")], env, tmp_path)
    assert_one_line_error(proc, 2, "output folder", "--out")
    assert executed(Path(env["MEDIALOOM_TEST_LOG"])) == [], "a step ran before the folder was checked"


def test_corrupt_media_input_exits_2(env, tmp_path):
    (tmp_path / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 20)
    plan = write_plan(tmp_path / "p.json", ("s1", "test.invert", {"image": "broken.png"}))
    assert_one_line_error(cli(["run", "--plan", str(plan)], env, tmp_path), 2, "broken.png")


def test_tools_json_lists_the_catalogue(env, tmp_path):
    proc = cli(["tools", "--json"], env, tmp_path)
    rows = json.loads(proc.stdout)
    ids = [r["id"] for r in rows]
    assert len([i for i in ids if not i.startswith("test.")]) == 45   # 38 of TOOLS.md + image.customize (17) + media.check (15) + 4 motion tools (18) + audio.to_midi (16)
    for r in rows:
        assert {"id", "output", "backends"} <= r.keys()
        for b in r["backends"]:
            assert b["available"] or b["why"], f"{r['id']} {b['name']} unavailable without a reason"


def test_plan_json_and_batch(env, tmp_path):
    proc = cli(["plan", "--json", "generate an image of a lighthouse"], env, tmp_path)
    assert json.loads(proc.stdout)["steps"][0]["tool"] == "image.generate"
    batch = tmp_path / "b.jsonl"
    batch.write_text('{"id": "a", "request": "compose calm piano music"}\n'
                     '{"id": "b", "request": "make a 3D model of a chair"}\n')
    lines = [json.loads(l) for l in cli(["plan", "--json", "--batch", str(batch)], env, tmp_path).stdout.splitlines()]
    assert [l["id"] for l in lines] == ["a", "b"]
    assert lines[0]["steps"][0]["tool"] == "audio.music" and lines[1]["steps"][0]["tool"] == "mesh.generate"


def test_killed_run_leaves_store_consistent_and_resumes(env, tmp_path):
    steps = [("s1", "test.echo", {"text": "first"}), ("s2", "test.image", {"width": 64, "height": 64}),
             ("s3", "test.sleep", {"seconds": 30, "label": "slow"}),
             ("s4", "test.echo", {"text": "$s3"})]
    plan = write_plan(tmp_path / "p.json", *steps)
    proc = subprocess.Popen([sys.executable, "-m", "medialoom.cli", "run", "--plan", str(plan)],
                            env=env, cwd=tmp_path, stderr=subprocess.PIPE, text=True,
                            stdout=subprocess.DEVNULL, start_new_session=True)
    store = Store(Path(env["MEDIALOOM_HOME"]))
    deadline = time.time() + 30
    while time.time() < deadline:
        done = [r["step_id"] for r in store.query("SELECT step_id FROM steps WHERE status='done'")] \
            if (Path(env["MEDIALOOM_HOME"]) / "index.sqlite").exists() else []
        if {"s1", "s2"} <= set(done):
            break
        time.sleep(0.1)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    assert {"s1", "s2"} <= set(done)
    assert store.check_consistency() == []
    store.close()
    steps[2] = ("s3", "test.sleep", {"seconds": 0.01, "label": "slow"})
    write_plan(tmp_path / "p.json", *steps)
    resumed = cli(["run", "--plan", str(plan), "--json"], env, tmp_path)
    data = json.loads(resumed.stdout)
    assert data["cached"] == ["s1", "s2"] and data["failed"] == []
    assert not [p for p in (Path(env["MEDIALOOM_HOME"]) / "tmp").iterdir()
                if p.name.startswith(str(proc.pid))], "the killed run's temp folders remain"


def test_json_mode_errors_also_reach_stdout(env, tmp_path):
    plan = write_plan(tmp_path / "p.json", ("s1", "image.paint", {}))
    proc = cli(["run", "--plan", str(plan), "--json"], env, tmp_path)
    assert proc.returncode == 2
    data = json.loads(proc.stdout)
    assert data["exit_code"] == 2 and "unknown tool 'image.paint'" in data["error"]


def test_a_model_named_on_the_command_line_selects_the_neural_backend(env, tmp_path):
    plan = write_plan(tmp_path / "p.json", ("s1", "image.generate", {"prompt": "a cat"}))
    proc = cli(["run", "--plan", str(plan), "--model", "image.generate=/nonexistent/sd"], env, tmp_path)
    assert_one_line_error(proc, 2, "/nonexistent/sd")
    offline = cli(["run", "--plan", str(plan), "--backend", "offline", "--json",
                   "--model", "image.generate=/nonexistent/sd"], env, tmp_path)
    assert offline.returncode == 0, offline.stderr
    assert json.loads(offline.stdout)["outputs"][0]["backend"] == "offline"
