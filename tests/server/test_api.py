"""HTTP API: every endpoint, auth, limits, path tricks, restart, sessions and pointing."""

from __future__ import annotations

import hashlib
import io
import json

import numpy as np
import pytest
from server_support import AUTH, TOKEN
from fastapi.testclient import TestClient
from PIL import Image
from server_tools import BLUE, DISC, ORANGE, RED, SKY, SQUARE, picture

from medialoom.server.app import Limits
from medialoom.server.workspace import replacement


def events(client: TestClient, job_id: str) -> list[dict]:
    """Every SSE event of a job, read until the stream ends (the job finished)."""
    found, kind = [], None
    with client.stream("GET", f"/v1/jobs/{job_id}/events") as stream:
        assert stream.headers["content-type"].startswith("text/event-stream")
        for line in stream.iter_lines():
            if line.startswith("event: "):
                kind = line[7:]
            elif line.startswith("data: "):
                found.append({**json.loads(line[6:]), "_event": kind})
    return found


def run_job(client: TestClient, **body) -> dict:
    r = client.post("/v1/jobs", json=body)
    assert r.status_code == 202, r.text
    events(client, r.json()["id"])
    return client.get(f"/v1/jobs/{r.json()['id']}").json()


def pixels(client: TestClient, output: dict) -> np.ndarray:
    r = client.get(output["url"])
    assert r.status_code == 200 and r.headers["content-type"] == "image/png"
    assert hashlib.sha256(r.content).hexdigest() == output["sha256"]
    return np.asarray(Image.open(io.BytesIO(r.content)).convert("RGB"))


def png_bytes(img: Image.Image) -> bytes:
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    return buf.getvalue()


def test_health_needs_no_token_and_everything_else_does(make_app):
    with TestClient(make_app()) as c:
        health = c.get("/health").json()
        assert health["status"] == "ok"          # this home switches three layers off: said here
        assert health["safety_off"] == ["output_check", "watermark", "c2pa"]
        for method, path in [("GET", "/v1/tools"), ("POST", "/v1/plan"), ("POST", "/v1/jobs"),
                             ("GET", "/v1/jobs/" + "0" * 32), ("GET", "/v1/artifacts/" + "0" * 64),
                             ("POST", "/v1/uploads"), ("POST", "/v1/sessions")]:
            r = c.request(method, path)
            assert r.status_code == 401, path
            assert r.headers["www-authenticate"] == "Bearer"
        assert c.get("/v1/tools", headers={"Authorization": "Bearer wrong"}).status_code == 401
        assert c.get("/v1/tools", headers={"Authorization": TOKEN}).status_code == 401
        assert c.get("/v1/tools", headers=AUTH).status_code == 200


