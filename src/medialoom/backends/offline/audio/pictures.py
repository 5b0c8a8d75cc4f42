"""Pictures of a sound: a labelled waveform or spectrogram PNG drawn with PIL and numpy."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from .io import Audio

WIDTH, HEIGHT = 1200, 480
LEFT, RIGHT, TOP, BOTTOM = 100, 24, 40, 50
BACKGROUND = (18, 20, 28)
INK = (220, 224, 232)
GRID = (60, 64, 80)
WAVE = (90, 200, 255)
# magma-like colour ramp: dB from low to high
RAMP = np.array([(0, 0, 4), (40, 11, 84), (101, 21, 110), (159, 42, 99), (212, 72, 66),
                 (245, 125, 21), (250, 193, 39), (252, 255, 164)], dtype=np.float64)


def _font(size: int = 14) -> ImageFont.ImageFont:
    for path in ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",):
        if Path(path).is_file():
            return ImageFont.truetype(path, size)
    return ImageFont.load_default()


def _time_ticks(seconds: float) -> list[float]:
    for step in (0.1, 0.25, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300):
        if seconds / step <= 10:
            return list(np.arange(0, seconds + 1e-9, step))
    return [0.0, seconds]


def _frame(img: Image.Image, draw: ImageDraw.ImageDraw, title: str, seconds: float, y_label: str) -> None:
    font = _font()
    plot_w = WIDTH - LEFT - RIGHT
    draw.text((LEFT, 10), title, fill=INK, font=_font(16))
    for t in _time_ticks(seconds):
        x = LEFT + int(t / max(seconds, 1e-9) * plot_w)
        draw.line([(x, TOP), (x, HEIGHT - BOTTOM)], fill=GRID)
        label = f"{t:g}s" if seconds < 120 else f"{int(t // 60)}:{int(t % 60):02d}"
        draw.text((x - 10, HEIGHT - BOTTOM + 6), label, fill=INK, font=font)
    draw.text((WIDTH // 2 - 30, HEIGHT - 22), "time", fill=INK, font=font)
    box = draw.textbbox((0, 0), y_label, font=font)
    label = Image.new("RGB", (box[2] + 4, box[3] + 4), BACKGROUND)
    ImageDraw.Draw(label).text((2, 0), y_label, fill=INK, font=font)
    label = label.rotate(90, expand=True)
    img.paste(label, (6, TOP + (HEIGHT - TOP - BOTTOM - label.height) // 2))
    draw.rectangle([LEFT, TOP, WIDTH - RIGHT, HEIGHT - BOTTOM], outline=INK)


def waveform(audio: Audio, title: str, path: Path) -> Path:
    img = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(img)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    mono = audio.mono()
    peak = max(float(np.abs(mono).max()), 1e-9)
    edges = np.linspace(0, len(mono), plot_w + 1).astype(int)
    mid = TOP + plot_h / 2
    for x in range(plot_w):
        chunk = mono[edges[x]: max(edges[x + 1], edges[x] + 1)]
        lo, hi = float(chunk.min()), float(chunk.max())
        draw.line([(LEFT + x, mid - hi / peak * plot_h / 2), (LEFT + x, mid - lo / peak * plot_h / 2)], fill=WAVE)
    font = _font()
    for value in (1.0, 0.5, 0.0, -0.5, -1.0):
        y = mid - value * plot_h / 2
        draw.line([(LEFT - 5, y), (LEFT, y)], fill=INK)
        draw.text((LEFT - 60, y - 8), f"{value * peak:+.2f}", fill=INK, font=font)
    _frame(img, draw, title, audio.seconds, "amplitude")
    img.save(path)
    return path


def spectrogram(audio: Audio, title: str, path: Path) -> Path:
    from scipy.signal import stft

    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    nper = 2048 if audio.sr >= 32000 else 1024
    freqs, _, z = stft(audio.mono(), audio.sr, nperseg=nper, noverlap=nper * 3 // 4)
    db = 20 * np.log10(np.abs(z) + 1e-10)
    db = np.clip(db - db.max(), -90, 0)
    # log-frequency rows from 30 Hz to Nyquist
    top_hz = audio.sr / 2
    rows = np.geomspace(30, top_hz, plot_h)[::-1]
    index = np.clip(np.searchsorted(freqs, rows), 0, len(freqs) - 1)
    cols = np.linspace(0, db.shape[1] - 1, plot_w).round().astype(int)
    grid = db[index][:, cols]
    level = (grid + 90) / 90 * (len(RAMP) - 1)
    low = np.floor(level).astype(int).clip(0, len(RAMP) - 2)
    frac = (level - low)[..., None]
    rgb = RAMP[low] * (1 - frac) + RAMP[low + 1] * frac
    img = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    img.paste(Image.fromarray(rgb.astype(np.uint8)), (LEFT, TOP))
    draw = ImageDraw.Draw(img)
    font = _font()
    for hz in (50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000):
        if hz < top_hz:
            y = TOP + int((np.log(top_hz) - np.log(hz)) / (np.log(top_hz) - np.log(30)) * plot_h)
            draw.line([(LEFT - 5, y), (LEFT, y)], fill=INK)
            draw.text((LEFT - 62, y - 8), f"{hz / 1000:g} kHz" if hz >= 1000 else f"{hz} Hz", fill=INK, font=font)
    _frame(img, draw, title, audio.seconds, "frequency")
    img.save(path)
    return path
