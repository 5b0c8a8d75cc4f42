"""Output checks: NudeNet (its ONNX model ships inside the wheel) on generated images and on
frames sampled from videos, when installed. The result records which checks ran and what they
found; an output where an explicit class scores over the threshold is refused (exit 3).

    [safety]
    output_check = true
    nsfw_threshold = 0.6        # NudeNet score that refuses an output
    video_check_frames = 6      # frames sampled evenly from each video
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping

import numpy as np

from ..errors import SafetyRefusal

EXPLICIT = frozenset({"FEMALE_GENITALIA_EXPOSED", "MALE_GENITALIA_EXPOSED", "FEMALE_BREAST_EXPOSED",
                      "BUTTOCKS_EXPOSED", "ANUS_EXPOSED"})
THRESHOLD = 0.6
VIDEO_FRAMES = 6


@dataclass
class CheckResult:
    ran: list[str] = field(default_factory=list)
    skipped: dict[str, str] = field(default_factory=dict)
    found: list[dict[str, Any]] = field(default_factory=list)   # explicit detections over 0.3
    unsafe: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {"ran": self.ran, "skipped": self.skipped, "found": self.found, "unsafe": self.unsafe}


@lru_cache(maxsize=1)
def _detector() -> Any:
    """NudeNet's detector, loaded once per process; None when not installed. Its ONNX session runs
    on one thread: onnxruntime's default pool spins on every core for this small model (a job's
    CPU time was 1.5x its wall time, no faster), which starved the server's concurrent jobs."""
    try:
        import nudenet
        import onnxruntime
        from nudenet import NudeDetector
    except ImportError:
        return None
    detector = NudeDetector()
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = options.inter_op_num_threads = 1
    model = Path(nudenet.__file__).parent / "320n.onnx"
    if model.is_file():
        detector.onnx_session = onnxruntime.InferenceSession(str(model), sess_options=options,
                                                             providers=["CPUExecutionProvider"])
    return detector


def _scan(frames: list[np.ndarray], threshold: float) -> CheckResult:
    result = CheckResult()
    det = _detector()
    if det is None:
        result.skipped["nudenet"] = "not installed (pip install nudenet)"
        return result
    result.ran.append("nudenet")
    for n, bgr in enumerate(frames):
        for hit in det.detect(np.ascontiguousarray(bgr)):
            if hit["class"] in EXPLICIT and hit["score"] >= 0.3:
                result.found.append({"class": hit["class"], "score": round(float(hit["score"]), 3),
                                     "frame": n})
                result.unsafe |= hit["score"] >= threshold
    return result


def _image_frames(path: Path) -> list[np.ndarray]:
    from PIL import Image

    with Image.open(path) as im:
        rgb = np.asarray(im.convert("RGB"))
    return [rgb[..., ::-1]]


def _video_frames(path: Path, count: int) -> list[np.ndarray]:
    import av

    frames = []
    with av.open(str(path)) as src:
        stream = src.streams.video[0]
        total = stream.frames or 0
        step = max(1, total // count) if total else 12
        for n, frame in enumerate(src.decode(stream)):
            if n % step == 0:
                frames.append(frame.to_ndarray(format="bgr24"))
                if len(frames) >= count:
                    break
    return frames


def check_output(kind: str, path: Path, policy: Mapping[str, Any] | None = None) -> CheckResult:
    """Run the checks that apply to an output; raise SafetyRefusal when one finds it unsafe."""
    policy = policy or {}
    threshold = float(policy.get("nsfw_threshold", THRESHOLD))
    if kind == "image":
        result = _scan(_image_frames(path), threshold)
    elif kind == "video":
        result = _scan(_video_frames(path, int(policy.get("video_check_frames", VIDEO_FRAMES))), threshold)
    else:
        return CheckResult()
    if result.unsafe:
        top = max(result.found, key=lambda f: f["score"])
        raise SafetyRefusal("sexual", f"output check: NudeNet found {top['class']} "
                                      f"(score {top['score']:.2f}); the output was not kept")
    return result
