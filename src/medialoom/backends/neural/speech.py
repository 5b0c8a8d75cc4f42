"""Speech on transformers: VITS / MMS-TTS speaks (VitsModel), Whisper transcribes.

MMS-TTS has one model per language (facebook/mms-tts-<iso639-3>): with the default English
model, `language` switches to that language's model. Models trained on romanised text (Hindi,
Korean, Arabic, Russian ...: `is_uroman` in their tokenizer) get the text through uroman first;
text the voice cannot spell is refused in one line, never dropped in silence. Audio is written
as 16-bit WAV.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from ...artifacts import Artifact
from ...context import Output, ToolContext
from ...errors import BackendUnavailable, InputError
from .loading import meta, tool_setting, transformers_model
from .pool import LOAD_LOCK

MMS = "facebook/mms-tts-"
ISO3 = {"en": "eng", "english": "eng", "fr": "fra", "french": "fra", "de": "deu", "german": "deu",
        "es": "spa", "spanish": "spa", "it": "ita", "italian": "ita", "pt": "por", "portuguese": "por",
        "nl": "nld", "dutch": "nld", "ru": "rus", "russian": "rus", "hi": "hin", "hindi": "hin",
        "ko": "kor", "korean": "kor", "vi": "vie", "vietnamese": "vie", "ar": "ara", "arabic": "ara"}
WHISPER_RATE = 16000


def _voice_model(ctx: ToolContext, language: str | None) -> str | None:
    if not language or not (ctx.model or "").startswith(MMS):
        return ctx.model
    code = ISO3.get(language.strip().lower(), language.strip().lower())
    if len(code) != 3:
        raise InputError(f"unknown language {language!r}: give a name (French) or an ISO code (fr, fra)")
    return MMS + code


def speak(ctx: ToolContext, text: str, voice: str | None = None, language: str | None = None,
          speed: float | None = None) -> Output:
    """audio.speech with VitsModel (MMS-TTS). `voice` is recorded; MMS has one voice per language."""
    import soundfile as sf
    import torch

    if not text.strip():
        raise InputError("audio.speech needs some text to say")
    with transformers_model(ctx, "VitsModel", "VitsTokenizer", _voice_model(ctx, language)) as (resolved, lease):
        net, tok = lease.model.model, lease.model.processor
        spoken = _spellable(tok, text, resolved.model)
        inputs = tok(spoken, return_tensors="pt")
        if inputs["input_ids"].shape[-1] == 0:
            raise InputError(f"the voice model cannot spell any of {text[:40]!r}")
        with lease.lock, torch.inference_mode(), torch.random.fork_rng(devices=[]):
            torch.manual_seed(ctx.seed)
            net.speaking_rate = float(speed or 1.0)
            wave = net(**{k: v.to(lease.compute_device) for k, v in inputs.items()}).waveform
        samples = wave[0].float().cpu().numpy()
        rate = int(net.config.sampling_rate)
        path = ctx.out("speech", ".wav")
        sf.write(path, samples, rate, subtype="PCM_16")
        return Output(path, meta=meta(resolved, lease, seed=ctx.seed, sample_rate=rate, voice=voice,
                                      language=language, speed=speed, spoken=spoken,
                                      duration=round(len(samples) / rate, 3)))


@lru_cache(maxsize=1)
def _uroman() -> Any:
    """uroman's tables take seconds to load: once per process (transformers loads them per call)."""
    try:
        import uroman
    except ImportError as exc:
        raise BackendUnavailable("this voice model reads romanised text and needs uroman: "
                                 "pip install uroman (or 'medialoom[neural]')") from exc
    return uroman.Uroman()


def _spellable(tok: Any, text: str, model: str) -> str:
    """The text as the voice model reads it: romanised when its tokenizer says so; refused when
    more than a quarter of its letters are not in the model's alphabet (they would be dropped)."""
    code = model.rsplit("-", 1)[-1] if model.startswith(MMS) else None
    if getattr(tok, "is_uroman", False) and any(ord(c) > 0x24F and c.isalpha() for c in text):
        text = _uroman().romanize_string(text, lcode=code)
    letters = [c for c in tok.normalize_text(text) if c.isalpha()]
    lost = sorted({c for c in letters if c not in tok.encoder})
    if letters and sum(c in lost for c in letters) * 4 > len(letters):
        raise InputError(f"{model} cannot spell {''.join(lost[:12])!r} (the text would be lost); "
                         "give 'language' for the text's language, or write it in that voice's script")
    return text


def read_mono(path: Any, rate: int) -> Any:
    """A float32 mono signal at `rate` Hz, from any accepted audio kind: WAV, FLAC and OGG through
    libsndfile, MP3, M4A/AAC and the sound of a video through PyAV (the offline audio reader)."""
    import numpy as np

    from ..offline.audio.io import load

    return np.ascontiguousarray(load(path, sr=rate).mono(), dtype=np.float32)


# The decoder's prompt before the text: <|startoftranscript|> <|lang|> <|task|> <|notimestamps|>.
WHISPER_PROMPT_TOKENS = 4


def transcribe(ctx: ToolContext, audio: Artifact) -> Output:
    """audio.transcribe with Whisper through the transformers ASR pipeline (30 s chunks when longer)."""
    import torch

    signal = read_mono(audio.path, WHISPER_RATE)
    with transformers_model(ctx, "WhisperForConditionalGeneration", "WhisperProcessor") as (resolved, lease):
        net, proc = lease.model.model, lease.model.processor
        with LOAD_LOCK:  # the pipeline factory imports lazily (not thread-safe)
            from transformers import pipeline as hf_pipeline

            asr = hf_pipeline("automatic-speech-recognition", model=net, tokenizer=proc.tokenizer,
                              feature_extractor=proc.feature_extractor, dtype=lease.dtype,
                              device=torch.device(lease.compute_device))
        # Whisper's decoder holds 448 positions: a 30 s chunk may use all of them but its prompt.
        limit = int(getattr(net.config, "max_target_positions", 448)) - WHISPER_PROMPT_TOKENS
        max_tokens = min(int(tool_setting(ctx, "max_new_tokens", limit)), limit)
        with lease.lock, torch.inference_mode():
            chunking = {"chunk_length_s": 30, "ignore_warning": True} if len(signal) > 30 * WHISPER_RATE else {}
            result = asr({"raw": signal, "sampling_rate": WHISPER_RATE}, batch_size=1,
                         generate_kwargs={"max_new_tokens": max_tokens}, **chunking)
        text = str(result["text"]).strip()
        path = ctx.out("transcript", ".txt")
        path.write_text(text + "\n", encoding="utf-8")
        return Output(path, meta=meta(resolved, lease, text=text, max_new_tokens=max_tokens,
                                      seconds=round(len(signal) / WHISPER_RATE, 3)))
