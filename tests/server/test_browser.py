"""Real browser: headless Debian Chromium driven by Playwright opens the page, asks for an image,
sees it, clicks the red disc, asks to remove it and sees the edited image. The screenshot is
kept in out/test-artifacts/."""

from __future__ import annotations

import io
import re
import socket
import threading
import time
from pathlib import Path

import httpx
import numpy as np
import pytest
from server_support import AUTH, TOKEN, real_image_tools, red_centre
from PIL import Image
from server_tools import BLUE, DISC, SKY

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = Path(__file__).resolve().parents[2] / "out" / "test-artifacts"

pytestmark = pytest.mark.browser


@pytest.fixture
def tools() -> str:
    return "test"


@pytest.fixture
def max_jobs() -> int | None:
    return None  # the server's default: one job per core


@pytest.fixture
def live_server(make_app, tools, max_jobs):
    import uvicorn

    from medialoom.server.app import Limits

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    extra = {"limits": Limits(max_jobs=max_jobs)} if max_jobs else {}
    app = make_app(tools=tools, allowed_hosts=["127.0.0.1", "localhost"], **extra)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.time() + 20
    while not server.started and time.time() < deadline:
        time.sleep(0.05)
    assert server.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)


def _pixels(base: str, sha: str) -> np.ndarray:
    r = httpx.get(f"{base}/v1/artifacts/{sha}", headers=AUTH)
    assert r.status_code == 200
    return np.asarray(Image.open(io.BytesIO(r.content)).convert("RGB"))


