"""Film looks that only make sense over time: grain that changes every frame (seeded), a
vignette, a gentle exposure flicker. `parse_looks` takes the video-only words out of an
instruction and leaves the rest for image.edit's parser."""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

# phrase -> looks it turns on; "vintage" also asks image.edit for sepia
LOOK_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (r"\b(old|vintage|retro|classic) (film|movie|footage|cinema)\b", ("grain", "vignette", "flicker", "sepia")),
    (r"\bsuper ?8\b|\b8 ?mm\b|\bfilm look\b", ("grain", "vignette", "flicker", "sepia")),
    (r"\bvintage\b|\bretro\b|\bold[- ]fashioned\b|\baged\b", ("grain", "vignette", "sepia")),
    (r"\b(film )?grain(y)?\b|\bnoisy\b|\badd noise\b", ("grain",)),
    (r"\bflicker(ing|y)?\b", ("flicker",)),
    (r"\bvignett(e|ing)\b|\bdark(en(ed)?)? (the )?(edges|corners)\b", ("vignette",)),
)
STRENGTH = {"subtle": 0.5, "slight": 0.5, "light": 0.6, "gentle": 0.6, "strong": 1.6, "heavy": 1.8,
            "lots of": 1.6, "very": 1.4}
GLUE = re.compile(r"^(?:\s|,|\.|;|and|with|add|give|it|a|an|the|some|look|effect|style|make|"
                  r"turn|into|to|like|please|clip|video|footage)*$")


@dataclass(frozen=True)
class Looks:
    grain: float = 0.0        # noise standard deviation in 0..255 units
    vignette: float = 0.0     # edge darkening, 0..1
    flicker: float = 0.0      # exposure wobble, fraction
    sepia: bool = False

    @property
    def any(self) -> bool:
        return bool(self.grain or self.vignette or self.flicker)

    def names(self) -> list[str]:
        return [n for n, v in (("film grain", self.grain), ("vignette", self.vignette),
                               ("flicker", self.flicker)) if v]


def parse_looks(instruction: str) -> tuple[Looks, str]:
    """(the looks named, the instruction with their words removed; '' when nothing is left)."""
    text = instruction.lower()
    wanted: set[str] = set()
    for pattern, looks in LOOK_WORDS:
        if re.search(pattern, text):
            wanted.update(looks)
            keep_sepia = "sepia" in looks and not re.search(r"\bsepia\b", text)
            text = re.sub(pattern, " sepia " if keep_sepia else " ", text)
    strength = next((v for k, v in STRENGTH.items() if re.search(rf"\b{k}\b", text)), 1.0)
    looks = Looks(grain=14.0 * strength if "grain" in wanted else 0.0,
                  vignette=min(0.9, 0.45 * strength) if "vignette" in wanted else 0.0,
                  flicker=0.04 * strength if "flicker" in wanted else 0.0,
                  sepia="sepia" in wanted)
    rest = re.sub(r"\s+", " ", text).strip(" ,.;")
    for word in STRENGTH:
        rest = re.sub(rf"\b{word}\b", " ", rest)
    rest = re.sub(r"\s+", " ", rest).strip(" ,.;")
    rest = re.sub(r"(\s*[,;]?\s*\b(and|with|plus|add|then|a|an|some)\b)+\s*$", "", rest).strip(" ,.;")
    return looks, "" if GLUE.match(rest) else rest


def vignette_mask(width: int, height: int, amount: float) -> np.ndarray:
    """Per-pixel gain (H x W x 1, float32): 1 in the middle, 1 - amount in the corners."""
    ys = (np.arange(height, dtype=np.float32) - (height - 1) / 2) / max(1.0, height / 2)
    xs = (np.arange(width, dtype=np.float32) - (width - 1) / 2) / max(1.0, width / 2)
    r2 = (xs[None, :] ** 2 + ys[:, None] ** 2) / 2.0
    return (1.0 - amount * np.clip(r2, 0, 1) ** 1.2)[..., None].astype(np.float32)


def apply_looks(frame: np.ndarray, looks: Looks, rng: np.random.Generator,
                mask: np.ndarray | None) -> np.ndarray:
    """One frame with grain (new noise each call), vignette (`mask` from vignette_mask) and
    flicker applied."""
    if not looks.any:
        return frame
    out = frame.astype(np.float32)
    if looks.flicker:
        out *= 1.0 + rng.uniform(-looks.flicker, looks.flicker)
    if mask is not None:
        out *= mask
    if looks.grain:
        h, w = frame.shape[:2]
        noise = rng.normal(0.0, looks.grain, size=(h, w, 1)).astype(np.float32)   # luminance grain
        out += noise
    return np.clip(out + 0.5, 0, 255).astype(np.uint8)
