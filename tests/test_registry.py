"""Backend choice: offline by default, neural on request, auto picks what is really here."""

from __future__ import annotations

import pytest

from medialoom.errors import BackendUnavailable
from medialoom.registry import Registry


@pytest.fixture
def registry():
    return Registry.default()


def test_offline_default_and_neural_on_request(registry):
    assert registry.choose("image.generate").family == "offline"
    bound = registry.choose("image.generate", "neural")
    assert bound.family == "neural" and bound.model == "stabilityai/sd-turbo"
    assert registry.choose("image.generate", "neural", {"image.generate": "/m"}).model == "/m"


def test_auto_uses_neural_only_where_the_model_is_here(registry, tmp_path):
    assert registry.choose("image.generate", "auto").family == "offline"
    (tmp_path / "model").mkdir()
    local = registry.choose("image.generate", "auto", {"image.generate": str(tmp_path / "model")})
    assert local.family == "neural" and local.model == str(tmp_path / "model")


def test_auto_uses_a_configured_llm_endpoint_for_llm_roles(registry):
    assert registry.choose("text.write", "auto").family == "offline"
    assert registry.choose("text.write", "auto", llm_endpoint=True).family == "neural"
    assert registry.choose("image.layout", "auto", llm_endpoint=True).family == "neural"
    assert registry.choose("image.generate", "auto", llm_endpoint=True).family == "offline"


def test_a_tool_without_that_backend_says_so(registry):
    with pytest.raises(BackendUnavailable, match="no neural backend .* use --backend offline"):
        registry.choose("image.combine", "neural")


def test_backend_versions_change_with_the_backend_source(registry):
    a = registry.choose("image.generate").version
    b = registry.choose("audio.music").version
    assert a.startswith("0.1.0+") and a != b
