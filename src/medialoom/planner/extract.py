"""Argument extraction from request text: the language layer (`medialoom.lang`) under the names
the planner has always used. Every function is pure: text in, a value (or None) out. The planner
decides which tool an argument belongs to; these functions only read the words."""

from __future__ import annotations

from ..lang.colours import COLOURS, colours
from ..lang.durations import CLOCK, SECONDS, duration, durations, fps, tempo
from ..lang.files import (FILE, QUOTE, QUOTED_FILE, SUFFIX_KIND, URL, FileMention, files, quotes, strip_quotes,
                          strip_quotes_keep_len)
from ..lang.languages import LANGUAGES, language
from ..lang.music import decibels, key, semitones
from ..lang.numbers import MULTIPLIERS, NUM, NUMBER_WORDS, count, multiplier, number, plain, seed
from ..lang.points import BOX, POINT, box, point
from ..lang.sizes import SIZE, size
from ..lang.speed import speed_factor
from ..lang.styles import STYLES, style
from ..lang.voices import VOICES, voice

__all__ = ["BOX", "CLOCK", "COLOURS", "FILE", "FileMention", "LANGUAGES", "MULTIPLIERS", "NUM", "NUMBER_WORDS",
           "POINT", "QUOTE", "QUOTED_FILE", "SECONDS", "SIZE", "STYLES", "SUFFIX_KIND", "URL", "VOICES", "box",
           "colours", "count", "decibels", "duration", "durations", "files", "fps", "key", "language",
           "multiplier", "number", "plain", "point", "quotes", "seed", "semitones", "size", "speed_factor",
           "strip_quotes", "strip_quotes_keep_len", "style", "tempo", "voice"]
