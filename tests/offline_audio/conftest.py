"""Fixtures for the offline audio tests: the backend package and a context factory."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # audio_checks


@pytest.fixture
def A():
    import medialoom.backends.offline.audio as backend

    return backend
