"""Every sentence the model says to a student, as a whole template with named fields.

A translator reads each sentence whole here: where a count decides the words, both forms
are whole templates (``plural`` in nodeeditor/plural.py picks one), and nothing is glued
from fragments. Numbers are put in already formatted (values.format_number, or the
``{count:,}`` the template asks for). The catalog's captions and descriptions stay in
each kind's entry (model/catalog.py), where a new kind brings its own. No Qt.
"""

# values.py: what a typed, loaded or read value may not be -------------------------------
NOT_RECTANGULAR = "the nested lists must all have the same length (a rectangular array)"
#: also a file's value, before it is read (graphfile)
TOO_MANY_NUMBERS = "{count:,} numbers is too many (at most {limit:,})"
NOT_FINITE = "NaN and infinity are not allowed as values"
NESTED_TOO_DEEP = "lists nested more than {depth} deep"
NOT_TRUE_OR_FALSE = "expected a number or a nested list of numbers, not true/false"
EMPTY_LIST = "an empty list has no numbers in it"
EXPECTED_NUMBERS = "expected a number or a nested list of numbers"
TYPE_A_VALUE = "type a number such as 3 or an array such as [1, 2]"
NOT_A_VALUE = "'{text}' is not a number or an array such as [1, 2]"
#: a socket's label for an array too big to write out
SHAPE_LABEL = "shape {shape}"
#: a .graph or .csv file that is not text (also graphfile)
NOT_UTF8 = "this is not a text file (it is not UTF-8)"
CSV_NOT_REGULAR = "this is not a regular file (a device, a pipe or a socket); choose a .csv file"
CSV_TOO_LARGE = "the file is larger than {megabytes} MB; a value holds at most {limit:,} numbers"
#: (also graphfile)
FILE_UNREADABLE = "the file cannot be read ({reason})"
CSV_NOT_A_NUMBER = "line {line} holds something that is not a number: {text!r}"
CSV_NO_NUMBERS = "the file has no numbers in it"
CSV_RAGGED = "the rows do not all have the same number of columns"

# params.py: a parameter typed in the Inspector, a formula or a file --------------------
NAME_TOO_LONG = "a name has at most {most} characters; '{name}' has {length}"
NOT_A_NAME = "'{name}' is not a name; use letters, digits and _, not starting with a digit"
NOT_A_PARAM_NUMBER = "'{text}' is not a number such as 2, -1 or 0.5"
AXIS_TOO_LONG = "that is too long for an axis such as 0, or 0, 1"
NOT_AN_AXIS = "'{text}' is not an axis such as 0, or 0, 1"
SHAPE_TOO_LONG = "that is too long for a shape such as 2, 3"
NOT_A_SHAPE = "'{text}' is not a shape such as 2, 3"
#: ``param`` is the parameter's own name (axis, shape), as files and formulas write it
TOO_MANY_DIMENSIONS = "{param}: at most {most} numbers"
NOT_WHOLE = "{param}: {item!r} is not a whole number"
OUT_OF_RANGE = "{param}: {item} is out of range"
AXIS_TWICE = "axis: each axis at most once"
TYPE_A_SHAPE = "type a shape such as 2, 3 (or () for a single number)"
SHAPE_LENGTHS = "shape: lengths are 0 or more (and at most one -1)"
NOT_YES_OR_NO = "'{text}' is not yes or no"
#: how captions and headers say a reduction's axes: Sum of x over {axis} = 6
EVERY_AXIS = "every axis"
ONE_AXIS = "axis {axis}"
SEVERAL_AXES = "axes {axes}"
#: what the schema says when a parameter's value has the wrong form
AXIS_EXPECTED = "expected null, a whole number or a list of whole numbers"
SHAPE_EXPECTED = "expected a shape: a list of whole numbers"
LABEL_EXPECTED = "expected a name such as x or t, or nothing"

# catalog.py -----------------------------------------------------------------------------
AXES_ONCE = "axes: give each axis once, such as 1, 0 (or leave it empty to reverse them)"
ONLY_IN_A_CALL = "this node gets its value where its function is used"

