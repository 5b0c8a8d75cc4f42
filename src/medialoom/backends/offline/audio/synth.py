"""Rendering a composed score: MIDI file -> the `fluidsynth` program with a General MIDI
SoundFont -> WAV cut to the exact duration with a short release at the very end."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import numpy as np

from ....errors import BackendUnavailable, ToolError
from .io import Audio, fade, fit_length, load

SOUNDFONT_DEFAULTS = ("/usr/share/sounds/sf2/FluidR3_GM.sf2", "/usr/share/sounds/sf2/default-GM.sf2",
                      "/usr/share/soundfonts/FluidR3_GM.sf2", "/usr/share/soundfonts/default.sf2")
RATE = 44100


def find_soundfont(configured: str | None) -> Path:
    """The configured SoundFont, else the Debian default; one clear line when there is none."""
    if configured:
        path = Path(configured).expanduser()
        if not path.is_file():
            raise BackendUnavailable(f"the SoundFont {path} set in [audio] soundfont does not exist; "
                                     "fix the path or apt install fluid-soundfont-gm")
        return path
    for candidate in SOUNDFONT_DEFAULTS:
        if Path(candidate).is_file():
            return Path(candidate)
    raise BackendUnavailable("no General MIDI SoundFont found; apt install fluid-soundfont-gm "
                             "or set [audio] soundfont in config.toml")


def fluidsynth() -> str:
    found = shutil.which("fluidsynth")
    if found is None:
        raise BackendUnavailable("the fluidsynth program is not installed; apt install fluidsynth "
                                 "(or use --backend neural)")
    return found


def render(midi: Path, soundfont: Path, wav: Path, duration: float, release: float = 0.8) -> Audio:
    """Synthesize `midi` and cut it to exactly `duration` seconds with a fade of `release`."""
    cmd = [fluidsynth(), "-n", "-i", "-q", "-g", "0.5", "-r", str(RATE), "-T", "wav",
           "-F", str(wav), str(soundfont), str(midi)]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    if done.returncode != 0 or not wav.is_file() or wav.stat().st_size < 100:
        tail = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no output"]
        raise ToolError(f"fluidsynth failed to render the music: {tail[0]}")
    audio = load(wav)
    frames = int(round(duration * RATE))
    samples = fit_length(audio.samples, frames)
    samples = fade(samples, RATE, fade_in=0.005, fade_out=min(release, duration * 0.2))
    return Audio(samples.astype(np.float32), RATE)
