"""Caption templates filled with numbers so that the arithmetic reads as a textbook prints
it: a negative number that follows an operation sign or stands under a power is put in
brackets, 3 × (−0.5)^(3 − 1) and 1 − (−0.7616)², never "3 × -0.5^2" (read as −0.25) or
"−-1". No Qt; the catalog's templates (model/catalog.py) are filled here."""
from __future__ import annotations

import re
from collections.abc import Mapping

from nodeeditor.model.values import MINUS

_FIELD = re.compile(r"\{(\w+)\}")
#: A negative number right after one of these signs is bracketed: 2 × (−3), 1 − (−0.76).
_OPERATORS = frozenset("−-+×÷·/*^")
#: ... and so is one right before a power: (−0.5)², (−2)^3.
_POWERS = frozenset("^²³")
_NEGATIVE = re.compile(rf"[-{MINUS}](\d|\.\d|inf)")


def fill(template: str, fields: Mapping[str, str]) -> str:
    """``template`` with each ``{name}`` replaced by ``fields[name]`` (KeyError for one that
    is missing, as str.format), negative numbers bracketed where the arithmetic needs it."""
    parts: list[str] = []
    end = 0
    for match in _FIELD.finditer(template):
        text = fields[match.group(1)]
        before = template[: match.start()].rstrip()[-1:]
        after = template[match.end():].lstrip()[:1]
        if _NEGATIVE.match(text) and (before in _OPERATORS or after in _POWERS):
            text = f"({text})"
        parts += [template[end: match.start()], text]
        end = match.end()
    parts.append(template[end:])
    return "".join(parts)


def sum_text(parts: list[str]) -> str:
    """Numbers added up as a textbook writes it: 0.5 + 0.5 + (−0.3932), never "+ −0.39"."""
    return " + ".join(f"({p})" if i and _NEGATIVE.match(p) else p for i, p in enumerate(parts))