# expression.py: the formula bar -------------------------------------------------------
AT_COLUMN = "{message} (column {column})"
FORMULA_TOO_LONG = "The formula is longer than {most} characters."
FORMULA_EMPTY = "Type a formula first, such as x0**2 + x1**2."
FORMULA_TOO_DEEP = "The formula is nested too deeply."
OPERATORS_ONLY = "Use only + − * / @ and ** between terms"
NO_SUCH_FUNCTION = "There is no function {name} here; use one of {functions}"
NO_FUNCTION_LIKE_THIS = "There is no function like this here; use one of {functions}"
TAKES_ONE_INPUT = "{name}() takes 1 input, such as {example}"
TAKES_INPUTS = "{name}() takes {count} inputs, such as {example}"
NO_SUCH_SETTING = "{name}() has no setting {keyword}; its settings: {settings}"
NO_SETTINGS = "{name}() has no setting {keyword}; its settings: none"
BAD_VARIABLE_NAME = ("'{name}' cannot be a Variable's name: use the letters a-z and A-Z, digits and _, at most 32, "
                     "not starting with a digit (such as x0 or weight)")
PLAIN_VALUE = "{param}= takes a plain value, such as {example}"
#: a parameter's own problem, said with its name in front
PARAM_PROBLEM = "{param}: {problem}"
EXPONENT_DIVIDES_BY_ZERO = "This exponent divides by zero or is too large to be a number"
EXPONENT_NOT_REAL = "This exponent is not a real number"
EXPONENT_IS_A_NODE = ("The exponent of ** is a fixed number in a Power node (x**2, x**(1/3)); for an exponent "
                      "that is a node, such as {name}, write exp({name} * log(x))")
EXPONENT_NOT_A_NUMBER = "The exponent of ** must be a number, like x**2 or x**(1/3) (a Power node's c)"
NUMBER_TOO_LARGE = "This number is too large for a float64 (at most about 1.8e308)"
USE_STARS_FOR_POWERS = "Use ** for powers: x**2, not x^2"
NO_REMAINDER = "% (remainder) is not an operation here; use + − * / and **"
NO_FLOOR_DIVISION = "// is not an operation here; use / to divide"
NO_BIT_AND = "& is not an operation here; use + − * / and **"
NO_BIT_OR = "| is not an operation here; use + − * / and **"
NO_LEFT_SHIFT = "<< is not an operation here; use + − * / and **"
NO_RIGHT_SHIFT = ">> is not an operation here; use + − * / and **"
WRITE_TIMES = "Write {number}*{name} to multiply: put * between a number and a name"
#: ``bracket`` is ( or )
UNPAIRED = "The parentheses do not pair up: there is a {bracket} too many"
STOPS_EARLY = "The formula stops too early: something is missing at the end"
OUT_OF_PLACE = "Something is missing or out of place here: write numbers and names joined by + − * / **"
#: ``what`` is one of the phrases below, or Python's own name of the construct
NOT_HERE = "Only numbers, names, + − × ÷ ** @ and functions such as exp(x) can be used here, not {what}"
UNKNOWN_CONSTRUCT = "'{name}'"
A_CALL = "a function call"
AN_ATTRIBUTE = "an attribute"
A_SUBSCRIPT = "a subscript"
A_COMPARISON = "a comparison"
AND_OR = "and/or"
A_LAMBDA = "a lambda"
A_LIST = "a list"
A_TUPLE = "a tuple"
A_DICT = "a dict"
AN_IF_EXPRESSION = "an if expression"

# graphfile.py: opening a .graph file ----------------------------------------------------
#: a problem and the place in the file it was found (nodes[3].value), also the schema's
AT_PLACE = "{where}: {reason}"
NOT_A_JSON_NUMBER = "{name} is not a number JSON allows; values must be finite"
NOT_JSON = "this is not valid JSON ({problem} at line {line}, column {column})"
JSON_TOO_DEEP = "this JSON is nested too deeply to be a graph"
TOO_MANY_DIGITS = "a number in this file has too many digits to be a number of a graph"
NOT_AN_OBJECT = "expected a JSON object at the top, found {found}"
NOT_OUR_FORMAT = "this is not a Backprop Studio graph (the 'format' field is not {format!r})"
NEWER_VERSION = ("this file was saved by a newer Backprop Studio (format version {version}); this version reads "
                 "version {supported}. Please update Backprop Studio to open it.")
