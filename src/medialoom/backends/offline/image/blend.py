"""Putting a cut-out into a picture so it belongs there: colour and light matched to the scene
(a partial Reinhard transfer in LAB), a soft contact shadow, feathered edges."""

from __future__ import annotations

import numpy as np
from PIL import Image

FEATHER = 1.2      # edge softness in pixels of the placed subject


def match_colour(subject: np.ndarray, mask: np.ndarray, scene: np.ndarray, strength: float) -> np.ndarray:
    """Move the subject's LAB mean and spread `strength` of the way toward the scene's
    (0 = unchanged, 1 = the scene's statistics). Only an affine change per channel, so the
    subject's own pattern is kept."""
    import cv2

    if strength <= 0 or not mask.any():
        return subject
    lab = cv2.cvtColor(subject, cv2.COLOR_RGB2LAB).astype(np.float32)
    ref = cv2.cvtColor(scene, cv2.COLOR_RGB2LAB).astype(np.float32).reshape(-1, 3)
    px = lab[mask]
    mu_s, sd_s = px.mean(axis=0), px.std(axis=0) + 1e-3
    mu_t, sd_t = ref.mean(axis=0), ref.std(axis=0) + 1e-3
    gain = 1.0 + strength * 0.5 * (np.clip(sd_t / sd_s, 0.5, 2.0) - 1.0)   # spread: half as far
    shift = mu_s + strength * (mu_t - mu_s) * np.array([1.0, 0.35, 0.35], np.float32)
    out = (lab - mu_s) * gain + shift
    out = np.clip(out, 0, 255).astype(np.uint8)
    return cv2.cvtColor(out, cv2.COLOR_LAB2RGB)


def contact_shadow(base: np.ndarray, mask: np.ndarray, left: int, top: int, darkness: float = 0.38) -> np.ndarray:
    """Darken the ground under the subject: a blurred ellipse as wide as its lowest part."""
    import cv2

    h, w = mask.shape
    rows = np.nonzero(mask.any(axis=1))[0]
    if rows.size == 0:
        return base
    low = mask[max(rows[-1] - max(2, h // 10), 0):rows[-1] + 1]
    cols = np.nonzero(low.any(axis=0))[0]
    cx, half = left + (cols[0] + cols[-1]) / 2, max(3.0, (cols[-1] - cols[0]) / 2 * 1.1)
    cy = top + rows[-1]
    H, W = base.shape[:2]
    ellipse = np.zeros((H, W), np.float32)
    cv2.ellipse(ellipse, (int(cx), int(cy)), (int(half), max(2, int(half * 0.16))), 0, 0, 360, 1.0, -1)
    shade = cv2.GaussianBlur(ellipse, (0, 0), max(1.5, half * 0.12))
    return (base.astype(np.float32) * (1 - darkness * shade[..., None])).astype(np.uint8)


def paste(base: np.ndarray, subject: np.ndarray, mask: np.ndarray, left: int, top: int) -> np.ndarray:
    """Alpha-blend the subject with feathered edges at (left, top)."""
    import cv2

    alpha = cv2.GaussianBlur(mask.astype(np.float32), (0, 0), FEATHER)
    alpha = np.where(mask, np.maximum(alpha, 0.5), alpha)
    h, w = mask.shape
    H, W = base.shape[:2]
    x1, y1 = min(W, left + w), min(H, top + h)
    a = alpha[: y1 - top, : x1 - left, None]
    region = base[top:y1, left:x1].astype(np.float32)
    out = base.copy()
    out[top:y1, left:x1] = (region * (1 - a) + subject[: y1 - top, : x1 - left] * a).astype(np.uint8)
    return out


def watercolour(rgb: np.ndarray) -> np.ndarray:
    """A painterly look for subjects in watercolour scenes: OpenCV's stylization (edge-aware
    smoothing into washes) blended 60% over the photo, so the subject stays recognisable."""
    import cv2

    washed = cv2.stylization(rgb, sigma_s=30, sigma_r=0.35)
    return cv2.addWeighted(washed, 0.6, rgb, 0.4, 0)


def resized(cut_rgb: Image.Image, mask: np.ndarray, w: int, h: int) -> tuple[np.ndarray, np.ndarray]:
    """The subject's pixels and mask at w x h (area filter down, Lanczos up)."""
    down = w < cut_rgb.width
    img = cut_rgb.resize((w, h), Image.Resampling.BOX if down else Image.Resampling.LANCZOS)
    m = Image.fromarray(mask.astype(np.uint8) * 255).resize((w, h), Image.Resampling.BILINEAR)
    return np.asarray(img.convert("RGB")), np.asarray(m) >= 128
