"""Safety hooks the engine calls: `screen_args` before a step runs (Session.check on the
literal arguments, the executor on the resolved ones, so text an LLM or a text tool wrote is
screened too) and `finish_outputs` on every file a step made, in the worker, before it is
hashed and stored.

    layer          module        what it does                                    config key
    prompt guard   guard.py      lexicon + rules over normalised text; refuses   prompt_guard
    output check   checks.py     NudeNet on images and sampled video frames      output_check
    watermark      watermark.py  dwtDctSvd on images and every video frame       watermark
                   audio_mark.py spread-spectrum mark on audio
    provenance     provenance.py signed C2PA manifest                            c2pa

Each layer is on unless `[safety] NAME = false`; switching one off prints a loud warning.
"""

from __future__ import annotations

import sys
from typing import Any, Mapping

from ..config import Config
from ..context import Output, ToolContext
from ..tools import ToolSpec

LAYERS = ("prompt_guard", "output_check", "watermark", "c2pa")
CONSEQUENCE = {"prompt_guard": "prompts are not screened",
               "output_check": "generated images and video frames are not checked for explicit content",
               "watermark": "outputs carry no invisible watermark",
               "c2pa": "outputs carry no signed C2PA manifest"}
NOT_SCREENED = frozenset({"negative_prompt"})    # lists what to avoid: naming it is the point
_warned: set[str] = set()


def enabled(config: Config, layer: str, warn: bool = True) -> bool:
    """Whether a safety layer is on; warns loudly (once per process) when it is off."""
    on = bool(config.safety.get(layer, True))
    if not on and warn and layer not in _warned:
        _warned.add(layer)
        print(f"medialoom: WARNING: the {layer.replace('_', ' ')} safety layer is switched off "
              f"([safety] {layer} = false): {CONSEQUENCE[layer]}; keep it on for anything that "
              "leaves this machine.", file=sys.stderr)
    return on


def _texts(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, (list, tuple)):
        return [v for v in value if isinstance(v, str)]
    return []


def screen_args(spec: ToolSpec, args: Mapping[str, Any], config: Config) -> None:
    """Raise SafetyRefusal when a prompt-like argument breaks the policy. Runs in the main
    process before every step, so this is where switched-off layers are announced."""
    for layer in LAYERS[1:]:
        enabled(config, layer)
    if not enabled(config, "prompt_guard"):
        return
    from .guard import Policy, screen_text

    policy = Policy.from_section(config.sections.get("safety"))
    for name, value in args.items():
        param = spec.param(name)
        if param is not None and param.kind == "layout":  # its object names are drawn as labels
            from .labels import layout_words

            for text in layout_words(value):
                screen_text(text, policy, where=f"{name} labels")
        if name in NOT_SCREENED or param is None or param.kind not in (None, "text", "storyboard"):
            continue  # media arguments are files, not prompts
        for text in _texts(value):
            screen_text(text, policy, where=name)


def finish_outputs(ctx: ToolContext, spec: ToolSpec, outputs: dict[str, Output],
                   inputs: Mapping[str, Any] | None = None) -> dict[str, Output]:
    """Check, mark and sign every output (see finish.py). Runs in the worker."""
    from .finish import finish

    return {name: finish(ctx, spec, name, out, inputs or {}) for name, out in outputs.items()}


__all__ = ["LAYERS", "enabled", "finish_outputs", "screen_args"]
