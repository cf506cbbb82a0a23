"""The two losses: squared error (the notebook's, the default) and cross-entropy.

Both are written with e = t - a_o (t = x, an autoencoder). Squared error E = 1/2 sum(e^2)
gives the output delta e * f'(z_o). Cross-entropy E = -sum(t log a + (1-t) log(1-a)) with
logistic outputs (a = sigmoid of something, so f'(z) = a(1-a)) gives d_o = e exactly: its
1/(a(1-a)) cancels the f' factor. That is why it is offered only with the logistic
activations (sigmoid and shifted-sigmoid); with any other it would not be exact.
"""

from dataclasses import dataclass

import numpy as np
from scipy.special import xlogy

from autoencoder.core.mathml import frac, mi, mn, mo, mtext, parens, row, sub, subsup

LOSS_NAMES = ("squared", "cross-entropy")
LOGISTIC = ("sigmoid", "shifted-sigmoid")  # the activations whose f'(z) is a(1-a)


def squared(target, output) -> np.ndarray:
    """E = 1/2 sum((t - a)^2) over the last axis."""
    e = np.asarray(target) - output
    return 0.5 * np.sum(e * e, axis=-1)


def cross_entropy(target, output) -> np.ndarray:
    """E = -sum(t log a + (1 - t) log(1 - a)) over the last axis (0 log 0 taken as 0)."""
    return np.sum(loss_terms(target, output), axis=-1)


@dataclass(frozen=True)
class Loss:
    name: str
    value: object  # (target, output) -> E
    latex: str  # E as LaTeX
    mathml: str  # E as MathML
    slope_factor: bool  # whether the output delta keeps the f' factor
    delta_latex: str | None = None  # the output delta when it is not the rule's (no f')
    delta_mathml: str | None = None


def _k(name: str) -> str:
    return sub(mi(name), mi("k"))


LOSSES = {
    "squared": Loss(
        "squared",
        squared,
        r"E = \tfrac12 \textstyle\sum_k e_k^2",
        row(mi("E"), mo("="), frac(mn(1), mn(2)), mo("∑"), subsup(mi("e"), mi("k"), mn(2))),
        slope_factor=True,
    ),
    "cross-entropy": Loss(
        "cross-entropy",
        cross_entropy,
        r"E = -\textstyle\sum_k \left(x_k \ln a_k + (1-x_k)\ln(1-a_k)\right)",
        row(
            mi("E"),
            mo("="),
            mo("-"),
            mo("∑"),
            parens(
                _k("x"),
                mi("ln"),
                _k("a"),
                mo("+"),
                parens(mn(1), mo("-"), _k("x")),
                mi("ln"),
                parens(mn(1), mo("-"), _k("a")),
            ),
        ),
        slope_factor=False,
        delta_latex=r"\delta_o = e \quad \text{(cross-entropy: no } f'(z_o)\text{ factor)}",
        delta_mathml=row(
            sub(mi("δ"), mi("o")), mo("="), mi("e"), mtext("  (cross-entropy: no f′ factor)")
        ),
    ),
}


def get_loss(name: str) -> Loss:
    try:
        return LOSSES[name]
    except (KeyError, TypeError):
        raise ValueError(f"unknown loss {name!r} (choose from squared, cross-entropy)") from None


def check_loss(loss: str, activation: str):
    """ValueError unless ``loss`` is known and exact with ``activation``."""
    get_loss(loss)
    if loss == "cross-entropy" and activation not in LOGISTIC:
        raise ValueError(
            f"cross-entropy is offered only with sigmoid outputs (sigmoid or "
            f"shifted-sigmoid), where its output delta is exactly e; not with {activation}"
        )


def loss_terms(target, output) -> np.ndarray:
    """Each output's share of the cross-entropy: -(t log a + (1 - t) log(1 - a)), (..., 8)."""
    target = np.asarray(target, dtype=float)
    return -(xlogy(target, output) + xlogy(1.0 - target, 1.0 - output))
