"""Layers: nothing under backends/ imports planner/, server/ or the cli; lang/ (the language
layer below both) imports nothing of medialoom but errors. Read from the source (AST), so an import inside
a function counts as much as one at the top of a module."""

from __future__ import annotations

import ast
from pathlib import Path

import medialoom

ROOT = Path(medialoom.__file__).parent
ABOVE = ("medialoom.planner", "medialoom.server", "medialoom.cli", "medialoom.chat", "medialoom.session")


def imported(path: Path, root: Path = ROOT) -> list[tuple[int, str]]:
    """(line, absolute module name) of every import in the file, relative ones resolved."""
    package = ".".join(("medialoom",) + path.relative_to(root).parts[:-1])
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                parent = ".".join(parts[:len(parts) - node.level + 1])
                base = f"{parent}.{base}" if base else parent
            found.append((node.lineno, base))
            found += [(node.lineno, f"{base}.{alias.name}") for alias in node.names]
    return found


def upward(folder: str, root: Path = ROOT) -> list[str]:
    bad = []
    for path in sorted((root / folder).rglob("*.py")):
        for line, name in imported(path, root):
            if any(name == top or name.startswith(top + ".") for top in ABOVE):
                bad.append(f"{path.relative_to(root)}:{line} imports {name}")
    return sorted(bad)


def test_backends_import_nothing_above_them():
    assert (ROOT / "backends").is_dir()
    assert upward("backends") == []


def test_the_language_layer_stands_on_errors_alone():
    """lang/ sits below planner and backends: of medialoom it may import only itself and errors."""
    allowed = ("medialoom.lang", "medialoom.errors")
    bad = [f"{path.relative_to(ROOT)}:{line} imports {name}" for path in sorted((ROOT / "lang").rglob("*.py"))
           for line, name in imported(path) if name.startswith("medialoom") and name != "medialoom"
           and not any(name == a or name.startswith(a + ".") for a in allowed)]
    assert bad == []


def test_the_check_sees_relative_and_nested_imports(tmp_path):
    pkg = tmp_path / "backends" / "offline"
    pkg.mkdir(parents=True)
    (pkg / "bad.py").write_text("def f():\n    from ...planner.extract import duration\n"
                                "import medialoom.server.app\nfrom ...lang import speed\n")
    (pkg / "__init__.py").write_text("from .. import neural\nfrom ... import cli\n")
    assert upward("backends", tmp_path) == ["backends/offline/__init__.py:2 imports medialoom.cli",
                                            "backends/offline/bad.py:2 imports medialoom.planner.extract",
                                            "backends/offline/bad.py:2 imports medialoom.planner.extract.duration",
                                            "backends/offline/bad.py:3 imports medialoom.server.app"]
