"""Follow-ups in a server session: a request that refers back and also asks for something new
("now add rain sounds to it") keeps the new thing; only what "it" points at is the session's file."""

from __future__ import annotations

import json

import numpy as np
import soundfile as sf
from fastapi.testclient import TestClient
from server_support import AUTH


def run_plan(client: TestClient, steps: list[dict], session: str) -> dict:
    r = client.post("/v1/jobs", json={"plan": {"steps": steps}, "session": session})
    assert r.status_code == 202, r.text
    with client.stream("GET", f"/v1/jobs/{r.json()['id']}/events") as stream:
        for _ in stream.iter_lines():
            pass
    job = client.get(f"/v1/jobs/{r.json()['id']}").json()
    assert job["status"] == "succeeded", job
    return job


def test_new_sounds_are_made_not_replaced_by_the_last_audio(make_app, tmp_path):
    with TestClient(make_app(tools="real")) as client:
        client.headers.update(AUTH)
        sid = client.post("/v1/sessions").json()["id"]
        said = run_plan(client, [{"id": "s1", "tool": "audio.speech", "args": {"text": "good evening"}}], sid)
        video = run_plan(client, [{"id": "s1", "tool": "video.generate", "args": {
            "prompt": "a calm sea", "duration": 1, "width": 96, "height": 64, "fps": 8}}], sid)
        narration, clip = said["outputs"][0]["name"], video["outputs"][0]["name"]

        for request in ("now add rain sounds to it", "now add rain sounds"):
            r = client.post("/v1/plan", json={"request": request, "session": sid})
            assert r.status_code == 200, r.text
            steps = r.json()["plan"]["steps"]
            tools = [s["tool"] for s in steps]
            assert tools == ["audio.sound", "video.add_audio"], (request, steps)
            assert "rain" in steps[0]["args"]["prompt"]
            assert steps[1]["args"] == {"video": clip, "audio": "$s1", "mode": "mix"}, json.dumps(steps)

        # pointing at the narration still puts that file on the video, made by no new step
        steps = client.post("/v1/plan", json={"request": "put the narration on the video", "session": sid}
                            ).json()["plan"]["steps"]
        assert [(s["tool"], s["args"]) for s in steps] == [("video.add_audio", {"video": clip, "audio": narration, "mode": "mix"})]

        # and the job runs: the video's sound is new rain, not the narration
        job = client.post("/v1/jobs", json={"request": "now add rain sounds to it", "session": sid}).json()
        with client.stream("GET", f"/v1/jobs/{job['id']}/events") as stream:
            for _ in stream.iter_lines():
                pass
        done = client.get(f"/v1/jobs/{job['id']}").json()
        assert done["status"] == "succeeded", done
        sound = next(o for o in done["outputs"] if o["tool"] == "audio.sound")
        data = client.get(sound["url"]).content
        path = tmp_path / "rain.wav"
        path.write_bytes(data)
        samples, rate = sf.read(path)
        assert len(samples) / rate >= 0.9 and float(np.abs(samples).max()) > 0.01
        assert sound["sha256"] != said["outputs"][0]["sha256"]


def test_it_after_an_upload_is_the_upload(client):
    """A run made an image, then a photo was uploaded: 'make it black and white' edits the photo."""
    import io

    from PIL import Image

    sid = client.post("/v1/sessions").json()["id"]
    made = run_plan(client, [{"id": "s1", "tool": "image.generate", "args": {"prompt": "a red disc"}}], sid)
    buf = io.BytesIO()
    Image.new("RGB", (64, 48), (10, 200, 10)).save(buf, format="PNG")
    up = client.post("/v1/uploads", files={"file": ("g.png", buf.getvalue(), "image/png")}, data={"session": sid}).json()
    steps = client.post("/v1/plan", json={"request": "make it black and white", "session": sid}).json()["plan"]["steps"]
    assert [(s["tool"], s["args"]["image"]) for s in steps] == [("image.edit", up["name"])]
    # once a run has used the upload, "it" is that run's output again
    edited = run_plan(client, [{"id": "s1", "tool": "image.edit", "args": {"image": up["name"],
                                                                            "instruction": "make it darker"}}], sid)
    steps = client.post("/v1/plan", json={"request": "make it black and white", "session": sid}).json()["plan"]["steps"]
    assert steps[0]["args"]["image"] == edited["outputs"][0]["name"] != made["outputs"][0]["name"]
