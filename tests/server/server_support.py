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
    """make_app(tools="test", **create_app options) -> app over the test's home."""
    import server_tools

    from medialoom.config import load_config
    from medialoom.server.app import create_app
    from medialoom.session import Session

    def make(tools: str = "test", **kw):
        """tools="test": the exact stand-ins; "real": the catalogue with its offline backends."""
        from medialoom.registry import Registry

        registry = server_tools.registry() if tools == "test" else Registry.default()
        session = Session(load_config(quiet_home), registry=registry)
        return create_app(session=session, token=kw.pop("token", TOKEN), **kw)

    return make


@pytest.fixture
def client(make_app):
    from fastapi.testclient import TestClient

    with TestClient(make_app()) as c:
        c.headers.update(AUTH)
        yield c


def real_image_tools() -> bool:
    """True when the offline image.generate, image.segment and image.inpaint backends exist."""
    from medialoom.registry import Registry, entry_exists

    registry = Registry.default()
    return all(entry_exists(registry.spec(t).backend("offline"))
               for t in ("image.generate", "image.segment", "image.inpaint"))


def red_centre(pixels) -> tuple[int, int, int]:
    """(x, y, count) of the strongly red pixels of an RGB array."""
    import numpy as np

    r, g, b = (pixels[..., i].astype(int) for i in range(3))
    red = (r > 150) & (g < 110) & (b < 110) & (r - g > 80)
    ys, xs = np.nonzero(red)
    if len(xs) == 0:
        return -1, -1, 0
    return int(np.median(xs)), int(np.median(ys)), int(red.sum())
