"""Audio benchmark: real-time factors of the offline speech, music and sound backends.

Real-time factor (RTF) = seconds of work / seconds of audio produced (below 1 = faster than
real time). Each tool is measured against a peer measured in the same run:
  1. audio.speech against the bare espeak-ng program writing the same text to a WAV;
  2. audio.music (compose + MIDI + FluidSynth + loudness) against FluidSynth rendering the
     same MIDI file alone;
  3. audio.sound (procedural layers + loudness) against writing the same length of white noise.

Usage: .venv/bin/python bench/audio.py [--seconds 30] [--repeat 3]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Callable

import numpy as np
import soundfile

from medialoom.config import load_config
from medialoom.context import ToolContext
import medialoom.backends.offline.audio as audio
from medialoom.backends.offline.audio.synth import find_soundfont

TEXT = ("The lighthouse keeper climbed the stairs every evening. He lit the lamp and watched the "
        "ships pass in the dark. Nobody knew his name, but every sailor knew his light. ")
MUSIC = ("calm piano ballad", "upbeat jazz trio", "synthwave", "dramatic orchestral",
         "ambient meditation", "playful ukulele", "rock", "lo-fi hip hop")
SOUNDS = ("rain with distant thunder", "ocean waves", "city traffic", "crowd", "fire crackle", "birds")


def best(fn: Callable[[], float], repeat: int) -> tuple[float, float]:
    """(fastest wall time, audio seconds) over `repeat` runs."""
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        seconds = fn()
        runs.append((time.perf_counter() - start, seconds))
    return min(runs)


def seconds_of(path: Path) -> float:
    info = soundfile.info(str(path))
    return info.frames / info.samplerate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=30.0, help="music and sound length")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="bench-audio-"))
    config = load_config(root / "home")
    counter = iter(range(100_000))

    def ctx() -> ToolContext:
        n = next(counter)
        return ToolContext(f"b{n}", "bench", "offline", 1, root / f"w{n}", config)

    rows: list[tuple[str, float, float, float, float]] = []
    text = TEXT * 2
    t, s = best(lambda: seconds_of(audio.speech(ctx(), text).path), args.repeat)
    wav = root / "peer.wav"
    pt, ps = best(lambda: (subprocess.run(["espeak-ng", "-w", str(wav), text], check=True), seconds_of(wav))[1],
                  args.repeat)
    rows.append(("audio.speech", t, s, pt, ps))
    soundfont = find_soundfont(None)
    for prompt in MUSIC:
        last: dict = {}

        def compose() -> float:
            last.update(audio.music(ctx(), prompt, duration=args.seconds, seed=3))
            return seconds_of(last["main"].path)

        t, s = best(compose, args.repeat)
        midi = last["midi"].path
        peer = root / "peer-music.wav"
        pt, ps = best(lambda: (subprocess.run([shutil.which("fluidsynth") or "fluidsynth", "-n", "-i", "-q",
                                               "-F", str(peer), str(soundfont), str(midi)], check=True),
                               seconds_of(peer))[1], args.repeat)
        rows.append((f"audio.music  {prompt}", t, s, pt, ps))
    for prompt in SOUNDS:
        t, s = best(lambda: seconds_of(audio.sound(ctx(), prompt, duration=args.seconds, seed=3).path), args.repeat)
        noise = root / "noise.wav"
        pt, ps = best(lambda: (soundfile.write(str(noise), np.random.default_rng(0).standard_normal(
            int(args.seconds * 44100)).astype(np.float32) * 0.1, 44100), args.seconds)[1], args.repeat)
        rows.append((f"audio.sound  {prompt}", t, s, pt, ps))
    print(f"{'tool':44s} {'audio s':>8s} {'work s':>8s} {'RTF':>7s} {'x real':>8s} {'peer RTF':>9s} {'vs peer':>8s}")
    for name, t, s, pt, ps in rows:
        rtf, peer_rtf = t / s, pt / ps
        print(f"{name:44s} {s:8.2f} {t:8.3f} {rtf:7.4f} {s / t:8.1f} {peer_rtf:9.4f} {rtf / peer_rtf:7.2f}x")
    shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
