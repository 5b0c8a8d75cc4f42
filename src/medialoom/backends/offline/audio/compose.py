"""The seeded composer (the LLM-as-composer role, done with rules): a Style and a duration in,
a pretty_midi score out.

1. plan the form: whole bars of the progression, then an ending on the tonic that fills the
   remaining time exactly (so the rendered length matches the request);
2. chords by mood: diatonic triads (or sevenths) on the scale degrees of the progression, with
   a raised leading tone for minor dominants;
3. melody: phrases of two bars built from a seeded motif (A A' B A'), chord tones on strong
   beats, steps in the scale between them, each phrase ending on a long chord tone;
4. accompaniment, bass and drums by genre; a final tonic chord, root and cymbal as the ending.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from .styles import PROGRESSIONS, SCALES, Style

if TYPE_CHECKING:
    from pretty_midi import Instrument, PrettyMIDI

DRUMS = {  # 16 steps per 4/4 bar: instrument note -> step string ('x' hit, 'o' soft)
    "rock": {36: "x.....x.x.......", 38: "....x.......x...", 42: "x.x.x.x.x.x.x.x."},
    "pop": {36: "x.......x.x.....", 38: "....x.......x...", 42: "x.x.x.x.x.x.x.x.", 39: "............x..."},
    "synthwave": {36: "x...x...x...x...", 38: "....x.......x...", 42: "..x...x...x...x.", 46: "..............x."},
    "house": {36: "x...x...x...x...", 39: "....x.......x...", 46: "..x...x...x...x.", 42: "x.o.x.o.x.o.x.o."},
    "boombap": {36: "x......x..x.....", 38: "....x.......x...", 42: "x.o.x.o.x.o.x.oo"},
    "jazz": {51: "x..xx..xx..xx..x", 44: "....x.......x...", 36: "x...............", 37: "..........o....."},
    "light": {70: "xoxoxoxoxoxoxoxo", 39: "....x.......x...", 36: "x.......x......."},
    "timpani": {47: "x.......x...o.o.", 49: "................"},
}
FILL = {38: "........x.x.xxxx"}
CRASH = 49
ENDING_PAD = 49  # GM slow strings
# melodic motion: steps are likeliest, repeats and leaps rarer
STEP_WEIGHT = {0: 0.25, 1: 1.0, 2: 1.0, 3: 0.7, 4: 0.6, 5: 0.35}


@dataclass(frozen=True)
class Form:
    bars: int  # full bars before the ending
    bar_seconds: float
    ending_seconds: float


def plan_form(style: Style, duration: float) -> Form:
    """Whole bars, then an ending (at least two beats) that fills the duration exactly."""
    beat = 60.0 / style.tempo
    bar = beat * style.beats_per_bar
    min_end = min(duration, max(2 * beat, 1.0))
    bars = max(0, int((duration - min_end) // bar))
    return Form(bars, bar, duration - bars * bar)


def scale_notes(style: Style, low: int, high: int) -> list[int]:
    steps = SCALES[style.mode]
    return [n for n in range(low, high + 1) if (n - style.tonic) % 12 in steps]


def chord(style: Style, degree: int, octave: int = 4) -> list[int]:
    """MIDI notes of the diatonic chord on a scale degree (0-6), root in the given octave."""
    steps = SCALES[style.mode]
    size = 4 if style.sevenths else 3
    notes = []
    for k in range(size):
        index = degree + 2 * k
        pc = steps[index % 7] + 12 * (index // 7)
        notes.append(12 * (octave + 1) + style.tonic + pc)
    if style.mode == "minor" and degree == 4:  # harmonic-minor dominant: raised leading tone
        notes[1] += 1
    return notes


def compose(style: Style, duration: float, seed: int) -> "PrettyMIDI":
    """The full score as a pretty_midi.PrettyMIDI (tempo, instruments, drums)."""
    import pretty_midi

    rng = np.random.default_rng(seed)
    form = plan_form(style, duration)
    progression = PROGRESSIONS[style.feel][int(rng.integers(len(PROGRESSIONS[style.feel])))]
    degrees = [progression[i % len(progression)] for i in range(form.bars)]
    pm = pretty_midi.PrettyMIDI(initial_tempo=style.tempo)
    parts = {"lead": pretty_midi.Instrument(style.lead, name="lead"),
             "comp": pretty_midi.Instrument(style.comp, name="comp"),
             "bass": pretty_midi.Instrument(style.bass, name="bass")}
    # a sustaining layer (the style's pad, else soft strings) so the final chord rings to the end
    parts["pad"] = pretty_midi.Instrument(style.pad if style.pad is not None else ENDING_PAD, name="pad")
    writer = _Writer(style, form, rng)
    writer.melody(parts["lead"], degrees)
    for i, degree in enumerate(degrees):
        writer.comp(parts["comp"], degree, i)
        writer.bass(parts["bass"], degree, i)
        if style.pad is not None:
            writer.sustain(parts["pad"], chord(style, degree, 4), i * form.bar_seconds, form.bar_seconds, 52)
    writer.ending(parts)
    pm.instruments.extend(parts.values())
    if style.drums is not None:
        drums = pretty_midi.Instrument(0, is_drum=True, name="drums")
        writer.drums(drums, form.bars)
        pm.instruments.append(drums)
    return pm


class _Writer:
    """Adds notes for one piece; holds the style, the form and the seeded generator."""

    def __init__(self, style: Style, form: Form, rng: np.random.Generator):
        self.style, self.form, self.rng = style, form, rng
        self.beat = 60.0 / style.tempo
        self.end_time = form.bars * form.bar_seconds

    def note(self, inst: "Instrument", pitch: int, start: float, length: float, velocity: int) -> None:
        import pretty_midi

        velocity = int(np.clip(velocity + self.rng.integers(-6, 7), 20, 120))
        end = min(start + max(length, 0.03), self.end_time + self.form.ending_seconds)
        if end > start:
            inst.notes.append(pretty_midi.Note(velocity, int(np.clip(pitch, 21, 108)), start, end))

    def at(self, bar: int, beats: float) -> float:
        """Seconds of a position, with swing on off-beat eighths."""
        whole, frac = divmod(beats, 1.0)
        if abs(frac - 0.5) < 1e-6:
            frac += self.style.swing
        return bar * self.form.bar_seconds + (whole + frac) * self.beat

    def sustain(self, inst: "Instrument", notes: list[int], start: float, length: float, velocity: int) -> None:
        for pitch in notes:
            self.note(inst, pitch, start, length * 0.98, velocity)

    # -- melody -------------------------------------------------------------------------------
    def melody(self, inst: "Instrument", degrees: list[int]) -> None:
        bpb = self.style.beats_per_bar
        motif = self._rhythm(2 * bpb)
        variant = self._rhythm(2 * bpb)
        octave = self.style.lead_octave
        pool = scale_notes(self.style, 12 * octave + 2, 12 * (octave + 2) - 2)
        previous = min(pool, key=lambda n: abs(n - (12 * (octave + 1) + self.style.tonic)))
        for phrase_start in range(0, len(degrees), 2):
            index = phrase_start // 2
            rhythm = variant if index % 4 == 2 else motif
            previous = self._phrase(inst, degrees, phrase_start, rhythm, pool, previous)

    def _rhythm(self, beats: int) -> list[tuple[float, float]]:
        """(onset, length) in beats for a two-bar phrase: per beat a quarter, two eighths or a
        rest (sparser at low density), then a long final note; no note longer than two beats."""
        density = self.style.density
        onsets: list[float] = []
        for beat in range(beats - 2):
            r = self.rng.random()
            if beat > 0 and r < (0.45 if density < 0.6 else 0.12):
                continue
            onsets.append(float(beat))
            if r > 1.0 - 0.45 * min(density, 1.6):
                onsets.append(beat + 0.5)
        out = []
        for i, onset in enumerate(onsets):
            nxt = onsets[i + 1] if i + 1 < len(onsets) else beats - 2.0
            out.append((onset, min(2.0, max(0.5, nxt - onset))))
        out.append((beats - 2.0, 1.9))
        return out

    def _phrase(self, inst: "Instrument", degrees: list[int], first_bar: int, rhythm: list[tuple[float, float]],
                pool: list[int], previous: int) -> int:
        bpb = self.style.beats_per_bar
        for i, (onset, length) in enumerate(rhythm):
            bar = first_bar + int(onset // bpb)
            if bar >= len(degrees):
                break
            tones = {n % 12 for n in chord(self.style, degrees[bar])}
            strong = onset % 2 == 0 or i == len(rhythm) - 1
            choices = [n for n in pool if abs(n - previous) <= (7 if strong else 4)
                       and (n % 12 in tones or not strong)]
            if not choices:
                choices = [n for n in pool if n % 12 in tones]
            weights = np.array([STEP_WEIGHT.get(abs(n - previous), 0.5 / max(1, abs(n - previous))) for n in choices])
            previous = int(self.rng.choice(choices, p=weights / weights.sum()))
            velocity = 84 if strong else 72
            self.note(inst, previous, self.at(bar, onset % bpb), length * self.beat * 0.95, velocity)
        return previous

    # -- accompaniment and bass ---------------------------------------------------------------
    def comp(self, inst: "Instrument", degree: int, bar: int) -> None:
        notes = chord(self.style, degree, 4)
        bpb, figure = self.style.beats_per_bar, self.style.comp_figure
        start = bar * self.form.bar_seconds
        if figure in ("block", "pad"):
            self.sustain(inst, notes, start, self.form.bar_seconds, 58 if figure == "pad" else 62)
        elif figure == "arpeggio":
            order = notes + [notes[0] + 12] + notes[1:][::-1]
            for k in range(bpb * 2):
                self.note(inst, order[k % len(order)], self.at(bar, k * 0.5), self.beat * 1.5, 60)
        elif figure == "broken":
            for k in range(bpb * 2):
                pitch = notes[[0, 2, 1, 2][k % 4]] - 12 * (k % 4 == 0)
                self.note(inst, pitch, self.at(bar, k * 0.5), self.beat * 0.5, 64)
        elif figure == "power":
            for k in range(bpb * 2):
                for pitch in (notes[0] - 12, notes[0] - 5, notes[0]):
                    self.note(inst, pitch, self.at(bar, k * 0.5), self.beat * 0.45, 82)
        elif figure == "strum":
            for onset in (0, 1, 1.5, 2.5, 3)[: 5 if bpb == 4 else 3]:
                for j, pitch in enumerate(notes + [notes[0] + 12]):
                    self.note(inst, pitch, self.at(bar, onset) + 0.012 * j, self.beat * 0.9, 66)
        else:  # stabs
            for onset in (0, 1.5, 2.5)[: 3 if bpb == 4 else 2]:
                self.sustain(inst, notes, self.at(bar, onset), self.beat * 0.7, 64)

    def bass(self, inst: "Instrument", degree: int, bar: int) -> None:
        root = chord(self.style, degree, 2)[0]
        fifth = root + 7
        bpb, figure = self.style.beats_per_bar, self.style.bass_figure
        if figure == "whole":
            self.note(inst, root, self.at(bar, 0), self.form.bar_seconds * 0.98, 72)
        elif figure == "root_fifth":
            half = bpb / 2
            self.note(inst, root, self.at(bar, 0), half * self.beat * 0.95, 78)
            self.note(inst, fifth, self.at(bar, half), half * self.beat * 0.95, 72)
        elif figure in ("eighths", "pulse"):
            for k in range(bpb * 2):
                pitch = root if figure == "eighths" or k % 2 else root + 12
                self.note(inst, pitch, self.at(bar, k * 0.5), self.beat * 0.45, 80 if k % 2 == 0 else 70)
        elif figure == "walking":
            line = scale_notes(self.style, root, root + 12)
            steps = [root] + [int(self.rng.choice(line)) for _ in range(bpb - 2)] + [root + 1 if self.rng.random() < 0.5 else root - 1]
            for k, pitch in enumerate(steps):
                self.note(inst, pitch, self.at(bar, k), self.beat * 0.9, 78)
        else:  # syncopated
            for onset, pitch in ((0, root), (1.5, root), (2.75, fifth))[: 3 if bpb == 4 else 2]:
                self.note(inst, pitch, self.at(bar, onset), self.beat * 0.7, 80)

    # -- drums and ending ---------------------------------------------------------------------
    def drums(self, inst: "Instrument", bars: int) -> None:
        pattern = DRUMS[self.style.drums or "pop"]
        steps = 4 * self.style.beats_per_bar
        for bar in range(bars):
            grid = dict(pattern)
            if bar % 4 == 3 and self.style.drums not in ("jazz", "light", "timpani"):
                grid = {**grid, **FILL}
            for pitch, hits in grid.items():
                for k in range(steps):
                    mark = hits[k % 16]
                    if mark != ".":
                        self.note(inst, pitch, self.at(bar, k / 4), 0.1, 96 if mark == "x" else 58)
            if bar % 8 == 0 and self.style.drums != "jazz":
                self.note(inst, CRASH, self.at(bar, 0), 0.5, 80)
        if bars > 0:  # the ending lands with a kick and a cymbal
            self.note(inst, CRASH if self.style.drums != "timpani" else 47, self.end_time, 1.0, 92)
            self.note(inst, 36, self.end_time, 0.2, 96)

    def ending(self, parts: dict[str, "Instrument"]) -> None:
        """Tonic chord, root and a high tonic held to the last moment (with a cymbal)."""
        start, length = self.end_time, self.form.ending_seconds
        tonic = chord(self.style, 0, 4)
        self.sustain(parts["comp"], tonic, start, length, 70)
        self.sustain(parts["pad"], tonic, start, length, 56 if self.style.pad is not None else 48)
        self.note(parts["bass"], chord(self.style, 0, 2)[0], start, length, 80)
        top = 12 * (self.style.lead_octave + 1) + self.style.tonic
        self.note(parts["lead"], top, start, length, 80)
