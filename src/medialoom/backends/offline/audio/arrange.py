"""Arranging a given melody: its key found from the notes (Krumhansl-Schmuckler profiles), one
diatonic chord per bar chosen to hold the bar's melody notes, the melody on the lead instrument
and the chords on the accompanying one, with a bass on the roots. The notes come from a recording
(audio.to_midi's Basic Pitch, in the embedded family); this part is plain rules."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import numpy as np

from .compose import chord
from .styles import NOTE_NAMES, Style

# Krumhansl-Kessler key profiles, tonic first
MAJOR = np.array([6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29, 2.88])
MINOR = np.array([6.33, 2.68, 3.52, 5.38, 2.60, 3.53, 2.54, 4.75, 3.98, 2.69, 3.34, 3.17])
CHORD_BIAS = {0: 0.3, 3: 0.15, 4: 0.2, 5: 0.1}    # tonic, subdominant, dominant, relative: a little favoured


def find_key(notes: Sequence[Any]) -> tuple[int, str]:
    """(tonic pitch class, 'major' | 'minor') that best fits the duration-weighted pitch classes."""
    weights = np.zeros(12)
    for n in notes:
        weights[n.pitch % 12] += n.end - n.start
    scores = [(float(np.corrcoef(weights, np.roll(profile, tonic))[0, 1]), tonic, mode)
              for tonic in range(12) for mode, profile in (("major", MAJOR), ("minor", MINOR))]
    _, tonic, mode = max(scores)
    return tonic, mode


def choose_chords(style: Style, notes: Sequence[Any], bars: int, bar_seconds: float) -> list[int]:
    """A scale degree (0-6) per bar: the triad holding most of the bar's melody (by duration)."""
    degrees, last = [], 0
    for bar in range(bars):
        a, b = bar * bar_seconds, (bar + 1) * bar_seconds
        weights = np.zeros(12)
        for n in notes:
            weights[n.pitch % 12] += max(0.0, min(n.end, b) - max(n.start, a))
        if weights.sum() == 0:
            degrees.append(last)
            continue
        fit = {d: sum(weights[p % 12] for p in chord(replace(style, sevenths=False), d)) / weights.sum()
               + CHORD_BIAS.get(d, 0.0) for d in range(6)}
        last = max(fit, key=lambda d: (fit[d], -d))
        degrees.append(last)
    return degrees


def arrange(style: Style, notes: Sequence[Any], key_given: bool) -> tuple[Any, dict[str, Any]]:
    """(pretty_midi.PrettyMIDI, meta): the melody as played, chords and bass under it."""
    import pretty_midi

    if not key_given:
        tonic, mode = find_key(notes)
        style = replace(style, tonic=tonic, mode=mode)
    bar_seconds = style.beats_per_bar * 60.0 / style.tempo
    end = max(n.end for n in notes)
    bars = int(np.ceil(end / bar_seconds)) + 1                 # one more bar for the last chord to ring
    degrees = choose_chords(style, notes, bars, bar_seconds)
    score = pretty_midi.PrettyMIDI(initial_tempo=style.tempo)
    lead = pretty_midi.Instrument(style.lead, name="melody")
    lead.notes = [pretty_midi.Note(max(60, n.velocity), n.pitch, n.start, n.end) for n in notes]
    comp = pretty_midi.Instrument(style.comp, name="chords")
    bass = pretty_midi.Instrument(style.bass, name="bass")
    for bar, degree in enumerate(degrees):
        a, b = bar * bar_seconds, (bar + 1) * bar_seconds
        comp.notes += [pretty_midi.Note(58, p, a, b) for p in chord(style, degree, 3)]
        bass.notes.append(pretty_midi.Note(70, chord(style, degree, 2)[0], a, b))
    score.instruments.extend([lead, comp, bass])
    names = [NOTE_NAMES[chord(style, d, 3)[0] % 12] for d in degrees]
    meta = {"key": f"{NOTE_NAMES[style.tonic]} {style.mode}", "chords": names, "melody_notes": len(notes),
            "tempo": round(style.tempo, 2), "programs": {"lead": style.lead, "comp": style.comp, "bass": style.bass},
            "composer": "medialoom arranger over the given melody"}
    return score, meta
