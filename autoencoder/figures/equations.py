"""Each phase's equation and the inspector's equations, with their numbers, as MathML that
the browser renders by itself (no typesetting script). Pure functions of a Step.

:func:`phase_equation_html` says what page/phase_text.phase_latex says, and
:func:`element_equations_html` what ``element_details(...)["equations"]`` says, number for
number. Each equation is one or two ``<math class="ae-eq">`` blocks, styled by
:data:`EQUATION_CSS`. The pieces (numbers, symbols, blocks) are in :mod:`.figures_math`.
"""

import numpy as np

from autoencoder.core import mathml as m
from autoencoder.core.activations import get_activation
from autoencoder.core.losses import get_loss, loss_terms
from autoencoder.core.phases import Step, one_pattern
from autoencoder.core.rules import get_rule
from autoencoder.figures.batch import batch_equation_html
from autoencoder.figures.ids import parse_element_id
from autoencoder.figures.inspector import element_details, params_before_update
from autoencoder.figures.math_parts import (
    BIG_SUM,
    CDOT,
    DELTA,
    EQ,
    EQUATION_CSS,
    QUAD,
    SUM,
    THIN,
    TOP,
    aligned,
    block,
    call,
    eq_row,
    f_of_mathml,
    factor,
    fprime,
    indices,
    joined,
    layer_tag,
    matrix_of,
    number,
    signed,
    sym,
    with_rows,
)
from autoencoder.io.numbers import loss_number, short

__all__ = ["EQUATION_CSS", "element_equations_html", "phase_equation_html"]

LP, RP = m.mo("(", stretchy="false"), m.mo(")", stretchy="false")

# --- the phases (as page/phase_text.py's LaTeX) -------------------------------------------


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
    note = [m.mtext("(only inputs with "), sym("x", "i"), m.mo("\u2260"), m.mn(0)]
    note += [m.mtext(" contribute: "), sym("z", "j", "h"), EQ, sym(SUM, "i"), sym("x", "i")]
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
    act, exact = get_activation(s.activation), s.rule == "exact"
    slope = get_rule(s.rule).slope(act, s.output_a)
    a_k = sym("a", "k", "o")
    if exact and s.activation == "tanh":  # f' from the value: 1 - a^2 for tanh
        square = m.sup(m.parens(a_k), m.mn(2))
        where = [fprime(sym("z", "k", "o")), EQ, m.mn(1), m.mo("-"), square]
    elif exact:  # a (1 - a) for the logistic sigmoids
        where = [fprime(sym("z", "k", "o")), EQ, a_k, m.parens(m.mn(1), m.mo("-"), a_k)]
    else:
        where = [fprime(a_k), m.mtext(" (slope at the activation)")]
    rows = [
        eq_row(sym("δ", k + 1, "o"), factor(s.error[k]), CDOT, number(slope[k]), EQ, number(d))
        for k, d in enumerate(s.output_delta)
    ]
    return with_rows([get_rule(s.rule).output_mathml, m.mo(","), QUAD, *where], rows)


