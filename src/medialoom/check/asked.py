"""What a request asks for that can be measured: objects (count, colour, relations), text in the
picture, size, duration, frame rate, tempo, key, motion, sound, words to speak, mesh parts and
proportions. Words are read with the image engine's prompt parser (one reading of nouns,
counts and colours for the generator and its judge)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

NUMBER = r"(\d+(?:\.\d+)?)"
DURATION = re.compile(NUMBER + r"\s*-?\s*(seconds?|secs?|s|minutes?|mins?)\b", re.IGNORECASE)
WORD_DURATION = {"half a minute": 30.0, "a minute": 60.0, "one minute": 60.0, "a second": 1.0}
FPS = re.compile(r"(\d{1,3})\s*(?:fps|frames per second)\b", re.IGNORECASE)
TEMPO = re.compile(r"(\d{2,3})\s*(?:bpm|beats per minute)\b", re.IGNORECASE)
KEY = re.compile(r"\b([A-G](?:#|b|♯|♭)?)\s*(major|minor)\b")
SIZE = re.compile(r"\b(\d{2,4})\s*[x×]\s*(\d{2,4})\b")
QUOTED = re.compile(r"[\"“]([^\"”]{1,300})[\"”]|(?:^|\s)'([^']{1,300})'(?=\s|$|[.,;:!?])")
MOTION = {"bounce", "bouncing", "bounces", "fly", "flying", "flies", "run", "running", "runs", "move",
          "moving", "moves", "roll", "rolling", "rolls", "spin", "spinning", "spins", "swim", "swimming",
          "walk", "walking", "walks", "drive", "driving", "drives", "fall", "falling", "jump", "jumping",
          "dance", "dancing", "zoom", "pan", "panning", "rotate", "rotating", "sail", "sailing", "floating",
          "drifting", "orbit", "orbiting", "racing", "waving", "growing", "rising", "setting", "turning"}
SOUND_WORDS = {"music", "sound", "sounds", "narration", "narrated", "voice", "voiceover", "speech", "audio",
               "song", "soundtrack", "narrator", "spoken", "singing"}
SPEAK = re.compile(r"^\s*(?:please\s+)?(?:say|read|narrate|speak|pronounce)\s+(?:aloud\s+|out\s+loud\s+)?"
                   r"(?:the\s+(?:text|words|sentence)\s*:?\s*)?(.+)$", re.IGNORECASE | re.DOTALL)
PROPORTION = re.compile(r"\b(twice|three times|\d+(?:\.\d+)? times)\s+as\s+(tall|high|wide|long)\s+as\s+"
                        r"(?:it\s+is\s+)?(wide|tall|high|long|deep)\b", re.IGNORECASE)
TIMES = {"twice": 2.0, "three times": 3.0}


@dataclass(frozen=True)
class Thing:
    """An object asked for: `count` of `noun` (kind None when the engine has no drawing)."""

    noun: str
    kind: str | None
    count: int
    colour: str | None


@dataclass(frozen=True)
class Relation:
    subject: str
    relation: str
    object: str


@dataclass
class Asked:
    request: str
    things: list[Thing] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    text: str | None = None               # quoted text: to be written in a picture or spoken
    size: tuple[int, int] | None = None
    duration: float | None = None
    fps: int | None = None
    tempo: float | None = None
    key: str | None = None
    motion: bool = False
    sound: bool = False
    proportion: tuple[str, str, float] | None = None   # (tall, wide, 2.0): height = 2 x width

    def to_dict(self) -> dict[str, Any]:
        return {"objects": [t.__dict__ for t in self.things], "relations": [r.__dict__ for r in self.relations],
                "text": self.text, "size": self.size, "duration": self.duration, "fps": self.fps,
                "tempo": self.tempo, "key": self.key, "motion": self.motion, "sound": self.sound}


def read_request(request: str) -> Asked:
    """Everything measurable that `request` names."""
    text = " ".join(str(request or "").split())
    asked = Asked(text)
    quoted = QUOTED.search(text)
    if quoted:
        asked.text = (quoted.group(1) or quoted.group(2)).strip()
    scrubbed = QUOTED.sub(" ", text)   # words inside quotes are text, not objects
    asked.duration = _duration(scrubbed)
    if m := FPS.search(scrubbed):
        asked.fps = int(m.group(1))
    if m := TEMPO.search(scrubbed):
        asked.tempo = float(m.group(1))
    if m := KEY.search(scrubbed):
        asked.key = f"{m.group(1)} {m.group(2).lower()}"
    if m := SIZE.search(scrubbed):
        asked.size = (int(m.group(1)), int(m.group(2)))
    if m := PROPORTION.search(scrubbed):
        times = TIMES.get(m.group(1).lower()) or float(m.group(1).split()[0])
        asked.proportion = (_axis(m.group(2)), _axis(m.group(3)), times)
    words = set(re.findall(r"[a-z]+", scrubbed.lower()))
    asked.motion = bool(words & MOTION)
    asked.sound = bool(words & SOUND_WORDS)
    _objects(asked, _without_measures(scrubbed))
    return asked


def spoken_words(request: str) -> str:
    """The words a speech request asks to hear: quoted text, else what follows 'say'/'read'."""
    asked = read_request(request)
    if asked.text:
        return asked.text
    m = SPEAK.match(request or "")
    return (m.group(1) if m else request or "").strip()


def _axis(word: str) -> str:
    return {"high": "tall", "deep": "long"}.get(word.lower(), word.lower())


def _duration(text: str) -> float | None:
    m = DURATION.search(text)
    if m:
        value = float(m.group(1))
        return value * 60 if m.group(2).lower().startswith("m") else value
    low = text.lower()
    return next((v for k, v in WORD_DURATION.items() if re.search(rf"\b{k}\b", low)), None)


def _without_measures(text: str) -> str:
    for pattern in (DURATION, FPS, TEMPO, KEY, SIZE, PROPORTION):
        text = pattern.sub(" ", text)
    return text


def _objects(asked: Asked, text: str) -> None:
    from ..backends.offline.image.parse import parse_prompt

    spec = parse_prompt(text)
    asked.things = [Thing(g.noun, g.kind, g.count, g.colour.split()[-1] if g.colour else None)
                    for g in spec.groups]
    for r in spec.relations:
        for o in r.objects:
            asked.relations.append(Relation(spec.groups[r.subject].noun, r.relation, spec.groups[o].noun))
