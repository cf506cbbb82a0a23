"""Take it home: one training step as a Jupyter notebook that recomputes the page's arrays.

The notebook uses the class notebook's variable names and (1, n) row arrays, so a student
can run it beside their own, and its printed text can be pasted into the checker.
"""

import json

import nbformat
import numpy as np

from autoencoder.core.activations import get_activation
from autoencoder.core.losses import check_loss, get_loss
from autoencoder.core.model import Params, bits_to_str
from autoencoder.core.rules import get_rule
from autoencoder.io.notebook_code import ACTIVATION_CODE, phase_code
from autoencoder.io.numbers import short

_TANH_CODE = '''def activation(x, dx=False):
    """tanh; its derivative at x if dx."""
    t = np.tanh(x)
    return 1 - t * t if dx else t'''
_SIGMOID_CODE = '''def activation(x, dx=False):
    """{name}: f(x) = {formula}; its derivative at x if dx."""
    {line}
    return sig * (1 - sig) if dx else sig'''
_FORMULA = {"sigmoid": "1 / (1 + e^-x)", "shifted-sigmoid": "1 / (1 + e^-(x + 1))"}


def _literal(array) -> str:
    """A 2-D numpy array as exact Python source (shortest round-trip floats), a row a line."""
    rows = [json.dumps(row) for row in np.asarray(array, dtype=float).tolist()]
    if len(rows) == 1:
        return f"np.array([{rows[0]}])"
    return "np.array([\n" + "".join(f"    {row},\n" for row in rows) + "])"


def _activation_code(name: str) -> str:
    if name == "tanh":
        return _TANH_CODE
    return _SIGMOID_CODE.format(name=name, formula=_FORMULA[name], line=ACTIVATION_CODE[name])


# E in the notebook's names, as the cell after the error computes it.
LOSS_CODE = {
    "squared": "loss = 0.5 * np.sum(error**2)",
    "cross-entropy": "loss = -np.sum(input_layer * np.log(output_activation)\n"
    "                + (1 - input_layer) * np.log(1 - output_activation))",
}
LOSS_WORDS = {"squared": "", "cross-entropy": ", the cross-entropy loss"}


def step_notebook(params: Params, x, lr=0.1, rule="exact", activation="sigmoid", loss="squared"):
    """An nbformat v4 notebook for one step from ``params`` (the parameters at the start of
    the step) on the example ``x`` (8,). Shapes in the notebook: rows (1, n), W1 (8, 3)."""
    get_rule(rule), get_activation(activation), check_loss(loss, activation)  # the names
    x = np.asarray(x, dtype=float).reshape(-1)
    bits = bits_to_str(x)
    md, code = nbformat.v4.new_markdown_cell, nbformat.v4.new_code_cell

    def lines(phase, *then):
        """The phase's lines (notebook_code), then what the cell prints."""
        own = phase_code(phase, rule, activation, loss)
        return "\n".join([v for k, v in own.items() if k != "sig"] + list(then))

    def each_line(phase):
        """A cell for each of the phase's lines, printing what it assigns."""
        return [
            code(f"{line}\n{name}")
            for name, line in phase_code(phase, rule, activation, loss).items()
        ]

    input_list = json.dumps([int(v) if v in (0, 1) else v for v in x])  # 1, not 1.0
    cells = [
        md(
            "# One training step of the 8-3-8 autoencoder\n\n"
            f"Input `{bits}`, learning rate {short(lr)}, the **{rule}** rule, activation "
            f"`{activation}`{LOSS_WORDS[loss]}. Run all cells and compare each printed array "
            "with the page."
        ),
        code("import numpy as np\n\nnp.set_printoptions(precision=8)"),
        code(_activation_code(activation)),
        md("## Starting values"),
        code(f"lr = {float(lr)!r}"),
        code(f"input_layer = np.array([{input_list}])\ninput_layer"),
        code(f"hidden_weight = {_literal(params.W1)}\nhidden_weight"),
        code(f"hidden_bias = {_literal([params.b1])}\nhidden_bias"),
        code(f"output_weight = {_literal(params.W2)}\noutput_weight"),
        code(f"output_bias = {_literal([params.b2])}\noutput_bias"),
        md("## 1 hidden_z: $z_h = x W_1 + b_1$"),
        code(lines("hidden_z", "hidden_z")),
        md("## 2 hidden_a: $a_h = f(z_h)$"),
        code(lines("hidden_a", "hidden_activation")),
        md("## 3 output_z: $z_o = a_h W_2 + b_2$"),
        code(lines("output_z", "output_z")),
        md("## 4 output_a: $a_o = f(z_o)$"),
        code(lines("output_a", "output_activation")),
        md(f"## 5 error: $e = x - a_o$, ${get_loss(loss).latex}$"),
        code(lines("error", "error")),
        code(f"{LOSS_CODE[loss]}\nloss"),
        md(f"## 6 output_delta: ${get_loss(loss).delta_latex or get_rule(rule).output_latex}$"),
        *each_line("output_delta"),
        md(f"## 7 hidden_delta: ${get_rule(rule).hidden_latex}$"),
        *each_line("hidden_delta"),
        md(
            r"## 8 update_output: $W_2 \mathrel{+}= \eta\, a_h^\top \delta_o$, "
            r"$b_2 \mathrel{+}= \eta\, \delta_o$"
        ),
        code(lines("update_output", "print(output_weight)", "print()", "print(output_bias)")),
        md(
            r"## 9 update_hidden: $W_1 \mathrel{+}= \eta\, x^\top \delta_h$, "
            r"$b_1 \mathrel{+}= \eta\, \delta_h$"
        ),
        code(lines("update_hidden", "print(hidden_weight)", "print()", "print(hidden_bias)")),
    ]
    notebook = nbformat.v4.new_notebook(cells=cells)
    notebook.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    return notebook


def export_ipynb(
    params: Params, x, lr=0.1, rule="exact", activation="sigmoid", loss="squared"
) -> str:
    """The notebook of :func:`step_notebook` as .ipynb text (JSON), ready to download."""
    notebook = step_notebook(params, x, lr, rule, activation, loss)
    nbformat.validate(notebook)
    return nbformat.writes(notebook)


def notebook_as_text(notebook) -> str:
    """An executed notebook's code cells and printed outputs in the class notebook's text
    layout (``In [N]:``, code, a blank line, outputs), which the checker reads."""
    parts = []
    for number, cell in enumerate((c for c in notebook.cells if c.cell_type == "code"), 1):
        outputs = []
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream":
                outputs.append(output.get("text", ""))
            elif "data" in output:
                outputs.append(output["data"].get("text/plain", ""))
        label = cell.get("execution_count") or number
        parts.append(f"In [{label}]:\n{cell.source}\n\n" + "\n".join(outputs))
    return "\n\n".join(parts) + "\n"
