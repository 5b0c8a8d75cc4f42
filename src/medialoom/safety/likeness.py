"""Likeness rules for putting a real subject into new scenes (image.customize): this is where
deepfakes come from, so a person's face is customized only with their stated consent and a
config that allows it, and never a minor's.

    never       the words say the subject is a child ("my son", "a 12-year-old girl", "kid")
    refused     a face is found in a photo, unless the request says the person consents
                (`consent` argument, set by the planner from "she consents", "this is me" ...)
                AND `[safety] customize_people = true` (false by default)
    recorded    every output names its source photos as C2PA ingredients (finish.py signs the
                step's media inputs), and its meta lists the photos' hashes

Faces are found with OpenCV's bundled cascades (the offline image engine's `count_faces`);
where this OpenCV has none, a subject that words call a person needs consent just the same.
"""

from __future__ import annotations

import re
from typing import Any, Sequence

from ..config import Config
from ..errors import SafetyRefusal

CONFIG_KEY = "customize_people"
MINOR = re.compile(
    r"\b(child|children|kid|kids|kiddo|baby|babies|toddler|infant|boy|girl|son|daughter|"
    r"teen|teenager|teenage|minor|schoolboy|schoolgirl|schoolchild|pupil|niece|nephew|"
    r"grandson|granddaughter|preteen|tween|(?:[1-9]|1[0-7])[- ](?:year|yr)s?[- ]old)\b", re.I)
PERSON = re.compile(r"\b(me|myself|person|man|woman|wife|husband|friend|mum|mom|dad|father|mother|"
                    r"brother|sister|grandma|grandpa|selfie|face|portrait|boss|colleague|partner)\b", re.I)
CONSENT = re.compile(
    r"\b(consents?|consented|agreed|with (?:his|her|their|my) (?:consent|permission)|"
    r"(?:has|have|gave|given) (?:me |us )?(?:consent|permission)|(?:it'?s|this is|that'?s) me|"
    r"of myself|my own (?:face|photo|picture|selfie))\b", re.I)


def says_consent(text: str) -> bool:
    """The request states that the person shown consents ("she consents", "this is me")."""
    return bool(CONSENT.search(text or ""))


def says_minor(text: str) -> bool:
    return bool(MINOR.search(text or ""))


def allowed(config: Config) -> bool:
    return bool(config.safety.get(CONFIG_KEY, False))


def _faces(photo: Any) -> int | None:
    from ..backends.offline.image.captions import count_faces

    return count_faces(photo)


def screen_photos(photos: Sequence[Any], names: Sequence[str], words: str, consent: bool,
                  config: Config) -> dict[str, Any]:
    """Raise SafetyRefusal when customizing these photos breaks the rules above; else a
    report for the output's meta (faces found per photo, whether consent was used)."""
    if says_minor(words):
        raise SafetyRefusal("likeness of a minor", "medialoom never puts a child's likeness into new scenes")
    faces = [_faces(p) for p in photos]
    found = [n for n, f in zip(names, faces) if f]
    unchecked = any(f is None for f in faces)
    person = bool(found) or (unchecked and bool(PERSON.search(words or "")))
    if person and not (consent and allowed(config)):
        where = f"a face is in {', '.join(found)}" if found else "the subject is a person"
        need = ("say in the request that the person consents (e.g. 'she consents')" if not consent else "")
        cfg = (f"set [safety] {CONFIG_KEY} = true in config.toml" if not allowed(config) else "")
        todo = " and ".join(x for x in (need, cfg) if x)
        raise SafetyRefusal("likeness of a real person", f"{where}; to customize a person, {todo}")
    return {"faces": dict(zip(names, faces)), "consent_used": person, "faces_checked": not unchecked}
