"""Every catalogue backend entry resolves to a function, even after every module of its
package has been imported (a submodule named like a tool would shadow the function)."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest

from medialoom.catalogue import catalogue
from medialoom.registry import load_entry

OFFLINE = sorted({b.entry.split(":")[0] for s in catalogue() for b in s.backends
                  if b.family in ("offline", "embedded")})


@pytest.mark.parametrize("package", OFFLINE)
def test_offline_entries_stay_functions_after_all_submodules_load(package):
    module = importlib.import_module(package)
    for info in pkgutil.iter_modules(getattr(module, "__path__", [])):
        importlib.import_module(f"{package}.{info.name}")
    for spec in catalogue():
        for backend in spec.backends:
            if backend.entry.split(":")[0] == package:
                fn = load_entry(backend)
                assert inspect.isfunction(fn), f"{backend.entry} is {type(fn).__name__}"
                params = inspect.signature(fn).parameters
                assert list(params)[0] == "ctx"
                for p in spec.params:
                    assert p.name in params or any(
                        q.kind == q.VAR_KEYWORD for q in params.values()), f"{spec.id}: {p.name}"
