"""Reading text in a picture with the tesseract program (Debian tesseract-ocr): the picture as
it is, and its near-white and near-black pixels as black-on-white (titles drawn white with a
dark outline read only that way); the words of every reading together."""

from __future__ import annotations

import difflib
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import numpy as np

WORD_MATCH = 0.8     # a read word this close to an asked one (difflib ratio) counts as found


def tesseract() -> str | None:
    return shutil.which("tesseract")


def read_words(rgb: np.ndarray, wanted: str = "") -> set[str]:
    """Lower-case words tesseract reads in the picture (empty when it reads none); stops once
    every word of `wanted` is found."""
    from PIL import Image

    grey = (rgb.astype(np.float32) @ np.array([0.299, 0.587, 0.114], np.float32)).astype(np.uint8)
    scale = 2 if max(grey.shape) < 400 else 1
    variants = [np.where(grey > 235, 0, 255).astype(np.uint8), grey, np.where(grey < 40, 0, 255).astype(np.uint8)]
    words: set[str] = set()
    with tempfile.TemporaryDirectory() as tmp:
        for i, img in enumerate(variants):
            path = Path(tmp) / f"v{i}.png"
            pil = Image.fromarray(img)
            pil.resize((pil.width * scale, pil.height * scale)).save(path)
            out = subprocess.run([str(tesseract()), str(path), "-", "--psm", "11"], capture_output=True,
                                 text=True, timeout=60, check=False)
            words |= set(re.findall(r"[a-z0-9]+", out.stdout.lower()))
            if wanted and share_found(wanted, words) == 1.0:
                break
    return words


def share_found(asked: str, words: set[str]) -> float:
    wanted = re.findall(r"[a-z0-9]+", asked.lower())
    if not wanted:
        return 1.0
    hits = sum(1 for w in wanted if w in words or difflib.get_close_matches(w, words, 1, WORD_MATCH))
    return hits / len(wanted)
