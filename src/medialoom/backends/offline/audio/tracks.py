"""Combining and cutting tracks: mix (gains, offsets, speech ducks music), concat (equal-power
crossfade), trim, and denoise (noisereduce, stationary or non-stationary by the noise floor)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Sequence

import numpy as np

from ....errors import InputError
from .io import Audio, load, match_channels, resample

DUCK_DB = -12.0


@dataclass
class Track:
    audio: Audio
    role: str  # speech | music | sound | other
    name: str


SPEECH_NAMES = re.compile(r"voice|narrat|speech|vocal|dialog|podcast|interview|spoken", re.I)


def role_of(artifact: Any) -> str:
    """Speech, music or sound from the producing tool recorded in the artifact's meta; a user
    file counts as speech when its name says so (narration.wav, voice-over.mp3)."""
    meta = getattr(artifact, "meta", {}) or {}
    tool = str(meta.get("tool", ""))
    role = {"audio.speech": "speech", "audio.music": "music", "audio.sound": "sound"}.get(tool, "other")
    if role == "other" and not tool and SPEECH_NAMES.search(Path(str(meta.get("source", ""))).name):
        return "speech"
    return role


def reconcile(artifacts: Sequence[Any]) -> list[Track]:
    """Load every track at one sample rate (the highest) and one channel count (at most 2)."""
    if not artifacts:
        raise InputError("no tracks given; pass at least one audio")
    loaded = [load(a) for a in artifacts]
    rate = max(a.sr for a in loaded)
    channels = min(2, max(a.channels for a in loaded))
    tracks = []
    for art, audio in zip(artifacts, loaded):
        samples = match_channels(resample(audio.samples, audio.sr, rate), channels)
        name = getattr(getattr(art, "path", None), "name", str(art))
        tracks.append(Track(Audio(samples, rate), role_of(art), name))
    return tracks


def _per_track(values: Sequence[float] | None, count: int, what: str, default: float) -> list[float]:
    if values is None:
        return [default] * count
    values = [float(v) for v in values]
    if len(values) != count:
        raise InputError(f"{len(values)} {what} for {count} tracks; give one per track")
    return values


def envelope(samples: np.ndarray, sr: int, window: float = 0.05) -> np.ndarray:
    from scipy.ndimage import uniform_filter1d

    power = np.mean(samples.astype(np.float64) ** 2, axis=1)
    return np.sqrt(np.maximum(uniform_filter1d(power, max(1, int(window * sr))), 0.0))


def duck_gain(speech: np.ndarray, sr: int, depth_db: float = DUCK_DB) -> np.ndarray:
    """Per-sample gain for the music under `speech`: down by depth_db while someone talks,
    with a fast attack and a slow release."""
    level = envelope(speech[:, None] if speech.ndim == 1 else speech, sr)
    return _shape_duck((level > max(level.max() * 0.05, 1e-4)).astype(np.float64), sr, depth_db)


def _shape_duck(active: np.ndarray, sr: int, depth_db: float) -> np.ndarray:
    from scipy.ndimage import maximum_filter1d, uniform_filter1d

    active = maximum_filter1d(active, int(0.35 * sr))  # hold through short pauses between words
    active = uniform_filter1d(active, int(0.15 * sr))
    return 1.0 - active * (1.0 - 10 ** (depth_db / 20))


Segments = Callable[[Audio], list[tuple[float, float]]]


def mix(artifacts: Sequence[Any], gains: Sequence[float] | None,
        offsets: Sequence[float] | None, speech_segments: Segments | None = None) -> tuple[Audio, dict[str, Any]]:
    """Overlay tracks; music and sounds duck under speech. With `speech_segments` (a voice
    activity detector), a track of unknown role that is mostly speech counts as speech, and the
    music ducks exactly where words are found rather than wherever the voice track is loud."""
    tracks = reconcile(artifacts)
    gains_ = _per_track(gains, len(tracks), "gains", 1.0)
    offsets_ = _per_track(offsets, len(tracks), "offsets", 0.0)
    if any(o < 0 for o in offsets_) or any(g < 0 for g in gains_):
        raise InputError("gains and offsets must not be negative")
    rate, channels = tracks[0].audio.sr, tracks[0].audio.channels
    total = max(int(o * rate) + t.audio.samples.shape[0] for t, o in zip(tracks, offsets_))
    placed = []
    for track, gain, offset in zip(tracks, gains_, offsets_):
        buf = np.zeros((total, channels), dtype=np.float64)
        start = int(offset * rate)
        buf[start: start + track.audio.samples.shape[0]] = track.audio.samples * gain
        placed.append(buf)
    found = _find_speech(tracks, speech_segments) if speech_segments else {}
    speech = [p for p, t in zip(placed, tracks) if t.role == "speech"]
    ducked = []
    if speech:
        duck = (duck_from_segments(found, tracks, offsets_, total, rate) if speech_segments
                else duck_gain(np.sum(speech, axis=0), rate))
        for i, (buf, track) in enumerate(zip(placed, tracks)):
            if track.role != "speech":  # music, sound effects and unlabelled beds go under the voice
                placed[i] = buf * duck[:, None]
                ducked.append(i)
    meta = {"tracks": [{"role": t.role, "gain": g, "offset": o} for t, g, o in zip(tracks, gains_, offsets_)],
            "ducked": ducked, "duck_db": DUCK_DB if ducked else 0.0, "sample_rate": rate}
    if speech_segments:
        meta["speech_segments"] = {i: [[round(a, 3), round(b, 3)] for a, b in segs] for i, segs in found.items()}
    return Audio(np.sum(placed, axis=0).astype(np.float32), rate), meta


def _find_speech(tracks: list[Track], segments_of: Segments) -> dict[int, list[tuple[float, float]]]:
    """Speech segments of every track that is or may be speech; a track of unknown role becomes
    speech when words cover at least 30% of it."""
    found = {}
    for i, track in enumerate(tracks):
        if track.role not in ("speech", "other"):
            continue
        segments = segments_of(track.audio)
        if track.role == "other" and sum(b - a for a, b in segments) >= 0.3 * track.audio.seconds:
            track.role = "speech"
        if track.role == "speech":
            found[i] = segments
    return found


def duck_from_segments(found: dict[int, list[tuple[float, float]]], tracks: list[Track],
                       offsets: list[float], total: int, sr: int, depth_db: float = DUCK_DB) -> np.ndarray:
    """Per-sample gain that is down by depth_db over the found words, placed at each track's offset."""
    active = np.zeros(total, dtype=np.float64)
    for i, segments in found.items():
        for a, b in segments:
            active[int((offsets[i] + a) * sr): int((offsets[i] + b) * sr)] = 1.0
    return _shape_duck(active, sr, depth_db)


