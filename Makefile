# `make run` and `make test` set everything up on a fresh machine (a .venv beside this file).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test bench screenshot gui-bench dist dist-check clean

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

# The executables students get: dist/BackpropStudio (one file) and dist/BackpropStudio-folder/.
dist: $(STAMP)
	$(PY) -m pip install -q -e ".[dist]"
	$(VENV)/bin/pyinstaller --noconfirm --clean --log-level WARN build.spec

# Build, then check the single file the way CI does.
dist-check: dist
	QT_QPA_PLATFORM=offscreen dist/BackpropStudio --selftest
	dist/BackpropStudio run resources/examples/4-sphere.graph
