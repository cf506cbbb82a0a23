"""Each phase's equation, with its numbers, as MathML that the browser renders by itself
(no typesetting script). Pure functions of a Step.

:func:`phase_equation_html` says what page/phase_text.phase_latex says, number for number.
Each equation is one or two ``<math class="ae-eq">`` blocks, styled by :data:`EQUATION_CSS`.
The inspector's equations are in figures/inspector_equations.py, the pieces (numbers,
symbols, blocks) in figures/math_parts.py, a batch step's matrices in figures/batch.py.
"""

import numpy as np

from autoencoder.core import mathml as m
from autoencoder.core.activations import get_activation
from autoencoder.core.losses import get_loss, loss_terms
from autoencoder.core.phases import Step
from autoencoder.core.rules import get_rule
from autoencoder.figures.batch import batch_equation_html
from autoencoder.figures.math_parts import (
    CDOT,
    DELTA,
    EQ,
    EQUATION_CSS,
    QUAD,
    RP,
    SUM,
    THIN,
    TOP,
    block,
    call,
    eq_row,
    f_of_mathml,
    factor,
    fprime,
    indices,
    joined,
    matrix_of,
    number,
    signed,
    sym,
    with_rows,
)
from autoencoder.io.numbers import loss_number

__all__ = ["EQUATION_CSS", "phase_equation_html"]


def _hidden_z(s: Step) -> str:
    rows = []
    for j in range(3):
        body = []
        for i in np.flatnonzero(s.x != 0):
            w = s.params.W1[i, j]
            lead, rest = (w, []) if s.x[i] == 1 else (s.x[i], [CDOT, factor(w)])
            body += (signed(lead) if body else [number(lead)]) + rest
        total = [*(body or [m.mn(0)]), *signed(s.params.b1[j]), EQ, number(s.hidden_z[j])]
        rows.append(eq_row(sym("z", j + 1, "h"), *total))
    # two clauses (QUAD): on a narrow panel the note wraps between them (stepview/fit.js)
    note = [m.mtext("(only inputs with "), sym("x", "i"), m.mo("\u2260"), m.mn(0)]
    note += [m.mtext(" contribute:"), QUAD, sym("z", "j", "h"), EQ, sym(SUM, "i"), sym("x", "i")]
    note += [sym("W", indices(1, "ij")), m.mo("+"), sym("b", indices(1, "j")), RP]
    head = [sym("z", "h"), EQ, m.mi("x"), THIN, sym("W", 1), m.mo("+"), sym("b", 1), QUAD]
    return with_rows(head + note, rows)


def _activation(s: Step, layer: str, z, a) -> str:
    act = get_activation(s.activation)
    rows = [
        eq_row(sym("a", k + 1, layer), f_of_mathml(act.mathml, z[k]), EQ, number(a[k]))
        for k in range(len(a))
    ]
    head = [sym("a", layer), EQ, call("f", sym("z", layer)), m.mo(","), QUAD]
    return with_rows(head + [call("f", m.mi("u")), EQ, act.mathml], rows)


def _output_z(s: Step) -> str:
    rows = []
    for k in range(8):
        terms = [
            m.row(number(a), CDOT, factor(s.params.W2[j, k])) for j, a in enumerate(s.hidden_a)
        ]
        rest = [*signed(s.params.b2[k]), EQ, number(s.output_z[k])]
        rows.append(eq_row(sym("z", k + 1, "o"), *joined(terms), *rest))
    head = [sym("z", "o"), EQ, sym("a", "h"), sym("W", 2), m.mo("+"), sym("b", 2)]
    return with_rows(head, rows)


def _error(s: Step) -> str:
    rows = [
        eq_row(sym("e", k + 1), number(x), m.mo("-"), number(a), EQ, number(e))
        for k, (x, a, e) in enumerate(zip(s.x, s.output_a, s.error))
    ]
    if s.loss_name != "squared":
        terms = [number(v) for v in loss_terms(s.x, s.output_a)]
        rows.append(eq_row(m.mi("E"), *joined(terms[:4])))
        last = [*joined(terms[4:]), EQ, m.mn(loss_number(s.loss))]
        rows.append(["", m.row(QUAD, m.mo("+", form="infix"), *last)])
        head = [m.mi("e"), EQ, m.mi("x"), m.mo("-"), sym("a", "o"), m.mo(","), QUAD]
        return with_rows(head + [get_loss(s.loss_name).mathml], rows)
    sq = [number(v) for v in s.error * s.error]
    total = number(float(np.sum(s.error * s.error)))
    sum_e2 = m.row(sym(SUM, "k"), sym("e", "k", 2))
    half = m.frac(m.mn(1), m.mn(2), small=True)
    rows.append(eq_row(sum_e2, *joined(sq[:4])))
    rows.append(["", m.row(QUAD, m.mo("+", form="infix"), *joined(sq[4:]), EQ, total)])
    rows.append(eq_row(m.mi("E"), half, CDOT, total, EQ, m.mn(loss_number(s.loss))))
    head = [m.mi("e"), EQ, m.mi("x"), m.mo("-"), sym("a", "o"), m.mo(","), QUAD]
    return with_rows(head + [m.mi("E"), EQ, half, sum_e2], rows)


