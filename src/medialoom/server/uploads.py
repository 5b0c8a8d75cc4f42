"""Uploads: the type is sniffed from the first bytes (never trusted from the name or the
client's content type), the file is probed like any user file, then stored by hash."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from ..errors import InputError
from ..media import probe


@dataclass(frozen=True)
class Sniffed:
    kind: str
    suffix: str


def sniff(head: bytes) -> Sniffed | None:
    """Kind and suffix from a file's first bytes, for the formats medialoom reads."""
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return Sniffed("image", ".png")
    if head.startswith(b"\xff\xd8\xff"):
        return Sniffed("image", ".jpg")
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return Sniffed("image", ".gif")
    if head.startswith(b"BM") and len(head) > 14:
        return Sniffed("image", ".bmp")
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return Sniffed("image", ".webp")
    if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        return Sniffed("audio", ".wav")
    if head.startswith(b"fLaC"):
        return Sniffed("audio", ".flac")
    if head.startswith(b"OggS"):
        return Sniffed("audio", ".ogg")
    if head.startswith(b"ID3") or (len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0):
        return Sniffed("audio", ".mp3")
    if head[4:8] == b"ftyp":
        brand = head[8:12]
        if brand in (b"M4A ", b"M4B "):
            return Sniffed("audio", ".m4a")
        return Sniffed("video", ".mov" if brand == b"qt  " else ".mp4")
    if head.startswith(b"\x1aE\xdf\xa3"):
        return Sniffed("video", ".webm" if b"webm" in head[:64] else ".mkv")
    if head.startswith(b"glTF"):
        return Sniffed("mesh", ".glb")
    if head.lstrip().startswith(b"HIERARCHY"):
        return Sniffed("motion", ".bvh")
    return None


def save_upload(src: BinaryIO, folder: Path, limit: int) -> tuple[Path, Sniffed]:
    """Copy an upload into `folder` (at most `limit` bytes), sniff and probe it."""
    head = src.read(64)
    found = sniff(head)
    if found is None:
        raise UnsupportedMedia("the file is not an image, audio, video or GLB medialoom can read "
                               "(PNG, JPEG, GIF, BMP, WebP, WAV, FLAC, OGG, MP3, M4A, MP4, MOV, WebM, GLB)")
    path = folder / f"upload{found.suffix}"
    with open(path, "wb") as out:
        out.write(head)
        copied = len(head)
        while block := src.read(1 << 20):
            copied += len(block)
            if copied > limit:
                raise TooLarge(f"the file is over the {limit / (1 << 20):.3g} MiB upload limit "
                               "([server] upload_mb in config.toml)")
            out.write(block)
    probe(path, found.kind)
    return path, found


class UnsupportedMedia(InputError):
    pass


class TooLarge(InputError):
    pass


def clear(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)
