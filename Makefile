# Two commands from a fresh Debian clone: `make demo` and `make test`.
PY := .venv/bin/python
export MEDIALOOM_HOME ?= $(CURDIR)/.medialoom

.PHONY: setup demo lint test bench clean

setup:
	@bash scripts/setup.sh

demo: setup
	.venv/bin/medialoom demo --out out/demo

# Checks that keep the code so (CONTRIBUTING.md): ruff with httpx's rule set and mypy on the core
# modules, pyflakes on everything, and the layers (import-linter, contract in pyproject.toml).
CORE := src/medialoom/artifacts.py src/medialoom/cache.py src/medialoom/config.py \
	src/medialoom/context.py src/medialoom/errors.py src/medialoom/events.py \
	src/medialoom/executor.py src/medialoom/plan.py src/medialoom/registry.py \
	src/medialoom/session.py src/medialoom/store.py src/medialoom/tools.py \
	src/medialoom/media.py src/medialoom/mcp_wire.py src/medialoom/safety bench/guard_eval.py

lint: setup
	.venv/bin/ruff check $(CORE)
	.venv/bin/ruff check --select F,E9 src tests bench
	PYTHONPATH=$(CURDIR)/src .venv/bin/mypy
	PYTHONPATH=$(CURDIR)/src .venv/bin/lint-imports

test: setup lint
	$(PY) -m pytest -q -n 2 --dist loadgroup

bench: setup
	$(PY) bench/engine.py

.PHONY: floors
floors:  # every dependency at its floor, in a throwaway venv, with the floor-sensitive tests
	@bash scripts/check_floors.sh

clean:
	rm -rf .medialoom out .pytest_cache .mypy_cache .ruff_cache .import_linter_cache
