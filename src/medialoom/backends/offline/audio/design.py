"""Procedural sound design: filtered noise, oscillators, envelopes and granular event layers.

Each generator takes (rng, frames, rate) and returns mono float samples around unit level
(nature and city here, animals and signals in foley.py). A prompt may name several ("rain with
distant thunder"): each named sound is one layer, the first at full level and the others a
little lower; "distant"/"far" before a name makes that layer quieter and duller. Parts of a
prompt that name no sound it knows ("a lion roaring in the rain") are reported, never silently
dropped: `Request.unknown`, or an InputError when nothing is left to make. Everything is seeded
and exactly `frames` long.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

import numpy as np

from ....errors import InputError
from . import foley
from .blocks import band, bell_tone, brown, decay, pink, poisson_times, scatter, smooth_noise, tone, unit

RATE = 44100
Generator = Callable[[np.random.Generator, int, int], np.ndarray]


# -- generators -------------------------------------------------------------------------------
def rain(rng: np.random.Generator, n: int, sr: int) -> np.ndarray:
    hiss = band(pink(rng, n), sr, 400, 9000) * (0.8 + 0.2 * smooth_noise(rng, n, sr, 0.3))
    drops = np.zeros(n)
    for at in poisson_times(rng, n, sr, 260):
        length = int(sr * rng.uniform(0.004, 0.02))
        grain = rng.standard_normal(length) * decay(length, sr, length / sr / 4)
        scatter(drops, grain, at, rng.uniform(0.2, 1.0) ** 2)
    return unit(hiss) + 0.6 * unit(band(drops, sr, 1500, 8000))


def thunder(rng: np.random.Generator, n: int, sr: int) -> np.ndarray:
    out = np.zeros(n)
    count = max(1, int(n / sr / 6))
    for at in sorted(rng.integers(0, max(1, n - sr), count)):
        length = min(n - at, int(sr * rng.uniform(3, 6)))
        swell = 1 - decay(length, sr, rng.uniform(0.05, 0.25))  # rolls in, then rumbles away
        env = swell * decay(length, sr, rng.uniform(0.8, 1.6)) * (0.6 + 0.4 * smooth_noise(rng, length, sr, 6))
        crack = band(rng.standard_normal(length), sr, 300, 2500) * decay(length, sr, 0.08)
        rumble = band(brown(rng, length), sr, 25, 400) * env
        scatter(out, unit(rumble) + 0.3 * crack, at, rng.uniform(0.7, 1.0))
    return out


def wind(rng: np.random.Generator, n: int, sr: int) -> np.ndarray:
    base = band(brown(rng, n), sr, 40, 900) * (0.3 + smooth_noise(rng, n, sr, 0.25))
    whistle = np.zeros(n)
    source = pink(rng, n)
    for centre in (400, 650, 900, 1300):
        whistle += band(source, sr, centre * 0.9, centre * 1.1, order=2) * smooth_noise(rng, n, sr, 0.4) ** 2
    return unit(base) + 0.5 * unit(whistle)


def ocean(rng: np.random.Generator, n: int, sr: int) -> np.ndarray:
    t = np.arange(n) / sr
    period = rng.uniform(6.5, 9.5)
    phase = (t / period + rng.random()) % 1.0
    swell = np.where(phase < 0.35, phase / 0.35, np.exp(-(phase - 0.35) * 4.5)) ** 1.5
    body = band(brown(rng, n), sr, 30, 700) * (0.25 + swell)
    foam = band(pink(rng, n), sr, 700, 6000) * np.clip(swell - 0.3, 0, None)
    return unit(body) + 0.5 * unit(foam + 1e-9)


def stream(rng: np.random.Generator, n: int, sr: int) -> np.ndarray:
    out = band(pink(rng, n), sr, 300, 4000) * 0.5
    bubbles = np.zeros(n)
    for at in poisson_times(rng, n, sr, 90):
        length = int(sr * rng.uniform(0.01, 0.04))
        f0 = rng.uniform(500, 1800)
        grain = tone(np.linspace(f0, f0 * 1.6, length), length, sr) * np.hanning(length)
        scatter(bubbles, grain, at, rng.uniform(0.2, 1))
    return unit(out) + 0.7 * unit(bubbles)


def fire(rng: np.random.Generator, n: int, sr: int) -> np.ndarray:
    roar = band(brown(rng, n), sr, 30, 300) * (0.5 + 0.5 * smooth_noise(rng, n, sr, 2))
    crackle = np.zeros(n)
    for at in poisson_times(rng, n, sr, 25):
        for _ in range(int(rng.integers(1, 5))):  # crackles come in small bursts
            length = int(sr * rng.uniform(0.002, 0.012))
            grain = rng.standard_normal(length) * decay(length, sr, length / sr / 3)
            scatter(crackle, grain, at + int(rng.integers(0, sr // 20)), rng.uniform(0.3, 1) ** 2)
    return 0.6 * unit(roar) + unit(band(crackle, sr, 800, 10000))


def birds(rng: np.random.Generator, n: int, sr: int) -> np.ndarray:
    out = np.zeros(n)
    for at in poisson_times(rng, n, sr, 1.2):
        f0 = rng.uniform(2200, 5000)
        for k in range(int(rng.integers(2, 7))):
            length = int(sr * rng.uniform(0.04, 0.14))
            sweep = f0 * (1 + rng.uniform(-0.3, 0.4) * np.linspace(0, 1, length))
            sweep += 250 * np.sin(2 * np.pi * rng.uniform(20, 60) * np.arange(length) / sr)
            grain = tone(sweep, length, sr) * np.hanning(length)
            scatter(out, grain, at + int(k * sr * rng.uniform(0.1, 0.18)), rng.uniform(0.4, 1))
    return out + 0.01 * band(rng.standard_normal(n), sr, 2000, 6000)


def crickets(rng: np.random.Generator, n: int, sr: int) -> np.ndarray:
    out = np.zeros(n)
    for _ in range(3):
        carrier = rng.uniform(4000, 5200)
        period = rng.uniform(0.45, 0.8)
        pulse = int(sr * 0.012)
        chirp = np.zeros(int(sr * 0.14))
        for k in range(4):
            chirp[int(k * sr * 0.03): int(k * sr * 0.03) + pulse] = np.hanning(pulse)
        chirp *= tone(carrier, len(chirp), sr)
        start = rng.uniform(0, period)
        for at in np.arange(start, n / sr, period):
            scatter(out, chirp, int(at * sr), rng.uniform(0.5, 1))
    return out


def footsteps(rng: np.random.Generator, n: int, sr: int) -> np.ndarray:
    out = np.zeros(n)
    for at in np.arange(rng.uniform(0.1, 0.4), n / sr, rng.uniform(0.5, 0.6)):
        length = int(sr * 0.25)
        thump = band(rng.standard_normal(length), sr, 60, 400) * decay(length, sr, 0.03)
        scuff = band(rng.standard_normal(length), sr, 1500, 5000) * decay(length, sr, 0.015)
        scatter(out, 3 * thump + scuff, int((at + rng.uniform(-0.02, 0.02)) * sr), rng.uniform(0.7, 1))
    return out


def crowd(rng: np.random.Generator, n: int, sr: int) -> np.ndarray:
    out = np.zeros(n)
    for _ in range(16):
        formant = rng.uniform(350, 1200)
        voice = band(rng.standard_normal(n), sr, formant * 0.7, formant * 1.6)
        syllables = np.clip(np.sin(2 * np.pi * rng.uniform(3, 5.5) * np.arange(n) / sr + rng.random() * 6), 0, None)
        out += voice * syllables * smooth_noise(rng, n, sr, 0.5)
    return out


def traffic(rng: np.random.Generator, n: int, sr: int) -> np.ndarray:
    rumble = band(brown(rng, n), sr, 25, 250)
    passes = np.zeros(n)
    for at in poisson_times(rng, n, sr, 0.4) if n > sr else []:
        length = int(sr * rng.uniform(2.5, 5))
        env = np.exp(-0.5 * ((np.arange(length) - length / 2) / (length / 6)) ** 2)
        scatter(passes, band(pink(rng, length), sr, 80, 2500) * env, at - length // 2, rng.uniform(0.5, 1))
    horns = np.zeros(n)
    for at in poisson_times(rng, n, sr, 0.08):
        length = int(sr * rng.uniform(0.3, 0.7))
        square = np.sign(tone(rng.choice([370.0, 415.0, 440.0]), length, sr))
        scatter(horns, band(square, sr, 200, 3000) * np.hanning(length) ** 0.2, at, 0.5)
    return unit(rumble) + unit(passes + 1e-9) + horns


def clock(rng: np.random.Generator, n: int, sr: int) -> np.ndarray:
    out = np.zeros(n)
    length = int(sr * 0.06)
    for i, at in enumerate(np.arange(0.2, n / sr, 1.0)):
        freq = 3200 if i % 2 == 0 else 2500
        click = (tone(freq, length, sr) + 0.5 * rng.standard_normal(length)) * decay(length, sr, 0.006)
        scatter(out, click, int(at * sr), 1.0)
    return out


def doorbell(rng: np.random.Generator, n: int, sr: int) -> np.ndarray:
    out = np.zeros(n)
    ding, dong = bell_tone(659.3, 1.6, sr), bell_tone(523.3, 2.2, sr)
    for at in np.arange(0.1, max(n / sr - 0.5, 0.11), 4.0):
        scatter(out, ding, int(at * sr), 1)
        scatter(out, dong, int((at + 0.6) * sr), 1)
    return out


def beeps(rng: np.random.Generator, n: int, sr: int) -> np.ndarray:
    out = np.zeros(n)
    length = int(0.15 * sr)
    beep = tone(1000.0, length, sr) * np.clip(np.minimum(np.arange(length), length - np.arange(length)) / 200, 0, 1)
    for at in np.arange(0.1, n / sr, 0.5):
        scatter(out, beep, int(at * sr), 1)
    return out


def applause(rng: np.random.Generator, n: int, sr: int) -> np.ndarray:
    out = np.zeros(n)
    for at in poisson_times(rng, n, sr, 60):
        length = int(sr * 0.03)
        clap = band(rng.standard_normal(length), sr, rng.uniform(800, 1500), rng.uniform(2500, 5000))
        scatter(out, clap * decay(length, sr, rng.uniform(0.004, 0.01)), at, rng.uniform(0.3, 1))
    t = np.arange(n) / sr
    swell = np.clip(t / 0.8, 0, 1) * np.clip((n / sr - t) / 1.0, 0.15, 1)
    return out * swell


def engine(rng: np.random.Generator, n: int, sr: int) -> np.ndarray:
    rpm = 30 + 8 * smooth_noise(rng, n, sr, 0.3)
    body = sum(tone(rpm * k, n, sr) / k for k in range(1, 9))
    firing = 0.7 + 0.3 * np.sign(tone(rpm * 2, n, sr))
    return unit(band(body * firing, sr, 20, 600)) + 0.3 * unit(band(brown(rng, n), sr, 40, 300))


SOUNDS: dict[str, tuple[Generator, tuple[str, ...]]] = {
    "rain": (rain, ("rain(?:s|y|ing|fall|drops?)?\\b", "drizzle", "drizzling", "downpour", "shower", "storm", "thunderstorm")),
    "thunder": (thunder, ("thunder", "storm", "lightning")),
    "wind": (wind, ("wind", "breeze", "gust", "blizzard", "howling")),
    "ocean waves": (ocean, ("ocean", "wave", "seas?\\b", "seaside", "seagull", "surf", "beach", "shore")),
    "stream": (stream, ("stream", "brook", "creek", "river", "water", "babbling", "fountain", "bubbl", "drip")),
    "fire crackle": (fire, ("fire", "crackl", "campfire", "fireplace", "bonfire")),
    "birds": (birds, ("bird", "chirp", "tweet", "forest", "songbird", "dawn chorus")),
    "crickets": (crickets, ("cricket", "night", "insect", "summer evening")),
    "footsteps": (footsteps, ("footstep", "steps", "walking", "walk")),
    "crowd": (crowd, ("crowd", "people", "chatter", "babble", "market", "cafe", "restaurant", "party")),
    "city traffic": (traffic, ("traffic", "city", "street", "cars?\\b", "urban", "road")),
    "clock ticking": (clock, ("clock", "tick(?:s|ing|-tock)?\\b", "tock")),
    "doorbell": (doorbell, ("doorbell", "door bell", "ding dong", "door chime", "chime\\b")),
    "beeps": (beeps, ("beep", "alarm", "alert", "notification")),
    "applause": (applause, ("applause", "clapping", "clap", "cheer", "audience")),
    "engine hum": (engine, ("engine", "motor", "hum(?:s|ming)?\\b", "idle", "generator", "machine")),
    "dog barking": (foley.dog, ("dogs?\\b", "bark", "woof", "pupp(?:y|ies)", "hound")),
    "cat meowing": (foley.cat, ("cats?\\b", "meow", "miaow", "kitten", "kitty")),
    "car horn": (foley.car_horn, ("car horn", "horns?\\b", "honk")),
    "siren": (foley.siren, ("siren", "police", "ambulance", "fire engine", "fire truck", "emergency")),
    "church bell": (foley.church_bell, ("church bell", "bells?\\b", "toll", "cathedral", "chapel")),
    "heartbeat": (foley.heartbeat, ("heart(?:beats?|s)?\\b", "pulse", "lub dub")),
    "keyboard typing": (foley.typing, ("keyboard", "typing", "typewriter", "keystroke", "typist")),
    "wind chimes": (foley.wind_chimes, ("wind chime", "windchime", "chimes\\b")),
    "owl hooting": (foley.owl, ("owls?\\b", "hoot")),
    "frogs": (foley.frogs, ("frog", "croak", "toad", "ribbit", "pond", "swamp")),
    "train passing": (foley.train, ("trains?\\b", "railway", "railroad", "locomotive", "choo")),
}


# Words that join the parts of a prompt ("a dog barking in the rain", "birds, wind and a stream").
JOINERS = re.compile(r"[,;&+]|\b(?:with|and|in|on|over|under|behind|near|at|while|plus|then|during|"
                     r"through|from|by|into|amid|among|across|along|beside|inside|outside|or|as|against)\b")
# Words that name no sound: articles, requests, lengths, moods, places.
FILLER = frozenset("""
a an the of some sound sounds sfx effect effects audio recording ambience ambiance ambient background
soundscape atmosphere atmospheric second seconds sec secs minute minutes min mins long loop looping
seamless make create generate give play produce me us i want need please can you could would like just
only very really lots lot many few several one two three four five six seven eight nine ten there is
are being it its that this which who heard hear hearing listen listening gentle heavy light soft loud
quiet calm relaxing peaceful soothing constant steady occasional continuous distant far faint faraway
nearby close big small little huge low high deep slow fast fading cozy cosy dark scary spooky realistic
stereo mono mix layered full room house home cabin tent window roof distance outdoors indoors park
garden yard village town countryside field meadow morning evening afternoon day daytime summer winter tin
autumn
""".split())


@dataclass(frozen=True)
class Layer:
    name: str
    gain: float
    distant: bool


@dataclass(frozen=True)
class Request:
    """What a prompt asks for: the layers offline design makes, and the parts it cannot."""

    layers: list[Layer]
    unknown: list[str]


def _matches(text: str) -> list[tuple[int, int, str]]:
    """(start, end, sound) of each sound word; a longer word wins over one inside it ("car horn"
    is not city traffic), the same word may name several sounds ("storm": rain and thunder)."""
    hits = [(m.start(), m.end(), name) for name, (_, words) in SOUNDS.items()
            for w in words for m in re.finditer(rf"\b(?:{w})\w*", text)]
    kept: list[tuple[int, int, str]] = []
    for start, end, name in sorted(hits, key=lambda h: (h[0] - h[1], h[0])):
        if all((start, end) == (s, e) or end <= s or start >= e for s, e, _ in kept):
            kept.append((start, end, name))
    return kept


def _unknown(text: str, spans: list[tuple[int, int, str]]) -> list[str]:
    """The parts of the prompt that name something, but no sound offline design can make."""
    unknown, cut = [], 0
    for joint in [*JOINERS.finditer(text), None]:
        stop = joint.start() if joint else len(text)
        if not any(cut <= s < stop for s, _, _ in spans):
            words = [w for w in re.findall(r"[a-z]+(?:'[a-z]+)?", text[cut:stop]) if w not in FILLER and len(w) > 1]
            if words:
                unknown.append(" ".join(words))
        cut = joint.end() if joint else stop
    return unknown


def parse(prompt: str) -> Request:
    """Named sounds in the order they appear; 'distant'/'far' just before a name marks it. A
    prompt naming nothing offline design can make is an InputError that says what it can."""
    text = prompt.lower()
    spans = _matches(text)
    unknown = _unknown(text, spans)
    first: dict[str, int] = {}
    for start, _, name in sorted(spans):
        first.setdefault(name, start)
    if not first:
        asked = f" ({'; '.join(unknown)})" if unknown else ""
        raise InputError(f"offline sound design cannot make {prompt!r}{asked}; it makes {', '.join(SOUNDS)} "
                         "(combine them: 'rain with distant thunder'); for other sounds use the neural "
                         "backend (AudioLDM2): --backend neural")
    layers = []
    for i, (name, position) in enumerate(sorted(first.items(), key=lambda item: item[1])):
        before = text[max(0, position - 16): position]
        distant = bool(re.search(r"\b(distant|far|faint|far-off|faraway|soft)\b", before))
        gain = (1.0 if i == 0 else 0.7) * (0.45 if distant else 1.0)
        layers.append(Layer(name, gain, distant))
    return Request(layers, unknown)


def parse_layers(prompt: str) -> list[Layer]:
    return parse(prompt).layers


def design(prompt: str, seconds: float, seed: int, sr: int = RATE) -> tuple[np.ndarray, list[Layer]]:
    """Mono samples of exactly round(seconds * sr) frames, and the layers used."""
    layers = parse_layers(prompt)
    return render(layers, seconds, seed, sr), layers


def render(layers: list[Layer], seconds: float, seed: int, sr: int = RATE) -> np.ndarray:
    """Mix the layers: each seeded by its place, at unit level times its gain, then edge fades."""
    n = int(round(seconds * sr))
    out = np.zeros(n)
    for index, layer in enumerate(layers):
        rng = np.random.default_rng([seed, index])
        samples = unit(SOUNDS[layer.name][0](rng, n, sr)[:n] + 1e-9)
        if layer.distant:
            samples = band(samples, sr, None, 1200)
        out += layer.gain * samples
    edge = min(0.05, seconds / 4)
    ramp = int(edge * sr)
    if ramp > 1:
        out[:ramp] *= np.linspace(0, 1, ramp)
        out[-ramp:] *= np.linspace(1, 0, ramp)
    return out.astype(np.float32)
