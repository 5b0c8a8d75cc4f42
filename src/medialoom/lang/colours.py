"""Colour names as people write them ("red", "golden", "navy")."""

from __future__ import annotations

import re

COLOURS = ("red", "orange", "yellow", "green", "blue", "purple", "violet", "pink", "brown", "black",
           "white", "grey", "gray", "gold", "golden", "silver", "teal", "cyan", "magenta", "navy",
           "beige", "turquoise", "crimson", "maroon", "olive", "lime", "indigo")


def colours(text: str) -> list[str]:
    """The colour names the text holds, in the order of COLOURS."""
    return [c for c in COLOURS if re.search(rf"\b{c}\b", text, re.I)]
