"""One meaning for the words about silences (audio.trim's `silence`)."""

from __future__ import annotations

import pytest

from medialoom.lang.silences import silence


@pytest.mark.parametrize("text, meaning", [
    ("trim it to the voice", "ends"), ("cut the leading and trailing silence", "ends"),
    ("keep only around her speech", "ends"), ("cut the silences out", "remove"),
    ("remove the pauses", "remove"), ("get rid of the dead air", "remove"),
    ("take out the quiet bits", "remove"), ("trim the first 5 seconds", None), ("make it louder", None),
])
def test_silence_words(text, meaning):
    assert silence(text) == meaning
