"""Backprop Studio: ``python main.py [FILE.graph]`` opens the editor; ``--help`` for more."""
import sys

from nodeeditor.app.entry import main

if __name__ == "__main__":
    sys.exit(main())
