"""Every sentence a student reads is a whole template with named fields, in its layer's
texts module, so that a translator sees whole sentences (GUIDE.md, sections 7 and 8).

The rules are read off the source with ``ast``, so that they hold for the next sentence
too: no plural or verb glued on by a condition ("node" + "s"), no literal words glued
to a value with + or joined with " and ", no sentence written in place outside a texts
module, and in the texts modules every template's fields are named and well formed,
every template is used, and every ``.format`` call gives every field its template names.
The last three tests feed the rules snippets that break each of them: they can fail.

What stays where it is: docstrings, log messages and the exceptions only a developer
reads (DEVELOPER_ERRORS, DEVELOPER_TEXTS); the catalog (model/catalog.py), where each
kind of node brings its own captions and description; style sheets.
"""
from __future__ import annotations

import ast
import re
import string
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "nodeeditor"
#: The layers whose sentences a student reads, each with its texts module.
LAYERS = {
    "model": "nodeeditor.model.texts",
    "session": "nodeeditor.session.texts",
    "lessons": "nodeeditor.lessons.texts",
    "classroom": "nodeeditor.classroom.texts",
    "app": "nodeeditor.app.texts",
    "view": "nodeeditor.view.texts",
    "compiler": "nodeeditor.compiler_texts",
}
TEXTS_MODULES = set(LAYERS.values())
#: One entry per kind of node, each with its own captions and description (GUIDE.md §1).
CATALOG = "nodeeditor.model.catalog"
#: Exceptions only a developer reads: a bug, not a student's mistake.
DEVELOPER_ERRORS = {"KeyError", "TypeError", "RuntimeError", "NotImplementedError", "AssertionError", "IndexError",
                    "RuleError", "APNGError", "Busy"}
#: Texts a developer reads although their exception could reach a student: each guarded
#: before (module, the text's beginning).
DEVELOPER_TEXTS = {
    ("nodeeditor.model.graph", "a node with id"),  # graphfile refuses a second id first
    ("nodeeditor.model.graph", "there is a function called"),  # Make Function and files check the name first
    ("nodeeditor.model.graph", "the function "),  # only an undo removes a function, once no node uses it
    ("nodeeditor.model.schema_check", "only local $ref"),  # the shipped schema's own
    ("nodeeditor.model.safe_read", ""),  # graphfile and values say it in their words
    ("nodeeditor.model.graphfile", "Out of range float"),  # json's own words, for a number no graph holds
    ("nodeeditor.session.session", "that graph is neither"),
    ("nodeeditor.session.session", "no file name yet"),
    ("nodeeditor.lessons.replay", "run backward first"),
    ("nodeeditor.view.panels.panel", ""),  # a panel class that forgets to say what it forgets
    ("nodeeditor.view.window.settings_file", ""),  # goes to the log only
}
#: Code a lesson writes out (Python, JSON), not sentences: (module, the text's beginning).
CODE_TEXTS = {
    ("nodeeditor.lessons.codegen", "def "),
    ("nodeeditor.app.cli", ',\n  "nodes"'),
}
LOGGING = {"debug", "info", "warning", "error", "exception", "critical", "log_exception"}
#: Qt calls whose text is not a sentence: a style sheet.
NOT_TEXT_CALLS = {"setStyleSheet"}

_WORD = re.compile(r"^[(\"'“‘]*[A-Za-z][A-Za-z'’-]*[)\"'”’,.:;?!]*$")
_TAG = re.compile(r"<[^>]*>")
_FIELD = "\x00"


@dataclass(frozen=True)
class Finding:
    module: str
    line: int
    why: str

    def __str__(self) -> str:
        return f"{self.module}:{self.line}: {self.why}"


def modules() -> Iterator[tuple[str, str]]:
    """(dotted name, source) of every module of the layers a student reads."""
    paths = [PACKAGE / "compiler.py", PACKAGE / "compiler_texts.py", PACKAGE / "shape_messages.py",
             PACKAGE / "plural.py"]
    for layer in ("model", "session", "lessons", "classroom", "app", "view"):
        paths += sorted((PACKAGE / layer).rglob("*.py"))
    for path in paths:
        name = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        yield name, path.read_text(encoding="utf-8")


