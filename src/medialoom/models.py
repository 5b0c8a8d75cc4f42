"""Where models live: a hub id in the local Hugging Face cache, or a local folder."""

from __future__ import annotations

import os
from pathlib import Path


def hf_cache_dir() -> Path:
    if os.environ.get("HF_HUB_CACHE"):
        return Path(os.environ["HF_HUB_CACHE"])
    home = Path(os.environ.get("HF_HOME", Path.home() / ".cache" / "huggingface"))
    return home / "hub"


def model_is_local(model: str | None) -> bool:
    """True for an existing folder or a hub id with a snapshot in the local cache."""
    if not model:
        return False
    if Path(model).expanduser().is_dir():
        return True
    if "/" not in model:
        return False
    snapshots = hf_cache_dir() / f"models--{model.replace('/', '--')}" / "snapshots"
    return snapshots.is_dir() and any(snapshots.iterdir())
