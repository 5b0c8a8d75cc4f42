"""audio.music: the seeded composer rendered through FluidSynth with the General MIDI SoundFont."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from audio_checks import flatness, loudness, mono, quietest_second_db, read
from medialoom.errors import BackendUnavailable

PROMPTS = ("calm piano ballad", "upbeat jazz trio", "synthwave", "dramatic orchestral",
           "ambient meditation", "playful ukulele", "rock", "lo-fi hip hop")


@pytest.mark.parametrize("prompt", PROMPTS)
def test_every_genre_is_exact_length_tonal_and_never_silent(A, make_ctx, prompt):
    outputs = A.music(make_ctx("audio.music"), prompt, duration=5, seed=1)
    main = outputs["main"]
    data, sr = read(main.path)
    x = data.mean(axis=1)
    assert abs(len(x) / sr - 5) <= 0.02 * 5
    assert flatness(x) < 0.05  # pitched notes, not noise
    assert quietest_second_db(x, sr) > -40  # never silent for a whole second, ending included
    assert np.abs(data).max() < 0.9 and abs(loudness(main.path) + 16) < 1.5
    assert outputs["midi"].kind == "midi"
    assert in_key_energy(x, sr, main.meta["key"]) > 0.7  # the sound itself is in the stated key


def in_key_energy(x: np.ndarray, sr: int, key: str) -> float:
    """Share of 60 Hz - 2 kHz spectral energy on the pitch classes of the key's scale."""
    from medialoom.backends.offline.audio.styles import NOTE_NAMES, SCALES

    power = np.abs(np.fft.rfft(x)) ** 2
    freqs = np.fft.rfftfreq(len(x), 1 / sr)
    band = (freqs > 60) & (freqs < 2000)
    classes = np.round(69 + 12 * np.log2(freqs[band] / 440)).astype(int) % 12
    chroma = np.bincount(classes, weights=power[band], minlength=12)
    name, mode = key.split()
    tonic = NOTE_NAMES.index(name)
    return float(sum(chroma[(tonic + step) % 12] for step in SCALES[mode]) / chroma.sum())


def test_the_midi_output_has_parts_a_scale_and_a_tonic_ending(A, make_ctx):
    import pretty_midi

    from medialoom.backends.offline.audio.styles import SCALES

    outputs = A.music(make_ctx("audio.music"), "calm piano ballad in C major", duration=12, seed=4)
    score = pretty_midi.PrettyMIDI(str(outputs["midi"].path))
    names = {inst.name for inst in score.instruments}
    assert {"lead", "comp", "bass"} <= names
    lead = next(i for i in score.instruments if i.name == "lead")
    in_scale = np.mean([n.pitch % 12 in SCALES["major"] for n in lead.notes])
    assert len(lead.notes) >= 8 and in_scale == 1.0
    last = max(n.end for i in score.instruments for n in i.notes)
    assert abs(last - 12) < 0.05
    final = {n.pitch % 12 for i in score.instruments if not i.is_drum for n in i.notes if n.end > 11.9}
    assert final <= {0, 4, 7}  # the piece ends on the tonic chord of C major
    assert outputs["main"].meta["key"] == "C major"


def test_genres_differ_and_seeds_repeat():
    from medialoom.backends.offline.audio.compose import compose
    from medialoom.backends.offline.audio.styles import parse_style

    def notes(prompt: str, seed: int) -> list[tuple]:
        score = compose(parse_style(prompt), 6.0, seed)
        return sorted((i.program, i.is_drum, n.pitch, n.velocity, round(n.start, 3))
                      for i in score.instruments for n in i.notes)

    assert notes("rock", 7) == notes("rock", 7) and notes("rock", 7) != notes("rock", 8)
    rock, jazz = parse_style("rock"), parse_style("upbeat jazz trio")
    assert (rock.lead, rock.comp, rock.bass) != (jazz.lead, jazz.comp, jazz.bass) and rock.drums != jazz.drums
    assert jazz.swing > 0 and rock.swing == 0


def test_tempo_and_key_arguments_are_honoured(A, make_ctx):
    out = A.music(make_ctx("audio.music"), "synthwave", duration=6, tempo=90, key="F# minor", seed=2)
    assert out["main"].meta["tempo"] == 90 and out["main"].meta["key"] == "F# minor"
    x, sr = mono(out["main"].path)
    assert len(x) == 6 * sr


def test_missing_soundfont_is_one_line_saying_what_to_install(A, make_ctx, tmp_path):
    ctx = make_ctx("audio.music")
    ctx = replace(ctx, config=replace(ctx.config, soundfont=str(tmp_path / "none.sf2")))
    with pytest.raises(BackendUnavailable, match="fluid-soundfont-gm"):
        A.music(ctx, "rock", duration=3)


def test_missing_fluidsynth_is_one_line(A, make_ctx, monkeypatch):
    import medialoom.backends.offline.audio.synth as synth

    monkeypatch.setattr(synth.shutil, "which", lambda name: None)
    with pytest.raises(BackendUnavailable, match="apt install fluidsynth"):
        A.music(make_ctx("audio.music"), "rock", duration=3)


def test_prompts_set_genre_mood_tempo_and_key():
    from medialoom.backends.offline.audio.styles import parse_key, parse_style

    genres = {parse_style(p).genre for p in PROMPTS}
    assert len(genres) == len(PROMPTS)
    sad = parse_style("a sad violin piece")
    assert sad.mode == "minor" and sad.lead == 40 and sad.tempo < parse_style("pop").tempo
    assert parse_style("rock at 140 bpm").tempo == 140
    assert parse_style("ballad in E flat major").key_name == "D# major"
    assert parse_key("a calm song") is None and parse_key("Bb", loose=True) == (10, "major")
    assert parse_style("a waltz").beats_per_bar == 3


def test_every_named_instrument_plays_in_the_score():
    from medialoom.backends.offline.audio.compose import compose
    from medialoom.backends.offline.audio.styles import parse_style

    duet = parse_style("a calm song with violin and flute")
    programs = {i.program for i in compose(duet, 6.0, seed=1).instruments if not i.is_drum and i.notes}
    assert {40, 73} <= programs                          # violin leads, the flute is heard too
    sax = parse_style("jazz with saxophone")
    assert (sax.lead, sax.pad) == (65, None)             # 'sax' inside 'saxophone' is one instrument
    assert parse_style("electric piano").lead == 4 and parse_style("electric piano").pad is None
