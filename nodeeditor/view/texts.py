"""Every sentence the window shows, as a whole template with named fields: the status bar's
messages, the dialogs, the panels' explanations and tips, the help and the About box.

A translator reads each sentence whole here: where a count decides the words, both forms
are whole templates (``plural`` in nodeeditor/plural.py picks one), and nothing is glued
from fragments. Numbers come in already formatted (values.format_number or format_array,
or the ``{count:,}`` a template asks for). Short labels (menu items, buttons, headings)
stay beside the widgets they name. No numpy here: the main window imports this module
before anything heavy is loaded.
"""

APP_NAME = "Backprop Studio"
#: The organisation part of the settings' and data folders' names.
ORGANIZATION = "BackpropStudio"
#: the window's title: the document's name ([*] marks unsaved changes) and the program's
WINDOW_TITLE = "{document}[*] — {app}"

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
    "• Backward Step (F7, or → on the canvas) sends the gradients back one node at a time; the bar above "
    "the canvas says what each step does. ← (Shift+F7) goes back a step, Home starts again.",
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
    "• File → Export Backward Steps: every step as a picture (or a 16:9 slide), an animated GIF for your "
    "slides, and an MP4 where ffmpeg is installed.",
    "",
    "In front of a class",
    "• View → Present (F11): full screen, the canvas and the caption in large type. → PageDown or Space "
    "step, ← PageUp go back, Home starts again, B blacks the screen, Esc leaves. View → Text Size makes "
    "every text larger; Graph → Play Speed sets Play's pace.",
    "",
    "Move around",
    "• Wheel: zoom about the cursor. Middle button or Space+drag: pan. F: fit to view.",
    "• Drag on empty canvas to select several nodes; Ctrl+click to add to the selection.",
    "• Delete, Ctrl+C, Ctrl+V (at the pointer), Ctrl+D, Ctrl+Z, Ctrl+Shift+Z as usual.",
])
HELP_TITLE = "How to use {app}"

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
    "13-xor": "XOR: a Two-Layer Network",
}

# about.py ---------------------------------------------------------------------------------
ABOUT_TEXT = ("<b>{app}</b><br>Draw a computational graph, watch the values flow forward and the gradients flow "
              "back.<br>Based on the lesson \"Deep Learning Step 7: computational graphs in Python\".")
ABOUT_TITLE = "About {app}"
ABOUT_VERSIONS = ("{about}<br><br><b>Version {version}</b><br>Python {python}, NumPy {numpy}, Qt {qt}, "
                  "PySide6 {pyside}")
LICENCES = "Licences (Backprop Studio is MIT; what the program carries is listed in THIRD_PARTY_NOTICES):"
NO_LICENCES = "The licence files are missing from this copy of the program."

