"""The two update rules. They share everything but the two deltas (docs/design.md rows 6, 7),
and those differ in exactly two choices, which a :class:`Rule` carries as callables:

- ``slope_of``: where the slope factor f' of a layer is taken, given its activation a:
  at the pre-activation, f'(z) = ``act.slope_from_value(a)`` (exact), or at the
  activation value itself, f'(a) = ``act.slope(a)`` (the notebook);
- ``back_matrix``: the matrix that carries d_o back to the hidden layer: W2^T (exact) or
  W1 (the notebook; both are 8x3 because the net has as many inputs as outputs).

The deltas follow from those two and nothing else (:meth:`Rule.output_delta`,
:meth:`Rule.hidden_delta`); the phases, the checker, the text and the fast trainer all read
them from here. Every function works on single examples and on stacked arrays alike:
leading axes are batch axes (networks, patterns), the last axis is the layer.
"""

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from autoencoder.core.activations import Activation
from autoencoder.core.mathml import mi, mn, mo, parens, prime, row, sub, subsup

Slope = Callable[[np.ndarray], np.ndarray]  # a layer's activation a -> its f' factor


def slope_at_z(act: Activation) -> Slope:
    """f'(z) from a = f(z): the true derivative (the exact rule)."""
    return act.slope_from_value


def slope_at_a(act: Activation) -> Slope:
    """f'(a): f' evaluated at the activation value (the notebook's first departure)."""
    return act.slope


def w2_transposed(W1, W2):
    """W2^T, (..., 8, 3): the weights d_o came through, backwards (the exact rule)."""
    return np.swapaxes(W2, -1, -2)


def w1(W1, W2):
    """W1, (..., 8, 3): the notebook's second departure, W1 where W2^T belongs."""
    return W1


@dataclass(frozen=True)
class Rule:
    name: str
    slope_of: Callable[[Activation], Slope]  # slope_at_z or slope_at_a
    back_matrix: Callable[[np.ndarray, np.ndarray], np.ndarray]  # (W1, W2) -> (..., 8, 3)
    output_latex: str
    hidden_latex: str
    output_mathml: str  # output_latex and hidden_latex as MathML (figures/equations.py)
    hidden_mathml: str

    @property
    def slope_at(self) -> str:
        """Where the slope is taken, in words: "z" (exact) or "a" (notebook)."""
        return {slope_at_z: "z", slope_at_a: "a"}[self.slope_of]

    @property
    def is_gradient(self) -> bool:
        """Whether the rule's updates are -lr times the gradient of E (the exact rule's)."""
        return self.slope_of is slope_at_z and self.back_matrix is w2_transposed

    @property
    def back_weights(self) -> str:
        """The weight matrix the hidden delta reads: "W2" (exact, transposed) or "W1"
        (notebook)."""
        return {w2_transposed: "W2", w1: "W1"}[self.back_matrix]

    def slope(self, act: Activation, a):
        """A layer's f' factor from its activation a (same shape as a)."""
        return self.slope_of(act)(a)

    def carried_back(self, output_delta, W1, W2):
        """d_o carried back to the hidden layer: d_o (..., 8) -> (..., 3)."""
        return output_delta @ self.back_matrix(W1, W2)

    def output_delta(self, error, output_a, act: Activation):
        """d_o = e * f'(z_o) (exact) or e * f'(a_o) (notebook). (..., 8)."""
        return error * self.slope(act, output_a)

    def hidden_delta(self, output_delta, W1, W2, hidden_a, act: Activation):
        """d_h = (d_o W2^T) * f'(z_h) (exact) or (d_o W1) * f'(a_h) (notebook). (..., 3)."""
        return self.carried_back(output_delta, W1, W2) * self.slope(act, hidden_a)


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
        slope_at_z,
        w2_transposed,
        output_latex=r"\delta_o = e \odot f'(z_o)",
        hidden_latex=r"\delta_h = (\delta_o W_2^{\top}) \odot f'(z_h)",
        output_mathml=_delta_formula("o", mi("e"), "z"),
        hidden_mathml=_delta_formula("h", _carried_back(subsup(mi("W"), mn(2), mo("⊤"))), "z"),
    ),
    "notebook": Rule(
        "notebook",
        slope_at_a,
        w1,
        output_latex=r"\delta_o = e \odot f'(a_o)",
        hidden_latex=r"\delta_h = (\delta_o W_1) \odot f'(a_h)",
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