def _run_plan(page, nth: int) -> None:
    """Wait for the nth plan card, check it is editable JSON, press Run, wait for the job."""
    card = page.locator(".plan-card").nth(nth)
    card.locator("textarea").wait_for()
    card.get_by_role("button", name="Run").click()
    page.locator(".job").nth(nth).and_(page.locator("[data-status]")).wait_for(timeout=30_000)
    job = page.locator(".job").nth(nth)
    assert job.get_attribute("data-status") == "succeeded", job.inner_text()


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("Debian chromium is not installed (/usr/bin/chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser, live_server):
    page = browser.new_page(viewport={"width": 1100, "height": 1700})
    page.errors = []
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    page.goto(f"{live_server}/?token={TOKEN}")
    page.wait_for_selector("body[data-ready='1']", timeout=15_000)
    yield page
    page.close()


def test_browser_generate_point_and_remove(page, live_server):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)

    # 1. ask for an image, see the plan, run it, see the picture
    page.fill("#prompt", "draw a red ball and a blue box")
    page.press("#prompt", "Enter")
    plan = page.locator(".plan-card textarea").first
    plan.wait_for()
    assert '"tool": "image.generate"' in plan.input_value()
    _run_plan(page, 0)
    job = page.locator(".job").nth(0)
    assert job.get_attribute("data-status") == "succeeded"
    assert job.locator(".steps li.done").count() == 1
    img = job.locator("img.result-image")
    page.wait_for_function("img => img.complete && img.naturalWidth === 256", arg=img.element_handle())

    # 2. click the red disc (scrolled to just above the composer, where the selection bar that
    # appears would cover it), ask to remove it
    page.set_viewport_size({"width": 1100, "height": 600})
    img.scroll_into_view_if_needed()
    box = img.bounding_box()
    footer_top = page.locator("footer").bounding_box()["y"]
    page.mouse.wheel(0, box["y"] + DISC[1] * box["height"] / 192 - (footer_top - 12))
    page.wait_for_timeout(200)
    box = img.bounding_box()
    assert footer_top - 30 < box["y"] + DISC[1] * box["height"] / 192 < footer_top
    img.click(position={"x": DISC[0] * box["width"] / 256, "y": DISC[1] * box["height"] / 192})
    assert page.locator("#selection").is_visible()
    x, y = map(int, re.search(r"\((\d+), (\d+)\)", page.locator("#selection-text").inner_text()).groups())
    assert abs(x - DISC[0]) <= 2 and abs(y - DISC[1]) <= 2
    box = img.bounding_box()
    mark = job.locator(".marker").bounding_box()                 # the dot sits where the click was
    assert abs(mark["x"] + mark["width"] / 2 - (box["x"] + DISC[0] * box["width"] / 256)) <= 3
    assert abs(mark["y"] + mark["height"] / 2 - (box["y"] + DISC[1] * box["height"] / 192)) <= 3
    footer = page.locator("footer").bounding_box()               # and is not hidden by the composer
    assert mark["y"] + mark["height"] <= footer["y"]
    job.locator(".mask-preview").wait_for(timeout=15_000)        # the mask remove will use, shown first
    assert "highlighted region" in page.locator("#selection-text").inner_text()
    page.set_viewport_size({"width": 1100, "height": 1700})
    page.fill("#prompt", "remove it")
    page.press("#prompt", "Enter")
    plan = page.locator(".plan-card textarea").nth(1)
    plan.wait_for()
    text = plan.input_value()
    assert '"image.segment"' in text and '"image.inpaint"' in text and f'"point": [{x},{y}]' in text
    _run_plan(page, 1)

    # 3. the edited image is shown, and it lost the disc but kept the square
    job = page.locator(".job").nth(1)
    assert job.get_attribute("data-status") == "succeeded"
    edited = job.locator(".output[data-kind='image']")
    page.wait_for_function("img => img.complete && img.naturalWidth === 256",
                           arg=edited.locator("img").element_handle())
    page.screenshot(path=str(ARTIFACTS / "browser-point-remove.png"), full_page=True)
    pixels = _pixels(live_server, edited.get_attribute("data-sha"))
    assert tuple(pixels[DISC[1], DISC[0]]) == SKY and tuple(pixels[100, 200]) == BLUE
    assert job.locator(".output[data-kind='mask']").count() == 1
    assert not page.errors, page.errors

    # 4. dragging on the edited image selects a box around the square
    img = edited.locator("img")
    box = img.bounding_box()
    sx, sy = box["width"] / 256, box["height"] / 192
    page.mouse.move(box["x"] + 160 * sx, box["y"] + 60 * sy)
    page.mouse.down()
    page.mouse.move(box["x"] + 200 * sx, box["y"] + 100 * sy, steps=4)
    page.mouse.move(box["x"] + 240 * sx, box["y"] + 140 * sy, steps=4)
    page.mouse.up()
    words = page.locator("#selection-text").inner_text()
    corners = [int(v) for v in re.search(r"box \((\d+), (\d+), (\d+), (\d+)\)", words).groups()]
    assert all(abs(a - b) <= 2 for a, b in zip(corners, [160, 60, 240, 140])), words
    page.click("#clear-selection")
    assert page.locator("#selection").is_hidden()

    # 5. a reload shows the session again: both jobs, with their pictures
    page.reload()
    page.wait_for_selector("body[data-ready='1']")
    page.locator(".job[data-status='succeeded'] img.result-image").nth(1).wait_for()
    assert page.locator(".job .steps li.done").count() == 2      # the previewed mask was reused:
    assert page.locator(".job .steps li.cached").count() == 1    # segmenting ran once, before asking
    assert not page.errors, page.errors

    # 6. on a phone-sized screen nothing spills sideways: step states stay inside their cards
    page.set_viewport_size({"width": 390, "height": 844})
    spill = page.evaluate("""() => [document.documentElement.scrollWidth,
        ...[...document.querySelectorAll('.job')].map(job => Math.max(...[...job.querySelectorAll('.state')]
            .map(s => s.getBoundingClientRect().right)) - job.getBoundingClientRect().right)]""")
    assert spill[0] <= 390 and all(d <= 0 for d in spill[1:]), spill
    assert (ARTIFACTS / "browser-point-remove.png").stat().st_size > 10_000


