"""``python -m nodeeditor``: the same as main.py and the backprop-studio command."""
import sys

from nodeeditor.app.entry import main

sys.exit(main())
