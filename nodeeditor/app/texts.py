"""Every sentence the program's plumbing says, as a whole template with named fields: the
command line's help and messages, the self-test's report, and what to do when this
computer lacks a display or a system library. Both forms of a sentence a count decides
are whole templates (``plural`` in nodeeditor/plural.py picks one). No imports: the entry
point says these before numpy or Qt is loaded.
"""

# cli.py: the command line's help -------------------------------------------------------------
USAGE_ERROR = "{program}: error: {message}"
DESCRIPTION = ("Backprop Studio {version}. Without a command it opens the editor: {program} [FILE.graph]. {program} "
               "--selftest checks that this build works (exit 0 or 1). The commands below work without a display.")
EPILOG = ("Exit codes: 0 success, 1 the graph has errors (the message names the node), 2 unreadable or invalid file, "
          "or a usage error.")
VERSION = "Backprop Studio {version}"
RUN_HELP = "compute a .graph and print every node's value and gradient"
RUN_DESCRIPTION = "Compute every node's value, run backward, print a table."
FILE_HELP = "the .graph file"
JSON_HELP = "print JSON for grading scripts instead of a table"
OUTPUT_HELP = ("where backward starts: a name the canvas shows (such as y or pow1) or a node id (default: the graph's "
               "output)")
NEW_HELP = "write a .graph built from a formula"
NEW_DESCRIPTION = "Build a graph from a formula such as 'x0**2 + x1**2'."
EXPR_HELP = ("the formula: numbers, names, + - * / ** @, parentheses and functions such as exp(x), sin(x), tanh(x), "
             "log(x), sqrt(x), relu(x), sigmoid(x), sum(x, axis=0)")
SET_HELP = "a Variable's value: a number, or an array such as x=[1,2,3] (default 1); repeat for several"
OUT_HELP = "the .graph file to write"
SEED_HELP = "print the seed lesson's four examples run on the engine"
EXPLAIN_HELP = "write out the chain rule for one node: every path, in symbols and in numbers"
EXPLAIN_DESCRIPTION = ("Print ∂output/∂NAME as the sum over paths of products of local derivatives, then the numbers, "
                       "then the result.")
WRT_HELP = ("the node to differentiate with respect to: a name the canvas shows (such as x0), one element of an array "
            "(W1[0,1]) or a node id")
EXPLAIN_OUTPUT_HELP = "where backward starts (default: the graph's output)"
LATEX_HELP = "print a LaTeX document instead of text"
RUN_SET_HELP = "give a Variable or Constant a value first, such as x0=2 or x=[1,2] (may be repeated)"
NETWORK_HELP = "instead of a formula, a fully connected network of these layer sizes, such as 2-2-1 (learns XOR)"
ACTIVATION_HELP = "the network's activation: sigmoid (the default), tanh or relu"
MATRIX_HELP = "build the network from weight matrices (W1, b1, Linear) rather than a node per weight"
FRAMES_HELP = "save every backward step as numbered PNG frames, an animated PNG and an animated GIF"
FRAMES_DESCRIPTION = ("Run Backward and draw each of its steps, with its caption, as backward-000.png, "
                      "backward-001.png, … and all of them as backward.apng and backward.gif (and backward.mp4 "
                      "with --mp4, where ffmpeg is installed).")
SLIDES_HELP = "draw 16:9 slides of 1920 × 1080, the graph centred and the caption below"
MP4_HELP = "also make backward.mp4 with ffmpeg"
FOLDER_HELP = "the folder to write the pictures into"

# cli.py: what the commands print ---------------------------------------------------------------
#: a file that cannot be opened, with the loader's reason
FILE_PROBLEM = "{path}: {reason}"
ERROR = "error: {message}"
NODE_ERROR = "error: {node}: {message}"
READING = "reading and computing {path}"
BACKWARD_THROUGH = "backward through {count:,} nodes"
WRITING_REPORT = "writing the report"
CANNOT_WRITE_INTO = "error: cannot write into {folder}: {reason}"
NOT_SETTABLE = "error: --set {name}: it is a {kind} node; only Variables and Constants hold values"
WROTE_NETWORK = "wrote {path} ({count} nodes); gradient descent trains it at a learning rate of {rate:g}"
WROTE_FRAMES = "wrote {count} frames and {animations} into {folder}"
#: one animation not made, and why
NOT_MADE = "note: {reason}"
BAD_SET = "error: --set {item!r}: expected NAME=NUMBER or NAME=[ARRAY], such as x0=6 or x=[1,2] ({reason})"
#: a formula's error, with the formula and a ^~~ line under the part refused
FORMULA_ERROR = "error: {message}\n{pointer}"
CANNOT_WRITE = "error: cannot write {path}: {reason}"
WROTE_ONE_NODE = "wrote {path} (1 node)"
WROTE_NODES = "wrote {path} ({count} nodes)"
NO_NODE_CALLED = ("There is no node called {name!r}; use a name the canvas shows (such as x0, pow1 or {out}) or a "
                  "node id (n1, n2, ...).")
#: a node in messages: its name, its kind and its id: y (Add n5)
NODE = "{name} ({kind} {id})"
TABLE_HEADING = "{path}: backward from the output {name} ({kind} {id})"
TABLE_NO_BACKWARD = "{path}: no backward"
#: the table's column headings
COLUMNS = ("name", "kind", "node", "value", "gradient", "gradient sent back per input / error")
SENT_BACK = "{port}: {gradient}"
CELL_ERROR = "ERROR {error}"
BIG_ARRAY = "{shape} array [{first}, …]"
#: what the command line shows while a long command runs
PROGRESS = "{stage}... {seconds:.0f} s (Ctrl+C stops)"