# reading literals -------------------------------------------------------------------------------
def literal_text(node: ast.AST) -> str | None:
    """The text of a string literal (an f-string's fields as one mark each), else None."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(part.value if isinstance(part, ast.Constant) else _FIELD for part in node.values)
    return None


def words(text: str) -> list[str]:
    """The plain words of a text as a reader sees it: tags and fields left out."""
    visible = _TAG.sub(" ", text).replace(_FIELD, " ")
    return [token for token in visible.split() if _WORD.match(token) and sum(c.isalpha() for c in token) >= 2]


def has_words(node: ast.AST) -> bool:
    text = literal_text(node)
    return text is not None and bool(words(text))


def reads_as_sentence(node: ast.AST) -> bool:
    """A literal a student reads as a sentence: an f-string with words (a template with
    fields), or plain text of many words or that ends like a sentence."""
    text = literal_text(node)
    if text is None:
        return False
    found = words(text)
    if isinstance(node, ast.JoinedStr):
        visible = _TAG.sub(" ", text)
        return len(found) >= 2 or (bool(found) and re.search(r"[.:;?!](\s|$)", visible.replace(_FIELD, "x")) is not None)
    return len(found) >= 6 or (len(found) >= 2 and re.search(r"[.?!]\s*$", text) is not None)


# the rules ------------------------------------------------------------------------------------------
#: What a condition glues onto a word to make a plural, or a verb that agrees with it.
PLURAL_PIECES = {frozenset({"s", ""}), frozenset({"es", ""}), frozenset({"is", "are"}), frozenset({"was", "were"}),
                 frozenset({"has", "have"}), frozenset({"it", "them"}), frozenset({"this", "these"}),
                 frozenset({"s", "es"})}


def _string_branches(node: ast.IfExp) -> tuple[str, str] | None:
    texts = literal_text(node.body), literal_text(node.orelse)
    return texts if all(isinstance(t, str) for t in texts) else None


def glued(tree: ast.AST, skip: set[int]) -> Iterator[tuple[int, str]]:
    """Places where a sentence is glued from fragments (the nodes in ``skip`` are not text)."""
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.IfExp):
            branches = _string_branches(node)
            if branches and frozenset(b.strip() for b in branches) in PLURAL_PIECES:
                yield node.lineno, f"a plural or a verb glued on by a condition: {branches}"
        elif isinstance(node, ast.FormattedValue) and isinstance(node.value, ast.IfExp):
            branches = _string_branches(node.value)
            if branches and any(words(b) for b in branches):
                yield node.lineno, f"words chosen by a condition inside a sentence: {branches}"
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            sides = (node.left, node.right)
            literal = [s for s in sides if literal_text(s) is not None]
            if any(id(s) in skip for s in sides):
                continue
            if any(has_words(s) for s in sides) and (len(literal) < 2 or all(has_words(s) for s in sides)):
                yield node.lineno, "words glued to other text with +"
        elif isinstance(node, ast.AugAssign) and isinstance(node.op, ast.Add) and has_words(node.value):
            yield node.lineno, "words added to a text with +="
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "join":
            separator = literal_text(node.func.value)
            if separator is not None and words(separator):
                yield node.lineno, f"phrases joined into a sentence with {separator!r}"
            for argument in node.args:
                element = getattr(argument, "elt", None)
                if element is not None and literal_text(element) is not None and has_words(element):
                    yield node.lineno, "phrases written in place and joined into a sentence"


def not_text(module: str, tree: ast.AST) -> set[int]:
    """The ids of the nodes a student does not read as text: docstrings, log messages,
    developers' exceptions, style sheets, code written out."""
    exempt: set[int] = set()
    for node in ast.walk(tree):
        text = literal_text(node)
        if text is not None and any(module == m and text.startswith(start) for m, start in
                                    DEVELOPER_TEXTS | CODE_TEXTS):
            exempt.add(id(node))
        body = getattr(node, "body", None)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and body \
                and isinstance(body[0], ast.Expr) and literal_text(body[0].value) is not None:
            exempt.add(id(body[0].value))
        inside: ast.AST | None = None
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
            if name in LOGGING or name in NOT_TEXT_CALLS:
                inside = node
        elif isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
            func = node.exc.func
            name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
            if name in DEVELOPER_ERRORS:
                inside = node
        if inside is not None:
            exempt.update(id(n) for n in ast.walk(inside))
    return exempt


def sentences_in_place(module: str, tree: ast.AST, exempt: set[int]) -> Iterator[tuple[int, str]]:
    """Sentences written in a module that is not a texts module."""
    if module in TEXTS_MODULES or module == CATALOG:
        return
    inner = {id(part) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr) for part in node.values}
    for node in ast.walk(tree):
        if id(node) in exempt or id(node) in inner or not reads_as_sentence(node):
            continue
        text = literal_text(node).replace(_FIELD, "{…}")
        yield node.lineno, f"a sentence written in place, not in {LAYERS.get(_layer(module), 'a texts module')}: {text!r}"


def _layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if parts[1] in LAYERS else "compiler"


def glue_findings(module: str, source: str) -> list[Finding]:
    tree = ast.parse(source)
    return [Finding(module, line, why) for line, why in glued(tree, not_text(module, tree))]


