"""Which of two whole templates a count needs: one for exactly one thing, one for more
(or none). Every layer's texts module holds both forms as whole sentences, so that a
translator sees each sentence whole and a language with other plural rules can change
this one function. No imports: every layer, even the command line before numpy, uses it."""
from __future__ import annotations


def plural(count: int, one: str, many: str) -> str:
    """``one`` when ``count`` is 1, else ``many``: ``plural(n, ONE_NODE, NODES).format(count=n)``."""
    return one if count == 1 else many
