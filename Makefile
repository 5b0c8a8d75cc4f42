# Two commands from a fresh Debian clone: `make demo` and `make test`.
PY := .venv/bin/python
export MEDIALOOM_HOME ?= $(CURDIR)/.medialoom

.PHONY: setup demo test bench clean

setup:
	@bash scripts/setup.sh

demo: setup
	.venv/bin/medialoom demo --out out/demo

test: setup
	$(PY) -m pytest -q -n 2 --dist loadgroup

bench: setup
	$(PY) bench/engine.py

.PHONY: floors
floors:  # every dependency at its floor, in a throwaway venv, with the floor-sensitive tests
	@bash scripts/check_floors.sh

clean:
	rm -rf .medialoom out .pytest_cache
