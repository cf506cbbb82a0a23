"""The inspector's equations, with their numbers, as MathML (the phase panel's are in
figures/equations.py). Pure functions of a Step.

:func:`element_equations_html` says what ``element_details(...)["equations"]``
(figures/inspector.py) says, number for number: for a node, how its z, a, e and delta were
computed; for a weight or a bias, its value, its gradient (or the notebook rule's update
direction) and its update. The pieces (numbers, symbols, blocks) are in figures/math_parts.py.
"""

from typing import NamedTuple

import numpy as np

from autoencoder.core import mathml as m
from autoencoder.core.activations import get_activation
from autoencoder.core.phases import Step, one_pattern, params_before_update
from autoencoder.core.rules import get_rule
from autoencoder.figures.ids import parse_element_id
from autoencoder.figures.inspector import element_details
from autoencoder.figures.math_parts import (
    BIG_SUM,
    CDOT,
    DELTA,
    EQ,
    LP,
    QUAD,
    RP,
    SUM,
    THIN,
    aligned,
    block,
    call,
    eq_row,
    factor,
    fprime,
    indices,
    joined,
    layer_tag,
    number,
    sym,
)
from autoencoder.io.numbers import short

__all__ = ["element_equations_html"]


def element_equations_html(
    step: Step, element_id: str, pattern: int = 0, details: dict | None = None
) -> list[str]:
    """The inspector's equations for one element, each a MathML block: the same content and
    order as figures/inspector.element_details(step, element_id, pattern)["equations"] (a
    batch step: a node's for pattern ``pattern``, a parameter's summed over the batch).
    ValueError for an unknown id. ``details``: that element_details, if already at hand."""
    if details is None:
        details = element_details(step, element_id, pattern)
    element = parse_element_id(element_id)
    if element.kind == "node":
        step = one_pattern(step, min(pattern, step.n_patterns - 1))
        eqs = _node_equations(step, element.name, element.index[0], details["values"])
    else:
        eqs = _param_equations(step, element.name, element.index, details)
    return [block(e) for e in eqs]


def _n(v) -> str:
    return number(float(v))


def _p(v) -> str:
    return factor(float(v))


def _sum_rows(a, b, lead: list[str], tail: list[str]) -> list[list[str]]:
    """Aligned rows '= a_1 b_1 + ...' (lead first), four products a row, tail on the last."""
    terms = [m.row(_p(u), CDOT, _p(w)) for u, w in zip(a, b)]
    rows = []
    for start in range(0, len(terms), 4):
        first = lead if start == 0 else [QUAD, m.mo("+", form="infix")]
        rows.append(["", m.row(*first, *joined(terms[start : start + 4]))])
    rows[-1][1] = m.row(rows[-1][1], *tail)
    return rows


# --- a node ---------------------------------------------------------------------------------


class _Unit(NamedTuple):
    """Hidden or output unit ``n`` (0-based) of a one-pattern step: what its equations read."""

    s: Step
    layer: str  # "h" or "o"
    n: int
    used: dict  # W1 b1 W2 b2 before the update (core.phases.params_before_update)
    below: np.ndarray  # the values of the layer below: x (8,) or a_h (3,)
    weights: np.ndarray  # the weights into the unit, before the update: (8,) or (3,)
    bias: float
    z: np.ndarray  # the unit's layer: z, a, delta
    a: np.ndarray
    delta: np.ndarray
    i: str  # the index of the layer below: "i" (inputs) or "j" (hidden)
    below_i: str  # its value: x_i or a^h_j
    tag: str  # the weights' layer tag: (1) or (2)

    def of(self, quantity: str) -> str:
        """z^h_2: a quantity of this unit in the phase panel's notation, counting from 1."""
        return sym(quantity, self.n + 1, self.layer)


def _unit(s: Step, layer: str, n: int) -> _Unit:
    used = params_before_update(s)
    if layer == "h":
        below, weights, bias = s.x, used["W1"][:, n], used["b1"][n]
        layer_arrays = (s.hidden_z, s.hidden_a, s.hidden_delta)
        names = ("i", sym("x", "i"), layer_tag(1))
    else:
        below, weights, bias = s.hidden_a, used["W2"][:, n], used["b2"][n]
        layer_arrays = (s.output_z, s.output_a, s.output_delta)
        names = ("j", sym("a", "j", "h"), layer_tag(2))
    return _Unit(s, layer, n, used, below, weights, bias, *layer_arrays, *names)


def _node_equations(s: Step, layer: str, n: int, values: dict) -> list[str]:
    """A node's equations, one for each of its quantities in ``values`` (z, a, e, delta)."""
    if layer == "x":
        return [m.row(sym("x", n + 1), EQ, sym("t", n + 1), EQ, _n(s.x[n]))]
    unit = _unit(s, layer, n)
    makers = {"z": _z_equation, "a": _a_equation, "e": _e_equation, "delta": _delta_equation}
    return [make(unit) for key, make in makers.items() if key in values]