# actions.py: what each command does, in its tooltip and the status bar ---------------------
#: a command's tip with its keyboard shortcut
TIP_WITH_SHORTCUT = "{tip} ({shortcut})"
#: Edit → Undo and Redo name the step they undo or redo: "&Undo Paste 3 nodes"
ACTION_WITH_STEP = "{action} {step}"
TIP_NEW = "Start an empty graph"
TIP_OPEN = "Open a .graph file"
TIP_SAVE = "Save the graph"
TIP_SAVE_AS = "Save the graph under a new name"
TIP_EXAMPLE = "Open the example {file}"
TIP_EXPORT_PYTHON = "Save Python code that computes this graph with the engine"
TIP_EXPORT_IMAGE = "Save the canvas as a PNG or SVG picture, for reports"
TIP_EXPORT_FRAMES = "Save every backward step as numbered PNG frames and one animated PNG"
TIP_EXPORT_CHAIN = "Save ∂y/∂(selected node), written out path by path, as a LaTeX document"
TIP_QUIT = "Close Backprop Studio"
TIP_COPY = "Copy the selected nodes"
TIP_PASTE = "Paste nodes"
TIP_DUPLICATE = "Duplicate the selected nodes"
TIP_DELETE = "Delete the selected nodes and their wires"
TIP_SELECT_ALL = "Select every node"
TIP_FIT = "Show the whole graph"
TIP_RESET_LAYOUT = "Put every panel back where a new install has it"
TIP_BACKWARD = "Compute the gradient of the output y with respect to every value"
TIP_CLEAR = "Remove the gradients from the sockets"
TIP_SET_OUTPUT = "Make the selected node the output that Backward differentiates"
TIP_ADD_NODE = "Search for a node and add it at the cursor"
TIP_MAKE_FUNCTION = "Collapse the selected nodes into one named function made of nodes (double-click it to open it)"
TIP_COMPUTE = "Compute the values a stopped computation left out"
TIP_FORWARD_STEP = "Compute one node at a time, inputs first"
TIP_BACKWARD_STEP = "Send gradients back one node at a time"
TIP_PLAY = "Play the backward pass step by step"
TIP_RESET_STEPS = "Stop stepping and show the current numbers"
TIP_RANDOMIZE = "New values for the selected Variables (or all of them): whole numbers from −4 to 4, to practise again"
GUESS_AGAIN_TIP = "Give every Variable new numbers and guess the gradients again"
RANDOMIZED_ONE = "New numbers for {name}: Backward (Ctrl+B) gives its gradient."
RANDOMIZED = "New numbers for {count} Variables: Backward (Ctrl+B) gives their gradients."
NO_VARIABLES = "This graph has no Variable to give new numbers."
TIP_NEW_NETWORK = "Build a fully connected network from its layer sizes (2-2-1), ready for gradient descent"
NETWORK_DIALOG_TITLE = "New network"
NETWORK_SIZES_LABEL = "Layer sizes:"
NETWORK_SIZES_TIP = "Inputs, then each layer's neurons, joined by -: 2-2-1 learns XOR"
NETWORK_ACTIVATION_LABEL = "Activation:"
NETWORK_SCALAR_FORM = "A node for every weight and neuron (w1_12, and a Neuron function per neuron)"
NETWORK_MATRIX_FORM = "Weight matrices (W1, b1 and a Linear function: x @ W + b)"
NETWORK_DATA_NOTE = ("The data are every 0/1 combination of the inputs, the target their parity (XOR for two "
                     "inputs), the loss the mean squared error. Sigmoid networks end in a sigmoid, the others in "
                     "a plain sum. More than {largest} neurons are built as matrices.")
NETWORK_BUILD = "Build"
NETWORK_NOT_BUILT = "No network built: {reason}."
NETWORK_BUILT = ("Built a {sizes} network of {count} nodes, a new document. Learn tab → Run trains it (learning "
                 "rate {rate:g}).")
TIP_STEP_BACK = "Go back to the step before (← on the canvas)"
TIP_PRESENT = ("Full screen for a class: the canvas and the caption in large type; → ← step, B blacks the screen, "
               "Esc leaves")
NO_PANEL = "None"
TIP_CHECK = "Compare every gradient with a numerical estimate"
TIP_GUESS = "Hide the gradients and predict each one, with hints (again: show them)"
TIP_CHAIN_RULE = "Write out ∂y/∂(selected node) path by path, in symbols and numbers"
TIP_FORWARD_MODE = ("Show each node's tangent d(node)/d(selected Variable), pushed forward (again: back to the "
                    "gradients)")
TIP_GRADIENT_GRAPH = ("Open the graph that computes ∂y/∂(selected node), built by create_graph=True: Backward on it "
                      "gives the second derivative")
TIP_NEWTON = "x ← x − f′(x)/f″(x) from the selected Variable's value, step by step"
TIP_KEEP_GRADIENTS = "Backward adds to the gradients already there, as y.backward() twice without x.cleargrad() does"
TIP_MEMORY = "What each Function holds on to for backward, and what no_grad keeps"

# main_window.py ---------------------------------------------------------------------------
#: the status bar's key to the colours of the numbers
LEGEND_VALUE = "■ value"
LEGEND_GRADIENT = "■ gradient"
#: what the window shows while the editor is built inside it
OPENING = "Opening…"
CANNOT_START = "{app} could not start ({error}). The details are in {log}."
FIRST_HINT = "Drag a node from the list on the left onto the canvas, or press Tab."
GUESSING_STOPPED_FOR_FORWARD_MODE = "Guessing stopped: forward mode shows tangents."
RESTORED = "Your unsaved work on {document}, as it was at {time}, is back: save it (Ctrl+S) to keep it."
OPENED_BIG = ("Opened {document}. It is bigger than the window: this is the part around its output; press F to see it "
              "whole, drag with the middle button (or Space) to move.")