LOOP = "the wires make a loop; a computational graph has no cycles"
FILE_TOO_DEEP = "this file is nested too deeply to be a graph"
NO_NODE_WITH_ID = "there is no node with id {id!r}"
ID_TWICE = "the id {id!r} is used by two nodes"
TOO_FAR = "a node's position is at most {most:,} from the middle (the canvas can show no farther)"
TWO_WIRES = "input {port!r} of {node!r} has two wires; an input takes one"
TWO_FUNCTIONS = "there are two functions called {name!r}"
VARIABLE_IN_FUNCTION = "a function holds no Variables ({name}); wire them in as inputs"
INPUTS_LISTED_ONCE = "'inputs' must list every Input node of the function once"
INPUTS_SAME_NAME = "two inputs of the function have the same name"
VALUE_TOO_DEEP = "this value is nested too deeply"
NO_FILE = "there is no file {path!r}"
A_FOLDER = "{path!r} is a folder, not a file"
NOT_REGULAR = "{path!r} is not a regular file (a device, a pipe or a socket); open a .graph file"
GRAPH_TOO_LARGE = "the file is larger than {megabytes} MB, the most a graph file may be"

# schema_check.py and schema_build.py: a file that does not fit the schema --------------
NESTED_DEEPER_THAN = "nested more than {depth} deep"
FIELD_MISSING = "the field {key!r} is missing"
UNKNOWN_FIELD = "unknown field"
AT_LEAST_ITEMS = "expected at least {least} items"
AT_MOST_ITEMS = "expected at most {most:,} items, found {found:,}"
EXPECTED_CONSTANT = "expected {expected!r}"
EXPECTED_ONE_OF = "expected one of {options}"
#: ``expected`` and ``found`` are kinds of JSON value, said as below
EXPECTED_TYPE = "expected {expected}, found {found}"
AN_OBJECT = "an object"
A_LIST_VALUE = "a list"
A_STRING = "a string"
A_NUMBER = "a number"
A_WHOLE_NUMBER = "a whole number"
TRUE_OR_FALSE = "true or false"
NULL = "null"
NOT_A_FLOAT64 = "this number does not fit in a float64 (it is infinite or too large)"
LONE_SURROGATE = "this text holds a character that is not valid Unicode (a lone surrogate)"
LONGER_THAN = "longer than {most} characters"
NOT_ALLOWED = "{text!r} is not allowed here"
AT_LEAST = "expected at least {least}"
MORE_THAN = "expected more than {above}"
AT_MOST = "expected at most {most}"
UNKNOWN_KIND = "unknown node kind; expected one of {kinds}"

# graph.py: a wire the graph will not take -----------------------------------------------
WIRED_ALREADY = "{node}.{port} is wired already."
NOT_IN_GRAPH = "Both ends of a wire must be nodes of this graph."
NO_OUTPUT_CALLED = "{node} has no output called {port!r}."
NO_INPUT_CALLED = "{node} has no input called {port!r}."
OWN_INPUT = "A node cannot feed its own input."
WIRE_MAKES_LOOP = ("This wire would make a loop: {source} already depends on {target}. A computational graph has "
                   "no cycles.")
#: a Call node of a function the graph (or the file) does not define
NO_FUNCTION_CALLED = "there is no function called {name!r} in this graph"

# functions.py: functions made of nodes --------------------------------------------------
ONE_END_INSIDE = "the function {name} needs one end inside, not {count}"
NESTED_FUNCTIONS = "functions are nested more than {most} deep"
NOTHING_WIRED_INSIDE = "inside {function}, {node} has nothing wired to {ports}"
PROBLEM_INSIDE = "inside {function}, {node}: {problem}"
FUNCTION_OF_ONE_NODE = ("{name}: a function made of 1 node. Double-click it to open it and see (and edit) what "
                        "is inside.")
