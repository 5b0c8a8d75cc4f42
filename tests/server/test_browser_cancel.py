"""Real browser: a running job's Cancel button stops it; the card says Cancelled."""

from __future__ import annotations

import json

import pytest
from test_browser import ARTIFACTS, browser, live_server, max_jobs, page, tools  # noqa: F401 - fixtures

pytestmark = pytest.mark.browser


def test_cancel_button_stops_a_running_job(page):  # noqa: F811 - the fixture
    page.fill("#prompt", "draw a red ball")
    page.press("#prompt", "Enter")
    card = page.locator(".plan-card").first
    card.locator("textarea").wait_for()
    card.locator("textarea").fill(json.dumps({"steps": [{"id": "s1", "tool": "test.sleep", "args": {"seconds": 8}}]}))
    card.get_by_role("button", name="Run").click()
    job = page.locator(".job").first
    job.locator(".steps li.running").wait_for(timeout=30_000)
    job.get_by_role("button", name="Cancel").click()
    page.locator(".job[data-status]").first.wait_for(timeout=15_000)
    assert job.get_attribute("data-status") == "cancelled"
    assert job.locator("h3").inner_text() == "Cancelled"
    assert job.get_by_role("button", name="Cancel").count() == 0
    assert job.locator(".steps li[data-step='s1'] .state").inner_text() == "cancelled"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "browser-cancel.png"), full_page=True)
    assert not page.errors, page.errors
