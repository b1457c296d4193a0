"""Colours, sizes and fonts of the editor, in one place."""
from functools import cache

from PySide6.QtGui import QColor

VALUE_COLOR = QColor("#1b8a3a")        # forward values: green, as in CS231n's circuits
GRADIENT_COLOR = QColor("#c62828")     # gradients: red
TANGENT_COLOR = QColor("#1565c0")      # forward mode's tangents: blue
GUESS_COLOR = QColor("#8d6e63")        # a gradient hidden while the student guesses it
ERROR_COLOR = QColor("#d32f2f")
SELECTED_COLOR = QColor("#ffb300")
ACTIVE_COLOR = QColor("#1e88e5")       # the node at work while stepping
PATH_COLOR = QColor("#f57c00")         # a chain rule's path lit on the canvas
PATH_TEXT = QColor("#bf360c")          # a term of the sum, which lights its path when pointed at
DIMMED_OPACITY = 0.22                  # what is off the lit paths
AGREE_COLOR = QColor("#c8e6c9")        # gradient check: analytic and numeric agree
DISAGREE_COLOR = QColor("#ffcdd2")
NODE_BODY = QColor("#fbfbfd")
NODE_BORDER = QColor("#5f6368")
MUTED_TEXT = QColor("#5f6368")
SOCKET_FILL = QColor("#ffffff")
WIRE_COLOR = QColor(96, 125, 139, 175)  # drawn over the nodes it passes: see-through, so their text stays readable
WIRE_PENDING = QColor("#1e88e5")
GRID_MINOR = QColor("#eceff1")
GRID_MAJOR = QColor("#cfd8dc")
CANVAS_BACKGROUND = QColor("#f7f9fa")
SHAPE_TEXT = QColor("#37474f")          # the shape tag on a wire that carries an array
NOTE_COLOR = QColor("#6a1b9a")          # a node's note: where broadcasting happened



@cache
def header_color(color: str) -> QColor:
    """The QColor of a kind's header colour (the catalog's ``color``)."""
    return QColor(color)

NODE_WIDTH = 168.0
HEADER_HEIGHT = 28.0
ROW_HEIGHT = 20.0
BADGE_HEIGHT = 18.0
BODY_PADDING = 8.0
SOCKET_RADIUS = 6.0
CORNER_RADIUS = 8.0
GRID_STEP = 20
DETAIL_THRESHOLD = 0.15   # below this zoom, nodes drop their text
COMPACT_ZOOM = 0.75       # below this, only the header, value and gradient, drawn large
COMPACT_SCREEN_POINTS = 10.0  # ... at this size on screen, where the node has room for it
OPEN_ZOOM = 0.6           # a graph opens at this zoom at least (numbers and port names readable)
MIN_ZOOM, MAX_ZOOM = 0.1, 4.0
FONT_POINT_SIZE = 9
FLOW_DURATION_MS = 700                 # a number travelling along a wire while playing
PLAY_INTERVAL_MS = 1100
#: Play's speeds (Graph → Play Speed): how much faster than the interval above
PLAY_SPEEDS = {"Slow": 0.5, "Normal": 1.0, "Fast": 2.0}
CAPTION_BACKGROUND = QColor("#e3f2fd")
LOCKED_COLOR = QColor("#616161")       # the "locked" tab of a node the teacher locked
OUTPUT_COLOR = QColor("#283593")       # the output's badge: the node Backward differentiates
HEADER_KIND_TEXT = QColor(255, 255, 255, 200)  # the kind (Multiply) at the right of a node's header