FUNCTION_OF_NODES = ("{name}: a function made of {count} nodes. Double-click it to open it and see (and edit) "
                     "what is inside.")
#: a Call node's backward caption; ``sent`` lists a CALL_SENDS for each input
CALL_BACKWARD = "{name} sends back what the nodes inside it work out: {sent}"
CALL_SENDS = "{source} gets {gradient}"
FUNCTION_NOT_A_NAME = "'{name}' is not a name; use letters, digits and _, such as Sigmoid or Linear"
FUNCTION_EXISTS = "there is a function called {name} already; choose another name"
FUNCTION_NAME_TAKEN = "{name} is taken (by a Variable or by the exported code); choose another name"

# special_values.py ------------------------------------------------------------------------
ZERO_TO_THE_ZERO = ("0^0 counts as 1 here, by the convention NumPy and PyTorch follow (it has no value of its own "
                    "in mathematics).")
ZERO_EXPONENT_SLOPE = ("By the convention PyTorch follows, a^0's derivative is 0 also at a = 0, where the rule "
                       "c·a^(c − 1) would give 0·∞.")
#: ``where`` lists each input's value (a = 0, b = 2)
INFINITE_SLOPE = ("The gradient sent back to {input} is {gradient}: the local rule {rule} is infinite at {where}: "
                  "the function has a value there, but no finite slope.")
UNDEFINED_SLOPE = ("The gradient sent back to {input} is {gradient}: the local rule {rule} is undefined (nan) at "
                   "{where}: the function has a value there, but no finite slope.")

# limits.py ------------------------------------------------------------------------------
MEGABYTES = "{megabytes:,.0f} MB"
NODE_TOO_LARGE = ("This would make {count:,} numbers ({size}); the limit is {limit:,} per node. Check the shapes "
                  "of the inputs")
GRAPH_TOO_LARGE_RESULTS = ("The graph's results would hold more than {limit:,} numbers ({size}); use smaller arrays "
                           "or fewer nodes on them")

# graph.py: a program (not a student) changed a document's graph behind its session's back --
GRAPH_LOCKED = ("This graph belongs to an open document: change it through its session (session.add_node, "
                "session.connect, session.push(command)...), so that Undo, the panels and the values follow.")

# network.py: Graph → New Network… and main.py new --network ----------------------------------
#: the names of the functions made of nodes a network is built of (names, not sentences)
NEURON_FUNCTION = "Neuron{inputs}"
LINEAR_NEURON_FUNCTION = "Neuron{inputs}Linear"
NETWORK_TWO_LAYERS = "'{text}' is not layer sizes: give at least two, such as 2-2-1 (inputs, hidden neurons, output)"
NETWORK_TOO_DEEP = "at most {most} layers, such as 2-3-3-1"
NETWORK_NOT_SIZES = "'{text}' is not layer sizes: write whole numbers joined by -, such as 2-2-1"
NETWORK_WIDTHS = "each layer has between 1 and {most} neurons"
NETWORK_INPUTS = "at most {most} inputs (their 0/1 combinations are the data)"
NETWORK_ONE_OUTPUT = "the last layer has one neuron, which the loss compares with the target (not {last})"
NETWORK_ACTIVATION = "there is no activation {name} here; use one of {names}"
NETWORK_DESCRIPTION = ("A {sizes} network with {activation} neurons, learning the parity of its inputs (XOR for "
                       "two): run gradient descent in the Learn tab and watch the loss fall.")

# task.py and graphfile.py: an assignment's task, answers and hand-in ----------------------------
ASK_VALUE = "What is the value of {node}?"
ASK_GRADIENT = "What is ∂{of}/∂{node}?"
ASK_BUILD = "Build a graph whose output {output} computes {formula}."
QUESTION_TWICE = "two questions have the same id: each needs its own"
NO_TASK_FOR = "this file has {field} but no task: answers and a hand-in belong to an assignment"
NO_QUESTION = "an answer to question {id}, which the task does not ask"
