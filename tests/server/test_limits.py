"""The server refuses a job past [limits] at submission (issue 13, item 1): the 244-byte
audio.mix job with an hour's offset is a 4xx with one line, and the server keeps serving."""

from __future__ import annotations

from fastapi.testclient import TestClient
from server_support import AUTH


def test_an_hour_offset_mix_is_refused_at_submission_and_the_server_keeps_serving(make_app):
    plan = {"steps": [{"id": "s1", "tool": "audio.sound", "args": {"prompt": "rain", "duration": 1}},
                      {"id": "s2", "tool": "audio.mix", "args": {"audios": ["$s1", "$s1"], "offsets": [0, 3600]}}]}
    with TestClient(make_app(tools="real")) as c:
        c.headers.update(AUTH)
        r = c.post("/v1/jobs", json={"plan": plan})
        assert 400 <= r.status_code < 500
        assert "lower 'offsets'" in r.json()["error"]
        ok = c.post("/v1/jobs", json={"plan": {"steps": plan["steps"][:1]}})
        assert ok.status_code == 202