def _z_equation(u: _Unit) -> str:
    k = u.n + 1
    z_sym = [m.under(BIG_SUM, m.mi(u.i)), u.below_i, sym("W", indices(u.i, k), u.tag)]
    z_sym += [m.mo("+"), sym("b", k, u.tag)]
    rows = [
        eq_row(u.of("z"), *z_sym),
        *_sum_rows(u.below, u.weights, [EQ], [m.mo("+"), _p(u.bias)]),
    ]
    return aligned([*rows, eq_row("", _n(u.z[u.n]))])


def _a_equation(u: _Unit) -> str:
    z = _n(u.z[u.n])
    return m.row(u.of("a"), EQ, call("f", u.of("z")), EQ, call("f", z), EQ, _n(u.a[u.n]))


def _e_equation(u: _Unit) -> str:
    s, n = u.s, u.n
    rhs = [_n(s.x[n]), m.mo("-"), _p(u.a[n]), EQ, _n(s.error[n])]
    return m.row(sym("e", n + 1), EQ, sym("t", n + 1), m.mo("-"), u.of("a"), EQ, *rhs)


def _delta_equation(u: _Unit) -> str:
    """delta = e f'(.) for an output; (sum_k delta_k W..) f'(.) for a hidden unit, f' at z
    or at a as the rule takes it, W as the rule carries the output deltas back."""
    s, n = u.s, u.n
    rule = get_rule(s.rule)
    at = u.of(rule.slope_at)
    slope = float(rule.slope(get_activation(s.activation), u.a)[n])
    if u.layer == "o":
        rhs = [_p(s.error[n]), CDOT, _p(slope), EQ, _n(u.delta[n])]
        return m.row(u.of("δ"), EQ, sym("e", n + 1), THIN, fprime(at), EQ, *rhs)
    W = rule.back_matrix(u.used["W1"], u.used["W2"])[:, n]  # d_o's way to h_n
    if rule.back_weights == "W1":
        w_sym = sym("W", indices("k", n + 1), layer_tag(1))
    else:
        w_sym = sym("W", indices(n + 1, "k"), layer_tag(2))
    big = m.parens(m.under(BIG_SUM, m.mi("k")), sym("δ", "k", "o"), w_sym, stretchy=True)
    rows = [eq_row(u.of("δ"), big, fprime(at))]
    rows += _sum_rows(s.output_delta, W, [EQ, LP], [RP, CDOT, _p(slope)])
    back = float(np.dot(s.output_delta, W))
    rows += [eq_row("", _p(back), CDOT, _p(slope), EQ, _n(u.delta[n]))]
    return aligned(rows)


# --- a weight or a bias ---------------------------------------------------------------------


def _param_equations(s: Step, name: str, index: tuple, details: dict) -> list[str]:
    """Its value before the update, its gradient (the rule's direction), its update."""
    layer, one = int(name[1]), [i + 1 for i in index]
    if name[0] == "W":
        p_sym = sym("W", indices(*one), layer_tag(layer))
        src_sym = sym("x", one[0]) if layer == 1 else sym("a", one[0], "h")
        prod, src = [src_sym, THIN], s.x if layer == 1 else s.hidden_a
    else:
        p_sym, prod, src = sym("b", one[0], layer_tag(layer)), [], None
    delta = s.hidden_delta if layer == 1 else s.output_delta
    prod.append(sym("δ", one[-1], "h" if layer == 1 else "o"))
    if s.batch:  # summed over the patterns p of the batch
        prod = [sym(SUM, "p"), *prod]
        src = None
    eqs = [m.row(p_sym, EQ, _n(details["before"]))]
    if details["gradient"] is not None:
        nums = [] if src is None else [_p(src[index[0]]), CDOT, _p(delta[index[-1]]), EQ]
        eqs.append(_gradient_equation(s, p_sym, prod, nums, details["gradient"]))
    if details["change"] is not None:
        eqs.append(_update_equation(s, p_sym, prod, details))
    return eqs


def _gradient_equation(s: Step, p_sym: str, prod: list[str], nums: list[str], grad) -> str:
    """-dE/dp (the exact rule), or the notebook rule's update direction, = its product."""
    if get_rule(s.rule).is_gradient:
        d_ = m.mi("∂")
        lhs = m.row(m.mo("-"), m.frac(m.row(d_, m.mi("E")), m.row(d_, p_sym)))
    else:
        lhs = m.mtext("update direction")
    return m.row(lhs, EQ, *prod, EQ, *nums, _n(grad))


def _update_equation(s: Step, p_sym: str, prod: list[str], details: dict) -> str:
    """p <- p + eta (the product), or + the momentum step."""
    if s.momentum == 0:
        step_sym = [m.mi("η"), THIN, *prod]
        add = [m.mn(short(s.lr)), CDOT, _p(details["gradient"])]
    else:
        step_sym, add = [DELTA, m.space("0.2778em"), m.mtext("(momentum)")], [_p(details["change"])]
    rhs = [EQ, _n(details["before"]), m.mo("+"), *add, EQ, _n(details["value"])]
    return m.row(p_sym, m.mo("\u2190"), p_sym, m.mo("+"), *step_sym, *rhs)
