"""run --refine on a neural generator: tiny random SD makes the pictures, a tiny random CLIP
scores them (a real CLIPScore of a random model, under the asked minimum), so every round
retries with another seed and the loop stops at N."""

from __future__ import annotations

import dataclasses

import pytest

pytestmark = pytest.mark.neural


def test_refine_runs_end_to_end_and_stops_at_n(tiny_model, config):
    from medialoom.check.refine import refine
    from medialoom.plan import Plan, Step
    from medialoom.session import Session

    clip = tiny_model("clip")
    sections = {"neural": {"steps": 2}, "check": {"clip": str(clip), "clip_min": 101}}
    session = Session(dataclasses.replace(config, sections=sections))
    plan = Plan([Step("s1", "image.generate", {"prompt": "a red ball", "width": 64, "height": 64})], "a red ball")
    try:
        result, refined = refine(session, plan, 2, backend="neural", models={"image.generate": str(tiny_model("sd"))})
    finally:
        session.store.close()
    atts = refined.attempts["s1"]
    assert refined.rounds == 2 and len(atts) == 3
    assert all(0 <= a.report.scores["clip"] <= 100 and a.report.problems[0].what == "CLIP score" for a in atts)
    assert len({s.args["seed"] for s in refined.tried}) == 2 and all(s.tool == "image.generate" for s in refined.tried)
    assert result.steps[refined.best("s1").step].backend == "neural"


def test_speech_words_are_checked_by_a_whisper_round_trip(tiny_model, config, tmp_path):
    """With Whisper present the check transcribes and scores the word error rate (a tiny random
    Whisper hears nonsense: the words are named as a problem, the rate is measured, not made up)."""
    import numpy as np
    import soundfile

    from medialoom.check import check_file

    path = tmp_path / "said.wav"
    t = np.arange(32000) / 16000
    soundfile.write(path, (0.2 * np.sin(2 * np.pi * 200 * t)).astype(np.float32), 16000)
    cfg = dataclasses.replace(config, sections={"neural": {"max_new_tokens": 8},
                                                "check": {"whisper": str(tiny_model("whisper"))}})
    report = check_file(path, "say 'hello world'", role="speech", config=cfg)
    assert report.scores["word_error_rate"] >= 0.5
    assert [p.what for p in report.problems] == ["words spoken"]
    assert "words_per_s" not in report.scores, "the duration stand-in is only used without Whisper"


def _tiny_owlv2(folder):
    import torch
    from tiny import clip_tokenizer
    from transformers import (
        Owlv2Config,
        Owlv2ForObjectDetection,
        Owlv2ImageProcessor,
        Owlv2Processor,
    )

    tok = clip_tokenizer()
    torch.manual_seed(0)
    text = {"hidden_size": 32, "intermediate_size": 37, "num_attention_heads": 4, "num_hidden_layers": 1,
                "vocab_size": len(tok), "max_position_embeddings": 16, "bos_token_id": tok.bos_token_id,
                "eos_token_id": tok.eos_token_id, "pad_token_id": tok.pad_token_id}
    vision = {"hidden_size": 32, "intermediate_size": 37, "num_attention_heads": 4, "num_hidden_layers": 1,
                  "image_size": 32, "patch_size": 8}
    Owlv2ForObjectDetection(Owlv2Config(text_config=text, vision_config=vision, projection_dim=32)).save_pretrained(folder)
    Owlv2Processor(Owlv2ImageProcessor(size={"height": 32, "width": 32}), tok).save_pretrained(folder)
    return folder


def test_a_picture_without_a_layout_is_counted_by_the_detector(config, tmp_path):
    """A user's picture has no layout: with an OWLv2 detector present the objects are counted by
    it (a tiny random one here), and the report no longer says the detector is missing."""
    from PIL import Image

    from medialoom.check import check_file

    path = tmp_path / "photo.png"
    Image.new("RGB", (64, 64), (10, 200, 30)).save(path)
    cfg = dataclasses.replace(config, sections={"check": {"detector": str(_tiny_owlv2(tmp_path / "owl"))}})
    report = check_file(path, "two red balls", config=cfg)
    assert not any("detector" in line for line in report.not_checked)
    assert "match" in report.scores and report.checkable
    found = [p for p in report.problems if p.what == "ball count"]
    assert all(isinstance(p.found, int) and p.found != 2 for p in found) and report.ok == (not found)