def test_cookie_login_for_the_page_and_cross_origin_posts_refused(make_app):
    with TestClient(make_app()) as c:
        assert c.get("/?token=nope", follow_redirects=False).status_code == 401
        r = c.get(f"/?token={TOKEN}", follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"] == "/"
        cookie = r.headers["set-cookie"]
        assert "HttpOnly" in cookie and "SameSite=strict" in cookie
        assert c.get("/v1/tools").status_code == 200  # the cookie now authenticates
        assert c.post("/v1/sessions").status_code == 201
        r = c.post("/v1/sessions", headers={"Origin": "http://evil.example"})
        assert r.status_code == 403
        c.cookies.clear()
        assert c.post("/v1/login", json={"token": "nope"}).status_code == 401
        assert c.post("/v1/login", json={"token": TOKEN}).status_code == 204
        assert c.get("/v1/tools").status_code == 200


def test_page_and_assets_are_local(client):
    page = client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "default-src 'self'" in page.headers["content-security-policy"]
    for src in ("/static/app.js", "/static/style.css"):
        assert src in page.text
        asset = client.get(src)
        assert asset.status_code == 200 and len(asset.content) > 500
        assert "http://" not in asset.text and "https://" not in asset.text  # no CDN
    # the 3D viewer is Google's <model-viewer>, vendored unchanged: the hash its licence file records
    import hashlib
    import re

    from medialoom.server.app import web_dir

    assert '<script type="module" src="/static/model-viewer.min.js">' in page.text
    viewer = client.get("/static/model-viewer.min.js")
    assert viewer.status_code == 200 and viewer.headers["content-type"].startswith("text/javascript")
    recorded = re.search(r"sha256 ([0-9a-f]{64})", (web_dir() / "model-viewer.LICENSE.txt").read_text())
    assert recorded and hashlib.sha256(viewer.content).hexdigest() == recorded.group(1)
    assert client.get("/static/glb.js").status_code == 404                  # the hand-written viewer is gone
    assert "https://" not in page.text and "http://" not in page.text
    assert client.get("/static/..%2Fserver%2Fapp.py").status_code == 404
    assert client.get("/static/index.html").status_code == 404


def test_no_cors_and_host_check(make_app):
    with TestClient(make_app()) as c:
        r = c.options("/v1/jobs", headers={"Origin": "http://evil.example",
                                           "Access-Control-Request-Method": "POST"})
        assert "access-control-allow-origin" not in r.headers
        r = c.get("/health", headers={"Origin": "http://evil.example"})
        assert "access-control-allow-origin" not in r.headers
    with TestClient(make_app(allowed_hosts=["127.0.0.1", "localhost"]), base_url="http://127.0.0.1") as c:
        assert c.get("/health").status_code == 200
        assert c.get("/health", headers={"Host": "evil.example"}).status_code == 400


def test_tools_and_openapi(client):
    tools = client.get("/v1/tools").json()
    ids = {t["id"] for t in tools}
    assert {"image.generate", "image.segment", "image.inpaint", "test.sleep"} <= ids
    gen = next(t for t in tools if t["id"] == "image.generate")
    assert gen["parameters"]["required"] == ["prompt"] and gen["backends"][0]["available"]
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/health", "/v1/tools", "/v1/plan", "/v1/jobs", "/v1/jobs/{job_id}",
                 "/v1/jobs/{job_id}/events", "/v1/artifacts/{sha256}", "/v1/uploads", "/v1/sessions",
                 "/v1/sessions/{session_id}"):
        assert path in paths
    spec = client.get("/openapi.json").json()                   # clients learn how to authenticate
    assert spec["components"]["securitySchemes"]["HTTPBearer"]["scheme"] == "bearer"
    assert spec["paths"]["/v1/jobs"]["post"]["security"] == [{"HTTPBearer": []}]
    assert "security" not in spec["paths"]["/health"]["get"]


def test_plan_and_invalid_plans(client):
    r = client.post("/v1/plan", json={"request": "draw a red ball"})
    assert r.status_code == 200
    assert [s["tool"] for s in r.json()["plan"]["steps"]] == ["image.generate"]
    bad = {"steps": [{"id": "s1", "tool": "image.inpaint", "args": {"image": "$s2", "mask": "$s1"}}]}
    r = client.post("/v1/jobs", json={"plan": bad})
    assert r.status_code == 422
    assert "refers to unknown step $s2" in r.json()["error"]
    assert "cannot use its own output" in " ".join(r.json()["problems"])
    r = client.post("/v1/jobs", json={"plan": {"steps": [{"id": "s1", "tool": "image.nope"}]}})
    assert r.status_code == 422 and "unknown tool 'image.nope'" in r.json()["error"]
    assert client.post("/v1/jobs", json={"plan": {"nope": 1}}).status_code == 422
    r = client.post("/v1/jobs", json={"request": "x", "plan": {"steps": []}})
    assert r.status_code == 400 and "either" in r.json()["error"]
    assert client.post("/v1/jobs", json={}).status_code == 400
    assert client.post("/v1/jobs", json={"request": "a cat", "colour": 1}).status_code == 422
    r = client.post("/v1/jobs", content=b"{not json", headers={"Content-Type": "application/json"})
    assert r.status_code == 422 and r.json()["error"].startswith("the body is not valid JSON")


def test_job_runs_with_step_events_and_outputs(client):
    r = client.post("/v1/jobs", json={"request": "draw a red ball and a blue box"})
    assert r.status_code == 202
    job_id = r.json()["id"]
    seen = events(client, job_id)
    assert [e["status"] for e in seen if e["_event"] == "job"] == ["queued", "running", "succeeded"]
    assert [e["_event"] for e in seen if e["_event"] != "job"] == ["started", "finished"]
    job = client.get(f"/v1/jobs/{job_id}").json()
    assert job["status"] == "succeeded" and job["steps"][0]["status"] == "done"
    (out,) = job["outputs"]
    assert out["kind"] == "image" and out["mime"] == "image/png" and out["step"] == "s1"
    assert out["url"] == f"/v1/artifacts/{out['sha256']}"
    img = pixels(client, out)
    assert img.shape == (192, 256, 3)
    assert tuple(img[DISC[1], DISC[0]]) == RED and tuple(img[100, 200]) == BLUE and tuple(img[5, 5]) == SKY
    # a finished job's events are replayed to a late reader
    assert events(client, job_id)[-1]["status"] == "succeeded"
    assert client.get("/v1/jobs/" + "f" * 32).status_code == 404
    assert client.get("/v1/jobs/../../etc").status_code == 404


