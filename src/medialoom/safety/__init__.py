"""Safety hooks the executor calls: `screen_args` before a step runs, `finish_outputs` on
every file a step made. The prompt guard, output checks, watermarks and C2PA provenance
plug in here (issue #8); until then both pass everything through unchanged."""

from __future__ import annotations

from typing import Any, Mapping

from ..config import Config
from ..context import Output, ToolContext
from ..tools import ToolSpec


def screen_args(spec: ToolSpec, args: Mapping[str, Any], config: Config) -> None:
    """Raise SafetyRefusal when a prompt-like argument breaks the policy."""
    return None


def finish_outputs(ctx: ToolContext, spec: ToolSpec, outputs: dict[str, Output]) -> dict[str, Output]:
    """Mark and stamp every output (watermark, C2PA manifest). Runs in the worker."""
    return outputs
