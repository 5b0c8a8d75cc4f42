"""Checking a 3D model: watertight parts, proportions asked ("twice as tall as it is wide"),
parts named in the request present (node names of our own models are part names)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from .asked import Asked
from .report import Report

AXES = {"wide": 0, "tall": 1, "long": 2}      # glTF is Y-up
PROPORTION_TOLERANCE = 0.1


def check_mesh(path: Path, asked: Asked, config: Any = None) -> Report:
    from ..backends.offline.mesh.loading import load_scene

    scene = load_scene(path)
    report = Report("mesh")
    geoms = [g for g in scene.geometry.values() if hasattr(g, "is_watertight")]
    if not geoms:
        report.expect(False, "geometry", "at least one mesh", "none")
        return report
    tight = report.measure("watertight_share", sum(_closed(g) for g in geoms) / len(geoms))
    report.measure("parts", len(geoms))
    extents = [float(x) for x in scene.extents]
    report.measure("width", extents[0])
    report.measure("height", extents[1])
    report.measure("depth", extents[2])
    report.expect(tight >= 0.99, "watertight", "every part closed", f"{tight:.0%} of parts closed")
    if asked.proportion:
        a, b, times = asked.proportion
        ratio = extents[AXES[a]] / max(extents[AXES[b]], 1e-9)
        report.expect(abs(ratio - times) / times <= PROPORTION_TOLERANCE, f"{a} : {b}", f"{times:g}",
                      f"{ratio:.2f}")
    names = [re.sub(r"[_\d]+", " ", str(n)).lower() for n in scene.graph.nodes_geometry]
    for thing in asked.things[1:]:                       # the first noun is the model itself
        word = thing.noun.lower()
        n = sum(1 for name in names if re.search(rf"\b{re.escape(word)}", name))
        if n or thing.kind is None:
            report.expect(n >= thing.count, f"part {word}", thing.count, n)
    return report


def _closed(geom: Any) -> bool:
    """Watertight once vertices split for flat shading (as glTF stores them) are merged."""
    merged = geom.copy()
    merged.merge_vertices(merge_tex=True, merge_norm=True)
    return bool(merged.is_watertight)