DROP_ON_CANVAS = "Drop the node on the canvas to add it."
#: ``edit`` is the step's name in Edit → Undo (session/texts.py): "Rename add1 to h"
EDITED_INSIDE = "{edit} inside the function: every use follows."
COMPUTED_THE_ONE = "Computed the 1 node left out."
COMPUTED_THE = "Computed the {count:,} nodes left out."
ALL_COMPUTED = "Every value is computed already."
SELECT_ONE_FOR_GRADIENT_GRAPH = "Select the one node (such as the Variable x) to differentiate with respect to."
NO_GRADIENT_GRAPH = "No graph of the gradient: {reason}."
GRADIENT_GRAPH_OPENED = ("The graph of ∂{y}/∂{x}, as create_graph=True built it. Its output is the gradient; press "
                         "Backward (Ctrl+B) for the second derivative.")

# files.py ---------------------------------------------------------------------------------
#: the file dialogs' titles
OPEN_DIALOG = "Open graph"
SAVE_DIALOG = "Save graph"
EXPORT_PYTHON_DIALOG = "Export as Python"
EXPORT_IMAGE_DIALOG = "Export image"
FRAMES_FOLDER_DIALOG = "Folder for the backward steps"
# frames_dialog.py
FRAMES_DIALOG_TITLE = "Export the backward steps"
FRAMES_DIALOG_WHAT = ("Each backward step as a numbered PNG, and all of them as an animated PNG and an animated GIF "
                      "(which slide programs play).")
FRAMES_FOLDER_LABEL = "Folder:"
FRAMES_FOLDER_TIP = "The folder the pictures go into; a folder that does not exist yet is made."
BROWSE = "Browse…"
FRAMES_GRAPH_SHAPE = "The graph's own shape, the caption above it (for reports)"
FRAMES_SLIDE_SHAPE = "16:9 slides of 1920 × 1080, the graph centred and the caption below"
FRAMES_MP4 = "Also an MP4 video (made with ffmpeg)"
FRAMES_MP4_NEEDS_FFMPEG = "An MP4 video needs ffmpeg, which is not installed"
FRAMES_EXPORT = "Export"
EXPORT_CHAIN_DIALOG = "Export the chain rule as LaTeX"
SAVE_CHANGES = "Save the changes to {document} before closing it?"
NEW_GRAPH = "New graph."
READING_CANCELLED = "Not opened: you cancelled reading {file}."
CANNOT_OPEN = "{file} cannot be opened:\n\n{reason}"
NOT_OPENED = "Not opened: {reason}"
OPENED = "Opened {file}."
READING = "Reading {file}…"
CHANGED_ON_DISK_REPLACE = ("{file} was changed by another program since you opened it. Replace that version with "
                           "yours?\n\n(Cancel, then File → Save As, keeps both.)")
NOT_SAVED_CHANGED_ON_DISK = "Not saved: the file on disk was changed by another program."
CANNOT_SAVE_KEPT_OPEN = ("{file} could not be saved: {reason}.\n\nYour graph is still open and unsaved: try File → "
                         "Save As, another folder or another name.")
NOT_SAVED = "Not saved: {reason}."
SAVED = "Saved {file}."
#: a file with other hard links: saving wrote a new file, and they keep the old one
SAVED_ONE_OTHER_LINK = ("Saved {file}. It had 1 other hard link: saving wrote a new file, so they still hold the old "
                        "version.")
SAVED_OTHER_LINKS = ("Saved {file}. It had {count} other hard links: saving wrote a new file, so they still hold the "
                     "old version.")
REMOVED_ON_DISK = "{file} was removed or renamed by another program. Your graph is still open: save it to keep it."
CHANGED_ON_DISK = "{file} was changed by another program since you opened it. Open that version?"
CHANGED_ON_DISK_UNSAVED = ("{file} was changed by another program since you opened it. Open that version? Your "
                           "unsaved changes here would be lost.")
OPENED_DISK_VERSION = "Opened the version of {file} on the disk."
KEPT_MINE = "Kept your version of {file}; Save writes it over the other."
NO_FRAMES = "No frames: {reason}"
FRAMES_NOT_SAVED = "The frames could not be saved: {reason}."
FRAMES_SAVED = "Saved {count} frames and {animations} in {folder}."
FRAMES_SAVED_BUT = "{saved} {problem}."
SELECT_FOR_CHAIN_RULE = "Select the node whose gradient to write out first."
NO_CHAIN_RULE = "No chain rule to export: {reason}"
CANNOT_SAVE = "{file} could not be saved: {reason}."
NOT_EXPORTED = "Not exported: {reason}."
EXPORTED = "Exported {file}."

