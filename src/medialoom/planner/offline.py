"""A first offline planner: split the request into parts, pick the tool whose description and
example phrasings share the most words with each part, chain parts by kind. Every plan it
returns passes validation; a request it cannot plan is a UsageError."""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import PlanError, UsageError
from ..plan import Plan, Step, validate
from ..registry import Registry
from ..tools import ToolSpec

SPLIT = re.compile(r"\b(?:and then|then|after that|finally)\b|[;.](?=\s)", re.I)
WORD = re.compile(r"[a-z0-9]+")
FILE = re.compile(r"[\w./-]+\.(png|jpe?g|webp|gif|bmp|tiff?|wav|flac|ogg|mp3|m4a|mp4|webm|mov|mkv|glb|gltf|obj|stl)\b", re.I)
KIND_OF_SUFFIX = {"png": "image", "jpg": "image", "jpeg": "image", "webp": "image", "gif": "image",
                  "bmp": "image", "tif": "image", "tiff": "image", "wav": "audio", "flac": "audio",
                  "ogg": "audio", "mp3": "audio", "m4a": "audio", "mp4": "video", "webm": "video",
                  "mov": "video", "mkv": "video", "glb": "mesh", "gltf": "mesh", "obj": "mesh", "stl": "mesh"}
STOP = {"a", "an", "the", "of", "to", "and", "it", "this", "that", "please", "me", "with", "in", "on",
        "for", "make", "my", "i", "is", "into", "from", "by", "as", "at"}
MAX_REQUEST = 4000


class OfflinePlanner:
    def __init__(self, registry: Registry):
        self.registry = registry

    def plan(self, request: str) -> Plan:
        text = request.strip()
        if not text:
            raise UsageError("the request is empty; say what to make, e.g. \"a cat wearing a red hat\"")
        if len(text) > MAX_REQUEST:
            raise UsageError(f"the request is {len(text)} characters; keep it under {MAX_REQUEST}")
        steps: list[Step] = []
        for part in [p.strip() for p in SPLIT.split(text) if p and p.strip()]:
            spec = self._choose(part)
            if spec is None:
                continue
            steps.append(Step(f"s{len(steps) + 1}", spec.id, self._args(spec, part, steps)))
        plan = Plan(steps, request)
        if not steps:
            raise UsageError("could not plan this request; name what to make (an image, a video, "
                             "speech, music, a sound, a 3D model) or what to do to a file")
        try:
            validate(plan, self.registry, check_files=False)
        except PlanError as exc:
            raise UsageError(f"could not plan this request ({exc.one_line()})") from exc
        return plan

    def _choose(self, part: str) -> ToolSpec | None:
        words = set(WORD.findall(part.lower())) - STOP
        best, best_score = None, 0.0
        for spec in self.registry:
            vocab = set(WORD.findall(" ".join((spec.id.replace(".", " "), spec.description,
                                               *spec.examples)).lower())) - STOP
            score = len(words & vocab) / (1 + 0.02 * len(vocab))
            if score > best_score:
                best, best_score = spec, score
        return best

    def _args(self, spec: ToolSpec, part: str, steps: list[Step]) -> dict:
        args: dict = {}
        quoted = re.findall(r"['\"“]([^'\"”]+)['\"”]", part)
        files = [m.group(0) for m in FILE.finditer(part)]
        for param in spec.params:
            if param.kind and param.kind not in ("text", "storyboard"):
                source = self._source(param.kind, files, steps)
                if source is not None:
                    args[param.name] = [source] if param.type == "array" else source
            elif param.required and param.kind == "text":
                args[param.name] = quoted[0] if quoted else part
        return args

    def _source(self, kind: str, files: list[str], steps: list[Step]) -> str | None:
        for f in files:
            if KIND_OF_SUFFIX.get(Path(f).suffix.lstrip(".").lower()) == kind:
                return f
        for step in reversed(steps):
            if self.registry.spec(step.tool).output == kind:
                return f"${step.id}"
        return None
