"""Likeness rules: a face needs the person's stated consent and [safety] customize_people;
a child never; both refusals are exit 3 through the engine, one line, nothing made."""

from __future__ import annotations

import dataclasses

import pytest

from medialoom.backends.offline import image
from medialoom.errors import SafetyRefusal
from medialoom.safety.likeness import says_consent, says_minor
from subjects import face_photo, subject_photo


def _allow(config):
    return dataclasses.replace(config, safety={**config.safety, "customize_people": True})


def test_words(tmp_path):
    assert says_consent("put me on a beach, this is me") and says_consent("my sister, she consents")
    assert not says_consent("put my sister on a beach")
    assert says_minor("my son on a beach") and says_minor("a 12-year-old girl") and says_minor("the kids")
    assert not says_minor("my dog on a beach") and not says_minor("a 30-year-old woman")


def test_a_face_is_refused_without_consent_and_config(tmp_path, make_ctx, artifact, config):
    face = artifact(face_photo(tmp_path / "anna.png"), "image")
    refused = r"likeness of a real person.*a face is in anna.png.*consents.*customize_people"
    with pytest.raises(SafetyRefusal, match=refused):
        image.customize(make_ctx("image.customize"), [face], "on a beach")
    with pytest.raises(SafetyRefusal, match=r"customize_people = true"):       # consent alone is not enough
        image.customize(make_ctx("image.customize"), [face], "on a beach", consent=True)
    ctx = dataclasses.replace(make_ctx("image.customize"), config=_allow(config))
    with pytest.raises(SafetyRefusal, match=r"say in the request that the person consents"):
        image.customize(ctx, [face], "on a beach")                          # config alone is not enough
    out = image.customize(ctx, [face], "on a beach", consent=True)
    assert out.meta["likeness"]["consent_used"] is True and out.meta["likeness"]["faces"] == {"anna.png": 1}


def test_a_child_is_never_customized(tmp_path, make_ctx, artifact, config):
    dog = artifact(subject_photo(tmp_path / "x.png"), "image")
    ctx = dataclasses.replace(make_ctx("image.customize"), config=_allow(config))
    with pytest.raises(SafetyRefusal, match="minor"):
        image.customize(ctx, [dog], "on a beach", name="my son Tom", consent=True)


def test_no_face_no_consent_needed(tmp_path, make_ctx, artifact):
    dog = artifact(subject_photo(tmp_path / "dog.png"), "image")
    out = image.customize(make_ctx("image.customize"), [dog], "on a beach")
    assert out.meta["likeness"] == {"faces": {"dog.png": 0}, "consent_used": False, "faces_checked": True}


def test_engine_refusal_is_exit_3_and_outputs_name_their_photos(tmp_path, config):
    from medialoom.plan import Plan
    from medialoom.session import Session
    from medialoom.safety.provenance import read

    face_photo(tmp_path / "anna.png")
    subject_photo(tmp_path / "dog.png")
    session = Session(config)
    refused = session.run(Plan.from_dict({"steps": [
        {"id": "s1", "tool": "image.customize", "args": {"images": ["anna.png"], "prompt": "on a beach"}}]}),
        base_dir=tmp_path, out=tmp_path / "out")
    assert refused.exit_code == 3 and "likeness of a real person" in refused.steps["s1"].error
    assert not (tmp_path / "out" / "s1-image-customize.png").exists()
    made = session.run(Plan.from_dict({"steps": [
        {"id": "s1", "tool": "image.customize", "args": {"images": ["dog.png"], "prompt": "on a beach"}}]}),
        base_dir=tmp_path)
    art = made.steps["s1"].outputs["main"]
    manifest = read(art.path, config)
    assert manifest is not None and art.meta["safety"]["c2pa"]["applied"]
    assert len(art.meta["parents"]) == 1 and art.meta["photos"] == art.meta["parents"]
    assert manifest["ingredients"] == [session.store.get(art.meta["parents"][0]).path.name]
    session.store.close()