# export.py and frames.py ----------------------------------------------------------------------
CANNOT_WRITE = "cannot write {path}"
NO_PICTURE = "the picture could not be made"
#: a step's caption above the canvas and on its exported picture (the first step is 0)
STEP_CAPTION = "Step {index} of {last}. {caption}"
LAST_BACKWARD_STEP = "That was the last step of Backward: ← goes back a step, Reset (F9) shows the live numbers."
LAST_FORWARD_STEP = "That was the last step of the forward pass: Backward Step (F7) sends the gradients back."

# presenting.py ----------------------------------------------------------------------------
PRESENT_KEYS = ("Presenting. → PageDown or Space: the next step of Backward; ← PageUp: the step before; Home: "
                "from the start; F: the whole graph; P: play; B: black screen; Esc: back to the editor.")

# editing.py -------------------------------------------------------------------------------
NOT_ADDED = "Not added: {reason}."
ADDED = "Added {kind}. Drag from its sockets to wire it up."
FUNCTIONS_IN_MAIN_GRAPH = "Make functions in the main graph: switch to its tab first."
SELECT_FOR_FUNCTION = "Select the nodes to put in the function first (drag a box around them)."
NAME_THE_FUNCTION = "Name of the new function (such as Sigmoid or Linear):"
NO_FUNCTION_MADE = "No function made: {reason}."
FUNCTION_MADE = ("Made the function {name}: double-click it to open it; drag it from the node list to use it again. "
                 "Ctrl+Z undoes it.")
NOT_DELETED = "Not deleted: {reason}."
DELETED_ONE = "Deleted 1 node. Ctrl+Z brings it back."
DELETED = "Deleted {count} nodes. Ctrl+Z brings them back."
SELECT_TO_COPY = "Select nodes to copy first."
COPIED_ONE = "Copied 1 node."
COPIED = "Copied {count} nodes."
NOT_PASTED = "Not pasted: {reason}."
NOTHING_TO_PASTE = "There are no nodes on the clipboard to paste."
PASTED_ONE = "Pasted 1 node."
PASTED = "Pasted {count} nodes."
#: ``edit`` is the step's name in Edit → Undo (session/texts.py)
EDITED = "{edit}."
SELECT_ONE_FOR_OUTPUT = "Select the one node whose value Backward should differentiate."
NOW_THE_OUTPUT = "{node} is now the output {out}: Backward computes ∂{out}/∂(every value)."
BACKWARD_TWICE = ("Backward {runs} times without clearing: each Variable's gradient is now the sum of {runs} runs, "
                  "{runs} × the right one. That is why the book calls x.cleargrad().")
BACKWARD_DONE = "Backward from the output {out}: each red number is ∂{out}/∂(that value)."
GRADIENTS_CLEARED = "Gradients cleared."
FORMULA_NOT_BUILT = "Formula not built: {reason}"
BUILT_ONE = "Built {formula}: 1 node. Ctrl+Z brings back the previous graph."
BUILT = "Built {formula}: {count} nodes. Ctrl+Z brings back the previous graph."

# document.py ------------------------------------------------------------------------------
GUESSING = ("The gradients are hidden while you guess them: finish the round, or press Stop in the Guess tab, "
            "then press Backward.")
UNDONE = "Undone: {step}. Ctrl+Shift+Z does it again."
REDONE = "Redone: {step}."

# errors.py and autosave.py --------------------------------------------------------------------
WENT_WRONG_STATUS = "Something went wrong inside {app} ({error}). Your graph is still open: save it to be safe."
WENT_WRONG = ("Something went wrong inside {app}: a part of the program met a case it was not written for "
              "({error}).\n\nYour graph is still open. Save it now (File → Save), or keep a copy for the next "
              "start with the button below.\n\nThe details were written to {log} (a teacher or the program's "
              "authors can read them there).")
#: ``error`` names what went wrong as Python does: "KeyError: 'x'"
ERROR_NAMED = "{kind}: {message}"
COPY_KEPT = "A copy of your graph is kept in {path}; the next start offers it back."
NO_COPY = "No copy could be written; please save your graph with File → Save As."
CLOSED_WITHOUT_SAVING = ("{app} closed without saving {document}. Its last changes were kept at {time}.\n\nRestore "
                         "them? (You can then save them where you like.)")
CLOSED_WITHOUT_SAVING_UNTITLED = ("{app} closed without saving an untitled graph. Its last changes were kept at "
                                  "{time}.\n\nRestore them? (You can then save them where you like.)")
RECOVERED_UNREADABLE = "The recovered graph cannot be opened: {reason}"

