"""Captions. Own images: a sentence from the scene graph (counts, colours, relations, setting,
style). Foreign images: an honest factual description (size, orientation, main colours,
brightness, faces found by OpenCV's bundled Haar cascade)."""

from __future__ import annotations

import colorsys
from collections import Counter
from typing import Any

import numpy as np
from PIL import Image

from .palette import COLOURS, to_rgb

NUMBERS = {1: "a", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight",
           9: "nine", 10: "ten", 11: "eleven", 12: "twelve"}
SETTING_WORDS = {"beach": "on a beach", "forest": "in a forest", "city": "on a city street",
                 "mountains": "in the mountains", "desert": "in the desert", "snow": "in the snow",
                 "underwater": "under water", "space": "in outer space", "room": "in a room",
                 "park": "in a park", "lake": "by a lake", "tabletop": "on a table top", "plain": ""}
RELATION_WORDS = {"left_of": "to the left of", "right_of": "to the right of", "next_to": "next to",
                  "above": "above", "below": "under", "on": "on", "in_front_of": "in front of",
                  "behind": "behind", "between": "between", "in": "in"}


def _plural(name: str, n: int) -> str:
    if n == 1:
        return name
    irregular = {"person": "people", "sheep": "sheep", "fish": "fish", "mouse": "mice", "cactus": "cacti"}
    if name in irregular:
        return irregular[name]
    if name.endswith(("s", "x", "ch", "sh")):
        return name + "es"
    if name.endswith("y") and name[-2:-1] not in "aeiou":
        return name[:-1] + "ies"
    return name + "s"


def _phrase(name: str, colour: str | None, n: int) -> str:
    word = NUMBERS.get(n, str(n))
    if n == 1:
        word = "an" if (colour or name)[0] in "aeiou" else "a"
    return " ".join(x for x in (word, colour, _plural(name, n)) if x)


def caption_own(layout: dict[str, Any]) -> str:
    groups = Counter((o["name"], o.get("colour")) for o in layout["objects"])
    phrases = [_phrase(name.replace("_", " "), colour, n) for (name, colour), n in groups.items()]
    style = layout.get("style", "flat")
    lead = {"watercolour": "A watercolour illustration", "night": "A night-time illustration",
            "sunset": "A sunset illustration"}.get(style, "A flat illustration")
    if not phrases:
        text = f"{lead} of an empty scene"
    else:
        text = f"{lead} of " + (", ".join(phrases[:-1]) + " and " + phrases[-1] if len(phrases) > 1 else phrases[0])
    rels = []
    for r in layout.get("relations", [])[:3]:
        rels.append(f"the {r['subject']} is {RELATION_WORDS.get(r['relation'], r['relation'])} the {r['object']}")
    setting = SETTING_WORDS.get(layout.get("setting", "plain"), "")
    text += f" {setting}" if setting else ""
    text += "; " + ", ".join(rels) if rels else ""
    unknown = layout.get("unknown") or []
    if unknown:
        text += f" ({', '.join(unknown)} shown as labelled placeholders)"
    return text + "."


def _colour_label(rgb: np.ndarray) -> str:
    r, g, b = (float(c) / 255 for c in rgb)
    h, s, v = colorsys.rgb_to_hsv(r, g, b)
    if v < 0.18:
        return "black"
    if s < 0.15:
        return "white" if v > 0.85 else "grey"
    best, dist = "grey", 9.0
    for name in ("red", "orange", "yellow", "green", "cyan", "blue", "purple", "pink", "brown"):
        ch, cs, cv = colorsys.rgb_to_hsv(*(c / 255 for c in to_rgb(COLOURS[name])))
        d = min(abs(h - ch), 1 - abs(h - ch)) * 4 + abs(v - cv) * 0.6
        if d < dist:
            best, dist = name, d
    return best


def main_colours(img: Image.Image, k: int = 3) -> list[tuple[str, float]]:
    small = np.asarray(img.convert("RGB").resize((64, 64)), dtype=np.uint8).reshape(-1, 3)
    if img.mode == "RGBA":   # only what shows: pixels under full transparency are not the picture
        seen = np.asarray(img.getchannel("A").resize((64, 64))).reshape(-1) >= 128
        small = small[seen] if seen.any() else small
    labels = Counter(_colour_label(px) for px in small[::2])
    total = sum(labels.values())
    return [(name, n / total) for name, n in labels.most_common(k) if n / total >= 0.08]


