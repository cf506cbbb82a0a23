"""The phase equations of a batch step (the whole training set at once) as MathML, with
matrices: one row per pattern. Pure functions of a Step whose x is (P, 8).

Notation: X (P, 8) the patterns (also the targets), Z_h and A_h (P, 3), Z_o and A_o
(P, 8), e = X - A_o (P, 8), the deltas D_o (P, 8) and D_h (P, 3); the updates sum the
patterns: ΔW2 = η A_hᵀ D_o (3, 8), Δb2 = η Σ_p D_o (8,). Numbers in the matrices have 3
decimals (the arrays below the equation have the notebook's 8).
"""

import numpy as np

from autoencoder.core import mathml as m
from autoencoder.core.activations import get_activation
from autoencoder.core.losses import get_loss
from autoencoder.core.phases import Step
from autoencoder.core.rules import get_rule
from autoencoder.figures.math_parts import (
    CDOT,
    DELTA,
    EQ,
    QUAD,
    SUM,
    THIN,
    TOP,
    block,
    call,
    eq_row,
    fprime,
    matrix_of,
    number,
    sym,
    with_rows,
)
from autoencoder.io.numbers import label_number, loss_number


def _shape_note(values, what: str = "a row per pattern") -> str:
    """A clause of its own (after a QUAD), so that a narrow panel wraps it below."""
    rows, cols = np.shape(values)
    return QUAD + m.mtext(f"({rows}×{cols}: {what})")


def _result(name: str, values, head: list[str]) -> str:
    """The header (formula and shape), then name = the matrix."""
    rows = [eq_row(name, matrix_of(values, label_number))]
    return with_rows([*head, _shape_note(values)], rows)


def _ready(s: Step) -> str:
    cells = [[m.mn(int(v)) for v in row] for row in s.x]
    x = m.row(m.mi("X"), EQ, m.mi("T"), EQ, m.matrix(cells, columnalign="right"))
    note = m.mtext(f"(the {len(s.x)} patterns, a row each: the batch)")
    return block(m.row(x, QUAD, note))  # a clause of its own: it wraps below on a narrow panel


def _hidden_z(s: Step) -> str:
    head = [sym("Z", "h"), EQ, m.mi("X"), THIN, sym("W", 1), m.mo("+"), sym("b", 1)]
    head += [m.mtext("  (b₁ added to every row)")]
    return _result(sym("Z", "h"), s.hidden_z, head)


def _activation(s: Step, layer: str, values) -> str:
    act = get_activation(s.activation)
    head = [sym("A", layer), EQ, call("f", sym("Z", layer)), m.mo(","), QUAD]
    head += [call("f", m.mi("u")), EQ, act.mathml]
    return _result(sym("A", layer), values, head)


def _output_z(s: Step) -> str:
    head = [sym("Z", "o"), EQ, sym("A", "h"), THIN, sym("W", 2), m.mo("+"), sym("b", 2)]
    return _result(sym("Z", "o"), s.output_z, head)


def _error(s: Step) -> str:
    loss = get_loss(s.loss_name)
    e_sym = m.mi("e")
    head = [e_sym, EQ, m.mi("X"), m.mo("-"), sym("A", "o"), m.mo(","), QUAD]
    if s.loss_name == "squared":
        half = m.frac(m.mn(1), m.mn(2), small=True)
        head += [m.mi("E"), EQ, half, sym(SUM, "p"), sym(SUM, "k"), sym("e", "pk", 2)]
        total = float(np.sum(s.error * s.error))
        last = eq_row(m.mi("E"), half, CDOT, number(total), EQ, m.mn(loss_number(s.loss)))
    else:
        head += [loss.mathml, m.mtext(" summed over the patterns p")]
        last = eq_row(m.mi("E"), m.mn(loss_number(s.loss)))
    rows = [eq_row(e_sym, matrix_of(s.error, label_number)), last]
    return with_rows([*head, _shape_note(s.error)], rows)


def _output_delta(s: Step) -> str:
    d = sym("D", "o")
    if not get_loss(s.loss_name).slope_factor:
        head = [d, EQ, m.mi("e"), m.mtext("  (cross-entropy: no f′ factor)")]
    else:
        at_a = get_rule(s.rule).slope_at == "a"  # the rule's slope: f'(Z_o) or f'(A_o)
        head = [d, EQ, m.mi("e"), m.mo("⊙"), fprime(sym("A" if at_a else "Z", "o"))]
        if at_a:
            head += [m.mtext(" (slope at the activation)")]
    return _result(d, s.output_delta, head)


def _hidden_delta(s: Step) -> str:
    d_o, d_h = sym("D", "o"), sym("D", "h")
    rule = get_rule(s.rule)  # its matrix carrying D_o back, and where it takes the slope
    at = sym(rule.slope_at.upper(), "h")
    back, note = sym("W", 2, TOP), []
    if rule.back_weights == "W1":
        back = sym("W", 1)
        note = [m.mtext(" (W₁ where "), sym("W", 2, TOP), m.mtext(" belongs)")]
    head = [d_h, EQ, m.parens(d_o, THIN, back), m.mo("⊙"), fprime(at), *note]
    return _result(d_h, s.hidden_delta, head)


def _update(s: Step, layer: int, source: str, delta: str) -> str:
    v = s.velocity.as_dict()
    w, b, arrow, eta = sym("W", layer), sym("b", layer), m.mo("←"), m.mi("η")
    grad_w, grad_b = [source, THIN, delta], [sym(SUM, "p"), delta]
    if s.momentum:
        vw, vb = sym("v", w), sym("v", b)
        head = [vw, arrow, number(s.momentum), THIN, vw, m.mo("+"), eta, THIN, *grad_w]
        head += [m.mo(","), QUAD, w, arrow, w, m.mo("+"), vw, m.mo(","), QUAD]
        head += [vb, arrow, number(s.momentum), THIN, vb, m.mo("+"), eta, *grad_b]
    else:
        head = [w, arrow, w, m.mo("+"), eta, THIN, *grad_w, m.mo(","), QUAD]
        head += [b, arrow, b, m.mo("+"), eta, *grad_b]
    note = [eta, EQ, number(s.lr)]
    if s.n_patterns > 1:
        note.append(m.mtext(f"  (each sums the {s.n_patterns} patterns' updates)"))
    rows = [
        eq_row(m.row(DELTA, w), matrix_of(v[f"W{layer}"], label_number)),
        eq_row(m.row(DELTA, b), matrix_of(v[f"b{layer}"], label_number)),
    ]
    return block(m.row(*head)) + with_rows(note, rows)


BATCH_PHASES = {
    "ready": _ready,
    "hidden_z": _hidden_z,
    "hidden_a": lambda s: _activation(s, "h", s.hidden_a),
    "output_z": _output_z,
    "output_a": lambda s: _activation(s, "o", s.output_a),
    "error": _error,
    "output_delta": _output_delta,
    "hidden_delta": _hidden_delta,
    "update_output": lambda s: _update(s, 2, sym("A", "h", TOP), sym("D", "o")),
    "update_hidden": lambda s: _update(s, 1, sym("X", None, TOP), sym("D", "h")),
}


def batch_equation_html(step: Step) -> str:
    """The last performed phase's equation for a batch step, with its matrices."""
    return BATCH_PHASES[step.phase](step)
