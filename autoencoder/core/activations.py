"""Activation functions.

Each activation knows its value ``f(u)``, its derivative ``f'(u)`` at a point, and the
derivative at the pre-activation expressed through the activation value
(``slope_from_value(a) == f'(z)`` where ``a == f(z)``), which is what the exact rule and the
fast trainers use. The notebook rule instead evaluates ``f'`` *at the activation value*
(``slope(a)``), its first departure from the gradient.
"""

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from scipy.special import expit

from autoencoder.core.mathml import frac, mi, mn, mo, parens, row, space, sup


@dataclass(frozen=True)
class Activation:
    name: str
    f: Callable[[np.ndarray], np.ndarray]
    slope: Callable[[np.ndarray], np.ndarray]  # f'(u) at a point u
    slope_from_value: Callable[[np.ndarray], np.ndarray]  # f'(z) given a = f(z)
    latex: str  # f(u) as LaTeX, for the page
    mathml: str  # f(u) as MathML, with u written <mi>u</mi> (figures.equations puts numbers in)


def _sigmoid_slope(u):
    s = expit(u)
    return s * (1.0 - s)


def _shifted(u):
    return expit(np.add(u, 1.0))


def _shifted_slope(u):
    s = _shifted(u)
    return s * (1.0 - s)


def _logistic_slope_from_value(a):
    return a * (1.0 - a)


_U = mi("u")  # where the number goes


def _one_over_one_plus_exp(exponent: str) -> str:
    return frac(mn(1), row(mn(1), mo("+"), sup(mi("e"), row(mo("-"), exponent))))


ACTIVATIONS: dict[str, Activation] = {
    "sigmoid": Activation(
        "sigmoid",
        expit,
        _sigmoid_slope,
        _logistic_slope_from_value,
        r"\frac{1}{1+e^{-u}}",
        _one_over_one_plus_exp(_U),
    ),
    "shifted-sigmoid": Activation(
        "shifted-sigmoid",
        _shifted,
        _shifted_slope,
        _logistic_slope_from_value,
        r"\frac{1}{1+e^{-(u+1)}}",
        _one_over_one_plus_exp(parens(_U, mo("+"), mn(1))),
    ),
    "tanh": Activation(
        "tanh",
        np.tanh,
        lambda u: 1.0 - np.tanh(u) ** 2,
        lambda a: 1.0 - a * a,
        r"\tanh u",
        row(mi("tanh"), space("0.1667em"), _U),
    ),
}


def get_activation(name: str) -> Activation:
    """The activation called ``name``; ValueError naming the choices otherwise."""
    try:
        return ACTIVATIONS[name]
    except (KeyError, TypeError):
        choices = ", ".join(ACTIVATIONS)
        raise ValueError(f"unknown activation {name!r} (choose from {choices})") from None
