"""Licences of the models medialoom runs by default, and the `[models] commercial_only` switch.

Weights carry their own licence, apart from the code that runs them. Those that forbid
commercial use are shown by `medialoom tools` and in the answer of a run that used them; with
`commercial_only = true` under `[models]` (or MEDIALOOM_COMMERCIAL_ONLY=1) a plan that would run
one is refused before anything runs, with one line naming a permissive alternative.

Checked against each model card or package licence file (December 2026).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from .errors import UsageError


@dataclass(frozen=True)
class Licence:
    name: str                 # SPDX id where there is one
    commercial: bool          # may its outputs be used commercially
    alternative: str = ""     # a permissive way to do the same, for the refusal line


NONCOMMERCIAL = {
    "facebook/mms-tts-eng": Licence("CC-BY-NC-4.0", False,
                                    "the offline backend (espeak-ng voices): --backend offline"),
    "facebook/musicgen-small": Licence("CC-BY-NC-4.0", False,
                                       "the offline composer through FluidSynth: --backend offline"),
    "cvssp/audioldm2": Licence("CC-BY-NC-SA-4.0", False,
                               "the offline sound design: --backend offline"),
}

PERMISSIVE = {
    "openai/whisper-small": Licence("Apache-2.0", True),
    "Salesforce/blip-image-captioning-base": Licence("BSD-3-Clause", True),
    "facebook/sam-vit-base": Licence("Apache-2.0", True),
    "timbrooks/instruct-pix2pix": Licence("MIT", True),
    "Qwen/Qwen2.5-1.5B-Instruct": Licence("Apache-2.0", True),
    "THUDM/CogVideoX-2b": Licence("Apache-2.0", True),
    "openai/shap-e": Licence("MIT", True),
}


def licence_of(model: str | None) -> Licence | None:
    """The licence of a model id, None when it is not one medialoom knows."""
    if not model:
        return None
    return NONCOMMERCIAL.get(model) or PERMISSIVE.get(model)


def noncommercial_note(model: str | None) -> str | None:
    """'facebook/mms-tts-eng is CC-BY-NC-4.0: not for commercial use', or None."""
    found = licence_of(model)
    if found is None or found.commercial:
        return None
    return f"{model} is {found.name}: not for commercial use"


def refuse_noncommercial(tool: str, model: str | None) -> None:
    """Raise UsageError when commercial_only is on and this model's licence forbids it."""
    found = licence_of(model)
    if found is None or found.commercial:
        return
    raise UsageError(f"{tool} would use {model} ({found.name}, non-commercial) and [models] "
                     f"commercial_only is on; use {found.alternative}, or name another model "
                     f"with --model {tool}=...")


def commercial_only(config: Any) -> bool:
    """`[models] commercial_only = true` in config.toml, or MEDIALOOM_COMMERCIAL_ONLY=1."""
    env = os.environ.get("MEDIALOOM_COMMERCIAL_ONLY")
    if env is not None:
        return env.strip().lower() in ("1", "true", "yes", "on")
    sections = getattr(config, "sections", None) or {}
    return sections.get("models", {}).get("commercial_only") is True
