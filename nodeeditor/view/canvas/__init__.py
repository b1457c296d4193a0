"""The canvas: the scene and its items, zoom and pan, stepping and playing, the welcome."""