# function_tabs.py -------------------------------------------------------------------------
INSIDE_TIP = "Inside {function}, as it runs at node {node}"
INSIDE = "Inside {function}: its values and gradients at this use. Every use of the function follows what you change here."

# canvas: scene.py, edge_item.py, node_item.py, search_popup.py, stepper.py, welcome.py ----------
DISCONNECTED = "Disconnected {target}.{port}."
OUTPUT_TO_INPUT = "Connect an output (right side) to an input (left side)."
DROPPED_ON_EMPTY = ("Not connected: the wire was dropped on empty canvas. Drop it on a socket (a dot at a node's side) "
                    "or on a node.")
NOT_CONNECTED = "Not connected: {reason}"
CONNECTED = "Connected {source} → {target}.{port}."
NO_INPUT = "Not connected: {node} has no input; it only gives its value out."
ALL_INPUTS_WIRED = "Not connected: every input of {node} is wired already. Drop the wire on the input you want to replace."
WIRE_SHAPE = "This wire carries an array of shape {shape}"
#: a node's tooltip: its header, id and description, then what it holds
NODE_TIP = "<b>{header}</b> ({id}) — {description}"
NODE_TIP_VALUE = "value: {value}"
NODE_TIP_GRADIENT = "gradient: {gradient}"
SEARCH_HINT = "Add a node: type add, mul, ×, pow…"
STEP_IDLE = "Press Forward step (F6) or Backward step (F7) to watch the graph compute, one node at a time."
ADD_NODES_FIRST = "Add some nodes first."
WELCOME_TITLE = "Welcome to Backprop Studio"
WELCOME_INTRO = "Build a computational graph, watch its values flow forward, then press Backward to see every gradient."
WELCOME_EXAMPLE = "Open an example: the Sphere, y = x0² + x1²"
WELCOME_FORMULA = "Type a formula, such as x0**2 + x1**2"
WELCOME_DRAG = "Or drag a node from the list on the left and drop it here. Press F1 for help."

# panels: caption_bar.py, code_panel.py, formula_field.py, palette.py -----------------------------
CAPTION_IDLE = ("Press Backward Step (F7, or → on the canvas) to watch the gradients flow back one node at a time; "
                "Forward Step (F6, in the Graph menu) walks the values forward.")
CODE_TIP = "Run this with the engine and it prints the numbers the sockets show."
FORMULA_HINT = "Type a formula such as x0**2 + x1**2 or sigmoid(w*x + b), then Enter"
FORMULA_TIP = ("Builds the graph of a formula: numbers, names, + − * / ** @ and parentheses, functions such as exp, "
               "log, sin, cos, tanh, sqrt, relu, sigmoid, sum(x, axis=0), mean, and losses such as "
               "mean_squared_error(p, t). New names become Variables with value 1. Ctrl+Z undoes it.")
PALETTE_TIP = "Drag a node onto the canvas, or double-click to add it in the middle."
FUNCTIONS_TIP = "Functions you made from nodes (select nodes, then Graph → Make Function). Drag one to use it again."
FUNCTION_TIP = "{name}, a function made of nodes: drag it onto the canvas to use it again."

# chain_panel.py ----------------------------------------------------------------------------
COPY_LATEX_TIP = "Copy the derivation as a LaTeX document (pdflatex compiles it)"
FORWARD_MODE_TIP = "Push a tangent ẋ = 1 forward from one input: each node shows d(node)/d(input)"
CHAIN_RULE_TOO_BIG = "The chain rule is written out for graphs of up to {most:,} nodes."
CHAIN_RULE_HIDDEN = ("The chain rule is hidden while you guess the gradients: it would give the answers away. Stop "
                     "guessing to see it.")
SELECT_FOR_CHAIN = "Select a node: this panel writes out ∂y/∂(that node) with the chain rule, path by path."
ONE_MORE_PATH = "… and 1 more path. <a href='#all'>Show every path</a>"
MORE_PATHS = "… and {count} more paths. <a href='#all'>Show every path</a>"
#: the chain rule's first line: ``derivative`` is ∂y/∂x, in bold
SUM_OVER_PATHS = "<b>{derivative}</b>: the sum over every path of the product of the local derivatives along it."
SUM_OVER_USES = "<b>{derivative}</b>: the sum over every use of the product of the local derivatives along it."
LATEX_COPIED = "Copied the derivation as LaTeX: paste it into a .tex file or a slide."
NEWTON_TIP = "From the input chosen above; f″ is Backward on the gradient's own graph (create_graph=True)"
USE_LAST_X = "Set the input to the last x (Ctrl+Z undoes it)"
NEWTON_STALE = "The graph changed after these steps were worked out: press Run Newton's method to work them out again."
NEWTON_MOVED = "{name} is now at the last x, {x}: Run Newton's method goes on from there (Ctrl+Z puts it back)."
NEWTON_ONE_STEP = "Newton's method on {name}: 1 step, from {first} to {last}."
NEWTON_STEPS = "Newton's method on {name}: {count} steps, from {first} to {last}."
PASSES = ("Reverse mode (Backward): one pass per number of the output, {backward} here, through {size:,} nodes. "
          "Forward mode: one pass per number of the inputs, {forward} here, each through the nodes after it.")
