"""Which words name a sound: 'a video of a pond at night with frogs and crickets' wants frogs and
crickets heard (audio.sound put on the video), not drawn. The vocabulary is the sound names and
keywords of the offline sound designer (read from its source, never imported: it loads numpy),
less the words that name a place or a thing one sees, plus creatures and noises it lacks."""

from __future__ import annotations

import ast
import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from .clauses import Clause, make_clause
from .intent import visual_clause

if TYPE_CHECKING:
    from .draft import Draft

DESIGN = Path(__file__).resolve().parent.parent / "backends" / "offline" / "audio" / "design.py"
SEEN = frozenset("""forest night city street sea beach shore river water fountain market cafe restaurant party road
urban car cars people walk walking steps machine generator idle audience lightning campfire fireplace bonfire clock
ocean storm thunderstorm insect shower alert motor stream cat cats dog dogs kitten kitty pupp hound pond cathedral
chapel church door heart train trains truck dawn evening summer keyboard horn emergency police passing railroad railway
locomotive swamp typist dub toll hum chorus fire crowd engine typewriter surf""".split())
PREFIXES = ("crackl", "rustl", "rumbl", "whistl", "bubbl", "chirp", "howl", "buzz", "croak", "splash", "patter",
            "hoot", "bark", "meow", "purr", "roar", "drip", "tick", "clap", "beep", "honk", "woof", "ribbit")
EXTRA = ("sound", "sounds", "noise", "noises", "ambience", "frog", "croak", "cicada", "hoot", "owl", "bark", "meow",
         "purr", "howl", "buzz", "rustl", "splash", "rumbl", "roar", "whistl", "siren", "bells", "birdsong", "chirp",
         "ringing", "drip", "waves", "thunder", "crackl", "patter", "chatter", "traffic", "applause", "laughter")
FILLER = re.compile(r"^(?:(?:the|a|an|some|soft|gentle|distant|faint|loud|quiet|lots of|lots|of)\s+)*"
                    r"(?:(?:sounds?|noises?) of\s+)?", re.I)


@lru_cache(maxsize=1)
def vocabulary() -> tuple[str, ...]:
    """Stems that name a sound (matched at the start of a word: 'crackl' in 'crackling')."""
    words: set[str] = set(EXTRA)
    try:
        tree = ast.parse(DESIGN.read_text())
    except (OSError, SyntaxError):
        return tuple(sorted(words))
    for node in ast.walk(tree):
        target = node.target if isinstance(node, ast.AnnAssign) else (
            node.targets[0] if isinstance(node, ast.Assign) and node.targets else None)
        if not (isinstance(target, ast.Name) and target.id == "SOUNDS" and isinstance(node.value, ast.Dict)):
            continue
        for key, value in zip(node.value.keys, node.value.values):
            names = [key.value] if isinstance(key, ast.Constant) and isinstance(key.value, str) else []
            if isinstance(value, ast.Tuple):
                names += [c.value for e in value.elts if isinstance(e, ast.Tuple)
                          for c in e.elts if isinstance(c, ast.Constant) and isinstance(c.value, str)]
            words.update(w for n in names for w in n.lower().split() if w.isalpha() and w not in SEEN)
    return tuple(sorted(words))


def names_sound(phrase: str) -> bool:
    """'frogs', 'crackling fire sounds', 'the sound of rain', 'rumbling thunder': a short phrase
    whose words are heard; 'a red ball' or 'a kite and birds' are not all sound."""
    words = [w for w in re.findall(r"[a-z']+", FILLER.sub("", phrase.strip().lower()))
             if w not in ("of", "the", "a", "an", "from", "in")]  # "the roar of the water"
    if not words or len(words) > 4:
        return False
    heard = [_heard(w, vocabulary()) for w in words]
    return any(heard) and heard.count(False) <= 1  # one describing word may go with them ('crashing waves')


def _heard(word: str, stems: tuple[str, ...]) -> bool:
    base = word[:-3] if word.endswith("ing") else word
    return word in stems or word.rstrip("s") in stems or base in stems or word.startswith(PREFIXES)


WITH = re.compile(r",?\s*\bwith\s+(?P<phrase>[^,.;!?\"“]+?)\s*(?=$|[.;!?]|,)", re.I)
SPOKEN_OR_MUSIC = re.compile(r"\b(?:music|song|soundtrack|melody|tune|jazz|piano|guitar|beats?|narrat\w*|narrator|"
                             r"voice-?overs?|voiceovers?)\b", re.I)


def sound_attachments(text: str) -> tuple[str, list[str]]:
    """'a video of a pond at night with frogs and crickets' -> ('a video of a pond at night',
    ['frogs and crickets']): sounds named after 'with' in a video request are heard; music or
    narration named with them stay attachments of their own. Nothing changes when any part of
    the phrase is something seen ('with a red kite and birds')."""
    for m in WITH.finditer(text):
        parts = [p for p in re.split(r"\s*,\s*|\s+(?:and|plus|&)\s+", m.group("phrase")) if p.strip()]
        other = [p for p in parts if SPOKEN_OR_MUSIC.search(p)]
        heard = [p for p in parts if p not in other and names_sound(p)]
        said = any(re.search(r"narrat|voice|music|soundtrack|song", p, re.I) for p in other)
        if (heard or said) and len(heard) + len(other) == len(parts):  # "with a voice-over and light jazz"
            sounds = [" and ".join(FILLER.sub("", p).strip() for p in heard)] if heard else []
            return (text[:m.start()] + text[m.end():]).strip(" ,"), [*sounds, *(_as_music(p) for p in other)]
    return text, []


def _as_music(words: str) -> str:
    """'light jazz' -> 'light jazz music': a genre alone is music to compose."""
    return words if re.search(r"narrat|voice|music|soundtrack|song|melody|tune", words, re.I) else words + " music"


def heard_with(clause: Clause, draft: "Draft") -> Clause:
    """A video clause without the sounds named after 'with'; they become attachments of the draft
    (made with audio.sound, mixed with any music or narration, and put on the video)."""
    if not visual_clause(clause):
        return clause
    text, sounds = sound_attachments(clause.text)
    draft.attachments += sounds
    return make_clause(text) if sounds else clause
