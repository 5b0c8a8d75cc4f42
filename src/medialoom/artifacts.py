"""Artifacts: the closed set of media kinds and the frozen record of one stored file."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal, Mapping

ArtifactKind = Literal["text", "image", "mask", "audio", "video", "mesh", "layout", "storyboard", "midi", "motion"]
KINDS: tuple[str, ...] = ("text", "image", "mask", "audio", "video", "mesh", "layout", "storyboard", "midi", "motion")

MIME_BY_SUFFIX: Mapping[str, str] = MappingProxyType({
    ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".webp": "image/webp",
    ".gif": "image/gif", ".bmp": "image/bmp", ".tif": "image/tiff", ".tiff": "image/tiff",
    ".wav": "audio/wav", ".flac": "audio/flac", ".ogg": "audio/ogg", ".mp3": "audio/mpeg",
    ".m4a": "audio/mp4", ".mid": "audio/midi", ".midi": "audio/midi",
    ".mp4": "video/mp4", ".webm": "video/webm", ".mov": "video/quicktime", ".mkv": "video/x-matroska",
    ".glb": "model/gltf-binary", ".gltf": "model/gltf+json", ".obj": "model/obj", ".stl": "model/stl",
    ".ply": "application/ply", ".bvh": "application/x-bvh",
    ".txt": "text/plain", ".json": "application/json", ".svg": "image/svg+xml",
})

DEFAULT_SUFFIX: Mapping[str, str] = MappingProxyType({
    "text": ".txt", "image": ".png", "mask": ".png", "audio": ".wav", "video": ".mp4",
    "mesh": ".glb", "layout": ".json", "storyboard": ".json", "midi": ".mid",
    "motion": ".bvh",
})


def mime_for(path: str | Path) -> str:
    return MIME_BY_SUFFIX.get(Path(path).suffix.lower(), "application/octet-stream")


@dataclass(frozen=True)
class Artifact:
    """One stored file. `meta` records how it was made: tool, backend, backend_version,
    model, args, seed, parents (sha256 of inputs) and timings."""

    kind: str
    path: Path
    sha256: str
    mime: str
    meta: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown artifact kind {self.kind!r}; kinds are {', '.join(KINDS)}")
        if len(self.sha256) != 64:
            raise ValueError("sha256 must be 64 hex characters")
        object.__setattr__(self, "path", Path(self.path))
        object.__setattr__(self, "meta", MappingProxyType(dict(self.meta)))

    def __reduce__(self):  # picklable for worker processes (mappingproxy is not)
        return (Artifact, (self.kind, str(self.path), self.sha256, self.mime, _plain(self.meta)))

    def read_text(self) -> str:
        return self.path.read_text(encoding="utf-8")

    def read_json(self) -> Any:
        return json.loads(self.read_text())

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "path": str(self.path), "sha256": self.sha256,
                "mime": self.mime, "meta": _plain(self.meta)}


def _plain(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def artifacts_in(kwargs: Mapping[str, Any]) -> list[Artifact]:
    """The artifacts among a call's arguments (single values and lists), in order."""
    return [item for value in kwargs.values() for item in (value if isinstance(value, list) else [value])
            if isinstance(item, Artifact)]
