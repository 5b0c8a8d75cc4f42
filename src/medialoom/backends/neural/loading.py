"""From a model id to a local folder, and the pieces every neural backend shares.

A model is a local folder or a Hugging Face hub id. Hub ids are looked up in the local cache
(`HF_HUB_CACHE` / `HF_HOME`) and never fetched silently: medialoom downloads only when
`[neural] download = true` (or MEDIALOOM_DOWNLOAD=1) and HF_HUB_OFFLINE is not set. A model
that is not available is a `ModelNotFoundError` naming the id and how to fetch it. Backends
pass the resolved folder to `from_pretrained`, so a test's tiny model folder takes exactly the
code path of a hub id.
"""

from __future__ import annotations

import json
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from ...context import ToolContext
from ...errors import InputError, ModelNotFoundError


@dataclass(frozen=True)
class Resolved:
    """A model ready to load: `path` is a local folder; `model` is what the user named."""

    model: str
    path: Path
    revision: str | None

    def config(self, sub: str = "") -> dict[str, Any]:
        """config.json (or model_index.json for pipelines) of the folder or a subfolder."""
        folder = self.path / sub
        for name in ("model_index.json", "config.json"):
            if (folder / name).is_file():
                return json.loads((folder / name).read_text(encoding="utf-8"))
        return {}


def resolve(ctx: ToolContext, model: str | None = None) -> Resolved:
    """The local folder for `model` (default: ctx.model). Raises ModelNotFoundError."""
    name = model or ctx.model
    if not name:
        raise InputError(f"{ctx.tool} needs a model: pass --model {ctx.tool}=ID_OR_PATH")
    folder = Path(name).expanduser()
    if folder.is_dir():
        return Resolved(name, folder.resolve(), None)
    if name.startswith((".", "/", "~")) or name.count("/") != 1:
        raise ModelNotFoundError(name, f"no such folder; pass a model folder or a hub id with "
                                       f"--model {ctx.tool}=ID_OR_PATH")
    from huggingface_hub import snapshot_download
    from huggingface_hub.errors import LocalEntryNotFoundError

    from ...models import downloads_allowed, hf_cache_dir

    cache = str(hf_cache_dir())  # read now: huggingface_hub reads HF_HUB_CACHE once, at import
    try:
        path = Path(snapshot_download(name, local_files_only=True, cache_dir=cache))
    except (LocalEntryNotFoundError, FileNotFoundError, ValueError, OSError) as exc:
        if not downloads_allowed(ctx.config):
            raise ModelNotFoundError(name) from exc
        try:
            path = Path(snapshot_download(name, cache_dir=cache, **_wanted_files(name)))
        except Exception as exc2:  # network, auth, missing repo: all mean "not available"
            raise ModelNotFoundError(name, f"download failed ({type(exc2).__name__}); "
                                           f"hf download {name}") from exc2
    return Resolved(name, path, path.name if len(path.name) == 40 else None)


def _wanted_files(name: str) -> dict[str, Any]:
    """allow/ignore patterns for a download: configs and safetensors weights only, the fp16
    variant alone when the repository has one (families.download_plan)."""
    from huggingface_hub import list_repo_files

    from .families import download_plan

    allow, ignore, _ = download_plan(list_repo_files(name))
    return {"allow_patterns": allow, "ignore_patterns": ignore}


def quiet_loading() -> None:
    """No progress bars or warnings about optional packages (torchvision ...) from diffusers and
    transformers on medialoom's stderr: medialoom reports progress and errors itself."""
    import transformers

    transformers.utils.logging.disable_progress_bar()
    transformers.utils.logging.set_verbosity_error()
    try:
        import diffusers

        diffusers.utils.logging.disable_progress_bar()
        diffusers.utils.logging.set_verbosity_error()  # no "Expected types ..." chatter mid-run
    except ImportError:
        pass


def tool_setting(ctx: ToolContext, name: str, default: Any) -> Any:
    """A `[neural]` setting (steps, guidance ...): per tool (`[neural."image.generate"]`),
    then global, then `default`."""
    neural = ctx.config.sections.get("neural", {})
    per_tool = neural.get(ctx.tool, {})
    if isinstance(per_tool, dict) and per_tool.get(name) is not None:
        return per_tool[name]
    value = neural.get(name)
    return default if value is None else value


def generator(seed: int, device: str = "cpu") -> Any:
    """A torch generator on the CPU (results do not depend on the accelerator's RNG)."""
    import torch

    return torch.Generator("cpu").manual_seed(int(seed) % (2 ** 63))


def meta(resolved: Resolved, lease: Any, **extra: Any) -> dict[str, Any]:
    """What every neural result records."""
    out = {"backend": "neural", "model": resolved.model, "model_path": str(resolved.path),
           "revision": resolved.revision, "dtype": lease.dtype_name, "device": lease.device,
           "model_loaded": lease.load_seconds is not None}  # False: shared with an earlier step
    if lease.load_seconds is not None:
        out["load_seconds"] = lease.load_seconds
    out.update({k: v for k, v in extra.items() if v is not None})
    return out


def load_error(resolved: Resolved, exc: Exception) -> ModelNotFoundError:
    """A folder that exists but does not hold a loadable model of the right kind."""
    detail = str(exc).splitlines()[0][:160] if str(exc) else type(exc).__name__
    return ModelNotFoundError(resolved.model, f"cannot load it ({detail}); check that it is a "
                                              f"complete model of the right kind")


@dataclass
class Bundle:
    """A transformers model with its processor (the pool moves and measures the model)."""

    model: Any
    processor: Any


@contextmanager
def transformers_model(ctx: ToolContext, model_class: str, processor_class: str | None,
                       model: str | None = None, dtype: Any = None) -> Iterator[tuple[Resolved, Any]]:
    """Resolve a model and lease `Bundle(model, processor)` (transformers classes by name)."""
    resolved = resolve(ctx, model)  # first: a missing model is reported without importing transformers
    from .pool import LOAD_LOCK, get_pool

    with LOAD_LOCK:  # transformers' lazy imports are not thread-safe
        import transformers

        model_cls = getattr(transformers, model_class)
        proc_cls = getattr(transformers, processor_class) if processor_class else None

    def load(dt: Any) -> Bundle:
        quiet_loading()
        try:
            net = model_cls.from_pretrained(str(resolved.path), dtype=dt).eval()
            proc = proc_cls.from_pretrained(str(resolved.path)) if proc_cls else None
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            raise load_error(resolved, exc) from exc
        return Bundle(net, proc)

    key = ("transformers", model_class, str(resolved.path))
    with get_pool(ctx.config).use(key, load, dtype) as lease:
        yield resolved, lease