FORWARD_MODE_TOO_BIG = "Forward mode is shown on graphs of up to {most:,} nodes."

# guess_panel.py ----------------------------------------------------------------------------
#: beside a guess
RIGHT = "✓ right"
NOT_YET = "✗ not yet"
GUESS_INTRO = ("Predict each gradient before you see it. Start with the output (its gradient is always 1), then work "
               "backwards: type a number (3, -0.5 or 1/3) and press Enter.")
GUESS_TIP = "Hide the gradients and guess each one (Ctrl+Shift+G)"
STOPPED_GUESSING = "Stopped guessing: the gradients are shown again."
STOPPED_GUESSING_STILL_HIDDEN = "Stopped guessing: this assignment keeps the gradients for you to work out."
GUESS_TOO_BIG = ("Guessing works on graphs of up to {most} nodes: this one has {count:,}. Try it on a part: copy it "
                 "into a new graph.")
NOTHING_TO_GUESS = "Nothing to guess yet: {reason}"
YOUR_GUESS = "Your guess for the gradient of {name}"
GUESS_ONE = "Guess the 1 gradient: the output's."
GUESS_ALL = "Guess the {count} gradients: the output's first."
ROUND_ENDED = "The graph changed, so this round ended: press Start guessing for a new one."
HINT_FOR = "Hint for {name}: {hint}"
ALL_RIGHT_SCORE = "All {count} right · {tries} tries"
ALL_RIGHT_SCORE_ONE_TRY = "All {count} right · 1 try"
ALL_RIGHT = "All {count} gradients right, in {tries} tries: they are what Backward gives."
ALL_RIGHT_ONE = "The 1 gradient right, in 1 try: it is what Backward gives."
ALL_RIGHT_ONE_TRIES = "The 1 gradient right, in {tries} tries: it is what Backward gives."
SCORE = "{right} of {count} right · {tries} tries"
SCORE_ONE_TRY = "{right} of {count} right · 1 try"

# inspector.py ------------------------------------------------------------------------------
OUTPUT_TIP = ("The output's name: Backward computes ∂(this name)/∂(every value), and every caption says it. A name "
              "another node has is refused.")
SELECT_TO_INSPECT = "Select a node to see and edit it here."
#: the graph's description (saved in the file) above the hint, while no node is selected
ABOUT_THE_GRAPH = "{about}<br><br><i>Select a node to see and edit it here.</i>"
CSV_TIP = "Fill the value with a table of numbers from a .csv file: one row gives a vector, several rows a matrix."
CSV_DIALOG = "Load a value from CSV"
NUMBERS_TIP = "The node's value and gradient with every digit."
NUMBERS_HINT = ("Click a node on the canvas to see its value and gradient here, with every digit.\n\nGreen numbers on "
                "the canvas are values, computed as you edit. Red ones are gradients: press Backward (Ctrl+B) for "
                "them, or Backward Step (F7) to watch them arrive one node at a time.")
NUMBERS_SHAPE = "shape: {shape}"
NUMBERS_VALUE = "value: {value}"
NUMBERS_NO_VALUE = "value: (none)"
NUMBERS_GRADIENT = "gradient ∂{out}/∂{node}: {gradient}"
NUMBERS_SENT_BACK = "  sent back through input {port} (from {source}): {gradient}"
SECOND_DERIVATIVE_TOO_BIG = "second derivative: shown for Variables of up to {most} numbers"
SECOND_DERIVATIVE = "second derivative ∂²{out}/∂{node}²: {value}"
SECOND_DERIVATIVES = ("second derivative of each element, ∂²{out}/∂{node}[i]² (the Hessian's diagonal): {value}")
NUMBERS_NO_GRADIENT = "gradient: press Backward to compute it"
NUMBERS_GRADIENT_HIDDEN = "gradient: yours to work out (Backward is switched off)"
INSPECTOR_LOCKED = "Locked by the teacher: it cannot be changed in this assignment."
NAME_NOT_CHANGED = "Name not changed: {reason}."
NAME_TAKEN = "Name not changed: another node is called {name} already; a name tells one node from the others."
#: ``param`` is what the Inspector calls the parameter: Value, Exponent c
PARAM_NOT_CHANGED = "{param} not changed: {reason}."
CSV_NOT_LOADED = "Value not loaded from {file}: {reason}."