def test_browser_uploads_play_inline(page, tmp_path):
    """Uploads through the page: a WAV and an H.264 MP4 get players that load (range requests),
    a GLB is drawn by the vendored <model-viewer> (its red box covers part of the view)."""
    import soundfile
    import trimesh

    wav = tmp_path / "tone.wav"
    soundfile.write(wav, 0.3 * np.sin(np.linspace(0, 2 * np.pi * 440, 22050)), 22050)
    box = trimesh.creation.box(extents=(1, 1, 1))
    box.visual.face_colors = [220, 30, 30, 255]
    glb = tmp_path / "box.glb"
    glb.write_bytes(trimesh.Scene(box).export(file_type="glb"))

    page.set_input_files("#file", str(wav))
    audio = page.locator(".output[data-kind='audio'] audio")
    audio.wait_for()
    page.wait_for_function("a => a.readyState >= 1 && a.duration > 0", arg=audio.element_handle(), timeout=10_000)
    assert abs(audio.evaluate("a => a.duration") - 1.0) < 0.05

    import av

    mp4 = tmp_path / "clip.mp4"
    with av.open(str(mp4), "w") as container:
        stream = container.add_stream("h264", rate=10)
        stream.width, stream.height, stream.pix_fmt = 64, 48, "yuv420p"
        for i in range(10):
            frame = av.VideoFrame.from_ndarray(np.full((48, 64, 3), i * 20, np.uint8), format="rgb24")
            container.mux(stream.encode(frame))
        container.mux(stream.encode())
    page.set_input_files("#file", str(mp4))
    video = page.locator(".output[data-kind='video'] video")
    video.wait_for()
    page.wait_for_function("v => v.readyState >= 1 && v.videoWidth === 64", arg=video.element_handle(), timeout=10_000)
    assert abs(video.evaluate("v => v.duration") - 1.0) < 0.15

    page.set_input_files("#file", str(glb))
    viewer = page.locator(".output[data-kind='mesh'] model-viewer.glb")
    viewer.wait_for()
    page.wait_for_function("() => { const v = document.querySelector(\".output[data-kind='mesh'] model-viewer\");"
                           " return v && v.loaded; }", timeout=20_000)
    page.wait_for_timeout(300)
    shot = np.asarray(Image.open(io.BytesIO(viewer.screenshot())).convert("RGB")).astype(int)
    reddish = (shot[..., 0] > 90) & (shot[..., 0] > shot[..., 1] + 40) & (shot[..., 0] > shot[..., 2] + 40)
    assert 0.03 < reddish.mean() < 0.9, reddish.mean()  # the box is drawn, shaded, not filling all
    page.screenshot(path=str(ARTIFACTS / "browser-uploads.png"), full_page=True)
    assert not page.errors, page.errors


