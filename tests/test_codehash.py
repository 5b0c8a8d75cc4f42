"""Cache keys change when any code that shapes a backend's output changes (issue 13, item 7):
`backend_version` hashes every project module the backend imports, transitively."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import medialoom
from medialoom.codehash import reachable

SRC = Path(medialoom.__file__).resolve().parent.parent
VERSIONS = ("from medialoom.catalogue import catalogue; from medialoom.registry import backend_version;"
            "tools = {t.id: t for t in catalogue()};"
            "print(*[backend_version(tools[t].backend('offline')) for t in sys.argv[1:]])")


def versions(src: Path, *tools: str) -> list[str]:
    env = dict(os.environ, PYTHONPATH=str(src))
    out = subprocess.run([sys.executable, "-c", "import sys;" + VERSIONS, *tools], env=env,
                         capture_output=True, text=True, check=True, timeout=60)
    return out.stdout.split()


def test_editing_image_scene_changes_video_generate_version_only_where_it_is_used(tmp_path):
    copy = tmp_path / "src"
    shutil.copytree(SRC / "medialoom", copy / "medialoom", ignore=shutil.ignore_patterns("__pycache__", "web"))
    tools = ("video.generate", "text.storyboard", "audio.trim")
    before = versions(copy, *tools)
    scene = copy / "medialoom/backends/offline/image/scene.py"
    scene.write_text(scene.read_text() + "\n# a change in how scenes are drawn\n")
    after = versions(copy, *tools)
    assert after[0] != before[0]            # video.generate draws with image/scene.py
    assert after[2] == before[2]            # audio.trim does not
    words = copy / "medialoom/lang/colours.py"
    words.write_text(words.read_text() + "\n# a change in how colour words are read\n")
    assert versions(copy, *tools)[1] != after[1]   # text.storyboard reads colours with lang/colours.py
    guard = copy / "medialoom/safety/watermark.py"
    guard.write_text(guard.read_text() + "\n# a change in the watermark\n")
    assert versions(copy, "audio.trim")[0] != after[2]  # every step is finished by safety code


def test_reachable_follows_lazy_relative_and_parenthesised_imports(tmp_path):
    pkg = tmp_path / "medialoom"
    (pkg / "sub").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "sub/__init__.py").write_text("")
    (pkg / "a.py").write_text("def f():\n    from .sub import (b,\n        c)\n")
    (pkg / "sub/b.py").write_text("import medialoom.d as dee\n")
    (pkg / "sub/c.py").write_text("")
    (pkg / "d.py").write_text("import numpy\n")
    (pkg / "e.py").write_text("")
    found = set(reachable(["medialoom.a"], tmp_path))
    assert found == {"medialoom", "medialoom.a", "medialoom.sub", "medialoom.sub.b", "medialoom.sub.c",
                     "medialoom.d"}
