"""Resources (issue 13, items 1-4): inputs and plans that would take gigabytes or crash the
checker are refused before anything runs, in one line that says what to lower."""

from __future__ import annotations

import struct
import wave
import zlib
from pathlib import Path

import pytest

from medialoom.catalogue import catalogue
from medialoom.errors import InputError, PlanError
from medialoom.media import probe
from medialoom.plan import Plan, find_cycle, validate
from medialoom.registry import Registry


@pytest.fixture(scope="module")
def registry() -> Registry:
    return Registry(catalogue())


def tall_png(path: Path, w: int, h: int) -> Path:
    """A valid PNG header of w x h with one tiny IDAT (never decoded: refused from the header)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    ihdr = struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 7))
                     + chunk(b"IEND", b""))
    return path


def slow_wav(path: Path, rate: int, frames: int = 1000) -> Path:
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(b"\0\1" * frames)
    return path


def test_a_1_by_49_million_png_is_refused_by_its_shape(tmp_path):
    with pytest.raises(InputError, match="a side over 100 times the other"):
        probe(tall_png(tmp_path / "line.png", 1, 49_000_000), "image")


def test_a_1_hz_wav_is_refused_by_its_sample_rate(tmp_path):
    with pytest.raises(InputError, match="sample rate of 1 Hz"):
        probe(slow_wav(tmp_path / "slow.wav", 1), "audio")
    probe(slow_wav(tmp_path / "ok.wav", 8000), "audio")  # a telephone rate is fine


def test_a_huge_sparse_layout_is_refused_without_reading_it(tmp_path, registry):
    big = tmp_path / "layout.json"
    with open(big, "wb") as f:  # 4 GB, sparse: reading it whole would take 4 GB of memory
        f.truncate(4 << 30)
    plan = Plan.from_dict({"steps": [{"id": "s1", "tool": "image.from_layout", "args": {"layout": str(big)}}]})
    with pytest.raises(PlanError, match="over the 8 MB limit"):
        validate(plan, registry, tmp_path)


def test_a_huge_sparse_mesh_is_refused_without_reading_it(tmp_path):
    big = tmp_path / "model.glb"
    with open(big, "wb") as f:
        f.truncate(4 << 30)
    with pytest.raises(InputError, match="over the 512 MB limit for a 3D model"):
        probe(big, "mesh")


def test_a_2000_step_forward_chain_is_one_line_not_a_recursion_error(registry):
    n = 2000
    steps = [{"id": f"s{i}", "tool": "image.edit", "args": {"image": f"$s{i + 1}", "instruction": "brighter"}}
             for i in range(1, n)] + [{"id": f"s{n}", "tool": "image.generate", "args": {"prompt": "a cat"}}]
    plan = Plan.from_dict({"steps": steps})
    assert find_cycle(plan) is None
    with pytest.raises(PlanError) as err:
        validate(plan, registry, check_files=False)
    assert "refers to later step $s2" in str(err.value)
    loop = Plan.from_dict({"steps": steps[:-1] + [{"id": f"s{n}", "tool": "image.edit",
                                                     "args": {"image": "$s1", "instruction": "x"}}]})
    assert len(find_cycle(loop)) == n + 1


def test_a_file_name_over_255_bytes_is_one_line(tmp_path, registry):
    plan = Plan.from_dict({"steps": [{"id": "s1", "tool": "image.caption", "args": {"image": "x" * 300 + ".png"}}]})
    with pytest.raises(PlanError, match="over 255 bytes"):
        validate(plan, registry, tmp_path)


# --- costs and [limits] ---------------------------------------------------------------------

def session_with(home: Path, limits: str = ""):
    from medialoom.config import load_config
    from medialoom.session import Session

    if limits:
        (home / "config.toml").write_text(f"[limits]\n{limits}\n")
    return Session(load_config(home))


def test_b_mix_with_an_hour_offset_is_refused_before_running_naming_offsets(home):
    from medialoom.errors import OverLimit

    session = session_with(home)
    plan = Plan.from_dict({"steps": [
        {"id": "s1", "tool": "audio.sound", "args": {"prompt": "rain", "duration": 2}},
        {"id": "s2", "tool": "audio.sound", "args": {"prompt": "birds", "duration": 2}},
        {"id": "s3", "tool": "audio.mix", "args": {"audios": ["$s1", "$s2"], "offsets": [0, 3600]}}]})
    with pytest.raises(OverLimit) as err:
        session.check(plan)
    line = err.value.one_line()
    assert "s3: audio.mix would need about" in line and "lower 'offsets'" in line
    assert session.store.query("SELECT COUNT(*) AS n FROM runs")[0]["n"] == 0  # nothing ran


def test_b_two_thousand_tracks_are_refused_naming_audios(home):
    from medialoom.errors import OverLimit

    plan = Plan.from_dict({"steps": [{"id": "s1", "tool": "audio.sound", "args": {"prompt": "rain"}},
                                     {"id": "s2", "tool": "audio.concat", "args": {"audios": ["$s1"] * 2000}}]})
    with pytest.raises(OverLimit, match="takes 2000 audios, over the limit of 64.*lower 'audios'"):
        session_with(home).check(plan)


def test_b_a_7000_square_png_is_refused_for_heavy_tools_but_fine_for_light_ones(tmp_path, registry, config):
    from medialoom.budget import check_plan
    from medialoom.errors import OverLimit

    big = tall_png(tmp_path / "big.png", 7000, 7000)  # 49 megapixels: inside the probe's 50 MP limit
    for tool, ok in (("image.remove_background", False), ("image.segment", True)):
        args = {"image": str(big), **({"point": [10, 10]} if tool == "image.segment" else {})}
        plan = Plan.from_dict({"steps": [{"id": "s1", "tool": tool, "args": args}]})
        if ok:
            check_plan(plan, registry, config, tmp_path)  # 49 MP x 36 bytes = 1.8 GB, under 2 GB
        else:
            with pytest.raises(OverLimit, match=r"about 4\.4 GB \(49\.0 megapixels.*lower 'image'"):
                check_plan(plan, registry, config, tmp_path)


def test_b_a_step_over_the_limit_once_its_inputs_are_known_fails_alone(home, tmp_path):
    """At plan time a generated image is not known; at run time it is measured and refused."""
    session = session_with(home, "memory_gb = 0.02")
    plan = Plan.from_dict({"steps": [
        {"id": "s1", "tool": "image.generate", "args": {"prompt": "a red ball", "width": 512, "height": 512}},
        {"id": "s2", "tool": "image.remove_background", "args": {"image": "$s1"}},
        {"id": "s3", "tool": "image.caption", "args": {"image": "$s1"}}]})
    result = session.run(plan, base_dir=tmp_path)
    assert result.steps["s1"].status == "done" and result.steps["s3"].status == "done"
    assert result.steps["s2"].status == "failed" and result.steps["s2"].exit_code == 2
    assert "over the 0.02 GB of [limits] memory_gb; lower 'image'" in result.steps["s2"].error


def test_b_bad_limits_are_one_line(home):
    from medialoom.budget import Limits
    from medialoom.errors import UsageError

    with pytest.raises(UsageError, match="has no setting 'memory'"):
        Limits.from_config(session_with(home, "memory = 1").config)


@pytest.mark.parametrize("shared", [False, True], ids=["own-pool", "server-shared-pool"])
def test_b_a_worker_past_its_memory_cap_fails_alone_and_the_next_step_runs(home, tmp_path, shared):
    import resource_tools

    from medialoom.config import load_config
    from medialoom.session import Session

    (home / "config.toml").write_text("[limits]\nworker_memory_gb = 1.5\n")
    session = Session(load_config(home), registry=Registry([resource_tools.HOG]))
    if shared:  # the server's jobs run on one set of warm workers: capped the same way
        session.share_pools()
    plan = Plan.from_dict({"steps": [{"id": "big", "tool": "test.hog", "args": {"mb": 3000}},
                                     {"id": "small", "tool": "test.hog", "args": {"mb": 20}}]})
    result = session.run(plan, base_dir=tmp_path)
    assert result.steps["big"].status == "failed"
    assert "ran out of memory (over [limits] worker_memory_gb)" in result.steps["big"].error
    assert result.steps["small"].status == "done"


def test_b_a_job_the_server_died_under_is_not_run_again_on_restart(tmp_path):
    """A job the process died under twice (it may be what takes it down: out of memory) is left
    `running` with two starts: on restart it fails with one line instead of taking the server
    down again; queued jobs still resume (a job died under once resumes: test_concurrency)."""
    import time as _time

    from medialoom.server.jobs import EventHub, Job, JobRunner, JobStore, RunOutcome

    store = JobStore(tmp_path / "jobs.sqlite")
    plan = {"steps": [{"id": "s1", "tool": "audio.mix", "args": {"audios": ["a.wav"]}}]}
    store.add(Job("died", "queued", plan), 16)
    store.save(Job("died", "running", plan, started=_time.time(), attempts=2))
    store.add(Job("waiting", "queued", plan), 16)
    ran: list[str] = []

    def run(p, session, on_event, cancel=None):
        ran.append(p.steps[0].id)
        return RunOutcome(True, {}, [])

    runner = JobRunner(store, EventHub(), run)
    runner.start()
    deadline = _time.time() + 10
    while store.get("waiting").status != "succeeded" and _time.time() < deadline:
        _time.sleep(0.05)
    runner.stop()
    died = store.get("died")
    assert died.status == "failed" and "not run again" in died.error
    assert store.get("waiting").status == "succeeded" and ran == ["s1"]


def test_b_inputs_are_measured_from_their_headers(tmp_path):
    import bad_inputs as bad

    from medialoom.costs import measure

    clip = bad.make(bad.mp4, tmp_path / "clip.mp4")
    take = bad.make(bad.mp3, tmp_path / "take.mp3")
    video, audio = measure(str(clip), "video"), measure(str(take), "audio")
    assert video.width > 0 and video.height > 0 and video.seconds > 0 and video.fps > 0
    assert audio.seconds > 0 and audio.rate >= bad.RATE and audio.channels == 1
    assert measure("$s1", "video") is None and measure(str(tmp_path / "gone.mp4"), "video") is None


def test_b_every_catalogue_tool_declares_its_cost():
    """By design, not case by case: a tool added without a cost declaration fails here."""
    from medialoom.costs import CHEAP, ESTIMATORS

    missing = [t.id for t in catalogue() if t.id not in ESTIMATORS and t.id not in CHEAP]
    assert missing == [], f"declare these tools' costs in costs.py (ESTIMATORS) or list them in CHEAP: {missing}"


def test_b_customize_at_4096_is_refused_under_a_1_gb_limit_naming_width(home):
    from medialoom.budget import Limits, check_step
    from medialoom.errors import OverLimit

    plan = Plan.from_dict({"steps": [{"id": "s1", "tool": "image.customize", "args": {
        "images": ["$s0"], "prompt": "a dog on a beach", "width": 4096, "height": 4096}}]})
    spec = Registry(catalogue()).spec("image.customize")
    with pytest.raises(OverLimit, match=r"about 1\.5 GB \(4096x4096 pixels.*lower 'width'"):
        check_step("s1", spec, plan.steps[0].args, Limits(memory_gb=1.0))
    check_step("s1", spec, {**plan.steps[0].args, "width": 1024, "height": 1024}, Limits(memory_gb=1.0))
