"""The API over the real offline image tools: draw, point at the object, remove or replace it."""

from __future__ import annotations

import pytest
from server_support import AUTH, real_image_tools, red_centre
from fastapi.testclient import TestClient
from test_api import pixels, run_job

pytestmark = pytest.mark.skipif(not real_image_tools(), reason="offline image tools not built yet")


def test_point_and_remove_or_replace_with_real_tools(make_app):
    with TestClient(make_app(tools="real")) as c:
        c.headers.update(AUTH)
        made = run_job(c, request="a red ball on green grass")
        assert made["status"] == "succeeded", made["error"]
        before = pixels(c, made["outputs"][0])
        x, y, count = red_centre(before)
        assert count > 500  # there is a red ball to point at
        selection = {"image": made["outputs"][0]["sha256"], "point": [x, y]}
        removed = run_job(c, request="remove it", selection=selection)
        assert removed["status"] == "succeeded", removed["error"]
        assert [s["tool"] for s in removed["plan"]["steps"]] == ["image.segment", "image.inpaint"]
        after = pixels(c, removed["outputs"][-1])
        assert red_centre(after)[2] < count * 0.05  # the ball is gone
        r, g, b = (int(v) for v in after[y, x])
        assert g > r and g > b  # grass where it was
        changed = (abs(after.astype(int) - before.astype(int)).sum(axis=2) > 30).mean()
        assert changed < 0.2  # the rest of the picture is kept
        replaced = run_job(c, request="replace it with a cat", selection=selection)
        assert replaced["status"] == "succeeded", replaced["error"]
        cat = pixels(c, replaced["outputs"][-1])
        assert red_centre(cat)[2] < count * 0.05 and (cat != after).any()