def concat(artifacts: Sequence[Any], crossfade: float | None) -> tuple[Audio, dict[str, Any]]:
    tracks = reconcile(artifacts)
    rate = tracks[0].audio.sr
    shortest = min(t.audio.seconds for t in tracks)
    wanted = float(crossfade or 0.0)
    if wanted < 0:
        raise InputError("crossfade must not be negative")
    used = min(wanted, shortest / 2) if len(tracks) > 1 else 0.0
    k = int(used * rate)
    out = tracks[0].audio.samples.astype(np.float64)
    for track in tracks[1:]:
        nxt = track.audio.samples.astype(np.float64)
        if k > 0:
            theta = np.linspace(0, np.pi / 2, k)[:, None]
            overlap = out[-k:] * np.cos(theta) + nxt[:k] * np.sin(theta)  # equal power
            out = np.concatenate([out[:-k], overlap, nxt[k:]])
        else:
            out = np.concatenate([out, nxt])
    return Audio(out.astype(np.float32), rate), {"crossfade": used, "tracks": len(tracks), "sample_rate": rate}


def trim(artifact: Any, start: float | None, end: float | None) -> tuple[Audio, dict[str, Any]]:
    audio = load(artifact)
    s = 0.0 if start is None else float(start)
    e = audio.seconds if end is None else float(end)
    if s < 0 or e < 0:
        raise InputError("start and end must not be negative")
    if s >= audio.seconds:
        raise InputError(f"start {s:g}s is past the end of the audio ({audio.seconds:.2f}s)")
    if e <= s:
        raise InputError(f"end {e:g}s must come after start {s:g}s")
    e = min(e, audio.seconds)
    cut = audio.samples[int(round(s * audio.sr)): int(round(e * audio.sr))]
    return Audio(cut, audio.sr), {"start": s, "end": e}


