"""Concepts: kept in the store from photos or from a named image.customize step, said by name in
later requests ("now Rex in the snow", a story about Rex), listed and removed from the CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from medialoom import concepts
from medialoom.errors import InputError
from subjects import blank_photo, subject_photo


@pytest.fixture
def session(config):
    from medialoom.session import Session

    s = Session(config)
    yield s
    s.store.close()


def test_register_get_remove_with_adapter(tmp_path, store):
    a, b = subject_photo(tmp_path / "a.png"), subject_photo(tmp_path / "b.png", seed=1)
    rex = concepts.register(store, "Rex", [a, b], noun="dog")
    assert concepts.get(store, "rex") == rex and rex.label == "Rex" and len(rex.photos) == 2
    assert [p.suffix for p in rex.photo_paths(store)] == [".png", ".png"]
    trained = tmp_path / "w.safetensors"
    trained.write_bytes(b"lora weights")
    key = concepts.adapter_key(rex, "sd", {"steps": 3})
    rex = concepts.keep_adapter(store, rex, trained, key)
    adapter = Path(rex.adapter)
    assert adapter.is_file() and concepts.adapter_dir(store) in adapter.parents and rex.adapter_key == key
    assert concepts.adapter_key(rex, "sd", {"steps": 3}) == key != concepts.adapter_key(rex, "sd", {"steps": 4})
    concepts.remove(store, "REX")
    assert concepts.get(store, "Rex") is None and not adapter.exists()
    with pytest.raises(InputError, match=r"no concept named 'Rex' \(known: none yet\)"):
        concepts.remove(store, "Rex")
    with pytest.raises(InputError, match="1 to 5 photos"):
        concepts.register(store, "Too", [a] * 6)
    with pytest.raises(InputError, match="cannot name a concept"):
        concepts.register(store, "42!", [a])


def test_a_named_customize_step_keeps_the_concept_and_later_requests_use_it(tmp_path, session):
    subject_photo(tmp_path / "dog.png")
    subject_photo(tmp_path / "dog2.png", seed=1)
    first = session.plan("put my dog Rex from dog.png and dog2.png on a beach at sunset")
    assert [s.tool for s in first.steps] == ["image.customize"]
    assert first.steps[0].args == {"images": ["dog.png", "dog2.png"], "prompt": "dog on a beach at sunset",
                                   "name": "my dog Rex"}
    result = session.run(first, base_dir=tmp_path)
    assert result.ok
    rex = concepts.get(session.store, "Rex")
    assert rex is not None and rex.noun == "dog" and len(rex.photos) == 2

    later = session.plan("now Rex in the snow")
    step = later.steps[0]
    assert [s.tool for s in later.steps] == ["image.customize"] and step.args["name"] == "my dog Rex"
    assert [Path(p).name.split(".")[0] for p in step.args["images"]] == list(rex.photos)
    again = session.run(later)
    assert again.ok and again.steps["s1"].outputs["main"].meta["setting"] == "snow"

    story = session.plan("make a video story in three scenes about Rex")
    custom = [s for s in story.steps if s.tool == "image.customize"]
    assert len(custom) == 3 and not [s for s in story.steps if s.tool == "image.generate"]
    assert [s.args["prompt"] for s in custom] == [f"$s1.scene{i}_prompt" for i in (1, 2, 3)]


def test_edits_of_a_photo_stay_edits(tmp_path, session):
    subject_photo(tmp_path / "dog.png")
    for request in ("remove the dog from dog.png", "make the dog in dog.png brighter"):
        assert "image.customize" not in [s.tool for s in session.plan(request).steps], request
    animated = session.plan("put my cat from dog.png in a forest and make it a video")
    assert [s.tool for s in animated.steps] == ["image.customize", "video.animate"]


def test_no_concept_no_change(session):
    plan = session.plan("a dog on the beach")
    assert [s.tool for s in plan.steps] == ["image.generate"]


def _cli(args, home, cwd):
    env = dict(os.environ, MEDIALOOM_HOME=str(home), MEDIALOOM_LLM="offline")
    return subprocess.run([sys.executable, "-m", "medialoom.cli", *args], env=env, cwd=cwd,
                          capture_output=True, text=True, timeout=120)


def test_cli_add_list_remove_and_bad_input(tmp_path, home):
    subject_photo(tmp_path / "mug.png", colour=(30, 120, 200))
    subject_photo(tmp_path / "dog.png")
    blank_photo(tmp_path / "wall.png")
    added = _cli(["concept", "add", "Blue", "mug.png", "--noun", "mug"], home, tmp_path)
    assert added.returncode == 0 and "kept Blue (mug) from 1 photo" in added.stdout, added.stderr
    listed = _cli(["concepts", "--json"], home, tmp_path)
    assert [c["name"] for c in json.loads(listed.stdout)] == ["Blue"]
    for args, code, words in ((["concept", "add", "Wall", "wall.png"], 2, "found no subject in wall.png"),
                              (["concept", "add", "Two", "mug.png", "dog.png"], 2, "different subjects"),
                              (["concept", "remove", "Nobody"], 2, "no concept named 'Nobody'"),
                              (["concept", "add", "X", "missing.png"], 2, "no such file")):
        proc = _cli(args, home, tmp_path)
        lines = proc.stderr.strip().splitlines()
        assert proc.returncode == code and len(lines) == 1 and words in lines[0], proc.stderr
    removed = _cli(["concept", "remove", "blue"], home, tmp_path)
    assert removed.returncode == 0 and _cli(["concepts"], home, tmp_path).stdout.startswith("no concepts yet")


def test_cli_refuses_a_face_with_exit_3(tmp_path, home):
    from subjects import face_photo

    face_photo(tmp_path / "anna.png")
    proc = _cli(["concept", "add", "Anna", "anna.png"], home, tmp_path)
    assert proc.returncode == 3 and "likeness of a real person" in proc.stderr and len(proc.stderr.splitlines()) == 1


def test_colour_edits_of_a_photo_are_not_customized(tmp_path, session):
    subject_photo(tmp_path / "cat.png")
    plan = session.plan("show me the cat in cat.png in black and white")
    assert "image.customize" not in [s.tool for s in plan.steps]


def test_a_styled_request_about_a_photo_keeps_its_words(tmp_path, session):
    subject_photo(tmp_path / "cat.png")
    plan = session.plan("a watercolour of the cat in cat.png wearing a red scarf")
    assert [(s.tool, s.args) for s in plan.steps] == [
        ("image.customize", {"images": ["cat.png"], "prompt": "cat as a watercolour wearing a red scarf"})]
