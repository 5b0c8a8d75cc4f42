"""Offline audio watermark: classical spread spectrum in the log-magnitude STFT domain, on numpy
and scipy (no weights). AudioSeal replaces it in the neural family when installed and its
weights are local (`audioseal_mark`).

    1. STFT (Hann, ~23 ms frames, 50 % overlap); the band 300 Hz .. 6 kHz, where MP3 keeps detail
    2. the 64 payload bits (the same 40-bit id + 24-bit check as the image mark) go 4 at a time
       into segments of 8 frames: the band's bins are dealt into 4 interleaved sub-bands, and each
       sub-band's magnitudes are multiplied by exp(+-alpha * chip) with a keyed +-1 chip per bin
       that changes from segment to segment; 16 segments carry the payload, then it repeats
    3. decoding: log magnitudes minus their moving average over time (the host's steady
       spectrum) and minus each frame's mean (its loudness: speech's syllables), correlated with every chip pattern; the segment grid is found by trying every
       frame offset of the 16-segment cycle and keeping the one whose bits pass the check

The mark is multiplicative, so it follows the host's spectrum (no hiss over silence: silence
carries no mark) and survives MP3 at 128 kb/s; the tests encode with PyAV's libmp3lame.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .watermark import bits_to_payload, payload_bits

ALPHA = 0.12            # log-magnitude change: +-1 dB
BAND = (300.0, 9000.0)  # Hz
SUBBANDS = 4
SEG_FRAMES = 8
CYCLE = 64 // SUBBANDS  # segments per payload
KEY = 0x6D6C6F6F6D      # "mloom"
GROUP = 4               # bins per chip
CEILING = 10 ** (-1 / 20)   # -1 dBFS: marked files peak no higher (headroom for lossy codecs)
SMOOTH = SEG_FRAMES + 1   # frames in the moving average that estimates the host's spectrum
CHASE_OFFSETS = 2       # grid offsets (the most confident) tried with weak bits flipped
CHASE_BITS = 8          # 1 + 8 + 28 trials each: false alarms stay near 2 ** -24 * 74
# chip in time within a segment: the host's slowly changing spectrum cancels between halves
TIME_CHIP = np.array([1.0, 1.0, 1.0, 1.0, -1.0, -1.0, -1.0, -1.0])


@dataclass(frozen=True)
class AudioDetection:
    payload: str | None
    bits: np.ndarray
    confidence: float

    @property
    def found(self) -> bool:
        return self.payload is not None


def _frame(sr: int) -> int:
    n = 256
    while n < sr * 0.023:
        n *= 2
    return n


def _patterns(sr: int, n_fft: int) -> tuple[np.ndarray, np.ndarray]:
    """Bins of the band and the chips: (CYCLE * SUBBANDS, bins) of +-1 where the bin belongs
    to that bit's sub-band, else 0."""
    freqs = np.fft.rfftfreq(n_fft, 1.0 / sr)
    bins = np.flatnonzero((freqs >= BAND[0]) & (freqs <= min(BAND[1], 0.45 * sr)))
    rng = np.random.default_rng([KEY, sr, n_fft])
    groups = np.arange(bins.size) // GROUP          # neighbouring bins share a chip: the STFT's
    n_groups = int(groups[-1]) + 1                   # window smears single-bin patterns away
    owner = rng.permutation(np.arange(n_groups) % SUBBANDS)[groups]
    chips = rng.choice(np.array([-1.0, 1.0]), size=(CYCLE, n_groups))[:, groups]
    pats = np.zeros((CYCLE * SUBBANDS, bins.size))
    for j in range(CYCLE):
        for m in range(SUBBANDS):
            sel = owner == m
            pats[j * SUBBANDS + m, sel] = chips[j, sel]
    return bins, pats