# entry.py -----------------------------------------------------------------------------------------
INTERRUPTED = "interrupted"
UNEXPECTED = "error: something unexpected went wrong ({kind}: {message}); the details are in {log}"

# selftest.py --------------------------------------------------------------------------------------
CHECK_ENGINE = "engine and compiler: sphere = 45, gradients 12 and 6"
CHECK_ENGINE_FOUND = "value {value}, gradients {gradients}"
CHECK_WINDOW = "editor window: sockets read 45, 12 and 6"
CHECK_WINDOW_FOUND = "output {output}, gradients {gradients}"
CHECK_RESOURCES = "bundled examples and schema found"
CHECK_RESOURCES_FOUND = "{count} examples in {folder}"
PASSED = "PASS  {check}  ({found})"
FAILED = "FAIL  {check}  ({found})"
#: ``build`` is one of the three below
SELFTEST = "selftest {build}: {passed} passed, {failed} failed in {seconds:.2f} s"
FROZEN = "frozen"
INSTALLED = "installed"
FROM_SOURCE = "from source"

# display.py: no display to open the window on -------------------------------------------------------
NO_DISPLAY = """\
Backprop Studio cannot open its window: there is no display here (neither DISPLAY nor
WAYLAND_DISPLAY is set), as happens over ssh or on a server without a desktop.
Start it from a desktop session, or over ssh with X forwarding (ssh -X).
The commands need no display, for example:
    {program} run FILE.graph    prints every value and gradient of a graph
    {program} --help            lists them all"""

# system_libraries.py: the system libraries Qt needs and this computer lacks ----------------------
HEADLINE_ONE = ("Backprop Studio cannot start Qt, the toolkit that draws its window and its pictures:\n"
                "this computer lacks a system library that Qt needs.")
HEADLINE_MANY = ("Backprop Studio cannot start Qt, the toolkit that draws its window and its pictures:\n"
                 "this computer lacks {count} system libraries that Qt needs.")
ROW = "    {library:<24} Debian or Ubuntu: {debian:<20} Fedora: {fedora}"
ROW_UNKNOWN = ("    {library:<24} find the package that has it with: apt-file search {library}, "
               "or dnf provides '*/{library}'")
INSTALL_ONE = "Install it, then start Backprop Studio again:"
INSTALL_MANY = "Install them, then start Backprop Studio again:"
INSTALL_DEBIAN = "    on Debian or Ubuntu:  sudo apt install {packages}"
INSTALL_FEDORA = "    on Fedora:            sudo dnf install {packages}"
WITHOUT_QT = "Meanwhile the commands run, new, seed, explain and grade work without Qt: {program} --help lists them."

# video.py: the MP4 of the backward steps ---------------------------------------------------
NO_FFMPEG = "ffmpeg is not installed, so no MP4 was made (the GIF plays in slide programs too)"
FFMPEG_FAILED = "ffmpeg could not make the MP4: {reason}"
EXIT_CODE = "it ended with exit code {code}"

# gif.py: frames that cannot make one GIF (a mistake of the program, said plainly) ----------
GIF_NO_FRAMES = "no frames to animate"
GIF_SIZES_DIFFER = "the frames are not all of one size"
GIF_COLOURS = "a GIF holds between 1 and 256 colours"

# cli.py and grade_command.py: main.py grade -------------------------------------------------------
GRADE_HELP = "grade handed-in .graph files against the teacher's task or a formula"
GRADE_DESCRIPTION = ("Grade each handed-in file against the task it was made from (--against) or against a "
                     "formula its graph must compute (--expect), and print a table of the scores (or JSON). A file "
                     "that cannot be read is reported and the others are graded. Exit 0 when every file could be "
                     "read, 2 when one could not.")
SUBMISSIONS_HELP = "the handed-in .graph files (a shell pattern such as submissions/*.graph)"
AGAINST_HELP = "the task as the teacher made it: the .graph file handed out"
EXPECT_HELP = ("instead of a task, a formula each file's graph must compute, such as 'x0**2 + x1**2' (checked, values "
               "and gradients, at --at and at 20 random points)")
AT_HELP = "with --expect: the point to check first, such as x0=6,x1=3 (inputs not named take 1)"
POINTS_HELP = "with --expect: what a right graph earns (default 1)"
GRADE_OUTPUT_HELP = "with --expect: the node that must compute the formula, by its name (default: the graph's output)"
GRADE_JSON_HELP = "print JSON for a grading script instead of the table"
CSV_HELP = "also write the results to this CSV file: a row per student and question (opens in Excel)"
HTML_HELP = "also write one HTML page of the results to show the class: scores, answers, the most common mistakes"
#: --at, --points or --output given with --against
EXPECT_ONLY = "error: {option} goes with --expect (a task's questions name their own outputs and points)"
AT_NOT_NAMED = "error: --at {item!r}: expected NAME=NUMBER, such as x0=6"
BAD_AT = "error: --at {item!r}: expected NAME=NUMBER, such as x0=6 ({reason})"
AT_NOT_A_NUMBER = "error: --at {name}: give one number, such as {name}=6"
AT_NOT_AN_INPUT = "error: --at {name}: the formula {formula} has no input called {name}"
BAD_POINTS = "error: --points {points:g}: give a number above 0"
GRADING = "grading {path} ({number} of {count})"
WROTE_CSV = "wrote {path} (a row per student and question)"
WROTE_HTML = "wrote {path} (open it in a browser)"
UNREADABLE_ONE = "error: 1 file could not be read (the others are graded): {paths}"
UNREADABLE_MANY = "error: {count} files could not be read (the others are graded): {paths}"
#: a file the grader itself failed on: reported as that file's error, the next one graded
GRADER_FAILED = "the grader failed on this file ({kind}: {message}); the details are in {log}"
