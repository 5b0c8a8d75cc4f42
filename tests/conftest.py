"""Shared fixtures: a private store per test, tool contexts, artifacts from files."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # helper modules such as engine_tools


@pytest.fixture(autouse=True)
def _private_home(tmp_path_factory, monkeypatch):
    """Every test gets its own MEDIALOOM_HOME, so no test sees another's cache."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("MEDIALOOM_HOME", str(home))
    monkeypatch.setenv("MEDIALOOM_LLM", "offline")  # never probe real ports for an LLM unless a test asks
    return home


@pytest.fixture
def home(_private_home) -> Path:
    return _private_home


@pytest.fixture
def config(home):
    from medialoom.config import load_config

    return load_config(home)


@pytest.fixture
def store(home):
    from medialoom.store import Store

    s = Store(home)
    yield s
    s.close()


@pytest.fixture
def make_ctx(tmp_path, config):
    """make_ctx(tool="image.generate", seed=0, model=None) -> ToolContext writing into tmp_path."""
    from medialoom.context import ToolContext

    counter = iter(range(10_000))

    def make(tool: str = "test.tool", seed: int = 0, model: str | None = None,
             backend: str = "offline") -> ToolContext:
        n = next(counter)
        return ToolContext(f"s{n}", tool, backend, seed, tmp_path / f"work{n}", config, model)

    return make


@pytest.fixture
def artifact(store):
    """artifact(path, kind) -> Artifact: a file imported into the test's store."""

    def make(path, kind: str):
        return store.import_user_file(Path(path), kind)

    return make


@pytest.fixture
def engine_session(config):
    """A Session whose registry also holds the engine test tools (tests/engine_tools.py)."""
    import engine_tools
    from medialoom.registry import Registry
    from medialoom.session import Session

    registry = Registry.default()
    for spec in engine_tools.TOOLS:
        registry.add(spec)
    s = Session(config, registry=registry)
    yield s
    s.store.close()