def place_findings(module: str, source: str) -> list[Finding]:
    tree = ast.parse(source)
    return [Finding(module, line, why) for line, why in sentences_in_place(module, tree, not_text(module, tree))]


def findings(module: str, source: str) -> list[Finding]:
    return glue_findings(module, source) + place_findings(module, source)


# the templates ------------------------------------------------------------------------------------
class _Any:
    """A field's value whatever its format spec wants: a number, else a text."""

    def __format__(self, spec: str) -> str:
        try:
            return format(1234.5, spec)
        except ValueError:
            return format("text", spec)


def template_problems(template: str) -> list[str]:
    """What is wrong with a template: a field without a name, a malformed brace or spec."""
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError as exc:
        return [f"{template!r}: {exc}"]
    problems = []
    for _literal, field, _spec, conversion in parsed:
        if field is None:
            continue
        if not field.isidentifier():
            problems.append(f"{template!r}: the field {{{field}}} has no name of its own")
        if conversion not in (None, "r", "s"):
            problems.append(f"{template!r}: !{conversion}")
    if problems:
        return problems
    try:
        template.format(**{f: _Any() for _l, f, _s, _c in parsed if f})
    except (ValueError, KeyError, IndexError) as exc:
        problems.append(f"{template!r}: {exc}")
    return problems


def fields(template: str) -> set[str]:
    return {field for _literal, field, _spec, _conversion in string.Formatter().parse(template) if field}


def templates(module: str, source: str) -> dict[str, list[str]]:
    """A texts module's constants (name -> its strings), read without importing it."""
    found: dict[str, list[str]] = {}
    for node in ast.parse(source).body:
        targets = [t.id for t in getattr(node, "targets", [getattr(node, "target", None)]) if isinstance(t, ast.Name)]
        value = getattr(node, "value", None)
        if not targets or value is None:
            continue
        try:
            constant = ast.literal_eval(value)
        except ValueError:  # "\n".join([...]): a paragraph per line
            constant = [literal_text(n) for n in ast.walk(value) if literal_text(n) is not None]
        strings = [constant] if isinstance(constant, str) else \
            list(constant.values()) if isinstance(constant, dict) else list(constant)
        found[targets[0]] = [s for s in strings if isinstance(s, str)]
    return found


def texts_uses(tree: ast.AST) -> Iterator[tuple[str, str, ast.AST]]:
    """(texts module, constant, the node naming it) for each use of a template in ``tree``."""
    aliases: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            for alias in node.names:
                full = f"{node.module}.{alias.name}"
                if full in TEXTS_MODULES:
                    aliases[alias.asname or alias.name] = full
                elif node.module in TEXTS_MODULES:
                    yield node.module, alias.name, node
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in aliases:
            yield aliases[node.value.id], node.attr, node


def format_calls(source: str, known: dict[str, dict[str, list[str]]]) -> Iterator[tuple[int, set[str], set[str]]]:
    """(line, the fields its templates name, the fields given) of each ``.format`` call on
    a template, a choice of two (``a if c else b``) or ``plural(n, one, many)``."""
    tree = ast.parse(source)
    named: dict[int, list[str]] = {}
    for module, name, node in texts_uses(tree):
        if isinstance(node, ast.Attribute) and name in known.get(module, {}):
            named[id(node)] = known[module][name]
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format"):
            continue
        if any(k.arg is None for k in node.keywords):
            continue  # **fields: not checked here
        chosen = node.func.value
        options = [chosen]
        if isinstance(chosen, ast.IfExp):
            options = [chosen.body, chosen.orelse]
        elif isinstance(chosen, ast.Call) and getattr(chosen.func, "id", "") == "plural":
            options = chosen.args[1:]
        expanded = []
        for option in options:
            if isinstance(option, ast.Call) and getattr(option.func, "id", "") == "plural":
                expanded += option.args[1:]
            else:
                expanded.append(option)
        strings = [s for option in expanded for s in named.get(id(option), [])]
        if strings and len(strings) == len(expanded):
            wanted = set().union(*(fields(s) for s in strings))
            yield node.lineno, wanted, {k.arg for k in node.keywords}


# the tests --------------------------------------------------------------------------------------------
ALL = dict(modules())


def test_no_sentence_is_glued_from_fragments():
    found = [f for module, source in ALL.items() for f in glue_findings(module, source)]
    assert not found, "\n".join(map(str, found))


def test_no_sentence_is_written_outside_its_layer_s_texts_module():
    found = [f for module, source in ALL.items() for f in place_findings(module, source)]
    assert not found, "\n".join(map(str, found))


