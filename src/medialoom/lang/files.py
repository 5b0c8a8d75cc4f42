"""File mentions: "clip.mp4", 'example.mp4' in quotes, "my holiday clip.mp4", ~/a/b.png, several
files in one request; quoted text that is not a file name; web addresses (which are no files)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

SUFFIX_KIND = {
    **dict.fromkeys(("png", "jpg", "jpeg", "webp", "gif", "bmp", "tif", "tiff"), "image"),
    **dict.fromkeys(("wav", "flac", "ogg", "mp3", "m4a", "aac", "opus"), "audio"),
    **dict.fromkeys(("mp4", "webm", "mov", "mkv", "avi"), "video"),
    **dict.fromkeys(("glb", "gltf", "obj", "stl", "ply"), "mesh"),
    "bvh": "motion",
}
FILE = re.compile(r"(?<![\w/.~-])(?:~?/)?[\w~./-]*[\w-]\.(" + "|".join(SUFFIX_KIND) + r")(?![\w])", re.I)
QUOTE = re.compile(r"\"([^\"]+)\"|“([^”]+)”|‘([^’]+)’|(?<![\w])'((?:[^']|'(?=\w))+)'(?![\w])")
QUOTED_FILE = re.compile(r"\s*(?:~?/)?[\w~./ -]*[\w-]\.(?:" + "|".join(SUFFIX_KIND) + r")\s*", re.I)
URL = re.compile(r"\b(?:https?://|www\.)\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|io|co|edu|gov)(?:/\S*)?", re.I)


@dataclass(frozen=True)
class FileMention:
    text: str
    kind: str
    start: int


def kind_of(path: str) -> str | None:
    """'clip.MP4' -> 'video'; None for a suffix medialoom does not read."""
    return SUFFIX_KIND.get(Path(path).suffix.lstrip(".").lower())


def _inner(m: re.Match) -> str:
    return next(g for g in m.groups() if g is not None)


def _is_file_quote(m: re.Match) -> bool:
    """'example.mp4', "my holiday clip.mp4": a quoted file name names a file, it is no quoted text."""
    return bool(QUOTED_FILE.fullmatch(_inner(m)))


def quotes(text: str) -> list[str]:
    """Quoted text, in order ("say 'hello'"); quoted file names are files, not quotes."""
    return [_inner(m).strip() for m in QUOTE.finditer(text) if not _is_file_quote(m)]


def strip_quotes(text: str) -> str:
    """The text with quoted text blanked (a quoted file name keeps its name)."""
    return QUOTE.sub(lambda m: f" {_inner(m).strip()} " if _is_file_quote(m) else " ", text)


def strip_quotes_keep_len(text: str) -> str:
    """Quoted spans blanked out (same length), so positions still line up; a quoted file name
    keeps its name (only the quote marks are blanked)."""
    def blank(m: re.Match) -> str:
        if _is_file_quote(m) and " " not in _inner(m).strip():
            return " " + _inner(m) + " "
        return " " * len(m.group(0))
    return QUOTE.sub(blank, text)


def files(text: str, exists: Callable[[str], bool] | None = None) -> list[FileMention]:
    """Local files the text names, in order (not those inside web addresses, which are not here).
    With `exists`, an unquoted name is widened over the words before it when that names a file
    that exists ("cut my holiday clip.mp4" -> "holiday clip.mp4" when that file is there)."""
    text = URL.sub(lambda m: " " * len(m.group(0)), text)
    found = []
    for q in QUOTE.finditer(text):  # a quoted name may hold spaces: "my holiday clip.mp4"
        inner = _inner(q).strip()
        if " " in inner and _is_file_quote(q):
            found.append(FileMention(inner, SUFFIX_KIND[Path(inner).suffix.lstrip(".").lower()], q.start()))
    for m in FILE.finditer(strip_quotes_keep_len(text)):
        path, start = m.group(0).rstrip("."), m.start()
        if exists is not None and not exists(path):
            path, start = _widened(text, start, path, exists)
        if not any(f.start <= start < f.start + len(f.text) + 2 for f in found):
            found.append(FileMention(path, SUFFIX_KIND[Path(path).suffix.lstrip(".").lower()], start))
    return sorted(found, key=lambda f: f.start)


def _widened(text: str, start: int, path: str, exists: Callable[[str], bool]) -> tuple[str, int]:
    """The shortest run of up to four words before `path` that, with it, names an existing file."""
    words = list(re.finditer(r"[\w~./-]+", text[:start]))
    for n in range(1, min(4, len(words)) + 1):
        first = words[-n]
        candidate = text[first.start():start] + path
        if re.search(r"[\"“”‘’]", candidate):
            break
        if exists(candidate):
            return candidate, first.start()
    return path, start


OWN = re.compile(r"\bmy\s+(?:[\w'-]+\s+){0,2}?(videos?|clips?|movies?|footage|recordings?|songs?|tracks?|audio|"
                 r"voice memos?|podcasts?|photos?|pictures?|images?|selfies?|drawings?|3d models?|models?|meshes)\b(?!\.\w)",
                 re.I)
OWN_KIND = {"video": "video", "clip": "video", "movie": "video", "footage": "video", "recording": "audio",
            "song": "audio", "track": "audio", "audio": "audio", "voice memo": "audio", "podcast": "audio",
            "photo": "image", "picture": "image", "image": "image", "selfie": "image", "drawing": "image",
            "3d model": "mesh", "model": "mesh", "mesh": "mesh"}


def own_media(text: str) -> list[str]:
    """Kinds of the user's own media named without a file name, in order: 'my video' -> 'video',
    'my photos' -> 'image' (the caller asks which file is meant, or takes one from context)."""
    out = []
    for m in OWN.finditer(text):
        word = m.group(1).lower()
        out.append(OWN_KIND.get(word) or OWN_KIND.get(word[:-1]) or OWN_KIND[word[:-2]])  # videos, meshes
    return out
