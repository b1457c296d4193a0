"""Every sentence the compiler (compiler.py) and its shape messages (shape_messages.py)
say to a student, as whole templates with named fields: a node's error, why Backward
cannot start, why shapes do not fit. Both forms of a sentence a count decides are whole
templates (``plural`` picks one). No Qt.
"""

# compiler.py: a node's error --------------------------------------------------------------
#: numpy's floating-point problems, as a node's error says them
DIVISION_BY_ZERO = "Division by zero: the result is infinite"
OVERFLOW = "Overflow: the result is too large for a float64 and became inf"
INVALID_OPERATION = ("Invalid operation (like 0 ÷ 0, inf − inf, or a negative number to a fractional power): the "
                     "result is nan")
#: what a node shows when the student stopped the computation before it was reached
STOPPED = "Not computed: the computation was stopped. Change something, or press F5 to compute."
#: a node with too few wires in (a node of one input has none)
NEEDS_ONE_INPUT = "{title} needs 1 input; 0 are connected"
NEEDS_INPUTS_ONE_CONNECTED = "{title} needs {count} inputs; 1 is connected"
NEEDS_INPUTS = "{title} needs {count} inputs; {connected} are connected"
WAITING = "Waiting for input {port}: {source} has no value"

# compiler.py: why Backward cannot start ---------------------------------------------------
NOTHING_TO_DIFFERENTIATE = "There is nothing to differentiate yet: add an operation and wire it up."
SEVERAL_ENDS = ("The graph has {count} ends ({names}): select the one to differentiate and choose Graph → Set as "
                "Output (Ctrl+Shift+O).")
NO_SUCH_NODE = "There is no node {node!r} in this graph."
NEEDS_VALUES = "Backward needs a value at every node that feeds {root}; fix {broken} first."
CHANGED_WHILE_RUNNING = "The graph changed while Backward was running; press Backward again."
CANCELLED = "Backward was cancelled; the graph shows no gradients."

# shape_messages.py: shapes that do not fit --------------------------------------------------
LENGTHS_DIFFER = "counting from the right, their lengths {first} and {second} differ and neither is 1"
DO_NOT_BROADCAST = "they do not broadcast"
#: one input's shape, in a list of them: "a is (2, 3), b is (4,)"
PORT_IS = "{port} is {shape}"
CANNOT_COMBINE = "{title} cannot combine {a} {shape_a} with {b} {shape_b}: {problem}"
MATMUL_NEEDS_ARRAYS = "MatMul needs arrays on both sides ({shapes}); use Mul for a single number"
MATMUL_INNER = "MatMul needs a's last length to equal b's first: {shapes}, and {last} ≠ {first}"
RESHAPE = "Reshape cannot put the {count} numbers of {source} into shape {target}, which holds {holds}"
BROADCAST_TO = "Cannot broadcast a {source} to {target}: {problem}"
SUM_TO = ("Cannot sum a {source} down to {target}: each target length must be 1 or equal the input's, counting "
          "from the right")
#: ``axes`` says which axes there are: one of the three below
REDUCE = "{title} cannot reduce axis {axis} of a {source}: {axes}"
NO_AXES = "it has no axes: leave Axis empty"
ONLY_AXIS = "its only axis is 0 (or −1)"
AXES_FROM_TO = "its axes are 0 to {last} (or −1 to −{count}, counting from the end)"
CANNOT_TAKE = "{title} cannot take these shapes ({shapes}): {problem}"
#: an input that broadcasting stretched: "b (3,)", or one that held a single number
STRETCHED = "{port} {shape}"
STRETCHED_NUMBER = "{port} (a single number)"
BROADCAST_ONE = "Broadcast: {input} was copied out to {shape}; backward sums the gradient back down"
BROADCAST_TWO = "Broadcast: {first} and {second} were copied out to {shape}; backward sums the gradient back down"
