# `make run` and `make test` set everything up on a fresh machine (a .venv beside this file).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

# A .venv that was set up once but has broken since (its python no longer runs, or it has
# no pip) is set up again: forgetting that it was set up makes the recipe below run.
ifneq ($(wildcard $(STAMP)),)
  ifneq ($(shell bash scripts/make-venv.sh --healthy $(VENV) && echo yes),yes)
    $(shell rm -f $(STAMP))
  endif
endif

.PHONY: run test bench screenshot gui-bench dist dist-check dist-windows dist-windows-check pip-check workflow-lint release tag fuzz clean

$(STAMP): pyproject.toml scripts/system-deps.sh scripts/make-venv.sh
	bash scripts/system-deps.sh
	bash scripts/make-venv.sh "$(PYTHON)" $(VENV)
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
	QT_QPA_PLATFORM=offscreen $(PY) benchmarks/gui_bench.py --nodes 20000 --runs 3

# The executables students get: dist/BackpropStudio (one file) and dist/BackpropStudio-folder/.
# Reproducible: every build of one commit gives the same bytes (the commit's time for every
# file's time, a fixed hash seed for PyInstaller; make dist-check builds twice to see).
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 946684800)
export SOURCE_DATE_EPOCH
dist: $(STAMP)
	$(PY) -m pip install -q -e ".[dist]"
	PYTHONHASHSEED=0 $(VENV)/bin/pyinstaller --noconfirm --clean --log-level WARN build.spec

# Build, then check both builds the way CI does: identical twice, the newest GLIBC needed,
# every bundled library named in the licence notices (scripts/check_notices.py), then the
# self-tests. The single file unpacks into the cache on its first start and reuses that
# copy afterwards: both paths are run.
CHECK_CACHE := $(CURDIR)/build/dist-check-cache
FIRST_BUILD := $(CURDIR)/build/first-build.sha256
# The newest C library (and C++ runtime) versions a Linux build may need: Ubuntu 22.04's.
GLIBC_LIMITS := --max GLIBC=2.35 --max GLIBCXX=3.4.30 --max CXXABI=1.3.13
dist-check: dist
	bash scripts/build-hash.sh > $(FIRST_BUILD)
	$(MAKE) --no-print-directory dist
	bash scripts/build-hash.sh | diff $(FIRST_BUILD) - \
		|| { echo "dist-check: two builds of one commit differ" >&2; exit 1; }
	@echo "dist-check: two builds of this commit are identical: $$(head -1 $(FIRST_BUILD))"
	$(PY) scripts/elf_versions.py dist/BackpropStudio-folder dist/BackpropStudio $(GLIBC_LIMITS)
	$(PY) scripts/check_notices.py dist/BackpropStudio-folder
	QT_QPA_PLATFORM=offscreen dist/BackpropStudio-folder/BackpropStudio --selftest
	rm -rf $(CHECK_CACHE)
	XDG_CACHE_HOME=$(CHECK_CACHE) QT_QPA_PLATFORM=offscreen dist/BackpropStudio --selftest
	XDG_CACHE_HOME=$(CHECK_CACHE) QT_QPA_PLATFORM=offscreen dist/BackpropStudio --selftest
	XDG_CACHE_HOME=$(CHECK_CACHE) dist/BackpropStudio run resources/examples/4-sphere.graph

# The Windows builds, made here with PyInstaller inside Wine (see scripts/windows/), into
# dist/windows/; dist-windows-check also runs them under Wine: --selftest, `run` on the
# sphere, and the editor in a window under Xvfb (a screenshot in dist/windows/).
dist-windows:
	bash scripts/windows/build-under-wine.sh

dist-windows-check:
	bash scripts/windows/build-under-wine.sh --check
	python3 scripts/check_notices.py dist/windows/BackpropStudio-folder

# The tools that check a release (pyproject.toml's `release` extra), once.
RELEASE_TOOLS := $(VENV)/.release-tools
$(RELEASE_TOOLS): pyproject.toml $(STAMP)
	$(PY) -m pip install -q -e ".[release]"
	touch $(RELEASE_TOOLS)

# The sdist and the wheel, checked (check-wheel-contents, twine check --strict), then
# `pipx install .` as a student makes it, and the commands run from another folder.
pip-check: $(RELEASE_TOOLS)
	bash scripts/pip-check.sh $(PY)

# The GitHub workflow: actionlint with shellcheck must find nothing (scripts/workflow-lint.sh).
workflow-lint: $(RELEASE_TOOLS)
	bash scripts/workflow-lint.sh $(VENV)/bin

# The builds under the names they are handed out with, in dist/release/, with SHA256SUMS,
# then a dry run of publishing them (the release notes: dist/release-notes.md) and of
# tagging the version. `make tag` tags it for real; pushing the tag publishes the release
# (.github/workflows/build.yml). See scripts/publish_release.py.
release:
	$(PY) scripts/release.py --system linux --builds dist
	if [ -f dist/windows/BackpropStudio.exe ]; then \
		$(PY) scripts/release.py --system windows --builds dist/windows; \
		cp dist/windows/windows-under-wine.png dist/release/ 2>/dev/null || true; fi
	$(PY) scripts/publish_release.py publish --dry-run
	$(PY) scripts/publish_release.py tag --dry-run
	ls -l dist/release

tag:
	$(PY) scripts/publish_release.py tag

# The fuzz suite's long profile (2,000 mutations of the examples and of a CSV table, besides
# every hostile file, formula and recovery folder), then the undo fuzzer with random seeds
# for FUZZ_SECONDS of processor time; the quick profiles run in make test.
FUZZ_SECONDS ?= 120
fuzz: $(STAMP)
	$(PY) tests/fuzz.py --mutations 2000
	$(PY) tests/undo_fuzz.py --steps 500 --runs 20 --seconds $(FUZZ_SECONDS)
