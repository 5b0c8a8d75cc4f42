"""Configuration: `$MEDIALOOM_HOME/config.toml`, then environment variables, then arguments.

    [run]
    backend = "offline"          # offline | neural | auto
    workers = 0                  # 0 = one per CPU core
    [models]                     # tool id -> hub id or local folder
    "image.generate" = "stabilityai/sd-turbo"
    commercial_only = false      # true: refuse models whose licence forbids commercial use
    [audio]
    soundfont = "/usr/share/sounds/sf2/FluidR3_GM.sf2"
    [llm]
    base_url = "http://127.0.0.1:11434/v1"
    model = "llama3.1"
    [safety]
    prompt_guard = true
    output_check = true
    watermark = true
    c2pa = true
    [limits]                     # what one step may cost (budget.py, docs/limits.md)
    memory_gb = 2.0
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .errors import UsageError

BACKEND_CHOICES = ("offline", "neural", "auto")


def default_home() -> Path:
    env = os.environ.get("MEDIALOOM_HOME")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("medialoom", appauthor=False))


@dataclass(frozen=True)
class Config:
    home: Path = field(default_factory=default_home)
    backend: str = "offline"
    models: dict[str, str] = field(default_factory=dict)
    workers: int = 0
    soundfont: str | None = None
    llm_base_url: str | None = None
    llm_model: str | None = None
    llm_api_key: str | None = None
    safety: dict[str, bool] = field(default_factory=lambda: {
        "prompt_guard": True, "output_check": True, "watermark": True, "c2pa": True})
    memory: dict[str, float] = field(default_factory=dict)  # {"gpu_gb": 20, "cpu_gb": 8}
    sections: dict[str, Any] = field(default_factory=dict)  # every table of config.toml, as read

    def with_overrides(self, **changes: Any) -> "Config":
        return replace(self, **{k: v for k, v in changes.items() if v is not None})

    def model_for(self, tool_id: str) -> str | None:
        return self.models.get(tool_id)

    def workers_or_default(self) -> int:
        return self.workers if self.workers > 0 else max(2, os.cpu_count() or 2)


def load_config(home: Path | None = None) -> Config:
    """Read config.toml under the home folder (if any) and the MEDIALOOM_* variables."""
    home = Path(home) if home else default_home()
    data: dict[str, Any] = {}
    path = home / "config.toml"
    if path.is_file():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise UsageError(f"{path} is not valid TOML ({exc}); fix or delete it") from exc
    run = data.get("run", {})
    llm = data.get("llm", {})
    safety = {"prompt_guard": True, "output_check": True, "watermark": True, "c2pa": True}
    safety.update({k: bool(v) for k, v in data.get("safety", {}).items()})
    env = os.environ
    backend = env.get("MEDIALOOM_BACKEND", run.get("backend", "offline"))
    if backend not in BACKEND_CHOICES:
        raise UsageError(f"backend must be one of {', '.join(BACKEND_CHOICES)}, not {backend!r}")
    return Config(
        home=home,
        backend=backend,
        models={str(k): str(v) for k, v in data.get("models", {}).items() if not isinstance(v, bool)},
        workers=int(env.get("MEDIALOOM_WORKERS", run.get("workers", 0))),
        soundfont=env.get("MEDIALOOM_SOUNDFONT", data.get("audio", {}).get("soundfont")),
        llm_base_url=env.get("MEDIALOOM_LLM_BASE_URL", llm.get("base_url")),
        llm_model=env.get("MEDIALOOM_LLM_MODEL", llm.get("model")),
        llm_api_key=env.get("MEDIALOOM_LLM_API_KEY", env.get("OPENAI_API_KEY", llm.get("api_key"))),
        safety=safety,
        memory={str(k): float(v) for k, v in data.get("memory", {}).items()},
        sections=data,
    )
