"""The engine: parallel branches overlap, failures isolate their dependants, re-runs come from
the cache, changed arguments re-run only what they touch, hashes match bytes."""

from __future__ import annotations

import time

import pytest

from engine_tools import executed
from medialoom.plan import Plan
from medialoom.session import Session
from medialoom.store import sha256_file


@pytest.fixture
def log(tmp_path, monkeypatch):
    path = tmp_path / "executed.log"
    monkeypatch.setenv("MEDIALOOM_TEST_LOG", str(path))
    return path


@pytest.fixture
def session(engine_session):
    return engine_session


def plan(*steps):
    return Plan.from_dict({"steps": [{"id": i, "tool": t, "args": a} for i, t, a in steps]})


def test_parallel_branches_overlap(session, log):
    events = []
    p = plan(*[(f"s{i}", "test.sleep", {"seconds": 0.4, "label": f"b{i}"}) for i in range(4)],
             ("s4", "test.join", {"texts": ["$s0", "$s1", "$s2", "$s3"]}))
    start = time.perf_counter()
    result = session.run(p, on_event=events.append)
    elapsed = time.perf_counter() - start
    assert result.ok and result.ran == ["s0", "s1", "s2", "s3", "s4"]
    assert elapsed < 1.2, f"4 x 0.4 s branches took {elapsed:.2f}s: they did not overlap"
    started = {e.step: e.time for e in events if e.type == "started"}
    finished = {e.step: e.time for e in events if e.type == "finished"}
    assert max(started[f"s{i}"] for i in range(4)) < min(finished[f"s{i}"] for i in range(4))
    assert started["s4"] >= max(finished[f"s{i}"] for i in range(4))
    assert any(e.type == "progress" and e.step == "s0" for e in events)
    joined = result.steps["s4"].outputs["main"].read_text()
    assert joined == "+".join(f"b{i} slept 0.4" for i in range(4))


def test_failure_isolates_dependants_only(session, log):
    p = plan(("s1", "test.fail", {"message": "boom"}),
             ("s2", "test.echo", {"text": "$s1"}),
             ("s3", "test.echo", {"text": "$s2"}),
             ("s4", "test.echo", {"text": "independent"}))
    result = session.run(p)
    status = {s: r.status for s, r in result.steps.items()}
    assert status == {"s1": "failed", "s2": "skipped", "s3": "skipped", "s4": "done"}
    assert result.steps["s1"].error == "boom"
    assert "depends on failed step s1" in result.steps["s2"].error
    assert result.exit_code == 1
    assert "test.echo:s2" not in executed(log)
    rows = session.store.query("SELECT step_id, status FROM steps WHERE run_id=?", (result.run_id,))
    assert {r["step_id"]: r["status"] for r in rows} == status


def test_backend_bug_is_a_failed_step_with_traceback_kept(session):
    result = session.run(plan(("s1", "test.crash", {"message": "oops"})))
    assert result.steps["s1"].error == "ValueError: oops"
    assert session.answer(result).endswith("s1 test.crash failed: ValueError: oops")
    (row,) = session.store.query("SELECT detail FROM steps WHERE run_id=?", (result.run_id,))
    assert "Traceback" in row["detail"]


def test_rerun_is_served_from_cache(session, log):
    p = plan(("s1", "test.echo", {"text": "hello"}), ("s2", "test.echo", {"text": "$s1", "tag": "!"}))
    first = session.run(p)
    assert first.ran == ["s1", "s2"] and executed(log) == ["test.echo:s1", "test.echo:!"]
    events = []
    second = session.run(p, on_event=events.append)
    assert second.cached == ["s1", "s2"] and second.ran == []
    assert len(executed(log)) == 2, "a cached step executed"
    assert [e.type for e in events] == ["cached", "cached"]
    assert second.steps["s2"].outputs["main"].sha256 == first.steps["s2"].outputs["main"].sha256


def test_changed_argument_reruns_that_step_and_dependants_only(session, log):
    base = [("a", "test.echo", {"text": "one"}), ("b", "test.echo", {"text": "two"}),
            ("c", "test.join", {"texts": ["$a", "$b"]}), ("d", "test.echo", {"text": "$c", "tag": "?"})]
    session.run(plan(*base))
    changed = [("a", "test.echo", {"text": "one"}), ("b", "test.echo", {"text": "TWO"}),
               ("c", "test.join", {"texts": ["$a", "$b"]}), ("d", "test.echo", {"text": "$c", "tag": "?"})]
    result = session.run(plan(*changed))
    assert result.cached == ["a"] and result.ran == ["b", "c", "d"]
    assert result.steps["d"].outputs["main"].read_text() == "one+TWO?"


