"""Fixtures for the embedded-model tests (helpers live in embedded_signals.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))


@pytest.fixture
def E():
    import medialoom.backends.embedded as backend

    return backend
