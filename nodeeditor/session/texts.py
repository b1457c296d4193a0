"""Every sentence the session says to a student, as a whole template with named fields:
the names of the steps Edit → Undo lists, and why an edit or a run of gradient descent
was refused or stopped. Both forms of a sentence a count decides are whole templates
(``plural`` in nodeeditor/plural.py picks one). No Qt.
"""

# commands.py and session.py: what Edit → Undo and Redo call each step ----------------------
RENAME = "Rename {node} to {name}"
#: ``param`` is what the Inspector calls the parameter, in lower case: value, exponent c
SET_PARAM = "Set the {param} of {node}"
#: ``names`` lists the first nodes' names; with more than three, the longer form ends in …
DELETE_NODES = "Delete {names}"
DELETE_MORE_NODES = "Delete {names}…"
BUILD_NETWORK = "Build a {sizes} network"
RANDOMIZE_ONE = "New numbers for {name}"
RANDOMIZE = "New numbers for {count} Variables"
DELETE_ONE_WIRE = "Delete 1 wire"
DELETE_WIRES = "Delete {count} wires"
MOVE_ONE_NODE = "Move 1 node"
MOVE_NODES = "Move {count} nodes"
CONNECT = "Connect {source} → {target}.{port}"
DISCONNECT = "Disconnect {target}.{port}"
#: ``kind`` is the kind's title (Add, Variable) or the function's name
NEW_NODE = "New {kind} {name}"
PASTE_ONE_NODE = "Paste 1 node"
PASTE_NODES = "Paste {count} nodes"
SET_OUTPUT = "Set the output to {name}"
BUILD = "Build {formula}"
DEFINE_FUNCTION = "Define {name}"
MAKE_FUNCTION = "Make function {name}"
DESCENT_ONE_STEP = "Gradient descent (1 step)"
DESCENT_STEPS = "Gradient descent ({count} steps)"

# session.py, clipboard.py and make_function.py: an edit refused ----------------------------
NAME_TAKEN = "another node is called {name} already"
INPUT_STAYS = "an Input of a function stays: it is one of the function's ports"
CLIPBOARD_EMPTY = "the clipboard holds no nodes"
UNKNOWN_FUNCTION = ("the pasted nodes use the function {name}, which this graph does not have; open the file that "
                    "defines it, or copy from this one")
NO_VARIABLES_INSIDE = ("a function holds no Variables: its values come in through its inputs (use a Constant for a "
                       "fixed number)")
PORTS_FIXED = "a function's inputs are fixed when it is made, and functions cannot be used inside functions yet"
SELECT_OPERATIONS = "select the operations to put in the function (Variables stay outside as its inputs)"
SEVERAL_LEAVE = ("a function has one output, but {count} of the selected nodes ({names}) feed the rest of the graph; "
                 "select up to the one node whose value leaves")
LIES_BETWEEN = "{name} lies between selected nodes; select it too, or fewer nodes"

# descent.py: why gradient descent stopped -------------------------------------------------
#: ``trouble`` is one of the LOSS_... sentences below, ``advice`` one of the TRY_... ones
DIVERGES = "Gradient descent stopped at step {step}: {trouble}. It diverges: {advice}."
DIVERGES_AND_UNDONE = ("Gradient descent stopped at step {step}: {trouble}. It diverges: {advice}. The Variables are "
                       "back at their values from before the run.")
LOSS_BECAME = "the loss became {loss}"
VALUES_UNBOUNDED = "the values grew without bound"
LOSS_GREW = "the loss grew {steps} steps in a row, to {loss}"
TRY_RATE = "try a learning rate of {rate} or less"
NO_RATE_HELPED = "no smaller learning rate helped; check the graph has a minimum"

# session.py and studies.py: long work, and what a study needs before it can be made ------------
NOT_COMPUTED_ONE = "Stopped: 1 node was not computed and shows no value. Press F5 to compute it."
NOT_COMPUTED = "Stopped: {count:,} nodes were not computed and show no value. Press F5 to compute them."
DOES_NOT_FEED = "{node} does not feed the output {out}"
GRADIENT_GRAPH_TOO_BIG = ("it is shown for outputs of up to {most:,} nodes (the gradient's graph is about twice as "
                          "big as the output's)")
NEWTON_ONE_NUMBER = "Newton's method here moves one single number: choose a Variable holding one."
CHECKING = "Checking the gradients numerically…"
PLOT_BUILD = "Build a graph: its output is plotted here against one of its Variables."
PLOT_NO_VARIABLE = "The graph has no Variable to plot the output against."
PLOT_DOES_NOT_FEED = "{name} does not feed the output {out}: choose another Variable above."
PLOT_ERROR = "A node has an error (outlined in red): fix it to see the curve."
PLOT_SEVERAL = "{name} holds several numbers: the curve is drawn against a Variable that holds one."
COMPUTING = "Computing…"
BACKWARD_RUNNING = "Backward…"

# locks.py and session.py: what an assignment forbids, and its commands ------------------------------
LOCKED_NODE = ("{name} is part of the task: the teacher locked it, so it cannot be moved, deleted, rewired or "
               "changed (build on it instead: wire its output into new nodes)")
LOCKED_FUNCTION = "the function {function} is part of the task: {name} uses it and the teacher locked {name}"
TASK_TEACHERS_ONLY = "only teacher mode changes the task (File → Teacher Mode)"
HIDDEN_GRADIENTS = "This assignment asks you to work the gradients out yourself: Backward is switched off."
HIDDEN_FORMULA = "This assignment asks you to build the graph node by node: the formula bar is switched off."
GUESSING_HIDES = ("The gradients are hidden while you guess them: finish the round, or press Stop in the Guess tab, "
                  "then press Backward.")
ANSWER = "Answer “{question}”"
EDIT_TASK = "Edit the task"
LOCK_NODES = "Lock {names}"
UNLOCK_NODES = "Unlock {names}"
WRONG_PASSWORD = "that is not the teacher's password for this assignment"
NEW_ASSIGNMENT_TITLE = "New assignment"
NO_GUESSING_IN_TASK = ("this assignment asks you to work the gradients out yourself, and a Guess round would "
                       "mark them right or wrong")