def face_cascade(name: str = "haarcascade_frontalface_default.xml") -> str | None:
    """The path of one of OpenCV's bundled face cascades, or None when this OpenCV has none
    (OpenCV 5 moved the cascades and CascadeClassifier out of the main package)."""
    import os

    import cv2

    data = getattr(getattr(cv2, "data", None), "haarcascades", "")
    path = os.path.join(data, name)
    return path if hasattr(cv2, "CascadeClassifier") and os.path.isfile(path) else None


FACE_LONG_SIDE = 800        # pictures are searched at most this big
FACE_MIN_SHARE = 1 / 16     # a face narrower than this share of the short side is not counted
FLAT_SHARE = 0.6            # a window this flat (identical neighbours) is flat-colour art, not a photo


def _flat_share(gray: np.ndarray, box: tuple[int, int, int, int]) -> float:
    x, y, w, h = box
    win = gray[y:y + h, x:x + w].astype(np.int16)
    same = (np.diff(win, axis=0)[:, :-1] == 0) & (np.diff(win, axis=1)[:-1] == 0)
    return float(same.mean()) if same.size else 1.0


def _confirmed(gray: np.ndarray, box: tuple[int, int, int, int], second: Any) -> bool:
    """A candidate counts when it is photo-like (not flat clip-art colour) and the second
    cascade also finds a face of about the same size around it."""
    if _flat_share(gray, box) >= FLAT_SHARE:
        return False
    x, y, w, h = box
    pad = w // 4
    sub = gray[max(0, y - pad):y + h + pad, max(0, x - pad):x + w + pad]
    size = max(20, int(w * 0.6))
    return len(second.detectMultiScale(sub, scaleFactor=1.1, minNeighbors=3, minSize=(size, size))) > 0


def count_faces(img: Image.Image) -> int | None:
    """Frontal faces found by OpenCV's bundled Haar cascades (the default frontal-face cascade,
    each hit confirmed by the alt2 cascade and refused on flat-colour art), or None when this
    OpenCV has no cascades."""
    import cv2

    paths = face_cascade(), face_cascade("haarcascade_frontalface_alt2.xml")
    if None in paths:
        return None
    first, second = (cv2.CascadeClassifier(p) for p in paths)
    if first.empty() or second.empty():
        return None
    gray = np.asarray(img.convert("L"))
    scale = min(1.0, FACE_LONG_SIDE / max(gray.shape))
    if scale < 1:
        gray = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    least = max(24, int(min(gray.shape) * FACE_MIN_SHARE))
    found = first.detectMultiScale(gray, scaleFactor=1.1, minNeighbors=5, minSize=(least, least))
    return sum(1 for box in found if _confirmed(gray, tuple(int(v) for v in box), second))


def caption_foreign(img: Image.Image, faces: int | None = None) -> str:
    """The factual description; `faces` is count_faces(img) when the caller already has it."""
    w, h = img.size
    shape = "square" if abs(w - h) <= 0.02 * max(w, h) else "landscape" if w > h else "portrait"
    grey = np.asarray(img.convert("L"), dtype=np.float32)
    seen = np.asarray(img.getchannel("A")) >= 128 if img.mode == "RGBA" else np.ones(grey.shape, bool)
    lum = float(grey[seen].mean() if seen.any() else grey.mean()) / 255
    light = "dark" if lum < 0.3 else "bright" if lum > 0.7 else "evenly lit"
    colours = main_colours(img)
    names = [name for name, _ in colours[:3]]
    col_text = (", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else names[0]) if names else "mixed colours"
    faces = count_faces(img) if faces is None else faces
    alpha = " with a transparent background" if img.mode == "RGBA" else ""
    article = "An" if light[0] in "aeiou" else "A"
    text = f"{article} {light} {shape} image ({w}x{h} pixels){alpha}, mostly {col_text}"
    if faces is not None:
        text += ", with " + {0: "no faces detected", 1: "one face detected"}.get(faces, f"{faces} faces detected")
    return text + "."
