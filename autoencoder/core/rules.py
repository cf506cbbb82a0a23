"""The two update rules. They share everything but the two deltas (design.md rows 6, 7).

Every function works on single examples and on stacked arrays alike: leading axes are
batch axes (networks, patterns), the last axis is the layer.
"""

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from autoencoder.core.activations import Activation
from autoencoder.core.mathml import mi, mn, mo, parens, prime, row, sub, subsup


def _t(matrix):
    return np.swapaxes(matrix, -1, -2)


def exact_output_delta(error, output_z, output_a, act: Activation):
    """d_o = e * f'(z_o): the true gradient of -E with respect to z_o."""
    return error * act.slope_from_value(output_a)


def notebook_output_delta(error, output_z, output_a, act: Activation):
    """d_o = e * f'(a_o): the notebook evaluates the slope at the activation value."""
    return error * act.slope(output_a)


def exact_hidden_delta(output_delta, W1, W2, hidden_z, hidden_a, act: Activation):
    """d_h = (d_o W2^T) * f'(z_h). Shapes: d_o (..., 8), W2 (..., 3, 8) -> (..., 3)."""
    return (output_delta @ _t(W2)) * act.slope_from_value(hidden_a)


def notebook_hidden_delta(output_delta, W1, W2, hidden_z, hidden_a, act: Activation):
    """d_h = (d_o W1) * f'(a_h): W1 (8x3) where W2^T (8x3) belongs, slope at a_h."""
    return (output_delta @ W1) * act.slope(hidden_a)


@dataclass(frozen=True)
class Rule:
    name: str
    output_delta: Callable
    hidden_delta: Callable
    output_latex: str
    hidden_latex: str
    # The same two departures as data, for the fast trainer (core/training.py): the Activation
    # method giving the slope from the activation value, and the matrix carrying d_o back.
    slope: str
    carries_back: str  # "W2^T" or "W1"
    output_mathml: str  # output_latex and hidden_latex as MathML (figures/equations.py)
    hidden_mathml: str


def _delta_formula(layer: str, factor: str, at: str) -> str:
    """delta_layer = factor (.) f'(at_layer)."""
    return row(
        sub(mi("δ"), mi(layer)),
        mo("="),
        factor,
        mo("⊙"),
        prime(mi("f")),
        parens(sub(mi(at), mi(layer))),
    )


def _carried_back(matrix: str) -> str:
    return parens(sub(mi("δ"), mi("o")), matrix)


RULES = {
    "exact": Rule(
        "exact",
        exact_output_delta,
        exact_hidden_delta,
        r"\delta_o = e \odot f'(z_o)",
        r"\delta_h = (\delta_o W_2^{\top}) \odot f'(z_h)",
        slope="slope_from_value",
        carries_back="W2^T",
        output_mathml=_delta_formula("o", mi("e"), "z"),
        hidden_mathml=_delta_formula("h", _carried_back(subsup(mi("W"), mn(2), mo("⊤"))), "z"),
    ),
    "notebook": Rule(
        "notebook",
        notebook_output_delta,
        notebook_hidden_delta,
        r"\delta_o = e \odot f'(a_o)",
        r"\delta_h = (\delta_o W_1) \odot f'(a_h)",
        slope="slope",
        carries_back="W1",
        output_mathml=_delta_formula("o", mi("e"), "a"),
        hidden_mathml=_delta_formula("h", _carried_back(sub(mi("W"), mn(1))), "a"),
    ),
}

DEFAULT_ACTIVATION = {"exact": "sigmoid", "notebook": "shifted-sigmoid"}


def get_rule(name: str) -> Rule:
    try:
        return RULES[name]
    except (KeyError, TypeError):
        raise ValueError(f"unknown rule {name!r} (choose from exact, notebook)") from None
