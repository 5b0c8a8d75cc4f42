"""Concurrent server jobs that call one neural tool with one model are batched together: the
model pool's batcher serves steps of different jobs in one pipeline call."""

from __future__ import annotations

import time

import pytest
from fastapi.testclient import TestClient

pytestmark = [pytest.mark.neural, pytest.mark.slow]
TOKEN = "test-token-0123456789"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def test_concurrent_jobs_share_one_pipeline_call(tiny_model, home):
    from medialoom.backends.neural.pool import get_pool
    from medialoom.config import load_config
    from medialoom.server.app import Limits, create_app
    from medialoom.session import Session

    folder = tiny_model("sd")
    (home / "config.toml").write_text(
        '[safety]\noutput_check = false\nwatermark = false\nc2pa = false\n[run]\nbackend = "neural"\n'
        f'[models]\n"image.generate" = "{folder}"\n[neural]\nsteps = 8\n')

    def app(start: bool):
        return create_app(session=Session(load_config(home)), token=TOKEN,
                          limits=Limits(max_jobs=4), start_worker=start)

    plans = [{"steps": [{"id": "s1", "tool": "image.generate",
                         "args": {"prompt": "a cat", "width": 32, "height": 32, "seed": i}}]} for i in range(4)]
    with TestClient(app(False)) as c:  # queued while no worker runs ...
        c.headers.update(AUTH)
        ids = [c.post("/v1/jobs", json={"plan": p}).json()["id"] for p in plans]
    with TestClient(app(True)) as c:  # ... then four workers take them at once
        c.headers.update(AUTH)
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline:
            jobs = [c.get(f"/v1/jobs/{i}").json() for i in ids]
            if all(j["status"] in ("succeeded", "failed") for j in jobs):
                break
            time.sleep(0.1)
    assert [j["status"] for j in jobs] == ["succeeded"] * 4, [j["error"] for j in jobs]
    entries = [e for key, e in get_pool(load_config(home))._entries.items() if key[2] == str(folder.resolve())]
    batches = entries[0].state["batcher"].batches
    assert sum(batches) >= 4 and max(batches) >= 2, f"steps of different jobs shared a call: {batches}"
    assert len({j["outputs"][0]["sha256"] for j in jobs}) == 4  # each job got its own image