@pytest.mark.skipif(not real_image_tools(), reason="offline image tools not built yet")
@pytest.mark.parametrize("tools", ["real"])
def test_browser_real_tools_point_and_remove(page, live_server, tools):
    """The same conversation over the real offline tools: a drawn red ball, clicked and removed."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.fill("#prompt", "a red ball on green grass")
    page.press("#prompt", "Enter")
    _run_plan(page, 0)
    out = page.locator(".job").nth(0).locator(".output[data-kind='image']")
    img = out.locator("img")
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=img.element_handle())
    before = _pixels(live_server, out.get_attribute("data-sha"))
    x, y, count = red_centre(before)
    assert count > 500
    box, (h, w) = img.bounding_box(), before.shape[:2]
    img.click(position={"x": (x + 0.5) * box["width"] / w, "y": (y + 0.5) * box["height"] / h})
    page.fill("#prompt", "remove it")
    page.press("#prompt", "Enter")
    _run_plan(page, 1)
    edited = page.locator(".job").nth(1).locator(".output[data-kind='image']")
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=edited.locator("img").element_handle())
    page.screenshot(path=str(ARTIFACTS / "browser-real-point-remove.png"), full_page=True)
    after = _pixels(live_server, edited.get_attribute("data-sha"))
    assert red_centre(after)[2] < count * 0.05
    assert not page.errors, page.errors


def test_browser_sign_in_card(browser, live_server):
    """Without the cookie the page shows only the sign-in card, near the top; a wrong token is
    said so, the right one brings the examples and the tool count."""
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    page = context.new_page()
    page.goto(live_server + "/")
    card = page.locator("#login")
    card.wait_for()
    header = page.locator("header").bounding_box()
    assert page.locator("#hint").is_hidden()
    assert header["y"] == 0 and header["y"] + header["height"] <= card.bounding_box()["y"] < 200
    page.fill("#token", "wrong")
    page.press("#token", "Enter")
    page.wait_for_function("() => document.querySelector('#login-error').textContent.includes('wrong token')")
    page.fill("#token", TOKEN)
    page.press("#token", "Enter")
    page.wait_for_selector("body[data-ready='1']")
    assert card.is_hidden() and page.locator("#hint").is_visible()
    assert re.search(r"\d+ of \d+ tools ready", page.locator("#status").inner_text())
    banner = page.locator("#safety-off")                        # this home turns three layers off
    assert banner.is_visible() and "output check, watermark, c2pa" in banner.inner_text()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "browser-signed-in.png"))
    context.close()


def test_browser_request_without_its_file_points_at_upload(page):
    page.fill("#prompt", "make the video black and white")
    page.press("#prompt", "Enter")
    error = page.locator(".error").first
    error.wait_for()
    assert "names no" in error.inner_text() and "upload the file with the + button" in error.inner_text()


@pytest.mark.parametrize("max_jobs", [1])
def test_browser_a_waiting_job_says_queued(page):
    """With one job at a time ([server] max_jobs = 1), while one job runs the next one's plan
    card and job card say "queued", then finish."""
    for n, seconds in enumerate((4, 0.2)):   # the first runs long enough on a busy machine
        page.fill("#prompt", "draw a red ball")
        page.press("#prompt", "Enter")
        card = page.locator(".plan-card").nth(n)
        card.locator("textarea").fill('{"steps": [{"id": "s1", "tool": "test.sleep", "args": {"seconds": %s}}]}'
                                      % seconds)
        card.get_by_role("button", name="Run").click()
    second = page.locator(".plan-card").nth(1)
    page.wait_for_function("el => el.textContent === 'queued'", arg=second.locator(".muted").element_handle())
    assert page.locator(".job").nth(1).locator("h3").inner_text() == "Queued"
    page.locator(".job").nth(1).and_(page.locator("[data-status]")).wait_for(timeout=30_000)
    assert second.locator(".muted").inner_text() == "succeeded"


def test_browser_a_finished_picture_is_scrolled_into_sight(page):
    page.set_viewport_size({"width": 1100, "height": 600})
    page.uncheck("#review")
    for n in range(2):                                           # the second one lands below the fold
        page.fill("#prompt", "draw a red ball")
        page.press("#prompt", "Enter")
        page.locator(".job").nth(n).and_(page.locator("[data-status]")).wait_for(timeout=30_000)
    img = page.locator(".job").nth(1).locator("img.result-image")
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=img.element_handle())
    page.wait_for_timeout(800)                                   # smooth scrolling
    assert img.bounding_box()["y"] + img.bounding_box()["height"] <= page.locator("footer").bounding_box()["y"] + 1


def test_browser_plan_says_what_is_left_out(page):
    """A request with a part medialoom does not do shows that part under the plan, with why."""
    page.fill("#prompt", "translate 'good night' into French and draw a red ball")
    page.press("#prompt", "Enter")
    note = page.locator(".plan-card .left-out").first
    note.wait_for()
    text = note.inner_text()
    assert text.startswith("Left out 'translate") and "does not translate" in text
    assert "image.generate" in page.locator(".plan-card textarea").first.input_value()


def test_browser_generation_controls_and_another_seed(page):
    """The plan card has fields for what its tools take (seed, size, style ...) that write into
    the plan; a finished job can run again with another seed."""
    import json

    page.fill("#prompt", "draw a red ball")
    page.press("#prompt", "Enter")
    card = page.locator(".plan-card").first
    card.locator("textarea").wait_for()
    assert card.locator(".controls input[name='voice']").count() == 0, "only what the plan's tools take"
    card.locator(".controls input[name='seed']").fill("7")
    card.locator(".controls input[name='seed']").dispatch_event("change")
    card.locator(".controls input[name='width']").fill("128")
    card.locator(".controls input[name='width']").dispatch_event("change")
    args = json.loads(card.locator("textarea").input_value())["steps"][0]["args"]
    assert args["seed"] == 7 and args["width"] == 128
    _run_plan(page, 0)
    page.locator(".job").nth(0).get_by_role("button", name="Run again with another seed").click()
    page.locator(".job").nth(1).and_(page.locator("[data-status]")).wait_for(timeout=30_000)
    again = page.locator(".job").nth(1)
    assert again.get_attribute("data-status") == "succeeded", again.inner_text()
    assert again.locator(".steps li.done").count() == 1, "another seed is another call: it ran, not cached"
    assert not page.errors, page.errors
