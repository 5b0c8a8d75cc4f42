"""Language names -> ISO 639-1 codes: "in French" -> "fr"."""

from __future__ import annotations

import re

LANGUAGES = {"english": "en", "french": "fr", "spanish": "es", "german": "de", "italian": "it",
             "portuguese": "pt", "dutch": "nl", "russian": "ru", "polish": "pl", "swedish": "sv",
             "japanese": "ja", "chinese": "zh", "mandarin": "zh", "korean": "ko", "arabic": "ar",
             "hindi": "hi", "turkish": "tr", "greek": "el", "finnish": "fi", "danish": "da",
             "norwegian": "nb", "czech": "cs", "hungarian": "hu", "romanian": "ro", "ukrainian": "uk",
             "vietnamese": "vi", "indonesian": "id", "welsh": "cy", "irish": "ga", "latin": "la"}


def language(text: str) -> str | None:
    """The language asked for ('in French', 'into German', 'to Spanish') as a code."""
    m = re.search(r"\b(?:in|into|to)\s+(" + "|".join(LANGUAGES) + r")\b", text, re.I)
    return LANGUAGES[m.group(1).lower()] if m else None
