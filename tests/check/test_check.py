"""The judge: every score is measured on the file, every problem names what was asked and
what was found; what cannot be measured here says so."""

from __future__ import annotations

import json

import numpy as np
import pytest
import soundfile
from PIL import Image

from medialoom.check import check_file
from medialoom.errors import InputError

SR = 44100


@pytest.fixture
def picture(make_ctx, store):
    """picture(prompt, seed) -> Artifact of the offline image.generate, with its layout meta."""
    from medialoom.backends.offline import image

    def make(prompt: str, seed: int = 3):
        out = image.generate(make_ctx("image.generate", seed), prompt, width=320, height=320, seed=seed)
        return store.put_file(out.path, "image", out.meta, move=False)

    return make


def test_picture_that_obeys_the_request_is_ok(picture):
    art = picture("three red apples and a blue cup on a table")
    report = check_file(art.path, "three red apples and a blue cup on a table", meta=dict(art.meta))
    assert report.ok, report.problems
    assert report.scores["match"] == 100 and report.scores["objects_found"] == 1


def test_wrong_count_and_colour_are_named(picture):
    art = picture("three red apples and a blue cup")
    report = check_file(art.path, "four green apples and a blue cup", meta=dict(art.meta))
    found = {p.what: (p.expected, p.found) for p in report.problems}
    assert found["apple count"] == (4, 3)
    assert sum(1 for w in found if w.endswith("colour")) == 3 and "cup count" not in found
    assert report.scores["match"] < 50 and not report.ok


def test_relation_is_read_from_where_things_are(picture):
    art = picture("a red ball to the left of a blue car")
    assert check_file(art.path, "a red ball to the left of a blue car", meta=dict(art.meta)).ok
    wrong = check_file(art.path, "a red ball to the right of a blue car", meta=dict(art.meta))
    assert [p.what for p in wrong.problems] == ["ball right of car"]


def test_an_edit_that_took_the_colour_away_is_seen(picture, make_ctx, store):
    from medialoom.backends.offline import image

    art = picture("two red balloons")
    out = image.edit(make_ctx("image.edit"), art, "make it black and white")
    grey = store.put_file(out.path, "image", out.meta, move=False)
    report = check_file(grey.path, "two red balloons", meta=dict(grey.meta))
    assert [p.what for p in report.problems] == ["balloon_1 colour", "balloon_2 colour"]
    assert any("edited after it was drawn" in line for line in report.not_checked)


def test_blank_picture_and_size(tmp_path):
    path = tmp_path / "flat.png"
    Image.new("RGB", (64, 48), (90, 90, 90)).save(path)
    report = check_file(path, "a 64x64 picture of a red ball")
    assert {p.what for p in report.problems} == {"picture", "size"}
    assert any("detector" in line for line in report.not_checked), "no detector here: said, not faked"
    assert "clip" not in report.scores


def _wav(path, seconds=2.0, level=0.1, shape="sine"):
    t = np.arange(int(seconds * SR)) / SR
    wave = np.sin(2 * np.pi * 220 * t) if shape == "sine" else np.sign(np.sin(2 * np.pi * 220 * t))
    soundfile.write(path, (level * wave).astype(np.float32), SR)
    return path


def test_audio_duration_loudness_silence_clipping(tmp_path):
    ok = check_file(_wav(tmp_path / "a.wav"), "2 seconds of a hum")
    assert ok.ok and abs(ok.scores["duration_s"] - 2.0) < 1e-3
    assert -26 < ok.scores["loudness_lufs"] < -18 and ok.scores["silent_share"] == 0
    long = check_file(tmp_path / "a.wav", "10 seconds of a hum")
    assert [(p.what, p.found) for p in long.problems] == [("duration", "2.00 s")]
    quiet = check_file(_wav(tmp_path / "q.wav", level=0.0), "a hum")
    assert [p.what for p in quiet.problems] == ["sound"]
    loud = check_file(_wav(tmp_path / "c.wav", level=1.0, shape="square"), "a buzz")
    assert [p.what for p in loud.problems] == ["clipping"]


def test_speech_length_fits_its_words(make_ctx, tmp_path):
    from medialoom.backends.offline import audio

    said = audio.speech(make_ctx("audio.speech"), "the quick brown fox jumps over the lazy dog").path
    report = check_file(said, "say 'the quick brown fox jumps over the lazy dog'", role="speech")
    assert report.ok and 1.0 <= report.scores["words_per_s"] <= 5.0
    assert any("whisper" in line for line in report.not_checked), "the words themselves need Whisper"
    many = " ".join(["word"] * 60)
    assert [p.what for p in check_file(said, f"say '{many}'", role="speech").problems] == ["speech length"]


