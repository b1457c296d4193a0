"""Longer texts the window shows: the program's name, the help and the About box."""

APP_NAME = "Backprop Studio"
#: The organisation part of the settings' and data folders' names.
ORGANIZATION = "BackpropStudio"

#: Help → How to Use: one entry per paragraph or bullet (the dialog wraps each to its width).
HELP_TEXT = "\n".join([
    "Build a graph",
    "• Drag a node from the list on the left onto the canvas (or press Tab, or right-click).",
    "• Drag from a socket to another socket to wire them: outputs are on the right, inputs on the left. "
    "Drop a wire on a node to wire its first free input. Drag a wire's end off its input to disconnect it.",
    "• Select a node to rename it (every node has one name, used everywhere) and to edit its value or "
    "exponent in the Inspector. A value can be a number, a vector [1, 2, 3] or a matrix [[1, 2], [3, 4]], "
    "or come from a CSV file.",
    "• Or type a formula above the canvas, such as sigmoid(w*x + b) or sum(x * x).",
    "• Select some nodes and choose Graph → Make Function (Ctrl+Shift+F) to make them one node of your "
    "own; double-click it to see inside.",
    "",
    "Watch it compute",
    "• Green numbers are values (forward). Press Backward (Ctrl+B): red numbers are gradients of the "
    "output y. On an input socket, \"← g\" is the gradient sent back through that wire.",
    "• The output (marked \"output\" and named y) is what Backward differentiates. Select another node "
    "and choose Graph → Set as Output to change it; rename it in the Inspector.",
    "• Backward Step (F7) sends the gradients back one node at a time; the bar above the canvas says "
    "what each step does.",
    "",
    "Learn by doing (the Learn menu has each of these)",
    "• Learn → Guess the Gradients (Ctrl+Shift+G): the gradients are hidden; type your guess for each "
    "node and press Enter. A wrong guess gets a hint; a right one shows the number.",
    "• Select a node and press Ctrl+Shift+R: the Chain rule tab writes out ∂y/∂(that node), path by "
    "path, in symbols and in numbers. \"Copy as LaTeX\" puts it in your report.",
    "• \"Forward mode from\" in that tab pushes a tangent forward from one input (blue numbers).",
    "• Ctrl+Shift+D opens the graph of ∂y/∂(selected node) in a window of its own: Backward there gives "
    "the second derivative. Newton's method in the Chain rule tab uses it.",
    "• Learn tab: untick \"Clear old gradients\" and press Backward twice to see why the book calls "
    "cleargrad; \"What does each Function keep?\" shows the memory backward needs.",
    "• File → Export Backward Steps: every step as a picture, and one animated PNG.",
    "",
    "Move around",
    "• Wheel: zoom about the cursor. Middle button or Space+drag: pan. F: fit to view.",
    "• Drag on empty canvas to select several nodes; Ctrl+click to add to the selection.",
    "• Delete, Ctrl+C, Ctrl+V (at the pointer), Ctrl+D, Ctrl+Z, Ctrl+Shift+Z as usual.",
])

#: The Examples menu's names of the example files (by their file names' stems).
EXAMPLE_TITLES = {
    "1-add": "Add (the seed's first graph)",
    "2-mul": "Multiply",
    "3-add-and-mul": "Add and Multiply",
    "4-sphere": "Sphere",
    "5-matyas": "Matyas",
    "6-goldstein-price": "Goldstein–Price",
    "7-rosenbrock": "Rosenbrock",
    "8-sigmoid-neuron": "Sigmoid Neuron",
    "9-neuron-from-parts": "Neuron Built from Parts",
    "10-sin-taylor": "Sine and Its Taylor Series",
    "11-newton": "Newton's Method",
    "12-linear-regression": "Linear Regression",
}

ABOUT_TEXT = (f"<b>{APP_NAME}</b><br>Draw a computational graph, watch the values flow "
              "forward and the gradients flow back.<br>Based on the lesson "
              "\"Deep Learning Step 7: computational graphs in Python\".")

#: what Backward does with old gradients, once the student switched it
CLEARS_GRADIENTS = "Backward clears the old gradients first again."
KEEPS_GRADIENTS = "Backward now adds to the old gradients: press it twice and watch them add up."
