"""A hash of every project module a backend's code can reach, so a cache entry is retired when
any code that shapes the output changes (ComfyUI's IS_CHANGED idea, done statically).

`code_version(modules, root)` follows `import` and `from ... import` lines (at any depth,
function-local imports included: medialoom imports lazily) from the given modules through
the files of the `medialoom` package under `root`, and hashes the name and bytes of each file
reached. Third-party modules are not followed (their versions are not ours to hash).
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from pathlib import Path

PACKAGE = "medialoom"


def package_root() -> Path:
    """The folder that holds the `medialoom` package (src/)."""
    return Path(__file__).resolve().parent.parent


def module_file(name: str, root: Path) -> Path | None:
    """The source file of a dotted module name under root, or None when it is not ours."""
    if name != PACKAGE and not name.startswith(PACKAGE + "."):
        return None
    base = root.joinpath(*name.split("."))
    for candidate in (base / "__init__.py", base.with_suffix(".py")):
        if candidate.is_file():
            return candidate
    return None


def _imports(path: Path, name: str) -> set[str]:
    """Dotted names a module imports (absolute; relative ones resolved against `name`)."""
    return set(_imports_of(str(path), path.stat().st_mtime_ns, name))


FROM = re.compile(r"^[ \t]*from[ \t]+(\.*)([\w.]*)[ \t]+import[ \t]+(\([^)]*\)|[^\n#]+)", re.MULTILINE)
IMPORT = re.compile(r"^[ \t]*import[ \t]+([\w., \t]+)", re.MULTILINE)


@lru_cache(maxsize=1024)
def _imports_of(path: str, mtime: int, name: str) -> tuple[str, ...]:
    """Read with two regular expressions rather than ast (ten times faster on the ~200 files
    of the package); a match inside a string only adds a module to the hash, never drops one."""
    try:
        text = Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ()
    package = name if path.endswith("__init__.py") else name.rpartition(".")[0]
    found: list[str] = []
    for line in IMPORT.finditer(text):
        found += [part.split()[0] for part in line.group(1).split(",") if part.split()]
    for dots, module, names in FROM.findall(text):
        base = module
        if dots:
            parts = package.split(".")
            parent = ".".join(parts[: len(parts) - len(dots) + 1])
            base = f"{parent}.{module}" if module else parent
        found.append(base)
        found += [f"{base}.{n.split()[0]}" for n in names.strip("()").replace("\\", " ").split(",")
                  if n.split()]  # submodules imported by name: from . import scene
    return tuple(found)


def reachable(modules: list[str], root: Path) -> dict[str, Path]:
    """Every project module reachable from `modules`, with its file (parents packages too:
    importing a.b.c runs a/__init__.py and a/b/__init__.py)."""
    seen: dict[str, Path] = {}
    todo = list(modules)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        path = module_file(name, root)
        if path is None:
            continue
        seen[name] = path
        parts = name.split(".")
        todo += [".".join(parts[:i]) for i in range(1, len(parts))]
        todo += [n for n in _imports(path, name) if n not in seen]
    return seen


def code_version(modules: list[str], root: Path | None = None) -> str:
    """A short hash of every project file reachable from `modules`."""
    root = root or package_root()
    digest = hashlib.sha256()
    for name, path in sorted(reachable(modules, root).items()):
        digest.update(name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]