# learn_panel.py ----------------------------------------------------------------------------
STALE_CHECK = "The graph has changed since this check: press the button again."
STALE_MEMORY = "The graph has changed since this list was made: press the button again."
FORWARD_STEP_TIP = "Compute one node at a time, inputs first (F6)"
BACKWARD_STEP_TIP = "Send gradients back one node at a time, in the engine's order (F7)"
PLAY_TIP = "Play the backward pass step by step, numbers moving along the wires (F8)"
RESET_TIP = "Stop stepping and show the current numbers again (F9)"
STEPS_TIP = "Every step so far; the newest is at the bottom."
CHECK_TIP = "Compare backward's gradient of every Variable with a central difference"
DIFFERENCE_TIP = ("How far apart they are, as a share of the larger of the two numbers (the plain difference when both "
                  "are below 1)")
CLEAR_FIRST_TIP = ("Untick, then press Backward twice: each Variable's gradient adds up both runs, as the book's step "
                   "14 shows. Tick it again for the right gradients.")
MEMORY_BUTTON = "What does each Function keep?"
MEMORY_TIP = "The values recorded for backward, and what no_grad keeps (nothing)"
CLEARS_AGAIN = "Backward clears the old gradients first again."
ADDS_UP = "Backward now adds to the old gradients: press it twice and watch them add up."
#: a row of the memory table: the Function and the values it holds
KEEPS = "{function}: {values}"
MEMORY = ("Recording the graph, {functions} Functions keep {total} numbers ({bytes} bytes) so that backward can use "
          "them. Computed under no_grad (as a prediction or a gradient check is), the same graph keeps {kept}: no "
          "Function is recorded.")
MEMORY_ONE = ("Recording the graph, 1 Function keeps {total} numbers ({bytes} bytes) so that backward can use them. "
              "Computed under no_grad (as a prediction or a gradient check is), the same graph keeps {kept}: no "
              "Function is recorded.")
RATE_TIP = "How far each step moves the Variables: value − rate × gradient"
RUN_TIP = "Move the Variables downhill to make the output smaller; one Undo restores them"
CHECK_CANCELLED = "Gradient check cancelled."
THEY_AGREE = "They agree."
THEY_DIFFER = "They differ: check the graph's values."
CHECK_NOTE = "∂{out}/∂(each Variable): backward beside a central difference."
CHECKED = "Gradient check: {agree} of {count} Variables agree with the numerical gradient."
CHECKED_ONE = "Gradient check: {agree} of 1 Variable agrees with the numerical gradient."
DESCENT_STOPPED = "Gradient descent stopped."
DESCENT_ONE_STEP = "Gradient descent: 1 step, the output went from {first} to {last}. Ctrl+Z puts the Variables back."
DESCENT_DONE = ("Gradient descent: {count} steps, the output went from {first} to {last}. Ctrl+Z puts the Variables "
                "back.")

# plot_panel.py -----------------------------------------------------------------------------
PLOT_CHOICE_TIP = "The Variable to move along the horizontal axis; the others stay fixed"
PLOT_COMPUTING = "Computing the curve through {count:,} nodes…"
NO_CURVE = "No curve: {reason}"
CURVE_HIDDEN_TANGENT = "{out} against {name} = {x:.4g}   (the tangent is hidden: the gradients are yours to find)"
CURVE_TANGENT_TO_COME = ("{out} against {name} = {x:.4g}   (the tangent comes when Backward's gradient reaches "
                         "{name})")
CURVE = "{out} against {name} = {x:.4g}   (dashed red: the tangent, slope ∂{out}/∂{name} = {slope:.4g})"
LOSS_RUNNING = "gradient descent: the output (loss) after each step"
LOSS_DIVERGED = "gradient descent diverged: the loss grew without bound, so the Variables are back where they started"
LOSS_ONE_STEP = ("gradient descent: the loss from {first} to {last} in 1 step (edit the graph, or choose another "
                 "Variable above, for the output's curve again)")
