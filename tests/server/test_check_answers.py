"""What a finished job shows (issue 15): final results marked, intermediates not, the check of
each generated output against its prompt, and the notes of what was drawn as placeholders."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from server_support import AUTH, real_image_tools
from test_api import run_job

pytestmark = pytest.mark.skipif(not real_image_tools(), reason="offline image tools not built yet")


def test_job_outputs_carry_final_check_and_notes(make_app):
    plan = {"steps": [
        {"id": "s1", "tool": "image.generate", "args": {"prompt": "two red balls and a zorblat", "width": 256,
                                                         "height": 256}},
        {"id": "s2", "tool": "image.edit", "args": {"image": "$s1", "instruction": "make it brighter"}}]}
    with TestClient(make_app(tools="real")) as c:
        c.headers.update(AUTH)
        job = run_job(c, plan=plan)
        assert job["status"] == "succeeded", job["error"]
        rows = {o["step"]: o for o in job["outputs"]}
        assert rows["s1"]["final"] is False and rows["s2"]["final"] is True
        check = rows["s1"]["check"]
        assert check["ok"] is True and check["scores"]["match"] == 100 and "check ok" in check["summary"]
        assert "check" not in rows["s2"], "an edit is not judged against a prompt"
        assert rows["s1"]["notes"] == ["drawn as labelled placeholders: zorblat"]
        planned = c.post("/v1/plan", json={"request": "draw a zorblat"}).json()
        assert "notes" in planned and isinstance(planned["notes"], list)


def test_a_local_path_is_told_to_use_the_upload_button(client):
    plan = {"steps": [{"id": "s1", "tool": "image.edit", "args": {"image": "C:/Users/me/cat.png", "instruction": "x"}}]}
    r = client.post("/v1/jobs", json={"plan": plan})
    assert r.status_code == 422 and "upload button" in r.json()["error"]
