"""SVG built from layouts (issue 13, item 5): every attribute escaped or checked, colours only
colour syntax, no external reference reaches resvg, and layout labels pass the prompt guard."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import numpy as np
import pytest
from PIL import Image

from medialoom.config import load_config
from medialoom.errors import InputError
from medialoom.plan import Plan
from medialoom.session import Session

pytest.importorskip("resvg_py")


def injected_layout(secret: str) -> dict:
    attack = f'red"/><image href="{secret}" x="0" y="0" width="512" height="512"/><rect fill="blue'
    return {"canvas": {"width": 128, "height": 128}, "setting": "plain", "objects": [
        {"name": "gizmo", "box": [0.1, 0.1, 0.9, 0.9], "fill": attack,
         "id": 'x" onload="1"><image href="' + secret + '"/><g id="y'}]}


def test_a_fill_or_id_cannot_add_elements_to_the_svg(tmp_path):
    from medialoom.backends.offline.image.scene import layout_to_svg, normalize_layout

    layout = normalize_layout(injected_layout(str(tmp_path / "secret.png")))
    svg = layout_to_svg(layout)
    assert "<image" not in svg and "secret" not in svg
    tree = ET.fromstring(svg)  # still one well-formed document
    assert not [e for e in tree.iter() if e.tag.endswith("image")]
    obj = layout["objects"][0]
    assert obj["fill"].startswith("#") and len(obj["fill"]) in (4, 7)


def test_resvg_never_gets_an_external_reference(tmp_path):
    from medialoom.backends.offline.image.scene import svg_to_image

    secret = tmp_path / "secret.png"
    Image.new("RGB", (8, 8), (0, 255, 0)).save(secret)
    for ref in (f'<image href="{secret}" width="8" height="8"/>', f'<rect fill="url({secret})" width="8" height="8"/>',
                f'<use href="file://{secret}"/>'):
        with pytest.raises(InputError, match="refers to something outside it"):
            svg_to_image(f'<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8">{ref}</svg>')
    inner = '<defs><linearGradient id="g"/></defs><rect fill="url(#g)" width="8" height="8"/>'
    svg_to_image(f'<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8">{inner}</svg>')  # own refs are fine


def test_from_layout_with_an_injected_fill_draws_no_file(home, tmp_path):
    secret = tmp_path / "secret.png"
    Image.new("RGB", (512, 512), (0, 255, 0)).save(secret)
    (tmp_path / "layout.json").write_text(json.dumps(injected_layout(str(secret))))
    plan = Plan.from_dict({"steps": [{"id": "s1", "tool": "image.from_layout", "args": {"layout": "layout.json"}}]})
    result = Session(load_config(home)).run(plan, base_dir=tmp_path)
    assert result.ok, result.steps["s1"].error
    pixels = np.asarray(Image.open(result.steps["s1"].outputs["main"].path).convert("RGB")).astype(int)
    pure_green = (pixels[..., 1] > 240) & (pixels[..., 0] < 15) & (pixels[..., 2] < 15)
    assert pure_green.mean() < 0.01


def test_layout_labels_are_screened_like_prompts(home, tmp_path):
    layout = {"setting": "plain", "objects": [{"name": "naked child", "box": [0.2, 0.2, 0.8, 0.8]}]}
    (tmp_path / "layout.json").write_text(json.dumps(layout))
    plan = Plan.from_dict({"steps": [{"id": "s1", "tool": "image.from_layout", "args": {"layout": "layout.json"}}]})
    result = Session(load_config(home)).run(plan, base_dir=tmp_path)
    step = result.steps["s1"]
    assert step.status == "failed" and step.exit_code == 3, step.error
    assert "layout labels" in step.error or "refused" in step.error
