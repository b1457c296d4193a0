"""The Qt view: canvas, items, panels, main window and undo commands."""
