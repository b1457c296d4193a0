"""Every sentence the classroom says (checking answers, grading), whole, with named fields."""

# checking.py: Check my work ----------------------------------------------------------------------
RIGHT = "Right."
NOT_YET = "Not right yet."
NOT_ANSWERED = "No answer yet."
WRONG_SHAPE = "The answer has shape {given}, the node's number has shape {expected}."
DIVIDES_BY_ZERO = "{text} divides by zero."
NO_SUCH_NODE = "There is no node called {name} in this graph (the task asks about it)."
NO_GRADIENT = "{name} gets no gradient from the output: it does not feed it."
BAD_FORMULA = "The task's formula {formula} cannot be read: {reason}"
WHICH_OUTPUT = "Which node is the answer? {reason}"
NO_INPUT = "The graph has no Variable called {name}, which the formula {formula} uses."
YOURS_FAILS = "At {point} the graph cannot be differentiated: {reason}"
VALUE_DIFFERS = "At {point} the graph gives {got} where the formula gives {expected}."
GRADIENT_DIFFERS = ("At {point} the value is right but ∂{output}/∂{name} is {got} where the formula's is "
                    "{expected}.")
NO_POINT = "The formula {formula} is not defined at any of the points tried."
BUILD_RIGHT = "Right: the graph computes the formula, values and gradients, at {count} points."

# grading.py: main.py grade ----------------------------------------------------------------------
TASK_UNREADABLE = "The task {path} cannot be read: {reason}"
NOT_A_TASK = "{path} has no task: give the assignment as the teacher made it (File → New Assignment)."
TASK_REMOVED = "The task was taken out of this file."
TASK_CHANGED = "The task, or a part of the graph it locks, differs from the one handed out."
CHANGED_AFTER_HAND_IN = "The task was changed after the file was handed in."
