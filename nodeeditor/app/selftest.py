"""``main.py --selftest``: a quick check that a build works, from source or frozen.

Compiles the sphere example and runs backward headless, then opens the main window
offscreen, presses Backward and reads the socket labels. Prints a summary; 0 or 1.
"""
from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

EXPECTED_VALUE = "45"
EXPECTED_GRADIENTS = {"x0": "12", "x1": "6"}


def run_selftest() -> int:
    start = time.perf_counter()
    checks: list[tuple[str, bool, str]] = []
    from nodeeditor.app import texts
    from nodeeditor.app.resources import resource_path
    from nodeeditor.compiler import Compiler
    from nodeeditor.model import format_array, load_graph

    sphere = resource_path("examples", "4-sphere.graph")
    graph = load_graph(sphere)
    compiler = Compiler(graph)
    root = compiler.backward()
    grads = {n.params["name"]: format_array(compiler.results[n.id].grad)
             for n in graph.nodes.values() if n.kind == "Variable"}
    value = format_array(compiler.results[root].value)
    checks.append((texts.CHECK_ENGINE, value == EXPECTED_VALUE and grads == EXPECTED_GRADIENTS,
                   texts.CHECK_ENGINE_FOUND.format(value=value, gradients=grads)))

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from nodeeditor.view.window.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as folder:
        window = MainWindow(QSettings(str(Path(folder) / "selftest.ini"), QSettings.IniFormat))
        window.show()
        opened = window.files.open_path(sphere, ask=False)
        window.editing.backward()
        app.processEvents()
        labels = {item.node.params["name"]: item.gradient_label()
                  for item in window.scene.nodes.values() if item.node.kind == "Variable"}
        shown = [item.value_label() for item in window.scene.nodes.values() if item.node.id == root]
        checks.append((texts.CHECK_WINDOW, opened and labels == EXPECTED_GRADIENTS and shown == [EXPECTED_VALUE],
                       texts.CHECK_WINDOW_FOUND.format(output=shown, gradients=labels)))
        examples = resource_path("examples")
        count = len(list(examples.glob("*.graph")))
        checks.append((texts.CHECK_RESOURCES, count >= 7 and resource_path("graph.schema.json").is_file(),
                       texts.CHECK_RESOURCES_FOUND.format(count=count, folder=examples)))
        window.document.undo_stack.setClean()
        window.close()
    for name, ok, detail in checks:
        print((texts.PASSED if ok else texts.FAILED).format(check=name, found=detail))
    passed = sum(ok for _name, ok, _detail in checks)
    build = texts.FROZEN if getattr(sys, "frozen", False) else (
        texts.INSTALLED if "site-packages" in Path(__file__).parts else texts.FROM_SOURCE)
    print(texts.SELFTEST.format(build=build, passed=passed, failed=len(checks) - passed,
                                seconds=time.perf_counter() - start))
    return 0 if passed == len(checks) else 1
