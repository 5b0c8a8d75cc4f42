"""Effects by instruction: words and numbers -> a chain of Effect steps -> processed samples.

`parse_instruction("add a hall reverb with a 2-second decay, then +3 dB bass")` gives
[Effect("reverb", {"decay": 2.0, "size": "hall"}), Effect("bass", {"db": 3.0})]. Numbers are
honoured ("up two semitones", "20% faster", "fade out over 3 seconds"). `apply_chain` runs the
steps with pedalboard (Rubber Band for pitch and time, shelves, compressor, chorus, ...) and
numpy (convolution reverb with the requested decay, fades, reverse, ring modulation).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np

from ....errors import InputError
from ....lang.instructions import NUM, clauses, find
from ....lang.speed import bpm_change, speed_factor

UNDERSTOOD = ("reverb (room, hall)", "echo", "chorus", "distortion", "bass/treble boost or cut",
              "telephone", "radio", "compression", "gain (louder, quieter, +N dB)", "normalise",
              "pitch up/down N semitones", "speed/tempo (N% faster, slower, 1.5x)", "fade in/out",
              "reverse", "voice: deeper, higher, robot, chipmunk, monster", "underwater",
              "low-pass/high-pass N Hz", "muffled")


@dataclass(frozen=True)
class Effect:
    name: str
    params: dict[str, Any] = field(default_factory=dict)

    def describe(self) -> dict[str, Any]:
        return {"effect": self.name, **self.params}


VERBS = (r"(?:add|make|apply|fade|pitch|speed|slow|reverse|boost|cut|remove|put|give|turn|raise|lower|"
         r"increase|decrease|normal|compress|echo|reverb|chorus|distort)")


def _clauses(instruction: str) -> list[str]:
    text = instruction.lower().replace("decibels", "db").replace("decibel", "db")
    return clauses(text, verbs=VERBS, split_and=False)


def parse_instruction(instruction: str) -> list[Effect]:
    """Every effect the instruction asks for, in order; unknown words are one clear error."""
    effects: list[Effect] = []
    for clause in _clauses(instruction):
        found = _parse_clause(clause)
        effects.extend(found)
    if not effects:
        raise InputError(f"no audio effect understood in {instruction!r}; offline editing understands "
                         + ", ".join(UNDERSTOOD))
    return effects


def _parse_clause(c: str) -> list[Effect]:  # noqa: C901 - a flat table of phrasings
    out: list[Effect] = []
    if re.search(r"\breverb|\breverberat|\bhall\b|\bcathedral|\bchurch|\bspacious|\bambien", c):
        size = "hall" if re.search(r"hall|cathedral|church|large|big|huge|concert", c) else "room"
        decay = find(NUM + r"[\s-]*(?:s|sec|second)s?\b[\s-]*(?:long\s+)?(?:decay|tail|reverb)", c) \
            or find(r"(?:decay|tail)\s*(?:of|time)?\s*(?:of)?\s*" + NUM, c)
        long = re.search(r"\blong(?:er)?\b", c) is not None
        out.append(Effect("reverb", {"size": size, "decay": float(decay or (2.5 if size == "hall" or long else 0.8))}))
    if re.search(r"\becho|\bdelay\b", c):
        delay = find(NUM + r"\s*(?:ms|millisecond)", c)
        delay = delay / 1000 if delay is not None else find(NUM + r"\s*(?:s|sec|second)s?\b", c)
        out.append(Effect("echo", {"delay": float(delay or 0.35), "feedback": 0.4}))
    if re.search(r"\bchorus", c):
        out.append(Effect("chorus", {}))
    if re.search(r"distort|overdrive|\bfuzz|\bcrunch|\bgrit", c):
        out.append(Effect("distortion", {"drive_db": float(find(NUM + r"\s*db", c) or 18)}))
    for band_word, name in (("bass|low end|lows", "bass"), ("treble|high end|highs|brightness|bright", "treble")):
        if re.search(rf"\b(?:{band_word})\b", c) and not re.search(r"\bvoice\b", c):
            db = find(NUM + r"\s*db", c)
            cut = bool(re.search(r"\b(cut|reduce|less|lower|remove|decrease|turn down|minus)\b", c))
            amount = abs(db) if db is not None else 6.0
            out.append(Effect(name, {"db": -amount if (cut or (db is not None and db < 0)) else amount}))
    if re.search(r"telephone|phone call|\bphone\b", c):
        out.append(Effect("telephone", {}))
    if re.search(r"\bradio\b|walkie|intercom|megaphone", c):
        out.append(Effect("radio", {}))
    if re.search(r"compress", c):
        out.append(Effect("compress", {"ratio": float(find(NUM + r"\s*(?::\s*1|to\s*1)", c) or 4)}))
    if re.search(r"normali[sz]|even out the (?:level|volume)|loudness", c):
        out.append(Effect("normalise", {"lufs": float(find(NUM + r"\s*lufs", c) or -16)}))
    out.extend(_parse_pitch_time(c))
    out.extend(_parse_level_shape(c))
    if re.search(r"underwater|under water", c):
        out.append(Effect("underwater", {}))
    if not out and (db := find(NUM + r"\s*db\b", c)) is not None:  # a bare "+3 dB" is a gain
        out.append(Effect("gain", {"db": db}))
    return out


def _parse_pitch_time(c: str) -> list[Effect]:
    out: list[Effect] = []
    semis = find(NUM + r"\s*(?:semi-?tones?|half[\s-]?steps?|st\b)", c)
    if semis is None and re.search(r"\boctave", c):
        semis = 12 * (find(NUM + r"\s*octaves?", c) or 1)
    if semis is not None or re.search(r"\bpitch|\btranspose|\bkey\b", c):
        if semis is None and re.search(r"\bpitch", c):  # "pitch it up 5", "pitch shift +5"
            semis = find(r"\bpitch\b\D{0,20}?" + NUM + r"(?!\s*(?:%|percent|x\b|times|db|hz))", c)
        amount = abs(semis) if semis is not None else 2.0
        down = re.search(r"\b(down|lower|deeper|drop|minus)\b", c) or (semis is not None and semis < 0)
        out.append(Effect("pitch", {"semitones": -amount if down else amount}))
    elif re.search(r"\bvoice|\bsound\b|\bmake (?:it|me)\b", c) and re.search(r"\b(deeper|lower|higher|robot|chipmunk|monster)\b", c):
        if "robot" in c:
            out.append(Effect("robot", {}))
        for word, shift in (("chipmunk", 7.0), ("higher", 4.0), ("monster", -7.0), ("deeper", -4.0), ("lower", -4.0)):
            if re.search(rf"\b{word}\b", c):
                out.append(Effect("voice", {"semitones": shift, "character": word}))
                break
    elif re.search(r"\brobot", c):
        out.append(Effect("robot", {}))
    if re.search(r"faster|slower|\bfast\b|\bas slow\b|\bspeed|\btempo|slow (?:it )?down|speed (?:it )?up|bpm\b|\d\s*x\b|slow[- ]?mo", c):
        out.append(Effect("speed", {"factor": _speed_factor(c)}))
    return out


def _speed_factor(c: str) -> float:
    """The factor lang.speed reads (one meaning of "a bit faster" for audio and video)."""
    if re.search(r"bpm\b", c) and bpm_change(c) is None:
        raise InputError("a new tempo in bpm needs the current one too, e.g. 'from 100 to 120 bpm'; "
                         "or say '20% faster'")
    factor = speed_factor(c)
    if factor is None:
        raise InputError(f"cannot tell how fast from {c!r}; say e.g. 'a bit faster', '20% slower' or '1.5x'")
    if not 0.25 <= factor <= 4:
        raise InputError(f"speed factor {factor:g} is out of range; use 0.25 to 4 times")
    return float(factor)


def _parse_level_shape(c: str) -> list[Effect]:
    out: list[Effect] = []
    for direction in ("in", "out"):
        if re.search(rf"fade[\s-]*{direction}\b|fades? {direction}", c):
            seconds = find(rf"fade[\s-]*{direction}\D{{0,20}}?" + NUM + r"\s*(?:s|sec|second)", c) \
                or find(NUM + r"[\s-]*(?:s|sec|second)s?\b", c)
            out.append(Effect(f"fade_{direction}", {"seconds": float(seconds) if seconds else 2.0}))
    if re.search(r"revers|backwards", c):
        out.append(Effect("reverse", {}))
    if re.search(r"louder|quieter|softer|\bgain\b|\bvolume\b|\bboost\b|\bamplif|\battenuat|"
                 r"\bturn (?:it |this |that )?(?:up|down)\b", c) \
            and not re.search(r"\b(bass|treble|low end|high end|lows|highs|brightness)\b", c):
        db = find(NUM + r"\s*db", c)
        down = re.search(r"quieter|softer|lower|reduce|decrease|down|attenuat|minus", c)
        amount = abs(db) if db is not None else 6.0
        out.append(Effect("gain", {"db": -amount if (down or (db is not None and db < 0)) else amount}))
    if (hz := find(r"(?:low[\s-]?pass|lowpass|high[\s-]?cut)\D{0,12}?" + NUM + r"\s*(?:hz|khz)", c)) is not None:
        out.append(Effect("lowpass", {"hz": hz * (1000 if "khz" in c else 1)}))
    elif re.search(r"muffl|low[\s-]?pass", c):
        out.append(Effect("lowpass", {"hz": 800.0}))
    if (hz := find(r"(?:high[\s-]?pass|highpass|low[\s-]?cut)\D{0,12}?" + NUM + r"\s*(?:hz|khz)", c)) is not None:
        out.append(Effect("highpass", {"hz": hz * (1000 if "khz" in c else 1)}))
    elif re.search(r"high[\s-]?pass|thin", c):
        out.append(Effect("highpass", {"hz": 300.0}))
    return out


# -- processing -------------------------------------------------------------------------------
def apply_chain(samples: np.ndarray, sr: int, effects: list[Effect]) -> np.ndarray:
    """Run every effect in order on (frames, channels) float32 samples."""
    out = np.ascontiguousarray(samples, dtype=np.float32)
    for effect in effects:
        out = np.ascontiguousarray(APPLY[effect.name](out, sr, **effect.params), dtype=np.float32)
    return out


def _board(samples: np.ndarray, sr: int, *plugins) -> np.ndarray:
    from pedalboard import Pedalboard

    return Pedalboard(list(plugins))(samples.T, sr).T


def reverb(samples: np.ndarray, sr: int, decay: float, size: str) -> np.ndarray:
    """Convolution with a synthetic impulse response whose RT60 is `decay` seconds."""
    from scipy.signal import fftconvolve

    decay = float(np.clip(decay, 0.1, 12))
    n = int(decay * sr)
    rng = np.random.default_rng(7)
    t = np.arange(n) / sr
    ir = rng.standard_normal((n, samples.shape[1])) * np.exp(-6.91 * t / decay)[:, None]
    pre = int((0.025 if size == "hall" else 0.008) * sr)
    ir[:pre] = 0
    ir /= np.sqrt(np.sum(ir ** 2, axis=0, keepdims=True)) + 1e-12
    tail = np.zeros((n, samples.shape[1]), dtype=np.float32)
    padded = np.concatenate([samples, tail])
    wet = np.stack([fftconvolve(padded[:, ch], ir[:, ch])[: len(padded)] for ch in range(padded.shape[1])], 1)
    mix = 0.45 if size == "hall" else 0.3
    return padded * (1 - mix) + wet * mix * 1.5


def echo(samples: np.ndarray, sr: int, delay: float, feedback: float) -> np.ndarray:
    from pedalboard import Delay

    tail = np.zeros((int(sr * min(delay * 6, 4)), samples.shape[1]), dtype=np.float32)
    return _board(np.concatenate([samples, tail]), sr, Delay(delay_seconds=float(np.clip(delay, 0.01, 2)),
                                                            feedback=feedback, mix=0.4))


def pitch(samples: np.ndarray, sr: int, semitones: float) -> np.ndarray:
    from pedalboard import PitchShift

    return _board(samples, sr, PitchShift(semitones=float(np.clip(semitones, -24, 24))))


def speed(samples: np.ndarray, sr: int, factor: float) -> np.ndarray:
    from pedalboard import time_stretch

    return time_stretch(np.ascontiguousarray(samples.T), sr, stretch_factor=float(factor)).T


def voice(samples: np.ndarray, sr: int, semitones: float, character: str) -> np.ndarray:
    from pedalboard import Distortion, LowShelfFilter

    shifted = pitch(samples, sr, semitones)
    if character == "monster":
        return _board(shifted, sr, Distortion(drive_db=8), LowShelfFilter(cutoff_frequency_hz=200, gain_db=4))
    return shifted


def robot(samples: np.ndarray, sr: int) -> np.ndarray:
    """Ring modulation plus a short metallic comb."""
    t = np.arange(samples.shape[0]) / sr
    ring = samples * np.sin(2 * np.pi * 55 * t)[:, None]
    comb = ring.copy()
    lag = int(0.006 * sr)
    comb[lag:] += 0.6 * ring[:-lag]
    return 0.8 * comb + 0.2 * samples


def simple(name: str) -> Callable[..., np.ndarray]:
    """Effects that are one pedalboard chain."""

    def run(samples: np.ndarray, sr: int, **p: Any) -> np.ndarray:
        import pedalboard as pb

        chains = {
            "chorus": lambda: [pb.Chorus(rate_hz=1.2, depth=0.3, mix=0.5)],
            "distortion": lambda: [pb.Distortion(drive_db=p.get("drive_db", 18)), pb.Gain(-6)],
            "bass": lambda: [pb.LowShelfFilter(cutoff_frequency_hz=200, gain_db=p["db"])],
            "treble": lambda: [pb.HighShelfFilter(cutoff_frequency_hz=4000, gain_db=p["db"])],
            "compress": lambda: [pb.Compressor(threshold_db=-24, ratio=p.get("ratio", 4), attack_ms=5,
                                               release_ms=120), pb.Gain(6)],
            "gain": lambda: [pb.Gain(gain_db=p["db"])],
            "lowpass": lambda: [pb.LowpassFilter(p["hz"]), pb.LowpassFilter(p["hz"])],
            "highpass": lambda: [pb.HighpassFilter(p["hz"]), pb.HighpassFilter(p["hz"])],
            "underwater": lambda: [pb.LowpassFilter(500), pb.LowpassFilter(700),
                                   pb.Chorus(rate_hz=0.4, depth=0.6, mix=0.6), pb.Reverb(0.6, wet_level=0.3)],
        }
        return _board(samples, sr, *chains[name]())

    return run


def narrowband(low: float, high: float, drive: float) -> Callable[[np.ndarray, int], np.ndarray]:
    """Telephone / radio: a steep band-pass (Butterworth, order 6), then a little saturation."""

    def run(samples: np.ndarray, sr: int) -> np.ndarray:
        from scipy.signal import butter, sosfilt

        sos = butter(6, [low / (sr / 2), min(high / (sr / 2), 0.99)], btype="band", output="sos")
        banded = sosfilt(sos, samples, axis=0)
        peak = float(np.abs(banded).max()) or 1.0
        driven = np.tanh(drive * banded / peak) * peak / np.tanh(drive)
        return sosfilt(sos, driven, axis=0)  # filter again: saturation must not add highs back

    return run


def _fade(direction: str) -> Callable[[np.ndarray, int, float], np.ndarray]:
    def run(samples: np.ndarray, sr: int, seconds: float) -> np.ndarray:
        from .io import fade

        seconds = min(seconds, samples.shape[0] / sr)
        return fade(samples, sr, fade_in=seconds if direction == "in" else 0,
                    fade_out=seconds if direction == "out" else 0)

    return run


def normalise_effect(samples: np.ndarray, sr: int, lufs: float) -> np.ndarray:
    from .io import normalise

    return normalise(samples, sr, lufs)


APPLY = {
    "reverb": reverb, "echo": echo, "pitch": pitch, "speed": speed, "voice": voice, "robot": robot,
    "reverse": lambda s, sr: s[::-1].copy(), "fade_in": _fade("in"), "fade_out": _fade("out"),
    "normalise": normalise_effect, "telephone": narrowband(300, 3400, 2.0), "radio": narrowband(500, 5000, 3.0),
    **{name: simple(name) for name in ("chorus", "distortion", "bass", "treble",
                                       "compress", "gain", "lowpass", "highpass", "underwater")},
}
LEVEL_EFFECTS = {"gain", "normalise", "fade_in", "fade_out"}
