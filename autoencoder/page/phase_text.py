"""What the phase panel says: each phase's equation with the numbers substituted (LaTeX),
and its arrays printed as the class notebook prints them. Pure functions of a Step."""

import numpy as np

from autoencoder.core.activations import get_activation
from autoencoder.core.losses import get_loss, loss_terms
from autoencoder.core.phases import PHASE_ARRAYS, PHASE_NAMES, Step, performed, phase_values
from autoencoder.core.rules import get_rule
from autoencoder.figures.math_parts import f_of, num, paren, plus
from autoencoder.io.notebook_text import NOTEBOOK_VARIABLES
from autoencoder.io.numbers import loss_number, notebook_number, printed_array

TITLES = {
    "ready": "Ready: the next click computes the hidden pre-activations",
    "hidden_z": "1 · Hidden pre-activation",
    "hidden_a": "2 · Hidden activation",
    "output_z": "3 · Output pre-activation",
    "output_a": "4 · Output activation",
    "error": "5 · Error and loss",
    "output_delta": "6 · Output delta",
    "hidden_delta": "7 · Hidden delta",
    "update_output": "8 · Update hidden→output weights and output biases",
    "update_hidden": "9 · Update input→hidden weights and hidden biases",
}

# One plain sentence under each title: what the phase does, in words.
CAPTIONS = {
    "ready": "The input is also the target: the network must give it back at its outputs.",
    "hidden_z": "Each hidden unit adds up its weighted inputs, and its bias.",
    "hidden_a": "Each hidden unit squashes its sum through the activation f.",
    "output_z": "Each output unit adds up the hidden activations, weighted, and its bias.",
    "output_a": "Each output unit squashes its sum: this is the network's copy of the input.",
    "error": "How far each output is from its target, and the loss E that training lowers.",
    "output_delta": "How much each output's sum should move: its error times the slope of f.",
    "hidden_delta": "Each hidden unit's share of the error: the output deltas sent back "
    "through the weights, times the slope of f.",
    "update_output": "Each hidden→output weight moves by η × its hidden activation × the "
    "output's delta; each output bias by η × the delta.",
    "update_hidden": "Each input→hidden weight moves by η × its input × the hidden unit's "
    "delta; each hidden bias by η × the delta.",
}
NOTEBOOK_CAPTIONS = {  # where the class notebook's rule departs from the gradient
    "output_delta": "The notebook's rule takes the slope at the activation a_o, not at z_o.",
    "hidden_delta": "The notebook's rule sends the deltas back through W1 where W2ᵀ belongs.",
}


BATCH_CAPTIONS = {  # a batch step: the whole set at once, its updates summed
    "ready": "Batch mode: the whole training set at once, one row per pattern; the target is "
    "the input; one step is one epoch.",
    "update_output": "Each hidden→output weight moves by η × the sum over all patterns of "
    "hidden activation × output delta; each output bias by η × the summed deltas.",
    "update_hidden": "Each input→hidden weight moves by η × the sum over all patterns of "
    "input × hidden delta; each hidden bias by η × the summed deltas.",
}


def caption(step: Step) -> str:
    """The plain sentence for the phase ``step`` has just performed (and, under the
    notebook's rule, how it departs from the gradient)."""
    text = CAPTIONS[step.phase]
    if step.batch:
        text = BATCH_CAPTIONS.get(step.phase, text + " For every pattern at once, a row each.")
    if step.rule == "notebook" and step.phase in NOTEBOOK_CAPTIONS:
        text += " " + NOTEBOOK_CAPTIONS[step.phase]
    return text


# The class notebook's variable names for each phase's arrays: hidden_a -> hidden_activation.
PHASE_VARIABLES = {
    phase: tuple(NOTEBOOK_VARIABLES[key] for key in keys) for phase, keys in PHASE_ARRAYS.items()
}


def phase_arrays(step: Step, name: str) -> list[tuple[str, str]]:
    """[(notebook variable name, printed array)] for a performed phase."""
    if name == "ready" or not performed(step, name):
        return []
    values = phase_values(step, name).values()
    return [(n, printed_array(v)) for n, v in zip(PHASE_VARIABLES[name], values)]


def step_printout(step: Step) -> str:
    """Every array of the step so far, as a notebook would print them, one after another."""
    inputs = step.x.astype(int) if step.batch else step.x.astype(int).reshape(1, -1)
    lines = [f"input_layer\n{np.array_repr(inputs)}"]
    for name in PHASE_NAMES[: step.done]:
        lines += [f"{n}\n{text}" for n, text in phase_arrays(step, name)]
        if name == "error":
            lines.append(f"E = 1/2 sum(error**2)\n{notebook_number(step.loss)}")
    return "\n\n".join(lines)


# --- LaTeX -------------------------------------------------------------------------------


def _aligned(header: str, rows: list[str]) -> str:
    return header + r"\\[4pt]\small\begin{aligned}" + r"\\".join(rows) + r"\end{aligned}"


def _hidden_z(s: Step) -> str:
    rows = []
    for j in range(3):
        terms = [
            num(s.params.W1[i, j])
            if s.x[i] == 1
            else f"{num(s.x[i])}\\cdot{paren(s.params.W1[i, j])}"
            for i in range(8)
            if s.x[i] != 0
        ]
        body = " + ".join(terms).replace("+ -", "- ") if terms else "0"
        rows.append(f"z^h_{j + 1} &= {body} {plus(s.params.b1[j])} = {num(s.hidden_z[j])}")
    note = r"\text{(only inputs with } x_i \ne 0 \text{ contribute: } z^h_j = \textstyle\sum_i x_i W_{1,ij} + b_{1,j})"
    return _aligned(r"z_h = x\,W_1 + b_1 \quad " + note, rows)