def test_progress_events_and_failed_steps(client):
    plan = {"steps": [{"id": "s1", "tool": "test.sleep", "args": {"seconds": 0.2}},
                      {"id": "s2", "tool": "image.edit", "args": {"image": "$s1", "instruction": "x"}}]}
    r = client.post("/v1/jobs", json={"plan": plan})
    assert r.status_code == 422 and "gets text from $s1" in r.json()["error"]
    r = client.post("/v1/jobs", json={"plan": {"steps": plan["steps"][:1]}})
    seen = events(client, r.json()["id"])
    fractions = [e["fraction"] for e in seen if e["_event"] == "progress"]
    assert fractions == [0.25, 0.5, 0.75, 1.0]
    job = client.get(f"/v1/jobs/{r.json()['id']}").json()
    assert job["status"] == "succeeded" and client.get(job["outputs"][0]["url"]).text == "slept 0.2"
    assert client.get(job["outputs"][0]["url"]).headers["content-type"].startswith("text/plain")


def test_artifact_names_only_a_hash(client, home):
    job = run_job(client, request="draw a red ball")
    sha = job["outputs"][0]["sha256"]
    (home / "secret.txt").write_text("secret")
    tricks = ["../secret.txt", "..%2Fsecret.txt", "%2e%2e%2fsecret.txt", "%2e%2e/%2e%2e/etc/passwd",
              "..", "%2e%2e", sha.upper(), sha[:63], sha + "0", sha + ".png", f"{sha}%00", "objects",
              "....//....//etc/passwd", "%252e%252e%252fsecret.txt", f"..%5c{sha}"]
    for trick in tricks:
        r = client.get(f"/v1/artifacts/{trick}")
        assert r.status_code in (400, 404), trick
        assert b"secret" not in r.content and b"root:" not in r.content
    assert client.get("/v1/artifacts/" + "0" * 64).status_code == 404
    r = client.get(f"/v1/artifacts/{sha}?download=1")
    assert r.headers["content-disposition"].startswith("attachment")
    assert "sandbox" in r.headers["content-security-policy"] and r.headers["x-content-type-options"] == "nosniff"


def test_range_requests(client, home):
    wav = io.BytesIO()
    import soundfile

    soundfile.write(wav, np.sin(np.linspace(0, 2000, 22050)).astype(np.float32), 22050, format="WAV")
    data = wav.getvalue()
    up = client.post("/v1/uploads", files={"file": ("take.bin", data, "application/octet-stream")})
    assert up.status_code == 201 and up.json()["kind"] == "audio" and up.json()["mime"] == "audio/wav"
    url = up.json()["url"]
    full = client.get(url)
    assert full.headers["accept-ranges"] == "bytes" and full.content == data
    part = client.get(url, headers={"Range": "bytes=100-199"})
    assert part.status_code == 206 and part.content == data[100:200]
    assert part.headers["content-range"] == f"bytes 100-199/{len(data)}"
    assert client.get(url, headers={"Range": f"bytes={len(data) + 10}-"}).status_code == 416


