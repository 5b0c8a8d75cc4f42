"""Where models live: a hub id in the local Hugging Face cache, or a local folder."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from .errors import ModelNotFoundError


def hf_cache_dir() -> Path:
    """The hub cache as huggingface_hub finds it: HF_HUB_CACHE, else HF_HOME/hub, else
    $XDG_CACHE_HOME/huggingface/hub, else ~/.cache/huggingface/hub."""
    if os.environ.get("HF_HUB_CACHE"):
        return Path(os.environ["HF_HUB_CACHE"]).expanduser()
    xdg = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return Path(os.environ.get("HF_HOME") or xdg / "huggingface").expanduser() / "hub"


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


def _truthy(value: Any) -> bool:
    return str(value).strip().lower() in ("1", "true", "yes", "on")


def downloads_allowed(config: Any) -> bool:
    """medialoom fetches a missing hub model only when asked (`[neural] download = true` or
    MEDIALOOM_DOWNLOAD=1) and HF_HUB_OFFLINE is not set."""
    if _truthy(os.environ.get("HF_HUB_OFFLINE", "0")):
        return False
    neural = (getattr(config, "sections", None) or {}).get("neural", {})
    return _truthy(os.environ.get("MEDIALOOM_DOWNLOAD", neural.get("download", False)))


# steps whose neural backend may load another model than the tool's: words go to CLIPSeg, a
# language to its own MMS voice; the LLM tools may use an HTTP endpoint instead
_OTHER_MODEL = {"image.segment": "text", "audio.speech": "language"}
_LLM_ENTRY = "medialoom.backends.neural.text:"


def missing_model(tool: str, args: dict[str, Any], model: str | None, entry: str,
                  config: Any) -> ModelNotFoundError | None:
    """The error a neural step would end with because its model is not here (checked before
    anything runs, so a missing model creates nothing), or None."""
    if not model or model_is_local(model) or downloads_allowed(config):
        return None
    if entry.startswith(_LLM_ENTRY) and getattr(config, "llm_base_url", None):
        return None
    if tool in _OTHER_MODEL and args.get(_OTHER_MODEL[tool]) is not None:
        return None
    if Path(model).expanduser().exists() or model.startswith((".", "/", "~")) or model.count("/") != 1:
        return ModelNotFoundError(model, f"no such model folder; pass a model folder or a hub id "
                                         f"with --model {tool}=ID_OR_PATH")
    return ModelNotFoundError(model, f"download it on a machine with internet (hf download {model}) "
                                     f"or pass a local folder with --model {tool}=PATH")
