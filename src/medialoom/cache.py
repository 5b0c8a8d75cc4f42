"""Cache keys: tool + backend + backend version + model + canonical arguments + input hashes + seed."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from .artifacts import Artifact
from .config import Config


def canonical(value: Any) -> Any:
    """Arguments as plain JSON with artifacts replaced by their content hash."""
    if isinstance(value, Artifact):
        return {"sha256": value.sha256, "kind": value.kind}
    if isinstance(value, dict):
        return {str(k): canonical(v) for k, v in sorted(value.items())}
    if isinstance(value, (list, tuple)):
        return [canonical(v) for v in value]
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def digest(data: Any) -> str:
    text = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def step_key(tool: str, backend: str, version: str, model: str | None, args: dict[str, Any],
             seed: int, settings: str = "") -> str:
    return digest({"tool": tool, "backend": backend, "version": version, "model": model,
                   "args": canonical(args), "seed": seed, "settings": settings})


def settings_digest(config: Config) -> str:
    """The configuration that changes what a backend makes (SoundFont, neural settings, the
    safety layers that mark outputs), so a changed setting is not served an old result."""
    return digest({"soundfont": config.soundfont, "safety": config.safety,
                   "neural": config.sections.get("neural", {})})


def derive_seed(tool: str, args: dict[str, Any], base_seed: int = 0) -> int:
    """A seed for a step given none: stable for the same call (so re-runs hit the cache and
    replay exactly), different for different calls; recorded in the artifact's meta."""
    return int(digest({"tool": tool, "args": canonical(args), "base": base_seed})[:8], 16) % (2**31)