def test_same_output_from_a_changed_input_keeps_dependants_cached(session, log):
    session.run(plan(("a", "test.echo", {"text": "x", "tag": "y"}), ("b", "test.echo", {"text": "$a"})))
    result = session.run(plan(("a", "test.echo", {"text": "xy", "tag": ""}), ("b", "test.echo", {"text": "$a"})))
    assert result.ran == ["a"] and result.cached == ["b"]


def test_index_hashes_match_bytes_and_meta_records_provenance(session):
    result = session.run(plan(("s1", "test.image", {"width": 32, "height": 24}),
                              ("s2", "test.invert", {"image": "$s1"})))
    for step in result.steps.values():
        art = step.outputs["main"]
        assert sha256_file(art.path) == art.sha256
        (row,) = session.store.query("SELECT path, size FROM artifacts WHERE sha256=?", (art.sha256,))
        assert row["size"] == art.path.stat().st_size
    meta = result.steps["s2"].outputs["main"].meta
    assert meta["tool"] == "test.invert" and meta["backend"] == "test"
    assert meta["parents"] == [result.steps["s1"].outputs["main"].sha256]
    assert isinstance(meta["seed"], int) and meta["backend_version"].startswith("0.1.0+")
    assert meta["timings"]["seconds"] >= 0
    assert session.store.check_consistency() == []


def test_seed_is_chosen_recorded_and_replayable(session):
    first = session.run(plan(("s1", "test.image", {"width": 16, "height": 16})))
    seed = first.steps["s1"].outputs["main"].meta["seed"]
    assert first.steps["s1"].outputs["main"].meta["seed_used"] == seed
    session.store.close()
    other = Session(session.config.with_overrides(home=session.config.home / "other"),
                    registry=session.registry)
    replay = other.run(plan(("s1", "test.image", {"width": 16, "height": 16, "seed": seed})))
    assert replay.ran == ["s1"]
    # same pixels (the bytes differ: each output carries its own signed C2PA manifest)
    assert _pixels(replay.steps["s1"]) == _pixels(first.steps["s1"])
    different = other.run(plan(("s1", "test.image", {"width": 16, "height": 16, "seed": seed + 1})))
    assert _pixels(different.steps["s1"]) != _pixels(first.steps["s1"])


def _pixels(step) -> bytes:
    from PIL import Image

    return Image.open(step.outputs["main"].path).convert("RGB").tobytes()


def test_cpu_bound_steps_run_in_worker_processes(session):
    import os

    result = session.run(plan(("s1", "test.cpu", {"n": 1000}), ("s2", "test.cpu", {"n": 2000})))
    pids = {int(r.outputs["main"].read_text().split()[0]) for r in result.steps.values()}
    assert os.getpid() not in pids


def test_user_files_are_imported_by_hash(session, tmp_path):
    from PIL import Image

    Image.new("RGB", (10, 10), "blue").save(tmp_path / "in.png")
    result = session.run(plan(("s1", "test.invert", {"image": "in.png"})), base_dir=tmp_path)
    out = result.steps["s1"].outputs["main"]
    assert out.meta["parents"] == [sha256_file(tmp_path / "in.png")]
    from PIL import Image as I

    assert I.open(out.path).getpixel((0, 0)) == (255, 255, 0)


def test_export_names_every_step_output(session, tmp_path):
    out = tmp_path / "out"
    result = session.run(plan(("s1", "test.image", {"width": 8, "height": 8}),
                              ("s2", "test.invert", {"image": "$s1"})), out=out)
    names = sorted(p.name for p in out.iterdir())
    assert names == ["s1-test-image.png", "s2-test-invert.png"]
    assert sha256_file(out / "s2-test-invert.png") == result.steps["s2"].outputs["main"].sha256
    assert "s2 test.invert: " + str(out / "s2-test-invert.png") in session.answer(result)


def test_changed_settings_that_shape_outputs_are_not_served_old_results(session, log):
    from dataclasses import replace

    p = plan(("s1", "test.echo", {"text": "x"}))
    session.run(p)
    assert session.run(p).cached == ["s1"]
    for changed in (replace(session.config, soundfont="/other.sf2"),
                    replace(session.config, safety={**session.config.safety, "watermark": False})):
        other = Session(changed, registry=session.registry, store=session.store)
        assert other.run(p).ran == ["s1"]
