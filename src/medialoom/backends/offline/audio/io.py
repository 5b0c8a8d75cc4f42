"""Reading and writing audio: every backend of this package goes through here.

`load` decodes WAV, FLAC, OGG, MP3, M4A and the audio track of video files (soundfile first,
PyAV second) into float32 samples shaped (frames, channels); corrupt, zero-length or over-30-minute
input is one InputError line. `save` writes 16-bit WAV, loudness-normalised to about -16 LUFS and
peak-limited below full scale so that nothing ever clips.
"""

from __future__ import annotations

from dataclasses import dataclass
from math import gcd
from pathlib import Path
from typing import Any

import numpy as np

from ....context import Output, ToolContext
from ....errors import InputError, ToolError
from ....tools import parse_time

MAX_SECONDS = 30 * 60
TARGET_LUFS = -16.0
PEAK_CEILING = 10 ** (-1.0 / 20)  # -1 dBFS
DEFAULT_SR = 44100
MAX_LIMITING = 10 ** (6.0 / 20)  # at most 6 dB of peak limiting to reach the target loudness


@dataclass
class Audio:
    """Decoded samples, float32 shaped (frames, channels), and their sample rate."""

    samples: np.ndarray
    sr: int

    @property
    def channels(self) -> int:
        return int(self.samples.shape[1])

    @property
    def seconds(self) -> float:
        return self.samples.shape[0] / self.sr

    def mono(self) -> np.ndarray:
        return self.samples.mean(axis=1)


def source_path(audio: Any) -> Path:
    """The file behind an Artifact or a plain path."""
    return Path(getattr(audio, "path", audio))


def load(audio: Any, sr: int | None = None, channels: int | None = None) -> Audio:
    """Decode a file (Artifact or path); optionally resample and reconcile the channel count."""
    path = source_path(audio)
    if not path.is_file() or path.stat().st_size == 0:
        raise InputError(f"{path.name} is missing or empty (0 bytes); give a real audio file")
    from medialoom.media import looks_like_mp3

    try:  # MP3 through PyAV: libsndfile's decoder prints notes on stderr for damaged frames
        decoded = _load_av(path) if looks_like_mp3(path) else _load_soundfile(path)
    except InputError:
        raise
    except Exception:
        decoded = _load_av(path)
    if decoded.samples.shape[0] == 0:
        raise InputError(f"{path.name} has no audio (zero length); give a recording with sound")
    if decoded.seconds > MAX_SECONDS:
        raise InputError(f"{path.name} is {decoded.seconds / 60:.0f} minutes long, over the 30 minute "
                         "limit; trim it first")
    if not np.all(np.isfinite(decoded.samples)):
        decoded.samples = np.nan_to_num(decoded.samples, nan=0.0, posinf=0.0, neginf=0.0)
    if sr is not None and sr != decoded.sr:
        decoded = Audio(resample(decoded.samples, decoded.sr, sr), sr)
    if channels is not None:
        decoded = Audio(match_channels(decoded.samples, channels), decoded.sr)
    return decoded


def _load_soundfile(path: Path) -> Audio:
    import soundfile

    info = soundfile.info(str(path))
    if info.frames == 0:
        raise InputError(f"{path.name} has no audio (zero length); give a recording with sound")
    if info.frames / info.samplerate > MAX_SECONDS:
        raise InputError(f"{path.name} is {info.frames / info.samplerate / 60:.0f} minutes long, over "
                         "the 30 minute limit; trim it first")
    try:
        data, rate = soundfile.read(str(path), dtype="float32", always_2d=True)
    except (RuntimeError, soundfile.LibsndfileError) as exc:  # type: ignore[attr-defined]
        raise InputError(f"{path.name} is corrupt or truncated ({exc}); re-export it") from exc
    return Audio(np.ascontiguousarray(data), int(rate))


def _load_av(path: Path) -> Audio:
    import av

    chunks: list[np.ndarray] = []
    rate = 0
    total = 0
    try:
        with av.open(str(path)) as container:
            if not container.streams.audio:
                raise InputError(f"{path.name} has no audio track; give WAV, FLAC, OGG, MP3, M4A "
                                 "or a video with sound")
            stream = container.streams.audio[0]
            rate = int(stream.codec_context.sample_rate or stream.rate or DEFAULT_SR)
            resampler = av.AudioResampler(format="fltp", layout=_layout(stream), rate=rate)
            packets = damaged = 0
            for packet in container.demux(stream):
                packets += bool(packet.size)
                try:
                    frames = packet.decode()
                except av.InvalidDataError:  # a damaged packet: skip it, as players do
                    damaged += 1
                    continue
                for frame in frames:
                    for out in resampler.resample(frame):
                        block = out.to_ndarray().T.astype(np.float32)
                        chunks.append(block)
                        total += block.shape[0]
                if total > (MAX_SECONDS + 1) * rate:
                    raise InputError(f"{path.name} is over the 30 minute limit; trim it first")
            if damaged * 2 > packets:
                raise InputError(f"{path.name} is mostly damaged ({damaged} of {packets} packets); "
                                 "re-export or copy the file again")
    except InputError:
        raise
    except (av.FFmpegError, OSError, ValueError, EOFError) as exc:
        raise InputError(f"{path.name} is not a readable audio or video file "
                         f"({exc.__class__.__name__}); it may be corrupt or truncated") from exc
    if not chunks:
        raise InputError(f"{path.name} has no audio (zero length); give a recording with sound")
    return Audio(np.ascontiguousarray(np.concatenate(chunks, axis=0)), rate)


def _layout(stream: Any) -> str:
    count = stream.codec_context.channels or 1
    return "mono" if count == 1 else "stereo"


