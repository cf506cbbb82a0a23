"""The inspector: which element a click picked, and everything known about it.

:func:`element_details` gives the element's value, its update direction and the equations
that produced them, with the numbers, as LaTeX. Both are pure, so they are tested directly
(AppTest cannot click a chart).
"""

import numpy as np

from autoencoder.core.activations import get_activation
from autoencoder.core.phases import (
    UPDATED_BY,
    UPDATES,
    Step,
    one_pattern,
    params_before_update,
    performed,
)
from autoencoder.core.rules import get_rule
from autoencoder.figures.ids import node_latex, parse_element_id
from autoencoder.figures.math_parts import num, paren
from autoencoder.io.numbers import notebook_number, short

# --- details ---------------------------------------------------------------------------


def _sum_terms(a, b) -> str:
    """'a_1 b_1 + a_2 b_2 + ...' with numbers, four terms per line."""
    terms = [f"{paren(u)}\\cdot{paren(w)}" for u, w in zip(a, b)]
    lines = [" + ".join(terms[i : i + 4]) for i in range(0, len(terms), 4)]
    return " \\\\ &\\quad + ".join(lines)


def _aligned(*rows) -> str:
    return "\\begin{aligned}" + " \\\\ ".join(rows) + "\\end{aligned}"


# Element (k, m) of the matrix carrying d_o back, by the rule's back_weights, 1-based m.
BACK_ELEMENT = {"W2": "W^{(2)}_{%d,k}", "W1": "W^{(1)}_{k,%d}"}


def _node_equations(s: Step, layer: str, n: int) -> tuple[dict, list[str]]:
    act, rule = get_activation(s.activation), get_rule(s.rule)
    m = n + 1
    if layer == "x":
        return {"x": float(s.x[n])}, [f"x_{{{m}}} = t_{{{m}}} = {num(s.x[n])}"]
    values, eqs, used = {}, [], params_before_update(s)
    if layer == "h":
        src, w, b, name = s.x, used["W1"][:, n], used["b1"][n], "h"
        z, a, d = s.hidden_z, s.hidden_a, s.hidden_delta
        z_sym = f"\\sum_i x_i W^{{(1)}}_{{i,{m}}} + b^{{(1)}}_{{{m}}}"
    else:
        src, w, b, name = s.hidden_a, used["W2"][:, n], used["b2"][n], "o"
        z, a, d = s.output_z, s.output_a, s.output_delta
        z_sym = f"\\sum_j a_{{h_j}} W^{{(2)}}_{{j,{m}}} + b^{{(2)}}_{{{m}}}"
    node = f"{name}_{{{m}}}"
    if z is not None:
        values["z"] = float(z[n])
        eqs.append(
            _aligned(
                f"z_{{{node}}} &= {z_sym}",
                f"&= {_sum_terms(src, w)} + {paren(b)}",
                f"&= {num(z[n])}",
            )
        )
    if a is not None:
        values["a"] = float(a[n])
        eqs.append(f"a_{{{node}}} = f(z_{{{node}}}) = f({num(z[n])}) = {num(a[n])}")
    if layer == "o" and s.error is not None:
        values["t"], values["e"] = float(s.x[n]), float(s.error[n])
        eqs.append(
            f"e_{{{m}}} = t_{{{m}}} - a_{{{node}}} = {num(s.x[n])} - {paren(a[n])} = {num(s.error[n])}"
        )
    if d is not None:
        values["delta"] = float(d[n])
        at = f"{rule.slope_at}_{{{node}}}"
        slope = float(rule.slope(act, a)[n])
        if layer == "o":
            eqs.append(
                f"\\delta_{{{node}}} = e_{{{m}}}\\, f'({at}) = {paren(s.error[n])}\\cdot{paren(slope)} = {num(d[n])}"
            )
        else:
            W = rule.back_matrix(used["W1"], used["W2"])[:, n]  # d_o's way back to h_n
            wsym = BACK_ELEMENT[rule.back_weights]
            back = float(np.dot(s.output_delta, W))
            eqs.append(
                _aligned(
                    f"\\delta_{{{node}}} &= \\Big(\\sum_k \\delta_{{o_k}} {wsym % m}\\Big) f'({at})",
                    f"&= ({_sum_terms(s.output_delta, W)})\\cdot{paren(slope)}",
                    f"&= {paren(back)}\\cdot{paren(slope)} = {num(d[n])}",
                )
            )
    return values, eqs