def is_stationary(samples: np.ndarray, sr: int) -> bool:
    """True when the noise floor of each second (per frequency, under steady tones and between
    words) stays within 6 dB over the recording."""
    mono = samples.mean(axis=1)
    if len(mono) < sr * 2:
        return True
    floors = [noise_floor(mono[i: i + sr], sr).sum() + 1e-20 for i in range(0, len(mono) - sr + 1, sr)]
    return bool(10 * np.log10(max(floors) / min(floors)) < 6)


def noise_floor(mono: np.ndarray, sr: int, nper: int = 2048) -> np.ndarray:
    """Noise power per frequency bin: the lower of a low percentile over time (noise between
    words) and a median across neighbouring frequencies (noise under steady tones)."""
    from scipy.ndimage import median_filter
    from scipy.signal import stft

    _, _, z = stft(mono, sr, nperseg=nper)
    power = np.abs(z) ** 2
    # noise power per bin is exponentially distributed: undo the bias of percentile and median
    temporal = np.percentile(power, 20, axis=1) / -np.log(0.8)
    spectral = median_filter(np.median(power, axis=1), size=31, mode="nearest") / np.log(2)
    return np.minimum(temporal, spectral)


def noise_clip(mono: np.ndarray, sr: int, seconds: float = 2.0, nper: int = 2048) -> np.ndarray:
    """A synthetic clip of the recording's noise: its noise floor given random phases."""
    from scipy.signal import istft, stft

    floor = noise_floor(mono, sr, nper)
    frames = max(8, int(seconds * sr / (nper // 2)))
    rng = np.random.default_rng(0)
    spectrum = np.sqrt(floor)[:, None] * (rng.standard_normal((len(floor), frames))
                                          + 1j * rng.standard_normal((len(floor), frames))) / np.sqrt(2)
    _, clip = istft(spectrum, sr, nperseg=nper)
    _, _, check = stft(clip, sr, nperseg=nper)  # calibrate: the clip's own spectrum must match
    clip *= np.sqrt(floor.sum() / (np.mean(np.abs(check) ** 2, axis=1).sum() + 1e-20))
    return clip.astype(np.float32)


def gate_moving_noise(mono: np.ndarray, sr: int, nper: int = 2048, window: float = 0.3,
                      over: float = 2.5) -> np.ndarray:
    """Spectral gating against noise that changes over time (gusts, passing traffic): the
    floor is tracked per frame, as the lower of a low percentile over the last few tenths of
    a second and a median across neighbouring frequencies, so steady tones are kept."""
    from scipy.ndimage import median_filter, percentile_filter, uniform_filter, uniform_filter1d
    from scipy.signal import istft, stft

    hop = nper // 4
    _, _, z = stft(mono, sr, nperseg=nper, noverlap=nper - hop)
    power = uniform_filter1d(np.abs(z) ** 2, 5, axis=1)
    temporal = percentile_filter(power, 10, size=(1, max(3, int(window * sr / hop))), mode="nearest") * 1.6
    spectral = median_filter(power, size=(31, 1), mode="nearest") / np.log(2)
    gain = np.clip(1 - over * np.minimum(temporal, spectral) / np.maximum(power, 1e-20), 0, 1)
    _, out = istft(z * uniform_filter(gain, size=(3, 5)), sr, nperseg=nper, noverlap=nper - hop)
    return np.asarray(out[: len(mono)], dtype=np.float32)


def denoise(artifact: Any) -> tuple[Audio, dict[str, Any]]:
    import noisereduce

    audio = load(artifact)
    if audio.seconds < 0.25:
        raise InputError(f"the audio is {audio.seconds:.2f}s long, too short to tell noise from sound; "
                         "give at least a quarter of a second")
    stationary = is_stationary(audio.samples, audio.sr)
    if stationary:
        noise = noise_clip(audio.mono(), audio.sr)
        cleaned = noisereduce.reduce_noise(y=audio.samples.T, sr=audio.sr, y_noise=noise, stationary=True,
                                           prop_decrease=1.0, n_jobs=1)
        cleaned = np.asarray(cleaned, dtype=np.float32).reshape(audio.channels, -1).T
    else:  # noisereduce's own non-stationary mode takes steady tones for noise: track the floor
        cleaned = np.stack([gate_moving_noise(ch, audio.sr) for ch in audio.samples.T], axis=1)
    method = ("spectral gating (noisereduce, stationary)" if stationary
              else "spectral gating with a moving noise floor (non-stationary)")
    return Audio(cleaned, audio.sr), {"stationary": stationary, "method": method}