def _hidden_delta(s: Step) -> str:
    act = get_activation(s.activation)
    terms = [sym(SUM, "k"), sym("δ", "k", "o")]
    rule = get_rule(s.rule)
    back = rule.carried_back(s.output_delta, s.params.W1, s.params.W2)
    slope = rule.slope(act, s.hidden_a)
    if s.rule == "exact":
        terms += [sym("W", indices(2, "jk"))]
    else:
        terms += [sym("W", indices(1, "kj")), m.mtext(" (W1 where "), sym("W", 2, TOP)]
        terms += [m.mtext(" belongs)")]
    rows = [
        eq_row(sym("δ", j + 1, "h"), factor(back[j]), CDOT, number(slope[j]), EQ, number(d))
        for j, d in enumerate(s.hidden_delta)
    ]
    head = [get_rule(s.rule).hidden_mathml, m.mo(","), QUAD, m.parens(*terms)]
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
    shows its matrices (:mod:`.figures_batch`)."""
    if step.batch:
        return batch_equation_html(step)
    if step.phase == "ready":
        bits = m.parens(*joined((m.mn(int(v)) for v in step.x), ","))
        return block(m.row(m.mi("x"), EQ, m.mi("t"), EQ, bits))
    return _PHASES[step.phase](step)


# --- the inspector (as figures_inspect.element_details(...)["equations"]) -----------------


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


def _node_equations(s: Step, layer: str, n: int, values: dict) -> list[str]:
    k = n + 1
    if layer == "x":
        return [m.row(sym("x", k), EQ, sym("t", k), EQ, _n(s.x[n]))]
    used, notebook = params_before_update(s), s.rule == "notebook"

    def of(quantity):  # z^h_2: the phase panel's notation, counting from 1
        return sym(quantity, k, layer)

    if layer == "h":
        src, w, b, tag = s.x, used["W1"][:, n], used["b1"][n], layer_tag(1)
        z, a, d, i, src_i = s.hidden_z, s.hidden_a, s.hidden_delta, "i", sym("x", "i")
    else:
        src, w, b, tag = s.hidden_a, used["W2"][:, n], used["b2"][n], layer_tag(2)
        z, a, d, i, src_i = s.output_z, s.output_a, s.output_delta, "j", sym("a", "j", "h")
    z_sym = [m.under(BIG_SUM, m.mi(i)), src_i, sym("W", indices(i, k), tag)]
    z_sym += [m.mo("+"), sym("b", k, tag)]
    eqs = []
    if "z" in values:
        rows = [eq_row(of("z"), *z_sym), *_sum_rows(src, w, [EQ], [m.mo("+"), _p(b)])]
        eqs.append(aligned([*rows, eq_row("", _n(z[n]))]))
    if "a" in values:
        eqs.append(m.row(of("a"), EQ, call("f", of("z")), EQ, call("f", _n(z[n])), EQ, _n(a[n])))
    if "e" in values:
        rhs = [_n(s.x[n]), m.mo("-"), _p(a[n]), EQ, _n(s.error[n])]
        eqs.append(m.row(sym("e", k), EQ, sym("t", k), m.mo("-"), of("a"), EQ, *rhs))
    if "delta" in values:
        act = get_activation(s.activation)
        at = of("a") if notebook else of("z")
        slope = float(get_rule(s.rule).slope(act, a)[n])
        if layer == "o":
            rhs = [_p(s.error[n]), CDOT, _p(slope), EQ, _n(d[n])]
            eqs.append(m.row(of("δ"), EQ, sym("e", k), THIN, fprime(at), EQ, *rhs))
        else:
            W = get_rule(s.rule).back_matrix(used["W1"], used["W2"])[:, n]  # d_o's way to h_n
            w_sym = sym(
                "W",
                *((indices("k", k), layer_tag(1)) if notebook else (indices(k, "k"), layer_tag(2))),
            )
            big = m.parens(m.under(BIG_SUM, m.mi("k")), sym("δ", "k", "o"), w_sym, stretchy=True)
            rows = [eq_row(of("δ"), big, fprime(at))]
            rows += _sum_rows(s.output_delta, W, [EQ, LP], [RP, CDOT, _p(slope)])
            back = float(np.dot(s.output_delta, W))
            rows += [eq_row("", _p(back), CDOT, _p(slope), EQ, _n(d[n]))]
            eqs.append(aligned(rows))
    return eqs


def _param_equations(s: Step, name: str, index: tuple, details: dict) -> list[str]:
    layer, one = int(name[1]), [i + 1 for i in index]
    grad, before, change = details["gradient"], details["before"], details["change"]
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
    eqs = [m.row(p_sym, EQ, _n(before))]
    if grad is not None:
        if s.rule == "exact":
            d_ = m.mi("∂")
            lhs = m.row(m.mo("-"), m.frac(m.row(d_, m.mi("E")), m.row(d_, p_sym)))
        else:
            lhs = m.mtext("update direction")
        nums = [] if src is None else [_p(src[index[0]]), CDOT, _p(delta[index[-1]]), EQ]
        eqs.append(m.row(lhs, EQ, *prod, EQ, *nums, _n(grad)))
    if change is not None:
        if s.momentum == 0:
            step_sym, add = [m.mi("η"), THIN, *prod], [m.mn(short(s.lr)), CDOT, _p(grad)]
        else:
            step_sym, add = [DELTA, m.space("0.2778em"), m.mtext("(momentum)")], [_p(change)]
        rhs = [EQ, _n(before), m.mo("+"), *add, EQ, _n(details["value"])]
        eqs.append(m.row(p_sym, m.mo("\u2190"), p_sym, m.mo("+"), *step_sym, *rhs))
    return eqs


def element_equations_html(step: Step, element_id: str, pattern: int = 0) -> list[str]:
    """The inspector's equations for one element, each a MathML block: the same content and
    order as figures_inspect.element_details(step, element_id, pattern)["equations"] (a
    batch step: a node's for pattern ``pattern``, a parameter's summed over the batch).
    ValueError for an unknown id."""
    details = element_details(step, element_id, pattern)
    element = parse_element_id(element_id)
    if element.kind == "node":
        step = one_pattern(step, min(pattern, step.n_patterns - 1))
        eqs = _node_equations(step, element.name, element.index[0], details["values"])
    else:
        eqs = _param_equations(step, element.name, element.index, details)
    return [block(e) for e in eqs]
