"""A graph's description (saved in the file: an example's lesson, a teacher's task) is
what the Inspector shows while no node is selected, from the moment the file opens."""
from __future__ import annotations

from nodeeditor.model import load_graph
from tests.conftest import ROOT
from tests.gui_helpers import open_window

EXAMPLES = ROOT / "resources" / "examples"


def test_the_description_shows_when_a_file_opens_and_goes_with_it(qtbot, tmp_path):
    with open_window(qtbot, tmp_path) as window:
        assert window.files.open_path(EXAMPLES / "13-xor.graph", ask=False)
        about = load_graph(EXAMPLES / "13-xor.graph").description
        assert about and about[:40] in window.inspector.title.text()
        x1 = next(n for n, node in window.document.graph.nodes.items() if node.label == "x1")
        window.scene.nodes[x1].setSelected(True)
        assert about[:40] not in window.inspector.title.text()
        window.scene.clearSelection()
        window.actions.new.trigger()
        assert window.inspector.title.text() == "Select a node to see and edit it here."
