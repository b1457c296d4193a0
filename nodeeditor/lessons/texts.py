"""Every sentence the lessons say to a student, as a whole template with named fields:
the replay's captions around the catalog's own, the chain rule written out, forward
mode's summary, the guessing game's hints and the exported code's comments. Both forms
of a sentence a count decides are whole templates (``plural`` in nodeeditor/plural.py
picks one); a paragraph is whole sentences, one after another. Arithmetic goes in as
the numbers are already written (with captions.fill where a negative number may need
brackets). No Qt.
"""

# replay.py: the captions of the forward and backward steps ---------------------------------
FORWARD_START = "Forward pass: values flow from the inputs on the left to the output."
NO_VALUE = "{node}: no value — {error}"
#: a kind's caption (model/catalog.py) followed by one more sentence: a note, a sum
CAPTION_AND = "{caption}. {more}"
BACKWARD_START = "Backward starts at the output {out}: ∂{out}/∂{out} = 1."
USED_TIMES_ADD_UP = "{name} is used {count} times, so its gradients add up: {sum} = {total}"
BACKWARD_DONE = ("Backward is done: every red number is ∂{out}/∂(that value), the gradient of the output {out} "
                 "with respect to it.")
#: an input in a backward caption, named with the node its wire comes from: "a (from x0)"
FROM = "{port} (from {source})"

# chain_rule.py: ∂y/∂x written out path by path -------------------------------------------------
DOES_NOT_REACH = "{wrt} does not reach the output {out}: ∂{out}/∂{wrt} = 0."
ARRAY_ON_THE_PATH = "{name} holds an array of shape {shape}: the chain rule is written in matrix form for it."
UPSTREAM_FACTOR = "{factor} = {value}, Backward's gradient of {node}: it already sums the paths beyond it"
WORKED_OUT_INSIDE = "{factor} = {value}, worked out inside {function} as Backward does"
WORKED_OUT_IN_THE_FUNCTION = "{factor} = {value}, worked out inside the function as Backward does"
#: the heading of the list of local rules, under the sum (as a line of text, and as LaTeX's sentence)
LOCAL_RULES = "where each local derivative is its gate's rule:"
LOCAL_RULES_SENTENCE = "Where each local derivative is its gate's rule:"
OUTPUT_ITSELF = "{wrt} is the output itself: nothing lies between, so ∂{out}/∂{wrt} = 1."
ONE_PATH = "1 path leads from {wrt} to {out}. Backward gave ∂{out}/∂{wrt} = {value}."
PATHS = "{count} paths lead from {wrt} to {out}. Backward gave ∂{out}/∂{wrt} = {value}."
#: (only past chain_rule.MAX_PATHS paths, so never one)
PATHS_GROUPED = ("{count} paths lead from {wrt} to {out}; too many to list, so they are grouped by where {wrt} is "
                 "used: each ∂{out}/∂(use) is Backward's gradient, which already sums the paths beyond it. Backward "
                 "gave ∂{out}/∂{wrt} = {value}.")

# matrix_form.py: the chain rule where arrays flow -------------------------------------------
NO_GRADIENT = "{wrt} does not reach the output {out}: its gradient is 0."
NO_ELEMENT = "{name} has shape {shape}: there is no element {name}[{index}]"
#: what a function made of nodes sends back: worked out inside it
THROUGH = "{gradient} through {function}"
THROUGH_LATEX = "{gradient} \\text{{through {function}}}"
MATRIX_FORM = ("The chain rule in matrix form, as Backward works for arrays: from the output {out} down to {wrt}, "
               "each line is ∂{out}/∂(node) as the sum over the node's uses of what each sends back (⊙ multiplies "
               "element by element, @ is the matrix product, ᵀ transposes). The numbers are Backward's.")
ELEMENT_ASKED_FOR = "The element asked for: ∂{out}/∂{wrt}[{index}] = {value}."

# derivatives.py: what forward mode's numbers mean --------------------------------------------
FORWARD_FROM = "Forward mode from {x}: ẋ on each node is d(node)/d{x}, pushed forward in one pass ({work})."
#: ``ones`` is v's first elements: 1, 1, 1, 1, …
FORWARD_ALONG = ("Forward mode from {x}, along v = ({ones}): ẋ on each node is its change when every element of {x} "
                 "grows together, pushed forward in one pass ({work}).")
ONE_NODE_COMPUTED = "one node computed"
NODES_COMPUTED = "{count} nodes computed"
TANGENT_IS_GRADIENT = "The output's tangent is ∂{y}/∂{x} = {tangent}, as Backward gives."
TANGENT_IS_COLUMN = ("The output {y} holds {count} numbers: its tangent {tangent} is d{y}/d{x} for each of them (one "
                     "column of the Jacobian).")
TANGENT_IS_JV = ("The output's tangent {tangent} is J·v: for each number of {y}, the sum of its derivatives with "
                 "respect to the elements of {x}.")
TANGENT_IS_SUM = "The output's tangent {tangent} is J·v, the sum of the elements of ∂{y}/∂{x}, not the gradient itself."
WHOLE_GRADIENT = "Backward gives the whole gradient, ∂{y}/∂{x} = {gradient}."
PASSES = ("For the whole gradient, forward mode needs one pass per number of the inputs, {forward} here; reverse "
          "mode (Backward) one pass per number of the output, {reverse} here.")

# guess.py: the guessing game ------------------------------------------------------------------
SHAPE_OF_THE_VALUE = "the gradient has the shape of the value, {shape}"
OUTPUT_HINT = "{name} is the output: Backward starts with ∂{name}/∂{name} = 1."
#: ``rule`` is the backward sentence of the user's kind (see GATE_RULE)
USE_HINT = "{user} ({kind}, input {port}) has ∂{out}/∂{user} = {gradient}. {rule}"
USED_TIMES = "{name} is used {count} times: its gradient is the sum of what each use sends back."
UNUSED_HINT = "{name} does not reach the output: its gradient is 0."
#: a kind's description's backward sentence with the kind as its subject; ``rule`` is the
#: rest of that sentence ("Backward: g ÷ b to a" → "Div's backward: g ÷ b to a",
#: "Backward passes the gradient…" → "Add passes the gradient…")
GATE_RULE_AFTER_COLON = "{title}'s backward: {rule}"
GATE_RULE = "{title} {rule}"
TYPE_A_GUESS = "type a number, such as 12 or -0.5 or 1/3"
FRACTION_BY_ZERO = "a fraction cannot divide by 0"
NOT_A_GUESS = "{text!r} is not a number: type one such as 3, -0.5 or 1/3"

# gradient_graph.py, memory.py, study.py --------------------------------------------------------
GRADIENT_GRAPH = ("The graph of ∂{y}/∂{x}, as backward(create_graph=True) built it (the book's steps 33–36). Its "
                  "value is the gradient; press Backward on it for the second derivative ∂²{y}/∂{x}².")
NO_KIND_FOR_IT = "the gradient uses an operation that no kind of node can show"
#: what a Function keeps that is not a node's value
A_NUMBER = "a number"
NEEDS_VALUES_FIRST = "Every node feeding the output needs a value first."

# codegen.py: the comment on a line the exported code leaves out --------------------------------
LEFT_OUT = "# {name} is left out: {reason}"
NOTHING_WIRED = "nothing is wired to its input {ports}"
IS_LEFT_OUT = "{name} is left out"