def _activation(s: Step, layer: str, z, a, n) -> str:
    act = get_activation(s.activation)
    rows = [f"a^{layer}_{k + 1} &= {f_of(act.latex, z[k])} = {num(a[k])}" for k in range(n)]
    return _aligned(f"a_{layer} = f(z_{layer}), \\quad f(u) = {act.latex}", rows)


def _output_z(s: Step) -> str:
    rows = []
    for k in range(8):
        terms = " + ".join(
            f"{num(s.hidden_a[j])}\\cdot{paren(s.params.W2[j, k])}" for j in range(3)
        )
        rows.append(f"z^o_{k + 1} &= {terms} {plus(s.params.b2[k])} = {num(s.output_z[k])}")
    return _aligned(r"z_o = a_h W_2 + b_2", rows)


def _error(s: Step) -> str:
    rows = [
        f"e_{k + 1} &= {num(s.x[k])} - {num(s.output_a[k])} = {num(s.error[k])}" for k in range(8)
    ]
    if s.loss_name != "squared":
        terms = loss_terms(s.x, s.output_a)
        rows.append(r"E &= " + " + ".join(num(v) for v in terms[:4]))
        rows.append(
            r"&\quad + " + " + ".join(num(v) for v in terms[4:]) + f" = {loss_number(s.loss)}"
        )
        return _aligned(r"e = x - a_o, \quad " + get_loss(s.loss_name).latex, rows)
    sq = s.error * s.error
    rows.append(r"\textstyle\sum_k e_k^2 &= " + " + ".join(num(v) for v in sq[:4]))
    rows.append(r"&\quad + " + " + ".join(num(v) for v in sq[4:]) + f" = {num(sq.sum())}")
    rows.append(rf"E &= \tfrac12 \cdot {num(sq.sum())} = {loss_number(s.loss)}")
    return _aligned(r"e = x - a_o, \quad E = \tfrac12 \textstyle\sum_k e_k^2", rows)


# How the text writes the matrix carrying d_o back, by the rule's back_weights (core/rules.py).
BACK_SUM = {
    "W2": r"\textstyle\sum_k \delta^o_k W_{2,jk}",
    "W1": r"\textstyle\sum_k \delta^o_k W_{1,kj}\ \text{(W1 where } W_2^\top \text{ belongs)}",
}


def _output_delta(s: Step) -> str:
    loss = get_loss(s.loss_name)
    if not loss.slope_factor:
        rows = [f"\\delta^o_{k + 1} &= e_{k + 1} = {num(s.output_delta[k])}" for k in range(8)]
        return _aligned(loss.delta_latex, rows)
    rule = get_rule(s.rule)
    slope = rule.slope(get_activation(s.activation), s.output_a)
    slope_tex = r"1-(a^o_k)^2" if s.activation == "tanh" else r"a^o_k(1-a^o_k)"
    where = f"f'(z^o_k) = {slope_tex}"
    if rule.slope_at == "a":
        where = r"f'(a^o_k)\ \text{(slope at the activation)}"
    rows = [
        f"\\delta^o_{k + 1} &= {paren(s.error[k])}\\cdot{num(slope[k])} = {num(s.output_delta[k])}"
        for k in range(8)
    ]
    return _aligned(f"{rule.output_latex}, \\quad {where}", rows)


def _hidden_delta(s: Step) -> str:
    rule = get_rule(s.rule)
    back = rule.carried_back(s.output_delta, s.params.W1, s.params.W2)
    slope = rule.slope(get_activation(s.activation), s.hidden_a)
    rows = [
        f"\\delta^h_{j + 1} &= {paren(back[j])}\\cdot{num(slope[j])} = {num(s.hidden_delta[j])}"
        for j in range(3)
    ]
    return _aligned(f"{rule.hidden_latex}, \\quad ({BACK_SUM[rule.back_weights]})", rows)


def _bmatrix(m) -> str:
    m = np.atleast_2d(m)
    body = r"\\".join(" & ".join(num(v) for v in row) for row in m)
    return r"\begin{bmatrix}" + body + r"\end{bmatrix}"


def _update(s: Step, w: str, b: str, act_tex: str, delta_tex: str) -> str:
    v = s.velocity.as_dict()
    dw, db = v[w.replace("_", "")], v[b.replace("_", "")]
    if s.momentum:
        head = (
            f"v_{{{w}}} \\leftarrow {num(s.momentum)}\\,v_{{{w}}} + {num(s.lr)}\\,{act_tex}^\\top {delta_tex},"
            f"\\quad {w} \\leftarrow {w} + v_{{{w}}}"
        )
    else:
        head = (
            f"{w} \\leftarrow {w} + \\eta\\,{act_tex}^\\top {delta_tex},\\quad \\eta = {num(s.lr)}"
        )
    rows = [f"\\Delta {w} &= {_bmatrix(dw)}", f"\\Delta {b} &= {_bmatrix(db)}"]
    return _aligned(head, rows)


def phase_latex(step: Step) -> str:
    """The last performed phase's equation with its numbers ('ready': the input)."""
    name = step.phase
    if name == "ready":
        bits = ",".join(str(int(v)) for v in step.x)
        return f"x = t = ({bits})"
    builders = {
        "hidden_z": _hidden_z,
        "hidden_a": lambda s: _activation(s, "h", s.hidden_z, s.hidden_a, 3),
        "output_z": _output_z,
        "output_a": lambda s: _activation(s, "o", s.output_z, s.output_a, 8),
        "error": _error,
        "output_delta": _output_delta,
        "hidden_delta": _hidden_delta,
        "update_output": lambda s: _update(s, "W_2", "b_2", "a_h", r"\delta_o"),
        "update_hidden": lambda s: _update(s, "W_1", "b_1", "x", r"\delta_h"),
    }
    return builders[name](step)
