"""Longer texts the window shows: the program's name, the help and the About box."""

APP_NAME = "Backprop Studio"
#: The organisation part of the settings' and data folders' names.
ORGANIZATION = "BackpropStudio"

HELP_TEXT = """Build a graph
• Drag a node from the list on the left onto the canvas (or press Tab, or right-click).
• Drag from a socket to another socket to wire them: outputs are on the right,
  inputs on the left. Drag a wire's end off its input to disconnect it.
• Select a node to edit its name, value or exponent in the Inspector. A value can be
  a number, a vector [1, 2, 3] or a matrix [[1, 2], [3, 4]], or come from a CSV file.
• Or type a formula above the canvas, such as sigmoid(w*x + b) or sum(x * x).
• Select some nodes and choose Graph → Make Function (Ctrl+Shift+F) to make them one
  node of your own; double-click it to see inside.

Watch it compute
• Green numbers are values (forward). Press Backward (Ctrl+B): red numbers are
  gradients of the output y. On an input socket, "← g" is the gradient sent back
  through that wire.
• The output (marked "output y") is what Backward differentiates. Select another
  node and choose Graph → Set as Output to change it; rename it in the Inspector.

Learn by doing (the Learn menu has each of these)
• Graph → Guess the Gradients (Ctrl+Shift+G): the gradients are hidden; type your guess
  for each node and press Enter. A wrong guess gets a hint; a right one shows the number.
• Select a node and press Ctrl+Shift+R: the Chain rule tab writes out ∂y/∂(that node),
  path by path, in symbols and in numbers. "Copy as LaTeX" puts it in your report.
• "Forward mode from" in that tab pushes a tangent forward from one input (blue numbers).
• Ctrl+Shift+D opens the graph of ∂y/∂(selected node) in a window of its own: Backward
  there gives the second derivative. Newton's method in the Chain rule tab uses it.
• Learn tab: untick "Clear old gradients" and press Backward twice to see why the book
  calls cleargrad; "What does each Function keep?" shows the memory backward needs.
• File → Export Backward Steps: every step as a picture, and one animated PNG.

Move around
• Wheel: zoom about the cursor. Middle button or Space+drag: pan. F: fit to view.
• Drag on empty canvas to select several nodes; Ctrl+click to add to the selection.
• Delete, Ctrl+C, Ctrl+V, Ctrl+D, Ctrl+Z, Ctrl+Shift+Z as usual."""

ABOUT_TEXT = (f"<b>{APP_NAME}</b><br>Draw a computational graph, watch the values flow "
              "forward and the gradients flow back.<br>Based on the lesson "
              "\"Deep Learning Step 7: computational graphs in Python\".")