def _video(path, moving=True, audio=False, fps=12, seconds=2.0):
    from medialoom.backends.offline.video.io import write_video

    n = int(fps * seconds)
    frames = []
    for i in range(n):
        f = np.full((64, 64, 3), 30, np.uint8)
        x = 4 + (i * 2 if moving else 0)
        f[20:40, x:x + 12] = (230, 60, 50)
        frames.append(f)
    sound = (0.1 * np.sin(np.linspace(0, 2000, int(48000 * seconds)))).astype(np.float32)[None].repeat(2, 0)
    write_video(path, frames, fps, (64, 64), audio=sound if audio else None)
    return path


def test_video_duration_rate_motion_and_sound(tmp_path):
    good = check_file(_video(tmp_path / "m.mp4", audio=True), "a red box moving, 2 seconds at 12 fps with music")
    assert good.ok, good.problems
    assert good.scores["motion"] > 0.5 and good.scores["fps"] == 12
    still = check_file(_video(tmp_path / "s.mp4", moving=False), "a red box moving, 4 seconds with music")
    assert [p.what for p in still.problems] == ["duration", "motion", "sound track"]


def test_mesh_watertight_and_proportions(tmp_path):
    import trimesh

    trimesh.creation.box(extents=(1, 2, 1)).export(tmp_path / "box.glb")
    assert check_file(tmp_path / "box.glb", "a box twice as tall as it is wide").ok
    wrong = check_file(tmp_path / "box.glb", "a box three times as tall as it is wide")
    assert [(p.what, p.found) for p in wrong.problems] == [("tall : wide", "2.00")]
    open_mesh = trimesh.Trimesh(vertices=[[0, 0, 0], [1, 0, 0], [0, 1, 0], [0, 0, 1]], faces=[[0, 1, 2], [0, 1, 3]])
    open_mesh.export(tmp_path / "open.glb")
    assert [p.what for p in check_file(tmp_path / "open.glb", "a shape").problems] == ["watertight"]


def test_our_mesh_names_its_parts(make_ctx, store):
    from medialoom.backends.offline import mesh

    out = mesh.generate(make_ctx("mesh.generate"), "a chair")
    report = check_file(out.path, "a chair with a propeller")
    assert [p.what for p in report.problems] == ["part propeller"]


def test_bad_files_are_one_line(tmp_path):
    (tmp_path / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 20)
    (tmp_path / "empty.wav").write_bytes(b"")
    (tmp_path / "notes.txt").write_text("hello")
    for name, words in (("broken.png", "not an image"), ("empty.wav", "empty"), ("notes.txt", "no check"),
                        ("missing.mp4", "does not exist")):
        with pytest.raises(InputError, match=words) as info:
            check_file(tmp_path / name, "a red ball")
        assert "\n" not in str(info.value)


def test_media_check_tool_in_a_plan(engine_session):
    from medialoom.plan import Plan

    plan = Plan.from_dict({"steps": [
        {"id": "s1", "tool": "image.generate", "args": {"prompt": "two yellow ducks", "width": 256, "height": 256}},
        {"id": "s2", "tool": "media.check", "args": {"request": "three yellow ducks", "image": "$s1"}}]})
    result = engine_session.run(plan)
    data = json.loads(result.steps["s2"].outputs["main"].read_text())
    assert data["ok"] is False and data["problems"][0] == {"what": "duck count", "expected": 3, "found": 2}
    bad = Plan.from_dict({"steps": [{"id": "s1", "tool": "media.check", "args": {"request": "x"}}]})
    assert "exactly one of image" in engine_session.run(bad).steps["s1"].error


@pytest.mark.skipif(__import__("shutil").which("tesseract") is None, reason="tesseract-ocr not installed")
def test_text_asked_in_the_picture_is_read_back(picture, make_ctx):
    from medialoom.backends.offline import image

    titled = image.add_text(make_ctx("image.add_text"), picture("a lighthouse at sunset"), "Hello World", "top")
    report = check_file(titled.path, "a lighthouse with the title 'Hello World'")
    assert report.ok and report.scores["text_found"] == 1.0
    wrong = check_file(titled.path, "a poster that says 'Goodbye Moon'")
    assert [p.what for p in wrong.problems] == ["text"] and wrong.scores["text_found"] == 0.0
