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
    checks.append(("engine and compiler: sphere = 45, gradients 12 and 6",
                   value == EXPECTED_VALUE and grads == EXPECTED_GRADIENTS, f"value {value}, gradients {grads}"))

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
        checks.append(("editor window: sockets read 45, 12 and 6",
                       opened and labels == EXPECTED_GRADIENTS and shown == [EXPECTED_VALUE],
                       f"output {shown}, gradients {labels}"))
        examples = resource_path("examples")
        count = len(list(examples.glob("*.graph")))
        checks.append(("bundled examples and schema found", count >= 7 and resource_path("graph.schema.json").is_file(),
                       f"{count} examples in {examples}"))
        window.document.undo_stack.setClean()
        window.close()
    for name, ok, detail in checks:
        print(f"{'PASS' if ok else 'FAIL'}  {name}  ({detail})")
    passed = sum(ok for _name, ok, _detail in checks)
    frozen = "frozen" if getattr(sys, "frozen", False) else (
        "installed" if "site-packages" in Path(__file__).parts else "from source")
    print(f"selftest {frozen}: {passed} passed, {len(checks) - passed} failed "
          f"in {time.perf_counter() - start:.2f} s")
    return 0 if passed == len(checks) else 1
