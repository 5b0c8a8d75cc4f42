"""What a music prompt asks for: genre, mood, tempo, key, instruments, as a Style.

Genres set instruments (General MIDI programs), accompaniment and bass figures and the drum
pattern; moods set the mode and the chord progressions; numbers and key names in the prompt
(or the tool's tempo/key arguments) override both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ....errors import InputError

NOTE_NAMES = ("C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B")
PITCH_CLASS = {"c": 0, "d": 2, "e": 4, "f": 5, "g": 7, "a": 9, "b": 11}
SCALES = {
    "major": (0, 2, 4, 5, 7, 9, 11), "minor": (0, 2, 3, 5, 7, 8, 10),
    "dorian": (0, 2, 3, 5, 7, 9, 10), "lydian": (0, 2, 4, 6, 7, 9, 11),
    "mixolydian": (0, 2, 4, 5, 7, 9, 10),
}
# chord progressions as scale degrees (0 = tonic), per mood family
PROGRESSIONS = {
    "bright": ((0, 4, 5, 3), (0, 5, 3, 4), (0, 3, 5, 4), (0, 3, 0, 4)),
    "calm": ((0, 3, 0, 4), (0, 5, 3, 4), (0, 2, 3, 4), (3, 0, 4, 0)),
    "sad": ((0, 5, 2, 6), (0, 3, 6, 2), (0, 5, 3, 4), (0, 3, 4, 0)),
    "dark": ((0, 5, 3, 4), (0, 3, 5, 4), (0, 6, 5, 4), (0, 5, 6, 4)),
    "jazz": ((1, 4, 0, 5), (0, 5, 1, 4), (2, 5, 1, 4)),
    "drone": ((0, 3, 0, 3), (0, 4, 3, 0), (0, 1, 0, 3)),
}


@dataclass(frozen=True)
class Style:
    """Everything the composer needs to know about the piece."""

    genre: str
    tempo: float
    tonic: int  # pitch class 0-11
    mode: str
    feel: str  # mood family (key of PROGRESSIONS)
    lead: int  # GM programs
    comp: int
    bass: int
    comp_figure: str  # block | arpeggio | strum | power | pad | stabs | broken
    bass_figure: str  # whole | root_fifth | eighths | walking | syncopated | pulse
    drums: str | None  # key of drum patterns in compose.py
    swing: float = 0.0  # 0..0.33 delay of off-beat eighths, fraction of a beat
    density: float = 1.0  # melody notes per beat, roughly
    sevenths: bool = False
    lead_octave: int = 5
    pad: int | None = None  # an extra sustained layer
    beats_per_bar: int = 4

    @property
    def key_name(self) -> str:
        return f"{NOTE_NAMES[self.tonic]} {self.mode}"


GENRES: dict[str, Style] = {
    "ballad": Style("piano ballad", 72, 0, "major", "calm", 0, 0, 32, "arpeggio", "root_fifth", None,
                    density=0.75, lead_octave=5),
    "jazz": Style("jazz trio", 132, 5, "major", "jazz", 0, 0, 32, "stabs", "walking", "jazz",
                  swing=0.17, density=1.5, sevenths=True),
    "synthwave": Style("synthwave", 100, 9, "minor", "dark", 81, 90, 38, "pad", "eighths", "synthwave",
                       density=1.0, pad=89),
    "orchestral": Style("dramatic orchestral", 84, 2, "minor", "dark", 60, 48, 43, "broken", "whole",
                        "timpani", density=0.75, lead_octave=5, pad=49),
    "ambient": Style("ambient meditation", 60, 4, "lydian", "drone", 11, 89, 89, "pad", "whole", None,
                     density=0.4, lead_octave=5, pad=92),
    "ukulele": Style("playful ukulele", 116, 7, "major", "bright", 13, 24, 32, "strum", "root_fifth",
                     "light", density=1.25),
    "rock": Style("rock", 124, 4, "minor", "dark", 29, 30, 33, "power", "eighths", "rock", density=1.0),
    "lofi": Style("lo-fi hip hop", 78, 2, "dorian", "sad", 4, 4, 33, "block", "syncopated", "boombap",
                  swing=0.1, density=0.75, sevenths=True, lead_octave=5),
    "pop": Style("pop", 110, 0, "major", "bright", 80, 0, 33, "strum", "root_fifth", "pop", density=1.0),
    "electronic": Style("electronic", 124, 5, "minor", "dark", 81, 89, 38, "stabs", "pulse", "house",
                        density=1.0, pad=90),
    "classical": Style("classical", 96, 7, "major", "bright", 40, 48, 42, "broken", "root_fifth", None,
                       density=1.0, lead_octave=5),
    "folk": Style("folk", 100, 2, "major", "bright", 73, 25, 32, "strum", "root_fifth", "light",
                  density=1.0),
}
GENRE_WORDS = (
    ("lofi", ("lo-fi", "lofi", "lo fi", "hip hop", "hip-hop", "chillhop", "study beat")),
    ("synthwave", ("synthwave", "synth wave", "retrowave", "80s", "outrun", "vaporwave")),
    ("jazz", ("jazz", "swing", "bebop", "trio", "lounge")),
    ("orchestral", ("orchestra", "orchestral", "cinematic", "epic", "film score", "symphon", "trailer")),
    ("ambient", ("ambient", "meditation", "drone", "relaxing", "spa", "sleep", "zen")),
    ("ukulele", ("ukulele", "playful", "whimsical", "quirky")),
    ("rock", ("rock", "metal", "punk", "grunge", "electric guitar")),
    ("electronic", ("electronic", "edm", "techno", "house", "dance", "trance", "club")),
    ("classical", ("classical", "baroque", "string quartet", "waltz", "mozart")),
    ("folk", ("folk", "acoustic", "country", "celtic")),
    ("ballad", ("ballad", "piano", "lullaby", "romantic", "calm", "gentle", "soft")),
    ("pop", ("pop", "upbeat", "happy", "cheerful", "song")),
)
MOOD_WORDS = (
    ("sad", ("sad", "melanchol", "somber", "sombre", "lonely", "tragic", "nostalg", "rainy")),
    ("dark", ("dramatic", "dark", "tense", "epic", "mysterious", "suspense", "ominous", "intense",
              "battle", "horror", "angry")),
    ("bright", ("happy", "upbeat", "cheerful", "joyful", "playful", "bright", "fun", "energetic")),
    ("calm", ("calm", "peaceful", "gentle", "soft", "relax", "romantic", "tender", "warm")),
)
INSTRUMENT_WORDS = (  # word -> (role, GM program)
    ("piano", "lead", 0), ("rhodes", "lead", 4), ("electric piano", "lead", 4), ("organ", "comp", 16),
    ("guitar", "comp", 25), ("violin", "lead", 40), ("cello", "lead", 42), ("strings", "comp", 48),
    ("flute", "lead", 73), ("saxophone", "lead", 65), ("sax", "lead", 65), ("trumpet", "lead", 56),
    ("clarinet", "lead", 71), ("harp", "comp", 46), ("bells", "lead", 14), ("marimba", "lead", 12),
    ("vibraphone", "lead", 11), ("choir", "pad", 52), ("synth", "lead", 81), ("horn", "lead", 60),
    ("ukulele", "comp", 24), ("music box", "lead", 10), ("celesta", "lead", 8), ("oboe", "lead", 68),
)
FAST_WORDS = ("fast", "upbeat", "energetic", "driving", "lively", "quick", "frantic")
SLOW_WORDS = ("slow", "calm", "relax", "meditat", "gentle", "sleep", "lullaby", "peaceful")


def parse_key(text: str, loose: bool = False) -> tuple[int, str] | None:
    """'C major', 'F# minor', 'Bb', 'A dorian', 'key of E' -> (pitch class, mode) or None.
    In free prose (not `loose`) a bare letter counts only after 'key of' or with an accidental."""
    pattern = (r"(key of |in )?\b([a-g])\s*(#|sharp|b|flat|♯|♭)?\s*"
               r"(major|minor|maj|min|m|dorian|lydian|mixolydian)?(?![a-z'#♯♭])")
    for match in re.finditer(pattern, text, re.I):
        lead, letter, accidental, mode_word = match.groups()
        if not loose and mode_word is None and accidental is None and not (lead or "").startswith("key"):
            continue
        pc = PITCH_CLASS[letter.lower()]
        acc = (accidental or "").lower()
        pc = (pc + (1 if acc in ("#", "sharp", "♯") else -1 if acc in ("b", "flat", "♭") else 0)) % 12
        mode = (mode_word or "major").lower()
        return pc, {"maj": "major", "min": "minor", "m": "minor"}.get(mode, mode)
    return None


def parse_style(prompt: str, tempo: float | None = None, key: str | None = None) -> Style:
    """Read genre, mood, tempo, key and instruments from the prompt and the explicit arguments."""
    text = " " + prompt.lower() + " "
    genre = next((g for g, words in GENRE_WORDS if any(w in text for w in words)), "pop")
    style = GENRES[genre]
    mood = next((m for m, words in MOOD_WORDS if any(w in text for w in words)), None)
    if mood is not None and genre not in ("jazz", "ambient"):
        mode = "minor" if mood in ("sad", "dark") else ("major" if style.mode == "minor" else style.mode)
        style = replace(style, feel=mood, mode=mode)
    style = _instruments(style, text)
    if "waltz" in text or "3/4" in text:
        style = replace(style, beats_per_bar=3)
    bpm = re.search(r"(\d{2,3})\s*(?:bpm|beats per minute)", text)
    chosen_tempo = tempo if tempo else (float(bpm.group(1)) if bpm else None)
    if chosen_tempo is None:
        factor = 1.15 if any(w in text for w in FAST_WORDS) and genre not in ("rock", "electronic") else 1.0
        slow = any(w in text for w in SLOW_WORDS) or mood == "sad"
        factor = 0.85 if slow and genre not in ("ambient", "ballad") else factor
        chosen_tempo = style.tempo * factor
    if not 30 <= chosen_tempo <= 260:
        raise InputError(f"tempo {chosen_tempo:g} bpm is out of range; use 30 to 260")
    style = replace(style, tempo=float(chosen_tempo))
    parsed = parse_key(key, loose=True) if key else parse_key(prompt)
    if key and parsed is None:
        raise InputError(f"key {key!r} is not understood; write it like 'C major', 'F# minor' or 'Bb'")
    if parsed is not None:
        style = replace(style, tonic=parsed[0], mode=parsed[1],
                        feel=_feel_for_mode(style.feel, parsed[1]))
    return style


def _feel_for_mode(feel: str, mode: str) -> str:
    if feel in ("jazz", "drone"):
        return feel
    if mode in ("minor", "dorian"):
        return feel if feel in ("sad", "dark") else "sad"
    return feel if feel in ("bright", "calm") else "calm"


def _instruments(style: Style, text: str) -> Style:
    """Named instruments in the order they are named: the first melodic one leads; a second
    melodic one plays the sustained layer ("violin and flute"); others take their own role."""
    if style.genre == "playful ukulele":
        return style
    found = sorted((m.start(), -len(word), role, program) for word, role, program in INSTRUMENT_WORDS
                   for m in re.finditer(rf"\b{re.escape(word)}", text))
    changes: dict[str, int] = {}
    taken_to = -1
    for start, minus_length, role, program in found:
        if start < taken_to:  # "sax" inside "saxophone", "piano" inside "electric piano"
            continue
        taken_to = start - minus_length
        if role == "lead" and "lead" in changes:
            role = "pad"
        changes.setdefault(role, program)
    return replace(style, **changes)
