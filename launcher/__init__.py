"""The small program that is the single-file BackpropStudio (see onefile.py)."""
