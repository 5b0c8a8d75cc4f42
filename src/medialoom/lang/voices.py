"""Voice words: "a deep male voice" -> "deep male", "read by a woman" -> "female",
"a robotic voice" -> "robot"."""

from __future__ import annotations

import re

VOICES = {"female": "female", "woman": "female", "woman's": "female", "women": "female",
          "girl": "female", "lady": "female", "feminine": "female", "male": "male", "man": "male",
          "man's": "male", "men": "male", "masculine": "male", "deep": "male", "boy": "child",
          "child": "child", "child's": "child", "kid": "child", "childlike": "child", "robot": "robot", "robotic": "robot"}


def voice(text: str) -> str | None:
    """'a deep male voice' -> 'deep male'; 'read by a woman' -> 'female'; 'robotic voice' -> 'robot'."""
    low = text.lower()
    for word in re.findall(r"[a-z']+", low):
        if word in VOICES and re.search(rf"\b{re.escape(word)}\b[\w\s-]{{0,12}}\b(voice|narrat|speaker|read)|"
                                        rf"\b(voice|narrator|speaker)\b[\w\s]{{0,12}}\b{re.escape(word)}\b|"
                                        rf"\bas an? {re.escape(word)}\b|\bby an? {re.escape(word)}\b",
                                        low):
            base = VOICES[word]
            pitch = re.search(r"\b(deep|deeper|low|high|higher|squeaky)\b(?:[\s,-]+[a-z']+){0,3}?[\s,-]+"
                              r"(?:voice|narrat|female|male|woman|man|girl|boy|child|kid|lady)", low)
            if pitch and base in ("female", "male", "child"):
                return ("deep " if pitch.group(1) in ("deep", "deeper", "low") else "high ") + base
            return base
    return None