def _output_delta(s: Step) -> str:
    loss = get_loss(s.loss_name)
    if not loss.slope_factor:
        rows = [
            eq_row(sym("δ", k + 1, "o"), sym("e", k + 1), EQ, number(d))
            for k, d in enumerate(s.output_delta)
        ]
        return with_rows([loss.delta_mathml], rows)
    act, rule = get_activation(s.activation), get_rule(s.rule)
    at_z = rule.slope_at == "z"  # f'(z) from the value a; else f'(a), the notebook's slope
    slope = rule.slope(act, s.output_a)
    a_k = sym("a", "k", "o")
    if at_z and s.activation == "tanh":  # f' from the value: 1 - a^2 for tanh
        square = m.sup(m.parens(a_k), m.mn(2))
        where = [fprime(sym("z", "k", "o")), EQ, m.mn(1), m.mo("-"), square]
    elif at_z:  # a (1 - a) for the logistic sigmoids
        where = [fprime(sym("z", "k", "o")), EQ, a_k, m.parens(m.mn(1), m.mo("-"), a_k)]
    else:
        where = [fprime(a_k), m.mtext(" (slope at the activation)")]
    rows = [
        eq_row(sym("δ", k + 1, "o"), factor(s.error[k]), CDOT, number(slope[k]), EQ, number(d))
        for k, d in enumerate(s.output_delta)
    ]
    return with_rows([rule.output_mathml, m.mo(","), QUAD, *where], rows)


def _hidden_delta(s: Step) -> str:
    rule = get_rule(s.rule)
    back = rule.carried_back(s.output_delta, s.params.W1, s.params.W2)
    slope = rule.slope(get_activation(s.activation), s.hidden_a)
    terms = [sym(SUM, "k"), sym("δ", "k", "o")]
    if rule.back_weights == "W2":
        terms += [sym("W", indices(2, "jk"))]
    else:
        terms += [sym("W", indices(1, "kj")), m.mtext(" (W1 where "), sym("W", 2, TOP)]
        terms += [m.mtext(" belongs)")]
    rows = [
        eq_row(sym("δ", j + 1, "h"), factor(back[j]), CDOT, number(slope[j]), EQ, number(d))
        for j, d in enumerate(s.hidden_delta)
    ]
    head = [rule.hidden_mathml, m.mo(","), QUAD, m.parens(*terms)]
    return with_rows(head, rows)


def _update(s: Step, layer: int, source: str, delta: str) -> str:
    v = s.velocity.as_dict()
    w, b, arrow = sym("W", layer), sym("b", layer), m.mo("\u2190")
    grad = [source, delta]
    if s.momentum:
        vw = sym("v", w)
        head = [vw, arrow, number(s.momentum), THIN, vw, m.mo("+"), number(s.lr), THIN, *grad]
        head += [m.mo(","), QUAD, w, arrow, w, m.mo("+"), vw]
    else:
        eta = m.mi("η")
        head = [w, arrow, w, m.mo("+"), eta, THIN, *grad, m.mo(","), QUAD, eta, EQ, number(s.lr)]
    rows = [
        eq_row(m.row(DELTA, w), matrix_of(v[f"W{layer}"])),
        eq_row(m.row(DELTA, b), matrix_of(v[f"b{layer}"])),
    ]
    return with_rows(head, rows)


_PHASES = {
    "hidden_z": _hidden_z,
    "hidden_a": lambda s: _activation(s, "h", s.hidden_z, s.hidden_a),
    "output_z": _output_z,
    "output_a": lambda s: _activation(s, "o", s.output_z, s.output_a),
    "error": _error,
    "output_delta": _output_delta,
    "hidden_delta": _hidden_delta,
    "update_output": lambda s: _update(s, 2, sym("a", "h", TOP), sym("δ", "o")),
    "update_hidden": lambda s: _update(s, 1, sym("x", None, TOP), sym("δ", "h")),
}


def phase_equation_html(step: Step) -> str:
    """The last performed phase's equation with its numbers ('ready': the input), as
    MathML blocks: the same content as page/phase_text.phase_latex(step). A batch step
    shows its matrices (figures/batch.py)."""
    if step.batch:
        return batch_equation_html(step)
    if step.phase == "ready":
        bits = m.parens(*joined((m.mn(int(v)) for v in step.x), ","))
        return block(m.row(m.mi("x"), EQ, m.mi("t"), EQ, bits))
    return _PHASES[step.phase](step)
