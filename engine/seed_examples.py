"""The seed lesson's four examples, run on this engine, printing what the seed prints."""
from __future__ import annotations

import numpy as np

from engine import Variable


def run_seed_examples() -> None:
    """Additional, multiplicated, both, and the sphere function, as in the lesson."""
    x0, x1 = Variable(np.array(6.0)), Variable(np.array(3.0))
    y = x0 + x1
    print(y)
    y.backward()
    print(x0.grad)
    print(x1.grad)

    x0, x1 = Variable(np.array(6.0)), Variable(np.array(3.0))
    y = x0 * x1
    print(y)
    y.backward()
    print(x0.grad)
    print(x1.grad)

    x = Variable(np.array(2.0))
    x0, x1 = Variable(np.array(6.0)), Variable(np.array(3.0))
    a = x0 + x1
    y = a * x
    print(y)
    y.backward()
    print(x.grad)
    print(x0.grad)
    print(x1.grad)

    x0, x1 = Variable(np.array(6.0)), Variable(np.array(3.0))
    y = x0**2 + x1**2
    y.backward()
    print(x0.grad)
    print(x1.grad)
