"""Text to speech through the espeak-ng program.

Voices: "female", "male", "child" and variants ("deep male", "high female", "whisper", "robot"),
or any espeak-ng variant name; "pitch N" (0-99) sets the pitch exactly ("male, pitch 30"). Languages by code ("fr", "pt-br") or name ("French"). Long text is
split at sentences and joined with natural pauses (longer between paragraphs).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from ....errors import BackendUnavailable, InputError, ToolError
from .io import Audio, load

BASE_WPM = 165
MIN_WPM, MAX_WPM = 80, 450
SENTENCE_PAUSE = 0.32
PARAGRAPH_PAUSE = 0.7
MAX_CHARS = 20_000


@dataclass(frozen=True)
class Voice:
    """An espeak-ng variant with pitch (0-99) and pitch range (0-99)."""

    variant: str
    pitch: int
    range_: int
    label: str


VOICES: dict[str, Voice] = {
    "female": Voice("f3", 60, 55, "female"),
    "male": Voice("m3", 42, 50, "male"),
    "child": Voice("f5", 82, 65, "child"),
    "boy": Voice("m7", 80, 60, "child (boy)"),
    "girl": Voice("f5", 86, 65, "child (girl)"),
    "old": Voice("m6", 32, 40, "elderly"),
    "whisper": Voice("whisper", 50, 50, "whisper"),
    "robot": Voice("klatt2", 50, 0, "robot"),
    "croak": Voice("croak", 40, 50, "croaky"),
}


ALIASES = {"kid": "child", "woman": "female", "lady": "female", "man": "male", "guy": "male", "elderly": "old",
           "robotic": "robot", "whispering": "whisper", "whispered": "whisper", "croaky": "croak"}
DEEP = {"deep", "deeper", "low", "lower", "bass"}
HIGH = {"high", "higher", "squeaky", "bright"}
GENERIC = {"a", "an", "the", "voice", "narrator", "narration", "default", "neutral", "normal", "calm", "warm",
           "clear", "soft", "friendly", "natural", "pitched"}


def espeak() -> str:
    found = shutil.which("espeak-ng")
    if found is None:
        raise BackendUnavailable("espeak-ng is not installed; install it (apt install espeak-ng) "
                                 "or use --backend neural")
    return found


def pick_voice(voice: str | None) -> Voice:
    """Map a free-form voice description to a Voice; pitch words shift it."""
    text = (voice or "female").strip().lower()
    exact = re.search(r"\bpitch\s*(?:of\s*)?(\d{1,2})\b", text)  # "male, pitch 30" (espeak-ng's 0-99)
    text = re.sub(r"[,;]?\s*\bpitch\s*(?:of\s*)?\d{1,2}\b", "", text).strip(" ,;") or "female"
    words = {ALIASES.get(w, w) for w in re.findall(r"[a-z0-9]+", text)}
    chosen = next((VOICES[name] for name in ("girl", "boy", "child", "old", "whisper", "robot", "croak",
                                             "female", "male") if name in words), None)
    if chosen is None and words and words <= GENERIC | DEEP | HIGH:  # "narrator", "a deep voice"
        chosen = VOICES["male" if words & DEEP else "female"]
    if chosen is None:
        variant = _variants().get(text) if re.fullmatch(r"[a-z0-9_]+", text) else None
        if variant is None:
            raise InputError(f"unknown voice {voice!r}; use female, male, child, girl, boy, old, "
                             "whisper, robot or croak (optionally with 'deep' or 'high')")
        chosen = Voice(variant, 50, 50, variant)
    shift = -15 if words & DEEP else 15 if words & HIGH else 0
    pitch = int(exact.group(1)) if exact else chosen.pitch + shift
    return Voice(chosen.variant, int(np.clip(pitch, 0, 99)), chosen.range_, chosen.label)


@lru_cache(maxsize=1)
def _variants() -> dict[str, str]:
    """Lower-case variant name -> the espeak-ng variant file name."""
    out = subprocess.run([espeak(), "--voices=variant"], capture_output=True, text=True, timeout=20)
    names: dict[str, str] = {}
    for line in out.stdout.splitlines()[1:]:
        files = [p for p in line.split() if p.startswith("!v/")]
        if files:
            name = files[0][3:]
            names[name.lower()] = name
    return names


@lru_cache(maxsize=1)
def _languages() -> dict[str, str]:
    """Language code, alias ("zh") and lower-case name ("french") -> espeak-ng voice code;
    among several voices the one espeak-ng itself prefers (lowest priority number) wins."""
    out = subprocess.run([espeak(), "--voices"], capture_output=True, text=True, timeout=20)
    ranked: dict[str, tuple[int, str]] = {}

    def offer(key: str, rank: int, code: str) -> None:
        if key not in ranked or rank < ranked[key][0]:
            ranked[key] = (rank, code)

    for line in out.stdout.splitlines()[1:]:
        parts = line.split()
        if len(parts) < 5:
            continue
        code, name = parts[1], parts[3].lower()
        aliases = [(a, int(r)) for a, r in re.findall(r"\(([\w-]+) (\d+)\)", line)]
        best = min(r for _, r in aliases) if aliases else (int(parts[0]) if parts[0].isdigit() else 5)
        offer(code.lower(), -1, code)
        for alias, rank in aliases:
            offer(alias.lower(), rank, code)
        offer(name.replace("_", " "), 0, code)
        offer(re.split(r"[_(]", name)[0], best, code)
    return {key: code for key, (_, code) in ranked.items()}


def pick_language(language: str | None) -> str:
    if not language:
        return "en-us"
    key = language.strip().lower().replace("_", "-")
    table = _languages()
    for candidate in (key, key.replace("-", " "), key.split("-")[0]):
        if candidate in table:
            return table[candidate]
    described = _by_words(key)  # "Brazilian Portuguese", "British English", "Mandarin"
    if described is not None:
        return described
    for word in key.split():  # "Swiss German": the language word alone
        if word in table:
            return table[word]
    raise InputError(f"unknown language {language!r}; give a code like en, fr, de, pt-br or a name "
                     "like French (espeak-ng --voices lists them)")


def _by_words(key: str) -> str | None:
    """The voice whose name holds every word of `key` (stems: 'brazilian' ~ 'Brazil'); among
    several the one with the fewest other words ('English (America)' before '... New York')."""
    demonyms = {"british": "britain", "scottish": "scotland", "swiss": "switzerland", "uk": "britain",
                "us": "america", "usa": "america"}
    words = [demonyms.get(w, w) for w in re.findall(r"[a-z]+", key)
             if w not in ("language", "accent", "the", "spoken")]
    if not words:
        return None

    def same(a: str, b: str) -> bool:
        n = min(len(a), len(b))
        return n >= 4 and a[:max(4, n - 2)] == b[:max(4, n - 2)]

    best: tuple[int, str] | None = None
    for code, name in _voice_names():
        parts = re.findall(r"[a-z]+", name.lower())
        if all(any(same(w, p) for p in parts) for w in words) and (best is None or len(parts) < best[0]):
            best = (len(parts), code)
    return best[1] if best else None


@lru_cache(maxsize=1)
def _voice_names() -> tuple[tuple[str, str], ...]:
    out = subprocess.run([espeak(), "--voices"], capture_output=True, text=True, timeout=20)
    rows = [line.split() for line in out.stdout.splitlines()[1:]]
    return tuple((r[1], r[3]) for r in rows if len(r) >= 5)


def split_text(text: str) -> list[tuple[str, float]]:
    """Sentences with the pause that follows each one (seconds)."""
    pieces: list[tuple[str, float]] = []
    for paragraph in re.split(r"\n\s*\n", text.strip()):
        sentences = [s.strip() for s in re.split(r"(?<=[.!?;:。！？])\s+", paragraph) if s.strip()]
        for i, sentence in enumerate(sentences):
            pause = SENTENCE_PAUSE if i < len(sentences) - 1 else PARAGRAPH_PAUSE
            pieces.append((" ".join(sentence.split()), pause))
    return pieces


def synthesize(text: str, voice: str | None, language: str | None, speed: float | None,
               workdir: Path) -> tuple[Audio, dict[str, object]]:
    """Speak `text`; returns mono audio and the settings used."""
    if not text or not text.strip():
        raise InputError("there is no text to speak; give some words")
    if len(text) > MAX_CHARS:
        raise InputError(f"the text is {len(text)} characters, over the {MAX_CHARS} limit; split it")
    v = pick_voice(voice)
    lang = pick_language(language)
    wanted = BASE_WPM * float(speed or 1.0)
    wpm = int(np.clip(wanted, MIN_WPM, MAX_WPM))  # espeak-ng's own range; time-stretch the rest
    parts: list[np.ndarray] = []
    rate = 22050
    workdir.mkdir(parents=True, exist_ok=True)
    for i, (sentence, pause) in enumerate(split_text(text)):
        wav = workdir / f"sentence{i:04d}.wav"
        cmd = [espeak(), "-v", f"{lang}+{v.variant}", "-s", str(wpm), "-p", str(v.pitch),
               "-w", str(wav), "--", sentence]
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
        if done.returncode != 0 or not wav.is_file():
            raise ToolError(f"espeak-ng failed: {done.stderr.strip().splitlines()[-1:] or 'no output'}")
        audio = load(wav)
        rate = audio.sr
        parts.append(_trim_silence(audio.mono(), rate))
        parts.append(np.zeros(int(pause * rate), dtype=np.float32))
        wav.unlink(missing_ok=True)
    samples = np.concatenate([np.zeros(int(0.1 * rate), np.float32)] + parts[:-1]
                             + [np.zeros(int(0.2 * rate), np.float32)])
    if abs(wanted / wpm - 1) > 0.02:
        from pedalboard import time_stretch

        samples = time_stretch(samples[None, :], rate, stretch_factor=wanted / wpm)[0]
    meta = {"voice": v.label, "espeak_voice": f"{lang}+{v.variant}", "language": lang,
            "words_per_minute": round(wanted), "pitch": v.pitch, "sentences": len(parts) // 2}
    return Audio(samples[:, None], rate), meta


def _trim_silence(samples: np.ndarray, sr: int, threshold: float = 0.003) -> np.ndarray:
    loud = np.flatnonzero(np.abs(samples) > threshold)
    if loud.size == 0:
        return samples
    pad = int(0.02 * sr)
    return samples[max(0, loud[0] - pad): loud[-1] + pad]
