"""Checks that need a model: CLIP score and zero-shot object detection (OWLv2) for pictures
without a layout, Whisper for the words of speech. Each runs only when its model is on this
machine; otherwise the report says which model the check needs."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from .asked import Asked, Thing
from .report import Report

CLIP = "openai/clip-vit-base-patch32"
DETECTOR = "google/owlv2-base-patch16-ensemble"
WHISPER = "openai/whisper-small"
CLIP_MIN = 22.0          # CLIPScore below this: the picture does not show the request
DETECT_MIN = 0.2         # OWLv2 box score that counts as found


def setting(config: Any, name: str, default: Any) -> Any:
    """`[check] name` in config.toml, else the default."""
    section = (getattr(config, "sections", None) or {}).get("check", {})
    return section.get(name, default) if isinstance(section, dict) else default


def _ctx(config: Any, tool: str, model: str, workdir: Path) -> Any:
    from ..config import load_config
    from ..context import ToolContext

    return ToolContext("check", tool, "neural", 0, workdir, config or load_config(), model=model)


def _local(model: str) -> bool:
    from ..models import model_is_local

    return model_is_local(model)


def judge_image(report: Report, path: Path, asked: Asked, things: list[Thing], config: Any) -> None:
    clip, detector = setting(config, "clip", CLIP), setting(config, "detector", DETECTOR)
    if _local(clip):
        from ..backends.neural.vision import clip_score

        with tempfile.TemporaryDirectory() as tmp:
            score = clip_score(_ctx(config, "media.check", clip, Path(tmp)), path, asked.request, clip)
        report.measure("clip", score)
        minimum = float(setting(config, "clip_min", CLIP_MIN))
        report.expect(score >= minimum, "CLIP score", f">= {minimum:g}", round(score, 2), {"op": "reseed"})
    else:
        report.not_checked.append(f"CLIP score: needs {clip} (hf download {clip})")
    if _local(detector):
        _detect(report, path, things, detector)
    else:
        report.not_checked.append(f"objects and counts: needs the detector {detector} (hf download {detector})")


def _detect(report: Report, path: Path, things: list[Thing], model: str) -> None:
    import torch
    from PIL import Image
    from transformers import AutoProcessor, Owlv2ForObjectDetection

    from ..models import hf_cache_dir

    folder = model if Path(model).is_dir() else None
    source = folder or model
    kw = {} if folder else {"cache_dir": str(hf_cache_dir()), "local_files_only": True}
    proc = AutoProcessor.from_pretrained(source, **kw)
    net = Owlv2ForObjectDetection.from_pretrained(source, **kw).eval()
    image = Image.open(path).convert("RGB")
    labels = [f"a photo of a {t.noun}" for t in things]
    inputs = proc(text=[labels], images=image, return_tensors="pt")
    with torch.inference_mode():
        out = net(**inputs)
    sizes = torch.tensor([image.size[::-1]])
    found = proc.post_process_grounded_object_detection(out, threshold=DETECT_MIN, target_sizes=sizes)[0]
    per_label = [int(x) for x in found["labels"]]
    hits = 0
    for i, thing in enumerate(things):
        n = per_label.count(i)
        hits += n == thing.count
        report.expect(n == thing.count, f"{thing.noun} count", thing.count, n, {"op": "reseed"})
    report.measure("match", 100.0 * hits / max(1, len(things)))


def word_error(report: Report, path: Path, words: str, config: Any) -> bool:
    """Word error rate of a Whisper round trip; False when Whisper is not on this machine."""
    model = setting(config, "whisper", WHISPER)
    if not _local(model):
        report.not_checked.append(f"words spoken: needs {model} (hf download {model}); checked duration only")
        return False
    import jiwer

    from ..artifacts import Artifact, mime_for
    from ..backends.neural.speech import transcribe
    from ..store import sha256_file

    art = Artifact("audio", path, sha256_file(path), mime_for(path))
    with tempfile.TemporaryDirectory() as tmp:
        out = transcribe(_ctx(config, "audio.transcribe", model, Path(tmp)), art)
        heard = str(out.meta.get("text", ""))
    norm = jiwer.Compose([jiwer.ToLowerCase(), jiwer.RemovePunctuation(), jiwer.RemoveMultipleSpaces(),
                          jiwer.Strip(), jiwer.ReduceToListOfListOfWords()])
    wer = jiwer.wer(words, heard or "-", reference_transform=norm, hypothesis_transform=norm)
    report.measure("word_error_rate", wer)
    limit = float(setting(config, "max_wer", 0.3))
    report.expect(wer <= limit, "words spoken", words, heard or "(nothing)", {"op": "reseed"})
    return True