def test_uploads_sniffed_probed_and_limited(make_app):
    with TestClient(make_app(limits=Limits(upload_bytes=50_000))) as c:
        c.headers.update(AUTH)
        data = png_bytes(picture())
        r = c.post("/v1/uploads", files={"file": ("photo.jpg", data, "image/jpeg")})
        assert r.status_code == 201
        body = r.json()
        assert body["sha256"] == hashlib.sha256(data).hexdigest()
        assert body["kind"] == "image" and body["mime"] == "image/png" and body["name"].endswith(".png")
        assert c.get(body["url"]).content == data
        r = c.post("/v1/uploads", files={"file": ("cat.png", b"<script>alert(1)</script>" * 10, "image/png")})
        assert r.status_code == 415
        r = c.post("/v1/uploads", files={"file": ("cut.png", data[: len(data) // 2], "image/png")})
        assert r.status_code == 400 and "truncated" in r.json()["error"]
        noise = Image.fromarray(np.random.default_rng(0).integers(0, 255, (200, 200, 3), dtype=np.uint8))
        r = c.post("/v1/uploads", files={"file": ("big.png", png_bytes(noise), "image/png")})
        assert r.status_code == 413 and "MiB upload limit" in r.json()["error"]
        assert c.post("/v1/uploads").status_code == 422


def test_plans_may_not_name_server_paths(client, home):
    picture().save(home / "local.png")
    stored = client.app.state.ml.workspace.artifact(run_job(client, request="draw a ball")["outputs"][0]["sha256"])
    plan = {"steps": [{"id": "s1", "tool": "image.edit", "args": {"image": str(stored.path), "instruction": "x"}}]}
    r = client.post("/v1/jobs", json={"plan": plan})  # a file in the store is fine, named by hash
    assert r.status_code == 202 and r.json()["plan"]["steps"][0]["args"]["image"] == stored.path.name
    for value in ("/etc/passwd", str(stored.path.parent / ".." / ".." / "local.png"), str(home / "local.png"), "../local.png", "local.png", "~/x.png",
                  "0" * 64, "0" * 64 + ".png"):
        plan = {"steps": [{"id": "s1", "tool": "image.edit", "args": {"image": value, "instruction": "x"}}]}
        r = client.post("/v1/jobs", json={"plan": plan})
        assert r.status_code == 422, value
        assert "not a stored file" in r.json()["error"]


def test_limits(make_app):
    with TestClient(make_app(limits=Limits(body_bytes=2000, plan_steps=3, request_chars=50,
                                           queued_jobs=2), start_worker=False)) as c:
        c.headers.update(AUTH)
        r = c.post("/v1/jobs", content=b"{" + b" " * 3000 + b"}", headers={"Content-Type": "application/json"})
        assert r.status_code == 413 and "KiB limit" in r.json()["error"]
        r = c.post("/v1/jobs", json={"request": "draw " * 20})
        assert r.status_code == 400 and "50 characters" in r.json()["error"]
        steps = [{"id": f"s{i}", "tool": "test.sleep", "args": {"seconds": 0}} for i in range(4)]
        r = c.post("/v1/jobs", json={"plan": {"steps": steps}})
        assert r.status_code == 422 and "at most 3" in r.json()["error"]
        one = {"plan": {"steps": steps[:1]}}
        assert [c.post("/v1/jobs", json=one).status_code for _ in range(3)] == [202, 202, 429]


def test_every_answer_carries_the_safe_headers_refusals_too(make_app):
    with TestClient(make_app(limits=Limits(body_bytes=2000), start_worker=False)) as c:
        c.headers.update(AUTH)
        def chunks():
            yield b"{}"

        answers = [c.get("/health"), c.get("/v1/tools"), c.get("/v1/jobs/nope"),
                   c.post("/v1/jobs", content=b"{" + b" " * 3000 + b"}", headers={"Content-Type": "application/json"}),
                   c.post("/v1/jobs", content=chunks(), headers={"Content-Type": "application/json"})]
        assert [r.status_code for r in answers] == [200, 200, 404, 413, 411]
        assert answers[4].json()["error"] == "send a Content-Length with the body"
        for r in answers:
            assert r.headers["x-content-type-options"] == "nosniff" and r.headers["referrer-policy"] == "no-referrer"
            assert r.headers["content-security-policy"].startswith("default-src 'self'")
            assert r.headers.get_list("x-content-type-options") == ["nosniff"]  # once, never twice


def test_restart_loses_no_job_and_resumes_queued_ones(make_app):
    plan = {"steps": [{"id": "s1", "tool": "image.generate", "args": {"prompt": "x"}}]}
    with TestClient(make_app(start_worker=False)) as c:
        c.headers.update(AUTH)
        ids = [c.post("/v1/jobs", json={"plan": plan}).json()["id"] for _ in range(2)]
        assert [c.get(f"/v1/jobs/{i}").json()["status"] for i in ids] == ["queued", "queued"]
    with TestClient(make_app()) as c:  # a new process on the same data folder
        c.headers.update(AUTH)
        for job_id in ids:
            assert events(c, job_id)[-1]["status"] == "succeeded"
            job = c.get(f"/v1/jobs/{job_id}").json()
            assert job["status"] == "succeeded" and job["outputs"][0]["kind"] == "image"


def test_pointing_removes_or_replaces_the_clicked_object(client):
    image = run_job(client, request="draw a red ball")["outputs"][0]
    selection = {"image": image["sha256"], "point": [DISC[0], DISC[1]]}
    r = client.post("/v1/plan", json={"request": "remove it", "selection": selection})
    steps = r.json()["plan"]["steps"]
    assert [(s["tool"], s["args"].get("point"), s["args"].get("prompt")) for s in steps] == [
        ("image.segment", [80.0, 100.0], None), ("image.inpaint", None, None)]
    job = run_job(client, plan=r.json()["plan"])
    assert [o["kind"] for o in job["outputs"]] == ["mask", "image"]
    mask, edited = pixels(client, job["outputs"][0]), pixels(client, job["outputs"][1])
    assert mask[DISC[1], DISC[0]].max() == 255 and mask[100, 200].max() == 0
    assert tuple(edited[DISC[1], DISC[0]]) == SKY and tuple(edited[100, 200]) == BLUE
    square = {"image": image["sha256"], "point": [200, 100]}
    job = run_job(client, request="replace it with a cat", selection=square)
    assert job["plan"]["steps"][1]["args"]["prompt"] == "a cat"
    edited = pixels(client, job["outputs"][-1])
    assert tuple(edited[100, 200]) == ORANGE and tuple(edited[DISC[1], DISC[0]]) == RED
    boxed = run_job(client, request="remove it", selection={"image": image["sha256"], "box": list(SQUARE)})
    assert boxed["plan"]["steps"][0]["args"]["box"] == [float(v) for v in SQUARE]
    edited = pixels(client, boxed["outputs"][-1])
    assert tuple(edited[100, 200]) == SKY and tuple(edited[DISC[1], DISC[0]]) == RED
    bad = client.post("/v1/plan", json={"request": "remove it", "selection": {"image": "0" * 64, "point": [1, 2]}})
    assert bad.status_code == 400


def test_sessions_keep_context(client):
    sid = client.post("/v1/sessions").json()["id"]
    assert client.get(f"/v1/sessions/{sid}").json() == {"id": sid, "jobs": [], "latest": []}
    data = png_bytes(picture())
    up = client.post("/v1/uploads", files={"file": ("p.png", data, "image/png")}, data={"session": sid}).json()
    job = run_job(client, request="make it black and white", session=sid)
    assert job["plan"]["steps"][0]["args"]["image"] == up["name"]
    grey = pixels(client, job["outputs"][0])
    assert (grey[..., 0] == grey[..., 1]).all() and grey[DISC[1], DISC[0], 0] < RED[0]
    listed = client.get(f"/v1/sessions/{sid}").json()
    assert [j["id"] for j in listed["jobs"]] == [job["id"]]
    assert listed["latest"] == [job["outputs"][0]["name"]]
    assert client.post("/v1/jobs", json={"request": "a cat", "session": "f" * 32}).status_code == 404
    assert client.get("/v1/sessions/nope").status_code == 404


def test_replacement_words():
    assert replacement("remove it") is None
    assert replacement("please erase this.") is None
    assert replacement("replace it with a cat") == "a cat"
    assert replacement("Turn it into a red apple!") == "a red apple"
    assert replacement("a small dog") == "a small dog"


@pytest.mark.parametrize("env", [True, False])
def test_token_from_env_or_generated_once(tmp_path, monkeypatch, env):
    from medialoom.server.auth import load_token

    if env:
        monkeypatch.setenv("MEDIALOOM_TOKEN", "from-env")
        assert load_token(tmp_path) == ("from-env", False)
        return
    monkeypatch.delenv("MEDIALOOM_TOKEN", raising=False)
    token, generated = load_token(tmp_path)
    assert generated and len(token) >= 40
    assert (tmp_path / "token").stat().st_mode & 0o777 == 0o600
    assert load_token(tmp_path) == (token, False)


def test_reuse_replaces_a_made_up_source_with_the_session_file(client):
    from medialoom.plan import Plan

    workspace = client.app.state.ml.workspace
    plan = Plan.from_dict({"steps": [
        {"id": "s1", "tool": "image.generate", "args": {"prompt": "it"}},
        {"id": "s2", "tool": "image.edit", "args": {"image": "$s1", "instruction": "make it grey"}},
        {"id": "s3", "tool": "image.generate", "args": {"prompt": "a new one"}}]})
    reused = workspace._reuse(plan, {"image": "a" * 64 + ".png"})
    assert [s.id for s in reused.steps] == ["s2", "s3"]
    assert reused.steps[0].args["image"] == "a" * 64 + ".png"


def test_limits_from_config(quiet_home, make_app):
    (quiet_home / "config.toml").write_text("[server]\nqueued_jobs = 1\nupload_mb = 3\n")
    limits = make_app().state.ml.limits
    assert (limits.queued_jobs, limits.upload_bytes, limits.plan_steps) == (1, 3 << 20, Limits().plan_steps)
