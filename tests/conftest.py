"""Shared test set-up: Qt runs offscreen, the project root is importable."""
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# Logs go to a folder of the test run's own, never the user's log folder.
os.environ.setdefault("BACKPROP_STUDIO_LOG_DIR", tempfile.mkdtemp(prefix="backprop-studio-test-logs-"))
