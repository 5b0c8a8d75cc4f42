"""Fast test backends behind catalogue tool specs, for conversation tests: the planner sees the
real tool descriptions, the executor runs these in threads."""

from __future__ import annotations

import wave
from dataclasses import replace

import numpy as np
from PIL import Image

from medialoom.catalogue import catalogue
from medialoom.context import Output, ToolContext
from medialoom.registry import Registry
from medialoom.tools import BackendSpec

COLOURS = {"red": (200, 30, 30), "green": (30, 180, 60), "blue": (40, 60, 200)}
VOICE_HZ = {"female": 440.0, "male": 220.0}
TOOLS = {"image.generate": "generate", "image.edit": "edit", "audio.speech": "speech"}


def registry() -> Registry:
    specs = [s for s in catalogue() if s.id in TOOLS]
    return Registry(replace(s, backends=(BackendSpec("test", f"conversation_tools:{TOOLS[s.id]}"),))
                    for s in specs)


def generate(ctx: ToolContext, prompt: str, **_: object) -> Output:
    colour = next((c for w, c in COLOURS.items() if w in prompt.lower()), (128, 128, 128))
    path = ctx.out("image", ".png")
    Image.new("RGB", (32, 32), colour).save(path)
    return Output(path)


def edit(ctx: ToolContext, image, instruction: str) -> Output:
    pixels = np.asarray(Image.open(image.path).convert("RGB"), dtype=np.float32)
    factor = 0.5 if "dark" in instruction.lower() else 1.5 if "bright" in instruction.lower() else 1.0
    path = ctx.out("image", ".png")
    Image.fromarray(np.clip(pixels * factor, 0, 255).astype(np.uint8)).save(path)
    return Output(path)


def speech(ctx: ToolContext, text: str, voice: str | None = None, language: str | None = None,
           speed: float | None = None) -> Output:
    rate, hz = 16000, VOICE_HZ.get(voice or "", 330.0)
    t = np.arange(int(rate * (0.2 + 0.02 * len(text)))) / rate
    samples = (0.3 * np.sin(2 * np.pi * hz * t) * 32767).astype(np.int16)
    path = ctx.out("speech", ".wav")
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(samples.tobytes())
    return Output(path, meta={"voice": voice})


def pitch(path) -> float:
    """Dominant frequency of a WAV file."""
    with wave.open(str(path)) as w:
        data = np.frombuffer(w.readframes(w.getnframes()), dtype=np.int16).astype(np.float32)
        rate = w.getframerate()
    spectrum = np.abs(np.fft.rfft(data))
    return float(np.fft.rfftfreq(len(data), 1 / rate)[int(spectrum.argmax())])
