"""Fixtures for the server tests: an app over a private data folder with the exact test tools."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # server_tools, imported by the executor

TOKEN = "test-token-0123456789"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


QUIET_SAFETY = "[safety]\noutput_check = false\nwatermark = false\nc2pa = false\n"


@pytest.fixture
def quiet_home(home):
    """The home with output checks, watermarks and C2PA off: these tests compare exact pixels
    and do not test safety (tests/safety does)."""
    (home / "config.toml").write_text(QUIET_SAFETY)
    return home


@pytest.fixture
def make_app(quiet_home):
    """make_app(**create_app options) -> app over the test's home, with the test tools."""
    import server_tools

    from medialoom.config import load_config
    from medialoom.server.app import create_app
    from medialoom.session import Session

    def make(**kw):
        session = Session(load_config(quiet_home), registry=server_tools.registry())
        return create_app(session=session, token=kw.pop("token", TOKEN), **kw)

    return make


@pytest.fixture
def client(make_app):
    from fastapi.testclient import TestClient

    with TestClient(make_app()) as c:
        c.headers.update(AUTH)
        yield c
