"""How numbers are written, in one place: every layer above the core that shows a number
(the plain-text check report, the figures, the page) writes it with one of these.

Each function says what it is for; the rule behind it is decimals for the sizes a network
has, and scientific notation only where decimals stop helping (huge values, when the
weights blew up). A leading "-" stays a hyphen-minus here; MathML turns it into the real
minus sign (core/mathml.mn).
"""

import numpy as np


def fixed(value, places: int) -> str:
    """``places`` decimals: fixed(0.5, 3) is '0.500'."""
    return f"{float(value):.{places}f}"


def significant(value, digits: int) -> str:
    """At most ``digits`` significant digits, trailing zeros dropped: 0.1, 1e+06."""
    return f"{float(value):.{digits}g}"


def scientific(value, places: int) -> str:
    """Scientific notation with ``places`` decimals: scientific(0.00012, 2) is '1.20e-04'."""
    return f"{float(value):.{places}e}"


def short(value) -> str:
    """A setting as it was given, in 6 significant digits: η = 0.5, 1e+06."""
    return significant(value, 6)


def full_precision(value) -> str:
    """Every digit of a float (the shortest text that reads back as the same float)."""
    return repr(float(value))


def _fixed_or_scientific(value, places: int, huge: float, sci_places: int) -> str:
    value = float(value)
    return fixed(value, places) if abs(value) < huge else scientific(value, sci_places)


def equation_number(value) -> str:
    """A number put into an equation: 4 decimals; from 10^4 on scientific, 1.235e+04."""
    return _fixed_or_scientific(value, 4, 1e4, 3)


def label_number(value) -> str:
    """A number where space is tight (graph labels, batch matrices): 3 decimals, never
    '-0.000'; from 10^4 on scientific, 1.23e+04 (wider than a projector shows)."""
    if abs(float(value)) < 5e-4:
        return "0.000"
    return _fixed_or_scientific(value, 3, 1e4, 2)


def loss_number(value) -> str:
    """A loss E: 6 decimals."""
    return fixed(value, 6)


def notebook_number(value) -> str:
    """A value as the notebook prints it, 8 decimals (np.set_printoptions(precision=8));
    from 10^6 on scientific, 1.23456789e+06."""
    return _fixed_or_scientific(value, 8, 1e6, 8)


def printed_array(value) -> str:
    """numpy's repr with 8 decimals, as the notebook prints an array; a vector as the
    notebook's (1, n) row array: 'array([[0.1, ...]])'."""
    arr = np.asarray(value, dtype=float)
    if arr.ndim == 1:
        arr = arr.reshape(1, -1)
    return np.array_repr(arr, max_line_width=75, precision=8, suppress_small=False)
