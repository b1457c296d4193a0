"""Node values: a number or a nested list of numbers, held as a float64 ndarray."""
from __future__ import annotations

import ast
import math
from pathlib import Path
from typing import Any

import numpy as np

from nodeeditor.model import texts
from nodeeditor.model.safe_read import NotRegularFile, TooLarge, read_regular

#: The minus sign numbers are shown with (parsed back as "-").
MINUS = "\u2212"

MAX_ELEMENTS = 1_000_000
MAX_DEPTH = 32


class ValueFormatError(ValueError):
    """A value that is not a number or a rectangular nested list of finite numbers."""


def to_array(value: Any) -> np.ndarray:
    """A float64 array from a number or nested list; ValueFormatError says what is wrong."""
    _check_nesting(value, 0)
    try:
        array = np.array(value, dtype=np.float64)
    except (ValueError, TypeError) as exc:
        raise ValueFormatError(texts.NOT_RECTANGULAR) from exc
    if array.size > MAX_ELEMENTS:
        raise ValueFormatError(texts.TOO_MANY_NUMBERS.format(count=array.size, limit=MAX_ELEMENTS))
    if not np.all(np.isfinite(array)):
        raise ValueFormatError(texts.NOT_FINITE)
    return array


def _check_nesting(value: Any, depth: int) -> None:
    if depth > MAX_DEPTH:
        raise ValueFormatError(texts.NESTED_TOO_DEEP.format(depth=MAX_DEPTH))
    if isinstance(value, bool):
        raise ValueFormatError(texts.NOT_TRUE_OR_FALSE)
    if isinstance(value, (int, float)):
        if isinstance(value, float) and not math.isfinite(value):
            raise ValueFormatError(texts.NOT_FINITE)
        return
    if isinstance(value, list):
        if not value:
            raise ValueFormatError(texts.EMPTY_LIST)
        for item in value:
            _check_nesting(item, depth + 1)
        return
    raise ValueFormatError(texts.EXPECTED_NUMBERS)


def to_json_value(array: np.ndarray) -> float | list:
    """A number or nested list of floats, the form values take in a .graph file."""
    return np.asarray(array, dtype=np.float64).tolist()


def parse_value_text(text: str) -> np.ndarray:
    """What a student typed: ``3``, ``-2.5``, ``[1, 2]`` or ``[[1, 2], [3, 4]]``.

    Parsed as a literal (never evaluated), so only numbers and lists get through.
    """
    stripped = text.strip().replace(MINUS, "-")  # (a number copied from the canvas)
    if not stripped:
        raise ValueFormatError(texts.TYPE_A_VALUE)
    try:
        tree = ast.parse(stripped, mode="eval")
        value = ast.literal_eval(tree)
    except (SyntaxError, ValueError, TypeError, MemoryError, RecursionError) as exc:
        raise ValueFormatError(texts.NOT_A_VALUE.format(text=stripped)) from exc
    if isinstance(value, tuple):
        value = list(value)
    return to_array(_lists(value))


def _lists(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return [_lists(v) for v in value]
    return value


def format_array(array: np.ndarray | None, precision: int = 4) -> str:
    """A short label for a socket: ``45``, ``0.3333``, ``[1 2 3]``, ``[[1 2] [3 4]]``, ``shape (20, 20)``."""
    if array is None:
        return ""
    array = np.asarray(array)
    if array.ndim == 0:
        return format_number(float(array), precision)
    if array.size <= 4 and array.ndim <= 2:
        return _bracketed(array, precision)
    return texts.SHAPE_LABEL.format(shape=shape_text(array.shape))


def shape_text(shape: tuple[int, ...]) -> str:
    """A shape as numpy writes it: ``(2, 3)``, ``(3,)``; a single number's is ``()``."""
    return "(" + ", ".join(str(n) for n in shape) + ("," if len(shape) == 1 else "") + ")"


def _bracketed(array: np.ndarray, precision: int) -> str:
    if array.ndim == 0:
        return format_number(float(array), precision)
    return "[" + " ".join(_bracketed(row, precision) for row in array) + "]"


def format_number(x: float, precision: int = 4) -> str:
    """``45`` for whole numbers, ``0.3333`` otherwise, ``inf``/``nan`` as numpy says; a
    negative number with the true minus sign, ``−0.5``, as a textbook prints it."""
    if math.isnan(x) or math.isinf(x):
        text = str(x)
    elif x == int(x) and abs(x) < 1e15:
        text = str(int(x))
    else:
        text = f"{x:.{precision}g}"
    return text.replace("-", MINUS)


def format_full(array: np.ndarray | None) -> str:
    """Every digit, for the inspector and the CLI: ``45.0``, ``[1.0, 2.5]``."""
    if array is None:
        return ""
    array = np.asarray(array)
    if array.ndim == 0:
        return repr(float(array))
    return np.array2string(array, precision=17, separator=", ", threshold=200)


MAX_CSV_BYTES = 2 * 1024 * 1024


def read_csv(path: str | Path) -> np.ndarray:
    """A small table of numbers from a CSV file (commas, semicolons, tabs or spaces
    between numbers; a first line of column names is skipped). One row gives a vector;
    more rows give a matrix with the file's rows and columns (one column of N numbers
    is an (N, 1) matrix, as the book's data are). ValueFormatError says what is wrong."""
    path = Path(path)
    try:
        text = read_regular(path, MAX_CSV_BYTES).decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValueFormatError(texts.NOT_UTF8) from None
    except NotRegularFile:
        raise ValueFormatError(texts.CSV_NOT_REGULAR) from None
    except TooLarge:
        raise ValueFormatError(texts.CSV_TOO_LARGE.format(megabytes=MAX_CSV_BYTES // 2**20,
                                                         limit=MAX_ELEMENTS)) from None
    except OSError as exc:
        raise ValueFormatError(texts.FILE_UNREADABLE.format(reason=exc.strerror or exc)) from None
    rows = []
    for number, line in enumerate(text.splitlines(), start=1):
        cells = [c for c in line.replace(";", ",").replace("\t", ",").replace(" ", ",").split(",") if c.strip()]
        if not cells:
            continue
        try:
            rows.append([float(c) for c in cells])
        except ValueError:
            if not rows and number == 1:
                continue  # a header line
            raise ValueFormatError(texts.CSV_NOT_A_NUMBER.format(line=number, text=line.strip()[:40])) from None
    if not rows:
        raise ValueFormatError(texts.CSV_NO_NUMBERS)
    if len({len(r) for r in rows}) != 1:
        raise ValueFormatError(texts.CSV_RAGGED)
    array = to_array(rows)
    if array.size == 1:
        return array.reshape(())
    return array.reshape(-1) if array.shape[0] == 1 else array
