"""End to end through the engine: every image/video/audio output is checked, watermarked and
signed in the worker; `medialoom verify` finds the mark and the provenance, from the manifest or,
when the manifest is gone, from the store through the watermark's id; layers switch off loudly."""

from __future__ import annotations

import json
from dataclasses import replace

import numpy as np
import pytest
from PIL import Image

import engine_tools
from medialoom.plan import Plan
from medialoom.registry import Registry
from medialoom.session import Session
from medialoom.safety.verify import main as verify_main, verify


@pytest.fixture
def session(engine_session):
    return engine_session


def _plan(*steps):
    return Plan.from_dict({"steps": [{"id": i, "tool": t, "args": a} for i, t, a in steps]})


def test_outputs_are_checked_marked_signed_and_verifiable(session, tmp_path, capsys):
    result = session.run(_plan(("s1", "test.image", {"width": 320, "height": 256, "seed": 3}),
                               ("s2", "test.invert", {"image": "$s1"})), out=tmp_path / "out")
    assert result.ok
    made, edited = result.steps["s1"].outputs["main"], result.steps["s2"].outputs["main"]
    for art in (made, edited):
        safety = art.meta["safety"]
        assert safety["output_check"]["ran"] == ["nudenet"] and safety["output_check"]["unsafe"] is False
        assert safety["watermark"]["applied"] and safety["c2pa"]["applied"]
        assert len(art.meta["watermark_id"]) == 10
    report = verify(edited.path, session.config)
    assert report["watermark"] and report["watermark_id"] == edited.meta["watermark_id"]
    prov = report["provenance"]
    assert prov["source"] == "c2pa" and prov["tool"] == "test.invert" and prov["backend"] == "test"
    assert prov["seed"] == edited.meta["seed"] and prov["parents"] == [made.sha256]
    assert prov["c2pa"]["validation_state"] == "Trusted" and prov["c2pa"]["ingredients"] == [made.path.name]
    assert [a["action"] for a in prov["c2pa"]["actions"]] == ["c2pa.opened", "c2pa.edited"]

    exported = tmp_path / "out" / "s1-test-image.png"             # the CLI: JSON on stdout
    assert verify_main([str(exported), "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["watermark"] is True and printed["provenance"]["tool"] == "test.image"


def test_a_copy_without_its_manifest_is_traced_through_the_store(session, tmp_path):
    result = session.run(_plan(("s1", "test.image", {"width": 384, "height": 320, "seed": 9})))
    art = result.steps["s1"].outputs["main"]
    copy = tmp_path / "screenshot.png"                            # cropped, re-saved: no C2PA left
    Image.open(art.path).convert("RGB").crop((20, 13, 364, 301)).save(copy)
    report = verify(copy, session.config)
    assert report["watermark"] and report["watermark_id"] == art.meta["watermark_id"]
    prov = report["provenance"]
    assert prov["source"] == "store" and prov["sha256"] == art.sha256
    assert (prov["tool"], prov["backend"], prov["seed"]) == ("test.image", "test", 9)


def test_foreign_files_verify_as_unmarked(tmp_path, config, capsys):
    path = tmp_path / "photo.png"
    Image.fromarray(np.random.default_rng(0).integers(0, 255, (200, 260, 3), dtype=np.uint8)).save(path)
    assert verify_main([str(path)]) == 1
    out = capsys.readouterr().out
    assert "watermark: no" in out and "provenance: none found" in out


def test_text_outputs_are_left_alone(session):
    result = session.run(_plan(("s1", "test.echo", {"text": "hello"})))
    art = result.steps["s1"].outputs["main"]
    assert art.read_text() == "hello" and "safety" not in art.meta


def test_files_without_mark_or_manifest_are_traced_by_their_hash(session, tmp_path):
    """Text, MIDI, GLB: no watermark, no C2PA; the store still knows what made them."""
    result = session.run(_plan(("s1", "test.echo", {"text": "hello"})), out=tmp_path / "out")
    art = result.steps["s1"].outputs["main"]
    report = verify(tmp_path / "out" / "s1-test-echo.txt", session.config)
    assert report["watermark"] is False
    prov = report["provenance"]
    assert prov["source"] == "store" and prov["sha256"] == art.sha256 and prov["tool"] == "test.echo"
    other = tmp_path / "mine.txt"
    other.write_text("hello!")
    assert verify(other, session.config)["provenance"] is None


def test_switched_off_layers_warn_and_skip(config, capsys):
    import medialoom.safety as safety

    safety._warned.clear()
    off = replace(config, safety={"prompt_guard": True, "output_check": False, "watermark": False, "c2pa": False})
    registry = Registry.default()
    for spec in engine_tools.TOOLS:
        registry.add(spec)
    s = Session(off, registry=registry)
    result = s.run(_plan(("s1", "test.image", {"width": 256, "height": 256, "seed": 1})))
    s.store.close()
    art = result.steps["s1"].outputs["main"]
    assert art.meta["safety"] == {} and "watermark_id" not in art.meta
    assert not verify(art.path, off)["watermark"]
    err = capsys.readouterr().err
    for layer in ("output check", "watermark", "c2pa"):
        assert f"the {layer} safety layer is switched off" in err
    assert "outputs carry no invisible watermark" in err and "no signed C2PA manifest" in err


def test_an_explicit_output_is_refused_and_not_kept(make_ctx, monkeypatch, tmp_path):
    """The output check's plumbing, with NudeNet's answer replaced (no explicit test images)."""
    from medialoom.context import Output
    from medialoom.errors import SafetyRefusal
    from medialoom.safety import checks, finish_outputs

    class Detector:
        def detect(self, image):
            assert image.shape == (200, 300, 3)
            return [{"class": "FACE_FEMALE", "score": 0.9, "box": [0, 0, 9, 9]},
                    {"class": "FEMALE_BREAST_EXPOSED", "score": 0.83, "box": [5, 5, 20, 20]}]

    monkeypatch.setattr(checks, "_detector", lambda: Detector())
    path = tmp_path / "out.png"
    Image.fromarray(np.zeros((200, 300, 3), np.uint8)).save(path)
    ctx = make_ctx("image.generate")
    with pytest.raises(SafetyRefusal) as info:
        finish_outputs(ctx, Registry.default().spec("image.generate"), {"main": Output(path)})
    assert info.value.exit_code == 3 and info.value.category == "sexual"
    assert "refused" in info.value.one_line() and "NudeNet" in info.value.one_line()
    below = checks._scan([np.zeros((200, 300, 3), np.uint8)], threshold=0.9)
    assert below.ran == ["nudenet"] and not below.unsafe and len(below.found) == 1


def test_verify_usage_errors_are_one_line(tmp_path):
    import subprocess
    import sys

    for argv in ([], [str(tmp_path / "missing.png")]):
        proc = subprocess.run([sys.executable, "-m", "medialoom.cli", "verify", *argv],
                              capture_output=True, text=True, timeout=60)
        assert proc.returncode == 2 and len(proc.stderr.strip().splitlines()) == 1, proc.stderr


def test_a_layer_that_fails_fails_the_step_unless_switched_off(make_ctx, monkeypatch, tmp_path, config):
    from medialoom.context import Output
    from medialoom.errors import ToolError
    from medialoom.safety import finish, finish_outputs

    def broken(*args):
        raise ValueError("cannot reshape array")

    monkeypatch.setattr(finish, "_mark", broken)
    path = tmp_path / "out.png"
    Image.fromarray(np.full((200, 300, 3), 90, np.uint8)).save(path)
    spec = Registry.default().spec("image.generate")
    quiet = replace(config, safety={"prompt_guard": True, "output_check": False, "watermark": True, "c2pa": False})
    ctx = make_ctx("image.generate")
    with pytest.raises(ToolError) as info:
        finish_outputs(replace(ctx, config=quiet), spec, {"main": Output(path)})
    assert info.value.exit_code == 1 and "watermark = false" in info.value.one_line()
    off = replace(quiet, safety={**quiet.safety, "watermark": False})
    done = finish_outputs(replace(ctx, config=off), spec, {"main": Output(path)})
    assert "watermark" not in done["main"].meta["safety"]