def _param_equations(s: Step, name: str, index: tuple) -> dict:
    value = float(getattr(s.params, name)[index])
    layer = int(name[1])
    one = [i + 1 for i in index]
    phase = UPDATED_BY[name]
    source, delta = (getattr(s, k) for k in UPDATES[phase][2:])
    if name[0] == "W":
        sym = f"W^{{({layer})}}_{{{one[0]},{one[1]}}}"
        src_sym = f"x_{{{one[0]}}}" if layer == 1 else f"a_{{h_{{{one[0]}}}}}"
        src = None if source is None else source[..., index[0]]
    else:
        sym, src_sym, src = f"b^{{({layer})}}_{{{one[0]}}}", "", 1.0
    dsym = f"\\delta_{{{'h' if layer == 1 else 'o'}_{{{one[-1]}}}}}"
    grad = None if delta is None else float(np.sum(src * delta[..., index[-1]]))
    updated = performed(s, phase)
    change = float(getattr(s.velocity, name)[index]) if updated else None
    before = value - change if updated else value
    eqs = [f"{sym} = {num(before)}"]
    prod = f"{src_sym}\\,{dsym}" if src_sym else dsym
    if s.batch:  # the update sums the patterns' products
        prod = f"\\textstyle\\sum_p {prod}"
    if grad is not None:
        lhs = (
            f"-\\frac{{\\partial E}}{{\\partial {sym}}}"
            if get_rule(s.rule).is_gradient
            else "\\text{update direction}"
        )
        nums = f"{paren(src)}\\cdot{paren(delta[index[-1]])} = " if src_sym and not s.batch else ""
        eqs.append(f"{lhs} = {prod} = {nums}{num(grad)}")
    if updated:
        step_sym = f"\\eta\\,{prod}" if s.momentum == 0 else "\\Delta \\;(\\text{momentum})"
        added = f"{short(s.lr)}\\cdot{paren(grad)}" if s.momentum == 0 else paren(change)
        eqs.append(f"{sym} \\leftarrow {sym} + {step_sym} = {num(before)} + {added} = {num(value)}")
    return {"value": value, "before": before, "gradient": grad, "change": change, "equations": eqs}


def element_details(step: Step, element_id: str, pattern: int = 0) -> dict:
    """Everything the inspector shows about one element of ``step``'s network. In a batch
    step a node's values are those of pattern ``pattern`` (0-based), a parameter's
    gradient and change those of the whole batch (summed over its patterns).

    Keys: ``id``, ``kind`` ('input', 'hidden', 'output', 'weight' or 'bias'), ``index``
    (0-based array index), ``value`` (a parameter's current value; a node's activation, or
    x for inputs, None if not computed yet), ``values`` (a node's known quantities x, z, a,
    t, e, delta; a parameter's ``value``), ``gradient`` (a parameter's update direction
    a_src * delta, which is -dE/dw for the exact rule; None until its delta is computed),
    ``before`` and ``change`` (a parameter's value before this step's update and the change
    applied; change None until updated), ``equations`` (LaTeX, in the order computed) and
    ``latex`` (the last of them: what the latest phase touching the element produced).
    ValueError for an unknown id.
    """
    element = parse_element_id(element_id)
    out = {"id": element_id, "index": element.index, "phase": step.phase}
    if element.kind == "node":
        step = one_pattern(step, min(pattern, step.n_patterns - 1))
        values, eqs = _node_equations(step, element.name, element.index[0])
        kind = {"x": "input", "h": "hidden", "o": "output"}[element.name]
        value = values.get("x", values.get("a"))
        out.update(kind=kind, value=value, values=values, gradient=None, before=None, change=None)
    else:
        info = _param_equations(step, element.name, element.index)
        eqs = info.pop("equations")
        out.update(kind=element.kind, values={"value": info["value"]}, **info)
    out["equations"] = eqs
    out["latex"] = eqs[-1] if eqs else f"{node_latex(element_id)}:\\ \\text{{not computed yet}}"
    return out


# --- the inspector's words --------------------------------------------------------------

KIND_WORDS = {
    "input": "input node",
    "hidden": "hidden node",
    "output": "output node",
    "weight": "weight",
    "bias": "bias",
}
NOT_YET = "not computed yet"


def _num(value) -> str:
    return NOT_YET if value is None else notebook_number(value)


def describe(element_id: str, details: dict) -> str:
    """What the element is, in words: 'weight from x1 to h3', 'bias of o6', ..."""
    kind, index = details["kind"], details["index"]
    if kind == "weight":
        src, dst = ("x", "h") if element_id.startswith("W1") else ("h", "o")
        return f"weight from {src}{index[0] + 1} to {dst}{index[1] + 1}"
    if kind == "bias":
        return f"bias of {'h' if element_id.startswith('b1') else 'o'}{index[0] + 1}"
    return f"{KIND_WORDS[kind]} {index[0] + 1}"


def inspector_rows(details: dict, rule: str) -> list[tuple[str, str]]:
    """(quantity, value) rows: the value, the gradient, and what else is known."""
    kind, values = details["kind"], details.get("values") or {}
    exact = get_rule(rule).is_gradient
    if kind == "input":
        return [
            ("value x (also the target t)", _num(values.get("x"))),
            ("gradient", "none: inputs are data, not learned"),
        ]
    if kind in ("hidden", "output"):
        rows = [
            ("net input z", _num(values.get("z"))),
            ("value a = f(z)", _num(values.get("a"))),
        ]
        if kind == "output":
            rows += [
                ("target t", _num(values.get("t"))),
                ("error e = t − a", _num(values.get("e"))),
            ]
        name = "gradient δ (delta) = −∂E/∂z" if exact else "δ (delta, notebook rule: not −∂E/∂z)"
        return rows + [(name, _num(values.get("delta")))]
    source = "a·δ" if kind == "weight" else "δ"
    name = f"gradient −∂E/∂w = {source}" if exact else f"update direction {source} (notebook rule)"
    rows = [("value now", _num(details.get("value"))), (name, _num(details.get("gradient")))]
    if details.get("change") is None:
        rows.append(("change Δ = η·" + source, "not applied yet in this step"))
    else:
        rows += [
            ("before this step's update", _num(details.get("before"))),
            ("change Δ = η·" + source, _num(details["change"])),
        ]
    return rows
