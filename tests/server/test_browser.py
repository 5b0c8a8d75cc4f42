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
from conftest import AUTH, TOKEN
from PIL import Image
from server_tools import BLUE, DISC, SKY

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = Path(__file__).resolve().parents[2] / "out" / "test-artifacts"

pytestmark = pytest.mark.browser


@pytest.fixture
def live_server(make_app):
    import uvicorn

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    app = make_app(allowed_hosts=["127.0.0.1", "localhost"])
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


def test_browser_generate_point_and_remove(live_server):
    if not CHROMIUM.exists():
        pytest.skip("Debian chromium is not installed (/usr/bin/chromium)")
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": 1100, "height": 900})
            errors: list[str] = []
            page.on("pageerror", lambda exc: errors.append(str(exc)))
            page.goto(f"{live_server}/?token={TOKEN}")
            page.wait_for_selector("body[data-ready='1']", timeout=15_000)

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

            # 2. click the red disc, ask to remove it
            box = img.bounding_box()
            img.click(position={"x": DISC[0] * box["width"] / 256, "y": DISC[1] * box["height"] / 192})
            assert page.locator("#selection").is_visible()
            x, y = map(int, re.search(r"\((\d+), (\d+)\)", page.locator("#selection-text").inner_text()).groups())
            assert abs(x - DISC[0]) <= 2 and abs(y - DISC[1]) <= 2
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
            assert not errors, errors
        finally:
            browser.close()
    assert (ARTIFACTS / "browser-point-remove.png").stat().st_size > 10_000
