"""`medialoom check` and `run --refine` on the command line: exit codes, JSON, one-line errors."""

from __future__ import annotations

import json

import pytest

from medialoom.cli import main


def _run(argv, capsys):
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def made(tmp_path, capsys):
    """A picture made by `medialoom run` (so the store knows its layout)."""
    code, _out, _ = _run(["run", "two red apples and a blue cup", "--out", str(tmp_path / "out"), "--json"], capsys)
    assert code == 0
    return tmp_path / "out" / "s1-image-generate.png"


def test_check_exit_codes_and_json(made, capsys):
    code, out, _ = _run(["check", str(made), "--request", "two red apples and a blue cup"], capsys)
    assert code == 0 and out.startswith("ok:")
    code, out, _ = _run(["check", str(made), "--request", "five red apples and a blue cup", "--json"], capsys)
    data = json.loads(out)
    assert code == 1 and data["ok"] is False and set(data) >= {"ok", "scores", "problems"}
    assert data["problems"][0] == {"what": "apple count", "expected": 5, "found": 2}


@pytest.mark.parametrize("argv, words", [
    (["--request", "something nice"], "names nothing that can be checked"),
    (["--request", "  "], "--request is empty"),
    ([], "--request"),
])
def test_check_bad_requests_are_one_line(tmp_path, capsys, argv, words):
    from PIL import Image

    Image.new("RGB", (32, 32), (200, 30, 30)).save(tmp_path / "red.png")
    code, out, err = _run(["check", str(tmp_path / "red.png"), *argv], capsys)
    assert code == 2 and words in err and len(err.strip().splitlines()) == 1 and out == ""


def test_check_bad_files_are_one_line(tmp_path, capsys):
    (tmp_path / "notes.txt").write_text("hi")
    (tmp_path / "bad.wav").write_bytes(b"RIFF\x24\x00\x00\x00WAVEfmt ")
    for name, words in (("notes.txt", "no check"), ("bad.wav", "bad.wav"), ("nope.png", "does not exist")):
        code, _, err = _run(["check", str(tmp_path / name), "--request", "a red ball"], capsys)
        assert code == 2 and words in err and len(err.strip().splitlines()) == 1


def test_run_refine_states_scores(tmp_path, capsys):
    code, out, _ = _run(["run", "three yellow stars", "--refine", "2", "--json", "--out", str(tmp_path)], capsys)
    data = json.loads(out)
    assert code == 0 and data["refine"]["rounds"] == 0, "right the first time: no fix"
    kept = data["refine"]["steps"]["s1"]
    assert kept["kept"] == "s1" and kept["attempts"][0]["ok"] and kept["attempts"][0]["scores"]["match"] == 100
    assert "s1 image check ok" in data["answer"]
    code, _, err = _run(["run", "three yellow stars", "--refine", "0"], capsys)
    assert code == 2 and "from 1 to 10" in err


def test_chat_answers_say_the_check(tmp_path):
    import io

    from medialoom import chat

    out = io.StringIO()
    lines = io.StringIO("draw two red balls\nmake it darker\n/quit\n")
    assert chat.main(["--out", str(tmp_path / "chat")], stdin=lines, stdout=out) == 0
    checks = [line for line in out.getvalue().splitlines() if " check " in line or "not checked" in line]
    assert checks == [checks[0]] and checks[0].startswith("s1 check ok (") and "match 100" in checks[0]
