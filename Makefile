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
# Reproducible: every build of one commit gives the same bytes (the commit's time for every
# file's time, a fixed hash seed for PyInstaller; make dist-check builds twice to see).
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 946684800)
export SOURCE_DATE_EPOCH
dist: $(STAMP)
	$(PY) -m pip install -q -e ".[dist]"
	PYTHONHASHSEED=0 $(VENV)/bin/pyinstaller --noconfirm --clean --log-level WARN build.spec

# Build, then check both builds the way CI does. The single file unpacks into the cache
# on its first start and reuses that copy afterwards: both paths are run.
CHECK_CACHE := $(CURDIR)/build/dist-check-cache
dist-check: dist
	QT_QPA_PLATFORM=offscreen dist/BackpropStudio-folder/BackpropStudio --selftest
	rm -rf $(CHECK_CACHE)
	XDG_CACHE_HOME=$(CHECK_CACHE) QT_QPA_PLATFORM=offscreen dist/BackpropStudio --selftest
	XDG_CACHE_HOME=$(CHECK_CACHE) QT_QPA_PLATFORM=offscreen dist/BackpropStudio --selftest
	XDG_CACHE_HOME=$(CHECK_CACHE) dist/BackpropStudio run resources/examples/4-sphere.graph
