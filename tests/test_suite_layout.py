"""The suite runs in pytest's default (prepend) import mode: test modules in different folders
must have different names, and helpers are imported from named modules, not from conftest."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

TESTS = Path(__file__).parent


def test_test_module_names_are_unique():
    names = Counter(p.name for p in TESTS.rglob("test_*.py"))
    assert [n for n, c in names.items() if c > 1] == []


def test_no_test_imports_from_conftest():
    offenders = [str(p.relative_to(TESTS)) for p in TESTS.rglob("*.py")
                 if "from " + "conftest import" in p.read_text(encoding="utf-8")]
    assert offenders == []
