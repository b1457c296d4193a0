"""Shared test set-up: Qt runs offscreen, the project root is importable."""
import atexit
import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
#: Tests of what only POSIX systems have: signals such as SIGKILL, device files and FIFOs,
#: Unix permissions, a bash to pipe through. The workflow also runs the tests on Windows.
POSIX_ONLY = pytest.mark.skipif(os.name != "posix", reason="needs POSIX signals, device files, FIFOs or permissions")
sys.path.insert(0, str(ROOT))

# Logs go to a folder of the test run's own, never the user's log folder; it goes when
# the run ends (unless the run was given a folder to keep).
if "BACKPROP_STUDIO_LOG_DIR" not in os.environ:
    _LOGS = tempfile.mkdtemp(prefix="backprop-studio-test-logs-")
    os.environ["BACKPROP_STUDIO_LOG_DIR"] = _LOGS
    atexit.register(shutil.rmtree, _LOGS, ignore_errors=True)

# A student's account of the test run's own: native settings, recovery files and caches
# go under a new, empty HOME, never the real user's (nor another test's: each test gets
# its own data folder, where recovery files are written).
_HOME = tempfile.mkdtemp(prefix="backprop-studio-test-home-")
os.environ["HOME"] = _HOME
for _variable in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
    os.environ.pop(_variable, None)
atexit.register(shutil.rmtree, _HOME, ignore_errors=True)


@pytest.fixture(autouse=True)
def _own_data_folder(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path_factory.mktemp("data")))


@pytest.fixture
def account(tmp_path):
    """The environment of a new student account: an empty HOME, a 1600×1000 screen."""
    from tests.launching import new_account

    return new_account(tmp_path)