def resample(samples: np.ndarray, sr_from: int, sr_to: int) -> np.ndarray:
    """Band-limited polyphase resampling along the first axis."""
    if sr_from == sr_to:
        return samples
    from scipy.signal import resample_poly

    g = gcd(int(sr_from), int(sr_to))
    return resample_poly(samples, sr_to // g, sr_from // g, axis=0).astype(np.float32)


def match_channels(samples: np.ndarray, channels: int) -> np.ndarray:
    """Mono to many by copying, many to mono by averaging, otherwise keep the first ones."""
    samples = samples.reshape(samples.shape[0], -1)
    have = samples.shape[1]
    if have == channels:
        return samples
    if channels == 1:
        return samples.mean(axis=1, keepdims=True)
    if have == 1:
        return np.repeat(samples, channels, axis=1)
    if have > channels:
        return samples[:, :channels]
    return np.concatenate([samples, np.repeat(samples[:, -1:], channels - have, axis=1)], axis=1)


def as_2d(samples: np.ndarray) -> np.ndarray:
    return np.asarray(samples, dtype=np.float32).reshape(len(samples), -1)


def integrated_loudness(samples: np.ndarray, sr: int) -> float:
    """LUFS of (frames, channels) samples; more than five channels (pyloudnorm's limit) are
    measured on their mono mix. NaN or -inf when there is too little or no sound."""
    import pyloudnorm

    samples = as_2d(samples).astype(np.float64)
    if samples.shape[0] < int(0.41 * sr):
        return float("nan")
    if samples.shape[1] > 5:
        samples = samples.mean(axis=1, keepdims=True)
    return float(pyloudnorm.Meter(sr).integrated_loudness(samples))


def normalise(samples: np.ndarray, sr: int, lufs: float = TARGET_LUFS) -> np.ndarray:
    """Loudness to about `lufs` (pyloudnorm), then a soft limit so no peak passes -1 dBFS."""
    samples = as_2d(samples).astype(np.float64)
    if samples.shape[0] >= int(0.41 * sr) and np.any(samples):
        loudness = integrated_loudness(samples, sr)
        if np.isfinite(loudness):
            gain = 10 ** ((lufs - loudness) / 20)
            peak = float(np.abs(samples).max())
            gain = min(gain, MAX_LIMITING * PEAK_CEILING / peak)  # spiky sounds stay un-squashed
            samples = samples * gain
    return limit(samples).astype(np.float32)


def limit(samples: np.ndarray, ceiling: float = PEAK_CEILING) -> np.ndarray:
    """A look-ahead-free peak limiter: smooth gain reduction around peaks over the ceiling."""
    from scipy.ndimage import maximum_filter1d, uniform_filter1d

    samples = as_2d(samples).astype(np.float64)
    level = np.abs(samples).max(axis=1)
    if level.size == 0 or level.max() <= ceiling:
        return samples
    need = np.minimum(1.0, ceiling / np.maximum(level, 1e-12))
    width = 441
    gain = -maximum_filter1d(-need, size=2 * width + 1)  # hold the reduction around each peak
    gain = uniform_filter1d(gain, size=width)  # and smooth its edges
    gain = np.minimum(gain, need)
    out = samples * gain[:, None]
    return np.clip(out, -ceiling, ceiling)


def save(path: Path, samples: np.ndarray, sr: int, loudness: bool = True) -> Path:
    """Write 16-bit WAV; loudness-normalised unless `loudness` is False (then only limited)."""
    import soundfile

    samples = as_2d(samples)
    if samples.shape[0] == 0:
        raise ToolError("the result is empty (zero samples); check the times and durations given")
    samples = normalise(samples, sr) if loudness else limit(samples).astype(np.float32)
    soundfile.write(str(path), samples, sr, subtype="PCM_16")
    return path


def fade(samples: np.ndarray, sr: int, fade_in: float = 0.0, fade_out: float = 0.0) -> np.ndarray:
    """Raised-cosine fades at either end (seconds)."""
    out = as_2d(samples).copy()
    n = out.shape[0]
    for seconds, head in ((fade_in, True), (fade_out, False)):
        k = min(n, int(seconds * sr))
        if k <= 1:
            continue
        ramp = 0.5 - 0.5 * np.cos(np.linspace(0, np.pi, k))
        if head:
            out[:k] *= ramp[:, None]
        else:
            out[n - k:] *= ramp[::-1, None]
    return out


def fit_length(samples: np.ndarray, frames: int) -> np.ndarray:
    """Cut or pad with silence to exactly `frames`."""
    samples = as_2d(samples)
    if samples.shape[0] >= frames:
        return samples[:frames]
    pad = np.zeros((frames - samples.shape[0], samples.shape[1]), dtype=samples.dtype)
    return np.concatenate([samples, pad], axis=0)


def time_arg(value: Any, what: str) -> float:
    """A time argument ('1:05', 3.5) in seconds; a bad one is an InputError naming it."""
    try:
        return parse_time(value)
    except ValueError as exc:
        raise InputError(f"{what}: {exc}") from exc


def write_output(ctx: ToolContext, audio: "Audio", meta: dict[str, Any], loudness: bool = True) -> Output:
    """The step's WAV (normalised to TARGET_LUFS when `loudness`) with its length and format in meta."""
    path = save(ctx.out("audio", ".wav"), audio.samples, audio.sr, loudness=loudness)
    return Output(path, meta={**meta, "duration": round(audio.seconds, 4), "sample_rate": audio.sr,
                              "channels": audio.channels, "loudness_lufs": TARGET_LUFS if loudness else None})