LOSS_STEPS = ("gradient descent: the loss from {first} to {last} in {count} steps (edit the graph, or choose another "
              "Variable above, for the output's curve again)")

# background.py -----------------------------------------------------------------------------

# the assignment: node_item.py's tab, panels/task_panel.py, window/assignments.py ----------------------
LOCKED_TAB = "locked"
LOCKED_DRAG = "{name} stays where it is: the teacher locked it (build on it instead: wire its output into new nodes)."
LOCKED_WIRE = "The wires into {name} stay: the teacher locked it (build on it instead: wire its output into new nodes)."
TASK_NONE = ("This graph is not an assignment. Teachers: File → New Assignment turns the graph on the canvas "
             "into one, with a task, locked nodes and questions.")
TASK_HIDDEN = "Switched off for this task: {features}."
FEATURE_NAMES = {"gradients": "Backward and every gradient", "chain_rule": "the Chain rule panel",
                 "plot": "the Plot", "code": "the Python code", "formula": "the formula bar"}
TASK_BUILD_ON_CANVAS = "(build it on the canvas)"
TASK_ANSWER_PLACEHOLDER = "your answer"
TASK_CHECK = "Check my work"
TASK_HAND_IN = "Hand in…"
TASK_SCORE = "{right} of {count} right ({earned:g} of {possible:g} points)."
TASK_VERDICT_RIGHT = "✓ {message}"
TASK_VERDICT_WRONG = "✗ {message}"
TASK_VERDICT_WRONG_SHOWN = "✗ {message} The answer is {expected}."
TASK_NO_QUESTIONS = "No questions yet."
TASK_TEACHER_HEADING = "Teacher mode: you are editing the task"
TASK_TITLE_LABEL = "Title:"
TASK_INSTRUCTIONS_LABEL = "Instructions (plain text; the student reads them first):"
TASK_HIDE_LABEL = "Switch off for the students:"
TASK_SHOW_ANSWERS = "Show the right answers after Check my work"
TASK_OPEN_IN_GUESS = "Open straight into Guess mode"
TASK_LOCK = "Lock the selection"
TASK_UNLOCK = "Unlock the selection"
TASK_LOCKED_COUNT = "{count} of {total} nodes locked."
TASK_ASK_VALUE = "Ask its value"
TASK_ASK_GRADIENT = "Ask its gradient"
TASK_ASK_BUILD = "Ask to build"
TASK_BUILD_PLACEHOLDER = "a formula, such as (x0 + x1) * x"
TASK_REMOVE = "Remove"
TASK_PASSWORD = "Set a Teacher Password…"
TASK_LEAVE = "Leave Teacher Mode"
TASK_SELECT_ONE = "Select one node on the canvas first: the question asks about it."
TASK_APPLIED = "The task is changed (Ctrl+Z takes it back)."
TEACHER_ON = "Teacher mode: locks do not hold and the task can be edited. Save, then hand the file out."
TEACHER_OFF = "Teacher mode is off: you see the assignment as a student does."
TEACHER_PASSWORD_ASK = "This assignment's teacher password:"
TEACHER_PASSWORD_SET = "A password for teacher mode (empty: none). Students cannot leave the locks without it."
TEACHER_PASSWORD_DONE = "Teacher mode now asks for the password."
TEACHER_PASSWORD_AGAIN = "The same password again:"
TEACHER_PASSWORDS_DIFFER = "The two passwords differ: nothing was changed."
TEACHER_REFUSED = "Teacher mode is still off: {reason}."
TEACHER_NOT_ASSIGNMENT = "This graph is not an assignment: File → New Assignment makes one of it."
HAND_IN_NAME = "Your name, as your teacher knows it:"
HAND_IN_DONE = "Handed in: {path}"
HAND_IN_FAILED = "Could not hand in: {reason}"
HAND_IN_NOT_ASSIGNMENT = "Only an assignment is handed in: this graph has no task."
NEW_ASSIGNMENT_DONE = ("A new assignment made of this graph, in teacher mode: write the task in the Task tab, lock "
                       "the given nodes, add questions, then save it.")
TASK_CHECKED = "Checked: {score}"
TIP_NEW_ASSIGNMENT = "Make the graph on the canvas a new assignment: a task, locked nodes and questions"
TIP_TEACHER_MODE = "Edit the assignment's task; the locks do not hold while it is on"
TIP_CHECK_WORK = "Check the answers of this assignment"
TIP_HAND_IN = "Save a copy of this assignment named with your name and the time, to hand in"
