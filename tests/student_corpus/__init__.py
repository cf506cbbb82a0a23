"""A corpus of students' one-step printouts written for the tests (no real repository's
code): correct steps under every convention and notation the checker must accept, and one
bug of each catalogued kind. ``CORPUS``: name -> a function that prints the step and returns
its :class:`judge.Run`; :func:`judge.first_wrong` derives the expected verdict from finite
differences of the student's own loss."""

from . import (
    nets_buggy,
    nets_buggy_conventions,
    nets_buggy_layouts,
    nets_conventions,
    nets_correct,
    nets_layouts,
    nets_low_precision,
    nets_more,
)
from .judge import first_wrong, printed_run

_MODULES = (
    nets_correct,
    nets_conventions,
    nets_more,
    nets_low_precision,
    nets_layouts,
    nets_buggy,
    nets_buggy_conventions,
    nets_buggy_layouts,
)
CORPUS = {
    name: fn
    for module in _MODULES
    for name, fn in vars(module).items()
    if callable(fn)
    and not name.startswith("_")
    and getattr(fn, "__module__", "") == module.__name__
    and name[0].islower()
}

__all__ = ["CORPUS", "first_wrong", "printed_run"]
