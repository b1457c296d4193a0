# `make run` and `make test` set everything up on a fresh machine (a .venv beside this file).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test bench screenshot gui-bench clean

$(STAMP): pyproject.toml scripts/system-deps.sh
	bash scripts/system-deps.sh
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e ".[test]"
	touch $(STAMP)

run: $(STAMP)
	$(PY) main.py

test: $(STAMP)
	$(VENV)/bin/ruff check .
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest

bench: $(STAMP)
	$(PY) benchmarks/engine_bench.py

clean:
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache .hypothesis

screenshot: $(STAMP)
	$(PY) scripts/screenshot.py

gui-bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) benchmarks/gui_bench.py
