"""The job event stream through sse-starlette: numbered events, Last-Event-ID resume, pings."""

from __future__ import annotations

import json


def _read(client, job_id: str, last: str | None = None) -> list[tuple[str, str, dict]]:
    """(id, event, data) of every event until the stream ends."""
    headers = {"Last-Event-ID": last} if last else {}
    found, eid, kind = [], None, None
    with client.stream("GET", f"/v1/jobs/{job_id}/events", headers=headers) as stream:
        assert stream.headers["content-type"].startswith("text/event-stream")
        for line in stream.iter_lines():
            if line.startswith("id: "):
                eid = line[4:]
            elif line.startswith("event: "):
                kind = line[7:]
            elif line.startswith("data: "):
                found.append((eid, kind, json.loads(line[6:])))
    return found


def test_events_are_numbered_and_a_reconnect_gets_only_what_it_missed(client):
    r = client.post("/v1/jobs", json={"request": "draw a red ball"})
    job_id = r.json()["id"]
    everything = _read(client, job_id)
    ids = [int(e[0]) for e in everything]
    assert ids == list(range(1, len(ids) + 1)) and len(ids) >= 4
    assert everything[-1][1] == "job" and everything[-1][2]["status"] == "succeeded"
    resumed = _read(client, job_id, last="2")
    assert resumed == everything[2:]
    assert _read(client, job_id, last="not a number") == everything


def test_the_stream_pings_while_a_job_is_quiet(client, monkeypatch):
    from medialoom.server import routes

    monkeypatch.setattr(routes, "KEEPALIVE_SECONDS", 0.1)
    plan = {"steps": [{"id": "s1", "tool": "test.sleep", "args": {"seconds": 1.2}}]}
    job_id = client.post("/v1/jobs", json={"plan": plan}).json()["id"]
    pings, last = 0, None
    with client.stream("GET", f"/v1/jobs/{job_id}/events") as stream:
        for line in stream.iter_lines():
            pings += line.startswith(": ping")
            last = line if line.startswith("data: ") else last
    assert pings >= 3 and json.loads(last[6:])["status"] == "succeeded"
