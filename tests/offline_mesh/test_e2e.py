"""mesh.generate -> mesh.edit -> mesh.render through a real plan: session -> executor (worker processes) -> store."""

from __future__ import annotations

import numpy as np
import pytest
from mesh_support import height, load


def test_generate_edit_render_plan_runs_and_caches(config):
    import importlib.util

    if importlib.util.find_spec("pyrender") is None:
        pytest.skip("pyrender is not installed")
    from PIL import Image

    from medialoom.plan import Plan
    from medialoom.session import Session

    plan = Plan.from_dict({"steps": [
        {"id": "s1", "tool": "mesh.generate", "args": {"prompt": "a snowman with a red scarf"}},
        {"id": "s2", "tool": "mesh.edit", "args": {"mesh": "$s1", "instruction": "make it twice as tall"}},
        {"id": "s3", "tool": "mesh.render", "args": {"mesh": "$s2", "view": "front"}},
    ]})
    session = Session(config)
    result = session.run(plan, backend="offline")
    assert result.ok, [s.error for s in result.steps.values()]
    made, edited = result.steps["s1"].outputs["main"], result.steps["s2"].outputs["main"]
    assert made.meta["program"]["object"] == "snowman" and made.mime == "model/gltf-binary"
    assert edited.meta["program"]["scale"] == [1.0, 2.0, 1.0]
    assert height(load(edited)) == pytest.approx(2 * height(load(made)), rel=1e-4)
    picture = np.asarray(Image.open(result.steps["s3"].outputs["main"].path).convert("RGB"))
    assert picture.shape == (512, 512, 3) and picture.std() > 10
    again = session.run(plan, backend="offline")
    assert set(again.cached) == {"s1", "s2", "s3"}  # deterministic: every step comes from the cache
