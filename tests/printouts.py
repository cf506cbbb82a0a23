"""Printouts of one training step as students print them, in three common styles, from
arrays computed by the exact rule (or with one catalogued mistake). Shared by the
recogniser's tests (test_recognise.py) and the page's (test_page_check_names.py)."""

import numpy as np

from autoencoder.check.mistakes import MISTAKES
from autoencoder.check.phase_arrays import REFERENCE, PhaseInputs
from autoencoder.core.activations import get_activation
from autoencoder.core.model import SHAPES, init_params
from autoencoder.core.phases import PHASE_NAMES
from autoencoder.core.rules import get_rule

CHAINED = PHASE_NAMES[:7]
X = np.array([1, 0, 1, 1, 0, 0, 1, 0], dtype=float)


def student_arrays(seed=4, x=X, lr=0.5, activation="sigmoid", phase=None, mistake=None):
    """{key: array} of a student who follows the exact rule, except for the catalogued
    ``mistake`` (its slug) in ``phase``; later phases use the student's own arrays.
    Updated parameters under ``after.W1`` ...; also ``input`` and ``lr``."""
    params = init_params(seed)
    c = PhaseInputs(
        x, *params.as_dict().values(), lr, get_activation(activation), get_rule("exact")
    )
    arrays = {"input": x, "lr": lr, **params.as_dict()}
    for name in PHASE_NAMES:
        out = REFERENCE[name](c)
        if name == phase:
            [made] = [m for m in MISTAKES if m.phase == phase and m.name == mistake]
            out = {**out, **made.compute(c)}
        for key, value in out.items():
            arrays[f"after.{key}" if key in SHAPES else key] = value
        if name in CHAINED:
            setattr(c, name, out[name])
    return arrays


def _row(array) -> np.ndarray:
    return np.asarray(array, dtype=float).reshape(1, -1) if np.ndim(array) == 1 else array


# The numpy tutorial's names, in the order its loop computes them.
TUTORIAL = [
    ("wh", "W1"),
    ("bh", "b1"),
    ("wout", "W2"),
    ("bout", "b2"),
    ("X", "input"),
    ("hidden_layer_input", "hidden_z"),
    ("hiddenlayer_activations", "hidden_a"),
    ("output_layer_input", "output_z"),
    ("output", "output_a"),
    ("E", "error"),
    ("slope_output_layer", "slope_out"),
    ("slope_hidden_layer", "slope_hidden"),
    ("d_output", "output_delta"),
    ("d_hiddenlayer", "hidden_delta"),
    ("wout", "after.W2"),
    ("bout", "after.b2"),
    ("wh", "after.W1"),
    ("bh", "after.b1"),
]


def tutorial_printout(arrays) -> str:
    """``print(name, array)`` after each line of the tutorial's loop: rows are 1xn, no
    learning rate, no code."""
    return "\n".join(f"{name} {_row(arrays[key])}" for name, key in TUTORIAL)


# Course notation, printed as ``print(f"W1 = {W1}")``.
COURSE = [
    ("lr", "lr"),
    ("x", "input"),
    ("W1", "W1"),
    ("b1", "b1"),
    ("W2", "W2"),
    ("b2", "b2"),
    ("z1", "hidden_z"),
    ("a1", "hidden_a"),
    ("z2", "output_z"),
    ("a2", "output_a"),
    ("e", "error"),
    ("delta2", "output_delta"),
    ("delta1", "hidden_delta"),
    ("W2", "after.W2"),
    ("b2", "after.b2"),
    ("W1", "after.W1"),
    ("b1", "after.b1"),
]


def course_printout(arrays) -> str:
    """``name = array`` lines (numpy's str, 1-D vectors), the learning rate among them."""
    return "\n".join(f"{name} = {np.asarray(arrays[key])}" for name, key in COURSE)


BARE = [
    "W1",
    "b1",
    "W2",
    "b2",
    "hidden_z",
    "hidden_a",
    "output_z",
    "output_a",
    "error",
    "output_delta",
    "hidden_delta",
    "after.W2",
    "after.b2",
    "after.W1",
    "after.b1",
]


def bare_printout(arrays) -> str:
    """``print(array)`` of each array in the order computed: no names, no input, no lr."""
    return "\n\n".join(str(np.asarray(arrays[key])) for key in BARE)


STYLES = {"tutorial": tutorial_printout, "course": course_printout, "bare": bare_printout}


# The tutorial's loop body as notebook cells, run once (our own code, not a student's).
TUTORIAL_CELLS = [
    "import numpy as np\nX = np.array([[1, 0, 1, 1, 0, 0, 1, 0]])\ny = X\nlr = 0.5",
    "def sigmoid(x):\n    return 1 / (1 + np.exp(-x))\n\n"
    "def derivatives_sigmoid(x):\n    return x * (1 - x)",
    'wh = W1.copy(); bh = b1.copy(); wout = W2.copy(); bout = b2.copy()\nprint("wh", wh)\n'
    'print("bh", bh)\nprint("wout", wout)\nprint("bout", bout)',
    "hidden_layer_input1 = np.dot(X, wh)\nhidden_layer_input = hidden_layer_input1 + bh\n"
    "hiddenlayer_activations = sigmoid(hidden_layer_input)\n"
    "output_layer_input1 = np.dot(hiddenlayer_activations, wout)\n"
    "output_layer_input = output_layer_input1 + bout\noutput = sigmoid(output_layer_input)\n"
    "print(hiddenlayer_activations)\nprint(output)",
    "E = y - output\nslope_output_layer = derivatives_sigmoid(output)\n"
    "slope_hidden_layer = derivatives_sigmoid(hiddenlayer_activations)\n"
    "d_output = E * slope_output_layer\nError_at_hidden_layer = d_output.dot(wout.T)\n"
    "d_hiddenlayer = Error_at_hidden_layer * slope_hidden_layer\nprint(d_output)\n"
    "print(d_hiddenlayer)",
    "wout += hiddenlayer_activations.T.dot(d_output) * lr\n"
    "bout += np.sum(d_output, axis=0, keepdims=True) * lr\nwh += X.T.dot(d_hiddenlayer) * lr\n"
    "bh += np.sum(d_hiddenlayer, axis=0, keepdims=True) * lr\n"
    "print(wout)\nprint(bout)\nprint(wh)\nprint(bh)",
]


def tutorial_notebook(seed=4, forget="") -> str:
    """The tutorial's cells run as a notebook (``In [n]:``, code, printed output), from
    ``init_params(seed)``; ``forget``: a line to leave out (e.g. the ``bh +=`` update)."""
    import contextlib
    import io

    params = init_params(seed)
    space = {"W1": params.W1, "b1": params.b1[None, :], "W2": params.W2, "b2": params.b2[None, :]}
    text = []
    for number, code in enumerate(TUTORIAL_CELLS, 1):
        code = "\n".join(line for line in code.split("\n") if not forget or forget not in line)
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            exec(code, space)
        text.append(f"In [{number}]:\n{code}\n\n{printed.getvalue()}")
    return "\n".join(text)
