"""One reading of a verb's forms for every planner pass."""

from __future__ import annotations

import pytest

from medialoom.planner.verbs import base_verb


@pytest.mark.parametrize("word, base", [
    ("creating", "create"), ("combining", "combine"), ("cutting", "cut"), ("transcribing", "transcribe"),
    ("cleaned", "clean"), ("trimmed", "trim"), ("denoised", "denoise"), ("converted", "convert"),
    ("sped", "speed"), ("draw", "draw"), ("wedding", None), ("morning", None), ("red", None), ("sky", None),
])
def test_base_verb(word, base):
    assert base_verb(word) == base
