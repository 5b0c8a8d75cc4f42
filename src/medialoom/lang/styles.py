"""Picture styles: "watercolour", "pixel art", "photorealistic" -> a style name."""

from __future__ import annotations

import re

STYLES = {"watercolour": "watercolour", "watercolor": "watercolour", "flat": "flat", "sketch": "sketch",
          "pencil": "sketch", "photo": "photo", "photorealistic": "photo", "realistic": "photo",
          "oil painting": "oil painting", "pixel art": "pixel art", "cartoon": "cartoon",
          "anime": "anime", "low poly": "low poly", "neon": "neon", "vintage": "vintage"}


def style(text: str) -> str | None:
    """The first style named ('a watercolour of a fox'), not 'a photo of ...' (that is a subject)."""
    low = text.lower()
    for word, name in STYLES.items():
        if re.search(rf"\b{word}\b", low) and not re.search(rf"\b{word}\s+(of|from)\b", low):
            return name
    return None
