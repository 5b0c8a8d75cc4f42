"""MMS-TTS (VitsModel) and Whisper on tiny random models."""

from __future__ import annotations

import numpy as np
import pytest
import soundfile as sf

from medialoom.backends.neural import speech
from medialoom.errors import InputError

pytestmark = pytest.mark.neural


def test_speak_writes_seeded_wav(tiny_model, nctx):
    folder = tiny_model("vits")
    a = speech.speak(nctx("audio.speech", folder, seed=1), "hello there, world")
    b = speech.speak(nctx("audio.speech", folder, seed=1), "hello there, world")
    c = speech.speak(nctx("audio.speech", folder, seed=2), "hello there, world")
    wa, rate = sf.read(a.path)
    assert rate == 16000 and wa.ndim == 1 and len(wa) > 0
    assert a.meta["duration"] == pytest.approx(len(wa) / rate, abs=1e-3)
    assert np.array_equal(wa, sf.read(b.path)[0])
    assert not np.array_equal(wa, sf.read(c.path)[0]) or len(wa) != len(sf.read(c.path)[0])


def test_speed_shortens_speech(tiny_model, nctx):
    folder = tiny_model("vits")
    text = "a much longer sentence to read aloud slowly"
    slow = sf.info(speech.speak(nctx("audio.speech", folder, seed=3), text, speed=0.5).path).duration
    fast = sf.info(speech.speak(nctx("audio.speech", folder, seed=3), text, speed=2.0).path).duration
    assert fast < slow


def test_language_picks_the_mms_model_and_reports_a_missing_one(nctx, monkeypatch, tmp_path):
    from medialoom.errors import ModelNotFoundError

    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "empty-cache"))
    with pytest.raises(ModelNotFoundError, match="facebook/mms-tts-fra"):
        speech.speak(nctx("audio.speech", "facebook/mms-tts-eng"), "bonjour", language="French")
    with pytest.raises(InputError, match="language"):
        speech.speak(nctx("audio.speech", "facebook/mms-tts-eng"), "x", language="Klingonese")


def test_transcribe_reads_any_rate_and_is_deterministic(tiny_model, nctx, tmp_path, artifact):
    t = np.arange(int(22050 * 1.5)) / 22050
    sf.write(tmp_path / "voice.wav", np.stack([0.3 * np.sin(2 * np.pi * 220 * t)] * 2, axis=1), 22050)
    audio = artifact(tmp_path / "voice.wav", "audio")
    folder = tiny_model("whisper")
    a = speech.transcribe(nctx("audio.transcribe", folder), audio)
    b = speech.transcribe(nctx("audio.transcribe", folder), audio)
    assert a.path.suffix == ".txt" and a.meta["seconds"] == 1.5
    assert a.path.read_text(encoding="utf-8") == b.path.read_text(encoding="utf-8")
    assert a.meta["text"] == a.path.read_text(encoding="utf-8").strip()


def test_transcribe_reads_m4a_and_may_use_the_whole_decoder(tiny_model, nctx, tmp_path, artifact):
    """M4A (AAC) is an accepted audio kind that libsndfile cannot read: it goes through PyAV.
    A 30 s chunk may fill the decoder (448 positions in Whisper) less its 4 prompt tokens."""
    import av

    path = tmp_path / "voice.m4a"
    rate = 16000
    t = np.arange(int(rate * 1.5)) / rate
    with av.open(str(path), "w") as out:
        stream = out.add_stream("aac", rate=rate)
        stream.layout = "mono"
        frame = av.AudioFrame.from_ndarray((0.3 * np.sin(2 * np.pi * 220 * t)).astype(np.float32)[None, :],
                                           format="fltp", layout="mono")
        frame.sample_rate, frame.pts = rate, 0
        for packet in stream.encode(frame):
            out.mux(packet)
        for packet in stream.encode(None):
            out.mux(packet)
    done = speech.transcribe(nctx("audio.transcribe", tiny_model("whisper")), artifact(path, "audio"))
    assert abs(done.meta["seconds"] - 1.5) < 0.1
    assert done.meta["max_new_tokens"] == 64 - 4             # the tiny model's max_target_positions
    assert done.meta["text"] == done.path.read_text(encoding="utf-8").strip()


def test_romanised_voices_get_uroman_text_and_unspellable_text_is_refused(tiny_model, nctx, tmp_path):
    """MMS voices for Hindi, Korean, Arabic, Russian are trained on uroman output (is_uroman)."""
    import shutil

    from transformers import VitsTokenizer

    folder = tmp_path / "mms-rus"
    shutil.copytree(tiny_model("vits"), folder)
    tok = VitsTokenizer.from_pretrained(folder)
    tok.is_uroman = True
    tok.save_pretrained(folder)
    done = speech.speak(nctx("audio.speech", folder, seed=1), "привет мир")
    assert done.meta["spoken"] == "privet mir"
    assert sf.info(done.path).duration > 0
    with pytest.raises(InputError, match="cannot spell"):       # an alphabet the voice lacks
        speech.speak(nctx("audio.speech", tiny_model("vits")), "привет мир")
