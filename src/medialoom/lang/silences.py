"""Words for cutting silence out of a recording: 'trim it to the voice' keeps the speech and cuts
the ends, 'cut the pauses' removes every quiet stretch (audio.trim's `silence` argument)."""

from __future__ import annotations

import re

ENDS = re.compile(r"\b(?:to|around) (?:the|her|his|their) (?:voice|speech|speaking|talking|words)\b"
                  r"|\b(?:leading|trailing|start and end|beginning and end)\b", re.I)
EVERY = re.compile(r"\b(?:silen(?:ce|t)s?|pauses?|gaps?|dead air|quiet (?:parts|bits|stretches))\b", re.I)


def silence(text: str) -> str | None:
    """'ends', 'remove' or None when the words say nothing about silences."""
    if ENDS.search(text):
        return "ends"
    return "remove" if EVERY.search(text) else None