def _stft(x: np.ndarray, n: int) -> np.ndarray:
    from scipy.signal import stft

    return stft(x, nperseg=n, noverlap=n // 2, window="hann", boundary="even", padded=True)[2]


def embed(samples: np.ndarray, sr: int, ident: str, alpha: float = ALPHA) -> np.ndarray:
    """Samples (frames,) or (frames, channels) float with the mark in every channel."""
    from scipy.signal import istft

    n = _frame(sr)
    bins, pats = _patterns(sr, n)
    signs = payload_bits(ident) * 2.0 - 1.0
    x = samples if samples.ndim == 2 else samples[:, None]
    out = np.empty_like(x, dtype=np.float64)
    for ch in range(x.shape[1]):
        spec = _stft(x[:, ch].astype(np.float64), n)
        frames = spec.shape[1]
        j = (np.arange(frames) // SEG_FRAMES) % CYCLE
        rows = j[:, None] * SUBBANDS + np.arange(SUBBANDS)[None, :]           # (frames, 4)
        gain = np.einsum("tm,tmb->tb", signs[rows], pats[rows])               # (frames, bins)
        gain *= TIME_CHIP[np.arange(frames) % SEG_FRAMES][:, None]
        spec[bins, :] *= np.exp(alpha * gain.T)
        y = istft(spec, nperseg=n, noverlap=n // 2, window="hann", boundary=True)[1]
        out[:, ch] = y[: x.shape[0]] if y.size >= x.shape[0] else np.pad(y, (0, x.shape[0] - y.size))
    return out if samples.ndim == 2 else out[:, 0]


def detect(samples: np.ndarray, sr: int) -> AudioDetection:
    from scipy.ndimage import uniform_filter1d

    x = samples.mean(axis=1) if samples.ndim == 2 else samples
    n = _frame(sr)
    bins, pats = _patterns(sr, n)
    mag = np.abs(_stft(x.astype(np.float64), n)[bins, :])                   # (bins, frames)
    frames = mag.shape[1]
    if frames < CYCLE * SEG_FRAMES or not np.any(mag):
        return AudioDetection(None, np.zeros(64, np.uint8), 0.0)
    floor = 1e-3 * mag.mean(axis=0, keepdims=True) + 1e-9
    logm = np.log(mag + floor)
    logm -= uniform_filter1d(logm, size=SMOOTH, axis=1, mode="nearest")
    logm -= logm.mean(axis=0, keepdims=True)        # each frame's loudness (speech's syllables)
    corr = pats @ logm                                                          # (64, frames)
    corr /= np.maximum(np.abs(corr).mean(axis=0, keepdims=True), 1e-9)        # loud frames don't rule
    t = np.arange(frames)
    candidates = []
    for offset in range(CYCLE * SEG_FRAMES):
        j = ((t - offset) // SEG_FRAMES) % CYCLE
        rows = j[:, None] * SUBBANDS + np.arange(SUBBANDS)[None, :]           # (frames, 4)
        weight = np.repeat(TIME_CHIP[(t - offset) % SEG_FRAMES], SUBBANDS)
        soft = np.bincount(rows.ravel(), weight * corr[rows.ravel(), np.repeat(t, SUBBANDS)], minlength=64)
        bits = (soft > 0).astype(np.uint8)
        confidence = float(np.abs(soft).mean() / (soft.std() + 1e-12))
        if (payload := bits_to_payload(bits)) is not None:
            return AudioDetection(payload, bits, confidence)
        candidates.append((confidence, offset, soft))
    candidates.sort(key=lambda c: -c[0])
    for confidence, _, soft in candidates[:CHASE_OFFSETS]:
        if (found := _chase(soft, confidence)) is not None:
            return found
    confidence, _, soft = candidates[0]
    return AudioDetection(None, (soft > 0).astype(np.uint8), confidence)


def _chase(soft: np.ndarray, confidence: float) -> AudioDetection | None:
    """Flip up to two of the least reliable bits (a Chase decoder) and test the check."""
    from itertools import combinations

    bits = (soft > 0).astype(np.uint8)
    weak = np.argsort(np.abs(soft))[:CHASE_BITS]
    for k in (1, 2):
        for flip in combinations(weak, k):
            trial = bits.copy()
            trial[list(flip)] ^= 1
            if (payload := bits_to_payload(trial)) is not None:
                return AudioDetection(payload, trial, confidence)
    return None


# -- files ------------------------------------------------------------------------------------
def with_headroom(marked: np.ndarray) -> np.ndarray:
    """The marked samples scaled down, when needed, so the peak stays at the backends' -1 dBFS
    ceiling (the mark lifts peaks a little; MP3 and AAC overshoot near full scale and clip).
    A PCM_16 step below the ceiling keeps it after quantisation."""
    peak = float(np.abs(marked).max()) if marked.size else 0.0
    target = CEILING - 2.0 ** -15
    return marked * (target / peak) if peak > target else marked


def mark_file(path: Path, ident: str) -> dict:
    """Watermark an audio file in place (formats soundfile writes: WAV, FLAC, OGG)."""
    import soundfile as sf

    try:
        info = sf.info(str(path))
        data, sr = sf.read(str(path), dtype="float64", always_2d=True)
    except (RuntimeError, sf.LibsndfileError) as exc:
        return {"method": "spread-spectrum", "applied": False, "why": f"cannot read: {exc}"}
    if data.shape[0] < sr * 0.3:
        return {"method": "spread-spectrum", "applied": False, "why": "shorter than 0.3 s"}
    marked = with_headroom(embed(data, sr, ident))
    sf.write(str(path), np.clip(marked, -1.0, 1.0), sr, subtype=info.subtype, format=info.format)
    written, _ = sf.read(str(path), dtype="float64", always_2d=True)   # as stored: quantised
    return {"method": "spread-spectrum", "applied": True, "id": ident,
            "payload_seconds": round(CYCLE * SEG_FRAMES * _frame(sr) / 2 / sr, 2),
            "detectable": detect(written, sr).payload == ident}    # short or sparse sound may not be


def read_audio(path: Path) -> tuple[np.ndarray, int]:
    """Samples (frames, channels) and rate of any audio file or video's audio (via PyAV)."""
    try:
        import soundfile as sf

        data, sr = sf.read(str(path), dtype="float64", always_2d=True)
        return data, int(sr)
    except Exception:
        pass
    import av

    chunks, sr = [], 0
    resampler = av.AudioResampler(format="fltp")          # planar float, same layout and rate
    with av.open(str(path)) as src:
        stream = src.streams.audio[0]
        for frame in src.decode(stream):
            for planar in resampler.resample(frame):
                chunks.append(planar.to_ndarray().T.astype(np.float64))
                sr = planar.sample_rate
    return (np.concatenate(chunks) if chunks else np.zeros((0, 1))), sr


def detect_file(path: Path) -> AudioDetection:
    data, sr = read_audio(path)
    return detect(data, sr) if sr else AudioDetection(None, np.zeros(64, np.uint8), 0.0)


def audioseal_mark(path: Path, ident: str) -> dict | None:
    """AudioSeal for the neural family: used when the package is installed and its generator
    weights are a local file (`[safety] audioseal_checkpoint`, passed by the caller); None means
    "use the spread-spectrum mark". AudioSeal downloads weights from a hub on first use, which
    medialoom never does, so without a local checkpoint it is not used."""
    import importlib.util

    if importlib.util.find_spec("audioseal") is None:
        return None
    return None