def test_every_template_has_well_formed_named_fields():
    problems = [f"{module}.{name}: {p}" for module in TEXTS_MODULES
                for name, strings in templates(module, ALL[module]).items() for s in strings
                for p in template_problems(s)]
    assert not problems, "\n".join(problems)
    counts = {module: len(templates(module, ALL[module])) for module in TEXTS_MODULES}
    assert all(count >= 10 for count in counts.values()), counts


def test_every_template_is_used():
    used = {(module, name) for source in ALL.values() for module, name, _node in texts_uses(ast.parse(source))}
    unused = [f"{module}.{name}" for module in TEXTS_MODULES for name in templates(module, ALL[module])
              if (module, name) not in used]
    assert not unused, unused


def test_every_format_call_gives_the_fields_its_template_names():
    known = {module: templates(module, ALL[module]) for module in TEXTS_MODULES}
    problems, checked = [], 0
    for module, source in ALL.items():
        for line, wanted, given in format_calls(source, known):
            checked += 1
            if wanted - given:
                problems.append(f"{module}:{line}: no value for {sorted(wanted - given)}")
    assert not problems, "\n".join(problems)
    assert checked > 200  # (the check reads the calls it should)


def test_each_layer_speaks_through_its_own_texts_module():
    """A layer's code reads its own texts module (and those of the layers below it, as it
    imports them): never a layer above it, which would turn the imports around."""
    above = {"model": {"session", "lessons", "classroom", "app", "view", "compiler"},
             "compiler": {"session", "lessons", "classroom", "view"}, "session": {"lessons", "classroom", "view"},
             "lessons": {"view"},
             "classroom": {"session", "view"}}
    wrong = []
    for module, source in ALL.items():
        layer = _layer(module)
        for texts_module, name, node in texts_uses(ast.parse(source)):
            if any(texts_module == LAYERS[a] for a in above.get(layer, ())):
                wrong.append(f"{module}:{node.lineno} uses {texts_module}.{name}")
    assert not wrong, wrong


BAD = '''
"""A module that breaks every rule once."""
import logging

def report(n, name, names, sentences):
    logging.getLogger("x").warning(f"this log message is for developers only: {n}")
    pasted = f"Pasted {n} node{'s' if n != 1 else ''}."
    verb = "was" if n == 1 else "were"
    opened = "Opened " + name
    listed = " and ".join(names)
    phrases = ", ".join(f"{p} is wired to nothing" for p in names)
    title = f"Saved {name} just now"
    note = f"It {'has' if n else 'had'} changed"
    message = "Something went wrong here."
    message += " Please save your work."
    raise KeyError(f"no such node in the graph: {name}")
'''


def test_the_rules_catch_each_kind_of_glued_or_misplaced_sentence():
    found = findings("nodeeditor.view.panels.bad", BAD)
    lines = {f.line for f in found}
    source = BAD.splitlines()
    for marker in ("pasted =", "verb =", "opened =", "listed =", "phrases =", "title =", "note =", "message =",
                   "message +="):
        line = next(i for i, text in enumerate(source, start=1) if text.strip().startswith(marker))
        assert line in lines, (marker, [str(f) for f in found])
    quiet = [next(i for i, text in enumerate(source, start=1) if marker in text)
             for marker in ('"""A module', "warning(", "raise KeyError")]
    assert not lines & set(quiet), [str(f) for f in found]
    assert not findings("nodeeditor.view.texts", 'PASTED = "{count} nodes were pasted."\n')


@pytest.mark.parametrize(("template", "wrong"), [("{} nodes", "no name"), ("{0} nodes", "no name"),
                                                 ("{count nodes", "expected"), ("{count:q} nodes", "format"),
                                                 ("{node.name} moved", "no name"), ("{count!x}", "x")])
def test_a_template_without_named_well_formed_fields_is_refused(template, wrong):
    problems = template_problems(template)
    assert problems and any(wrong.lower() in p.lower() for p in problems), problems


def test_a_format_call_missing_a_field_is_found_and_an_unused_template_too():
    texts_source = 'ONE = "1 node in {graph}"\nMANY = "{count} nodes in {graph}"\nSPARE = "never said"\n'
    known = {"nodeeditor.view.texts": templates("nodeeditor.view.texts", texts_source)}
    user = ("from nodeeditor.plural import plural\nfrom nodeeditor.view import texts\n"
            "a = plural(n, texts.ONE, texts.MANY).format(count=n)\n"
            "b = texts.MANY.format(count=n, graph=g)\n")
    calls = list(format_calls(user, known))
    assert [(line, wanted - given) for line, wanted, given in calls] == [(3, {"graph"}), (4, set())]
    used = {name for _module, name, _node in texts_uses(ast.parse(user))}
    assert set(known["nodeeditor.view.texts"]) - used == {"SPARE"}
