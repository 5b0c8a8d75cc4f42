"""Tool id -> spec -> backends, and the choice of backend for a step.

A Registry is an ordinary object (no global): `Registry.default()` holds the catalogue, tests
build their own and `add` tools to it. Backends are imported when first called.
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.util
import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Callable, Iterable

from . import __version__
from .errors import BackendUnavailable, NotBuiltYet, UsageError
from .tools import BackendSpec, ToolSpec


@dataclass(frozen=True)
class Bound:
    """A tool with the backend chosen for it: what the executor calls and caches by."""

    spec: ToolSpec
    backend: BackendSpec
    model: str | None
    version: str

    @property
    def family(self) -> str:
        return self.backend.family

    def function(self) -> Callable[..., Any]:
        return load_entry(self.backend)


class Registry:
    def __init__(self, tools: Iterable[ToolSpec] = ()):
        self._tools: dict[str, ToolSpec] = {}
        for spec in tools:
            self.add(spec)

    @classmethod
    def default(cls) -> "Registry":
        """The catalogue plus plugin tools: modules named in MEDIALOOM_PLUGINS (comma-separated)
        that define `TOOLS`, a sequence of ToolSpec."""
        from .catalogue import catalogue

        registry = cls(catalogue())
        for name in filter(None, (m.strip() for m in os.environ.get("MEDIALOOM_PLUGINS", "").split(","))):
            try:
                module = importlib.import_module(name)
            except ImportError as exc:
                raise UsageError(f"plugin {name} (MEDIALOOM_PLUGINS) cannot be imported: {exc}") from exc
            for spec in getattr(module, "TOOLS", ()):
                registry.add(spec)
        return registry

    def add(self, spec: ToolSpec) -> None:
        if spec.id in self._tools:
            raise ValueError(f"tool {spec.id} is already registered")
        self._tools[spec.id] = spec

    def __contains__(self, tool_id: object) -> bool:
        return tool_id in self._tools

    def __iter__(self):
        return iter(self._tools.values())

    def __len__(self) -> int:
        return len(self._tools)

    def get(self, tool_id: str) -> ToolSpec | None:
        return self._tools.get(tool_id)

    def spec(self, tool_id: str) -> ToolSpec:
        spec = self._tools.get(tool_id)
        if spec is None:
            raise UsageError(f"unknown tool '{tool_id}'; 'medialoom tools' lists them")
        return spec

    def choose(self, tool_id: str, preference: str = "offline",
               models: dict[str, str] | None = None, llm_endpoint: bool = False) -> Bound:
        """Pick the backend for a tool: `offline`, `neural`, or `auto` (neural where its model is
        available locally, or for LLM roles a chat endpoint is configured; else offline).
        An `embedded` backend (a small model shipped inside a PyPI wheel, no download) comes
        before the offline one under `auto`, and under `offline` where it is `preferred`.
        Raises BackendUnavailable with what to install."""
        spec = self.spec(tool_id)
        models = models or {}
        order = {"offline": ["embedded", "offline", "test"], "neural": ["neural", "test"],
                 "auto": ["neural", "embedded", "offline", "test"]}.get(preference)
        if order is None:
            raise UsageError(f"backend must be offline, neural or auto, not {preference!r}")
        candidates = [b for fam in order if (b := spec.backend(fam))]
        if preference == "offline":  # a model shipped in a wheel runs by default where it beats
            candidates = [b for b in candidates  # the classical backend, or where there is none
                          if b.family != "embedded" or b.preferred or not spec.backend("offline")]
        if preference != "auto" and not candidates:
            other = ", ".join(b.family for b in spec.backends)
            raise BackendUnavailable(f"{tool_id} has no {preference} backend (it has: {other}); "
                                     f"use --backend {spec.backends[0].family} or auto")
        problems: list[str] = []
        for backend in candidates:
            model = models.get(tool_id) or backend.default_model
            found = backend.problems()
            if not found and backend.family == "neural" and preference == "auto" \
                    and not (backend.llm and llm_endpoint):
                from .models import model_is_local

                if not model_is_local(model):
                    found = [f"model {model} not available locally"]
            if not found:
                return Bound(spec, backend, model if backend.family == "neural" else None,
                             backend_version(backend))
            problems.append(f"{backend.family}: {found[0]}")
        if not candidates:
            problems.append("no backend")
        raise BackendUnavailable(f"{tool_id} cannot run here ({'; '.join(problems)})")

    def availability(self, config: Any = None) -> list[dict[str, Any]]:
        """Every tool with each backend's status on this machine, for `medialoom tools`. A neural
        backend is available when its model (config [models] or the default) is here too."""
        from .models import missing_model

        chosen = dict(getattr(config, "models", None) or {})
        rows = []
        for spec in self:
            backends = []
            for b in spec.backends:
                problems = b.problems()
                if not problems and not entry_exists(b):
                    problems = [f"not built yet (issue #{b.issue})" if b.issue else "not built yet"]
                model = chosen.get(spec.id) or b.default_model
                if not problems and b.family == "neural":
                    if missing_model(spec.id, {}, model, b.entry, config):
                        hub = model.count("/") == 1 and not model.startswith((".", "/", "~"))
                        problems = [f"model {model} not downloaded (hf download {model})" if hub
                                    else f"no model folder {model}"]
                backends.append({"name": b.family, "available": not problems,
                                 "why": problems[0] if problems else None,
                                 "model": model if b.family == "neural" else b.default_model,
                                 **({"licence": lic} if (lic := _licence(b, model)) else {})})
            rows.append({"id": spec.id, "output": spec.output, "description": spec.description,
                         "backends": backends, "parameters": spec.json_schema()})
        return rows


def _licence(backend: BackendSpec, model: str | None) -> str | None:
    """An embedded backend's licence, or a neural model's where it forbids commercial use."""
    if backend.licence:
        return backend.licence
    from .licences import noncommercial_note

    note = noncommercial_note(model) if backend.family == "neural" else None
    return note.split(" is ", 1)[1] if note else None


def entry_exists(backend: BackendSpec) -> bool:
    module = backend.entry.split(":")[0]
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        return False


def load_entry(backend: BackendSpec) -> Callable[..., Any]:
    module_name, fn_name = backend.entry.split(":")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name and module_name.startswith(exc.name):
            issue = f" (issue #{backend.issue})" if backend.issue else ""
            raise NotBuiltYet(f"the {backend.family} backend {module_name} is not built yet{issue}") from exc
        raise BackendUnavailable(f"{backend.family} backend needs Python package {exc.name}: "
                                 f"pip install {exc.name}") from exc
    fn = getattr(module, fn_name, None)
    if fn is None:
        issue = f" (issue #{backend.issue})" if backend.issue else ""
        raise NotBuiltYet(f"the {backend.family} backend {backend.entry} is not built yet{issue}")
    return fn


@cache
def backend_version(backend: BackendSpec) -> str:
    """medialoom's version plus a hash of every project module the backend can import,
    transitively, and of the code every step runs through (worker, safety finishing), so a
    change to any code that shapes the output retires its cache entries (codehash.py)."""
    from .codehash import code_version, module_file, package_root

    module = backend.entry.split(":")[0]
    if module.startswith("medialoom.") and module_file(module, package_root()) is None:
        return f"{__version__}+missing"
    roots = [module, "medialoom.worker"]
    if not module.startswith("medialoom."):  # a plugin or test module: its own file, then ours
        try:
            found = importlib.util.find_spec(module)
        except (ImportError, ValueError):
            found = None
        if found is None or not found.origin:
            return f"{__version__}+missing"
        digest = hashlib.sha256(Path(found.origin).read_bytes()).hexdigest()[:6]
        return f"{__version__}+{digest}.{code_version(roots)}"
    return f"{__version__}+{code_version(roots)}"
