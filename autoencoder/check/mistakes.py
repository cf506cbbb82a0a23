"""The reference rule of each phase and, beside it, the catalogue of known mistakes.

Every function here takes ``c``, a :class:`PhaseInputs`: the step's settings, the parameters
before the step, and each earlier phase's array *as the student has it*. It returns the
phase's arrays as a dict, e.g. ``{"output_delta": (8,), "slope_out": (8,)}`` or
``{"W2": (3, 8), "b2": (8,)}``. A mistake returns the arrays a student who made it would
get (a mistake may return None where it does not apply, e.g. to tanh).

To add a mistake: write a small function under its phase and decorate it with
``@mistake(PHASE, "short-name", "what the student did", "A plain sentence.", CODE)``, CODE
being the lines of the phase's code (:func:`autoencoder.io.notebook_code.phase_code`, by the
variable each assigns) that the mistake writes its own way (None: left out), whichever
rule is checked; the rest are the checked rule's. From them :func:`fix_for` finds the
lines a student has to change.
"""

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from autoencoder.core.activations import Activation, get_activation
from autoencoder.core.rules import RULES, Rule
from autoencoder.io.notebook_code import ACTIVATION_CODE, phase_code, update_code


@dataclass
class PhaseInputs:
    """Shapes: x (8,), W1 (8, 3), b1 (3,), W2 (3, 8), b2 (8,); hidden arrays (3,), output (8,)."""

    x: np.ndarray
    W1: np.ndarray
    b1: np.ndarray
    W2: np.ndarray
    b2: np.ndarray
    lr: float
    act: Activation
    rule: Rule
    hidden_z: np.ndarray | None = None
    hidden_a: np.ndarray | None = None
    output_z: np.ndarray | None = None
    output_a: np.ndarray | None = None
    error: np.ndarray | None = None
    output_delta: np.ndarray | None = None
    hidden_delta: np.ndarray | None = None
    loss: str = "squared"  # with "cross-entropy" (sigmoid outputs) the reference d_o is e


Code = dict[str, str | None]


@dataclass(frozen=True)
class Mistake:
    phase: str
    name: str  # the slug, e.g. "slope-at-activation"
    description: str  # in symbols: "f' evaluated at a_o instead of at z_o"
    compute: Callable[[PhaseInputs], dict | None]
    sentence: str = ""  # in plain words, for the student
    code: Callable[[str], Code] = lambda activation: {}  # changed lines, per activation


MISTAKES: list[Mistake] = []


def mistake(phase: str, name: str, description: str, sentence: str, code):
    """Register the decorated function as a known mistake in ``phase``; ``code`` is the
    changed lines, or a function of the activation's name giving them."""
    lines = code if callable(code) else lambda activation: code

    def register(compute):
        MISTAKES.append(Mistake(phase, name, description, compute, sentence, lines))
        return compute

    return register


def mistakes_for(phase: str) -> list[Mistake]:
    return [m for m in MISTAKES if m.phase == phase]


def fix_for(m: Mistake, rule: str, activation: str) -> list[dict]:
    """What to change in a student's code who made ``m``, checked against ``rule``: each
    line that differs, ``{"yours": the line as the mistake writes it (None: left out),
    "rule": the rule's line (None: not in the rule)}``, in the phase's order."""
    right = phase_code(m.phase, rule, activation)
    theirs = {**right, **m.code(activation)}
    keys = list(dict.fromkeys([*right, *theirs]))
    return [
        {"yours": theirs.get(k), "rule": right.get(k)}
        for k in keys
        if theirs.get(k) != right.get(k)
    ]


EXACT, NOTEBOOK = RULES["exact"], RULES["notebook"]  # each mistake below mixes their choices


OTHER_SIGMOID_NAME = {"sigmoid": "shifted-sigmoid", "shifted-sigmoid": "sigmoid"}
OTHER_SIGMOID = (
    "The activation is the other sigmoid: the plain 1/(1 + e^-u) and the shifted "
    "1/(1 + e^-(u + 1)) of the class notebook are swapped."
)


def _other_sigmoid(c: PhaseInputs) -> Activation | None:
    other = OTHER_SIGMOID_NAME.get(c.act.name)
    return get_activation(other) if other else None


def _other_sigmoid_code(activation: str) -> Code:
    other = OTHER_SIGMOID_NAME.get(activation)
    return {"sig": ACTIVATION_CODE[other]} if other else {}


# --- 1 hidden_z, 3 output_z ---------------------------------------------------------


def hidden_z(c):
    return {"hidden_z": c.x @ c.W1 + c.b1}


@mistake(
    "hidden_z",
    "bias-left-out",
    "z_h = x W1, without + b1",
    "The hidden units' sums leave out their bias b1.",
    {"hidden_z": "hidden_z = np.dot(input_layer, hidden_weight)"},
)
def hidden_z_without_bias(c):
    return {"hidden_z": c.x @ c.W1}


def output_z(c):
    return {"output_z": c.hidden_a @ c.W2 + c.b2}


@mistake(
    "output_z",
    "bias-left-out",
    "z_o = a_h W2, without + b2",
    "The output units' sums leave out their bias b2.",
    {"output_z": "output_z = np.dot(hidden_activation, output_weight)"},
)
def output_z_without_bias(c):
    return {"output_z": c.hidden_a @ c.W2}


# --- 2 hidden_a, 4 output_a ---------------------------------------------------------


def hidden_a(c):
    return {"hidden_a": c.act.f(c.hidden_z)}


@mistake(
    "hidden_a",
    "plain-vs-shifted-sigmoid",
    "the other sigmoid: f(u) vs f(u + 1)",
    OTHER_SIGMOID,
    _other_sigmoid_code,
)
def hidden_a_other_sigmoid(c):
    other = _other_sigmoid(c)
    return other and {"hidden_a": other.f(c.hidden_z)}


def output_a(c):
    return {"output_a": c.act.f(c.output_z)}


@mistake(
    "output_a",
    "plain-vs-shifted-sigmoid",
    "the other sigmoid: f(u) vs f(u + 1)",
    OTHER_SIGMOID,
    _other_sigmoid_code,
)
def output_a_other_sigmoid(c):
    other = _other_sigmoid(c)
    return other and {"output_a": other.f(c.output_z)}


# --- 5 error --------------------------------------------------------------------------


def error(c):
    return {"error": c.x - c.output_a}


@mistake(
    "error",
    "error-sign-flipped",
    "e = a_o - x instead of x - a_o",
    "The error has its sign flipped: it is the target minus the output, x - a_o.",
    {"error": "error = output_activation - input_layer"},
)
def error_flipped(c):
    return {"error": c.output_a - c.x}


# --- 6 output_delta (slope_out = the f' factor) ---------------------------------------


def output_delta(c):
    if c.loss == "cross-entropy":  # the loss cancels f' (autoencoder.core.losses)
        return {"output_delta": c.error, "slope_out": np.ones_like(c.error)}
    return {
        "output_delta": c.rule.output_delta(c.error, c.output_a, c.act),
        "slope_out": c.rule.slope(c.act, c.output_a),
    }


@mistake(
    "output_delta",
    "slope-at-activation",
    "f' evaluated at a_o instead of at z_o",
    "The slope f' is taken at the outputs' activations a_o; it belongs at their sums z_o.",
    {"slope_out": "slope_out = activation(output_activation, dx=True)"},
)
def output_delta_slope_at_activation(c):
    return {
        "output_delta": NOTEBOOK.output_delta(c.error, c.output_a, c.act),
        "slope_out": NOTEBOOK.slope(c.act, c.output_a),
    }


@mistake(
    "output_delta",
    "missing-derivative",
    "d_o = e, without the factor f'(z_o)",
    "The output delta is the bare error: it lacks the slope factor f'(z_o).",
    {"delta_out": "delta_out = error"},
)
def output_delta_without_slope(c):
    return {"output_delta": c.error, "slope_out": np.ones_like(c.error)}


@mistake(
    "output_delta",
    "error-sign-flipped",
    "d_o = (a_o - x) f'(z_o): the error's sign",
    "The output delta has its sign flipped: it uses a_o - x where x - a_o belongs.",
    {"delta_out": "delta_out = (output_activation - input_layer) * slope_out"},
)
def output_delta_flipped(c):
    return {"output_delta": -output_delta(c)["output_delta"]}


# --- 7 hidden_delta (slope_hidden = the f' factor) ------------------------------------


def hidden_delta(c):
    return {
        "hidden_delta": c.rule.hidden_delta(c.output_delta, c.W1, c.W2, c.hidden_a, c.act),
        "slope_hidden": c.rule.slope(c.act, c.hidden_a),
    }


@mistake(
    "hidden_delta",
    "w1-for-w2-transpose",
    "d_h = (d_o W1) f'(z_h): W1 where W2^T belongs",
    "The output deltas are carried back through W1; they go back through the weights "
    "they came through, W2 transposed.",
    {
        "slope_hidden": "slope_hidden = activation(hidden_z, dx=True)",
        "delta_hidden": "delta_hidden = np.dot(delta_out, hidden_weight) * slope_hidden",
    },
)
def hidden_delta_w1(c):
    back = NOTEBOOK.carried_back(c.output_delta, c.W1, c.W2)
    return {"hidden_delta": back * EXACT.slope(c.act, c.hidden_a)}


@mistake(
    "hidden_delta",
    "slope-at-activation",
    "f' evaluated at a_h instead of at z_h",
    "The slope f' is taken at the hidden activations a_h; it belongs at their sums z_h.",
    {
        "slope_hidden": "slope_hidden = activation(hidden_activation, dx=True)",
        "delta_hidden": "delta_hidden = np.dot(delta_out, output_weight.T) * slope_hidden",
    },
)
def hidden_delta_slope_at_activation(c):
    slope = NOTEBOOK.slope(c.act, c.hidden_a)
    return {
        "hidden_delta": EXACT.carried_back(c.output_delta, c.W1, c.W2) * slope,
        "slope_hidden": slope,
    }


@mistake(
    "hidden_delta",
    "w1-for-w2-transpose+slope-at-activation",
    "d_h = (d_o W1) f'(a_h), the class notebook's rule: W1 for W2^T and f' at a_h",
    "This is the class notebook's own rule: the output deltas go back through W1 instead "
    "of W2 transposed, and the slope f' is taken at a_h instead of at z_h.",
    {
        "slope_hidden": "slope_hidden = activation(hidden_activation, dx=True)",
        "delta_hidden": "delta_hidden = np.dot(delta_out, hidden_weight) * slope_hidden",
    },
)
def hidden_delta_notebook(c):
    d = NOTEBOOK.hidden_delta(c.output_delta, c.W1, c.W2, c.hidden_a, c.act)
    return {"hidden_delta": d, "slope_hidden": NOTEBOOK.slope(c.act, c.hidden_a)}


@mistake(
    "hidden_delta",
    "missing-derivative",
    "d_h = d_o W2^T, without the factor f'(z_h)",
    "The hidden delta lacks the slope factor f'(z_h).",
    {"delta_hidden": "delta_hidden = np.dot(delta_out, output_weight.T)"},
)
def hidden_delta_without_slope(c):
    back = EXACT.carried_back(c.output_delta, c.W1, c.W2)
    return {"hidden_delta": back, "slope_hidden": np.ones_like(c.hidden_a)}


# --- 8 update_output, 9 update_hidden ---------------------------------------------------


def _update(W, b, source, delta, lr):
    """W + lr source^T delta, b + lr delta. source (k,), delta (m,), W (k, m)."""
    return W + lr * np.outer(source, delta), b + lr * delta


def update_output(c):
    W2, b2 = _update(c.W2, c.b2, c.hidden_a, c.output_delta, c.lr)
    return {"W2": W2, "b2": b2}


def update_hidden(c):
    W1, b1 = _update(c.W1, c.b1, c.x, c.hidden_delta, c.lr)
    return {"W1": W1, "b1": b1}


# What each update changes and from what: weights, bias, the layer below's values, deltas.
UPDATE_LAYERS = {"update_output": ("W2", "b2", "hidden_a", "output_delta"),
                 "update_hidden": ("W1", "b1", "x", "hidden_delta")}  # fmt: skip


def update_mistake(name: str, description: str, sentence: str, weights: str, bias: str | None):
    """Register a mistake in both update phases; ``change(W, b, source, delta, lr) -> (W, b)``.
    ``weights`` and ``bias``: the mistake's two lines, naming ``{W} {b} {src} {d}``
    (:func:`autoencoder.io.notebook_code.update_code`; bias None: no bias update)."""

    def register(change):
        for phase, keys in UPDATE_LAYERS.items():

            def compute(c, keys=keys):
                W, b, source, delta = (getattr(c, k) for k in keys)
                new_W, new_b = change(W, b, source, delta, c.lr)
                return {keys[0]: new_W, keys[1]: new_b}

            lines = update_code(phase, weights, bias or "")
            if bias is None:
                lines[list(lines)[1]] = None
            code = dict(lines)
            MISTAKES.append(
                Mistake(phase, name, description, compute, sentence, lambda a, code=code: code)
            )
        return change

    return register


_STEP = "{W} += np.dot({src}.T, {d}) * lr"  # the rule's weight update line


@update_mistake(
    "bias-not-updated",
    "the weights were updated, the bias was not",
    "The weights were updated but the bias was not.",
    _STEP,
    None,
)
def bias_not_updated(W, b, source, delta, lr):
    return _update(W, b, source, delta, lr)[0], b


@update_mistake(
    "lr-applied-twice",
    "the step was multiplied by lr twice (lr^2)",
    "The step was multiplied by the learning rate twice (lr squared).",
    "{W} += np.dot({src}.T, {d}) * lr * lr",
    "{b} += {d} * lr * lr",
)
def lr_applied_twice(W, b, source, delta, lr):
    return _update(W, b, source, delta, lr * lr)


@update_mistake(
    "lr-not-applied",
    "the step was not multiplied by lr",
    "The step was not multiplied by the learning rate.",
    "{W} += np.dot({src}.T, {d})",
    "{b} += {d}",
)
def lr_not_applied(W, b, source, delta, lr):
    return _update(W, b, source, delta, 1.0)


@update_mistake(
    "update-sign-flipped",
    "W -= lr a^T d: the step went uphill",
    "The step went uphill: with the error x - a_o the change is added, not subtracted.",
    "{W} -= np.dot({src}.T, {d}) * lr",
    "{b} -= {d} * lr",
)
def update_sign_flipped(W, b, source, delta, lr):
    return _update(W, b, source, delta, -lr)


@update_mistake(
    "transposed-outer-product",
    "d^T a instead of a^T d: the weights come out transposed",
    "The weight change is transposed: it is the layer's inputs (transposed) times the "
    "deltas, not the deltas (transposed) times the inputs.",
    "{W} = {W}.T + np.dot({d}.T, {src}) * lr",
    "{b} += {d} * lr",
)
def transposed_outer_product(W, b, source, delta, lr):
    return W.T + lr * np.outer(delta, source), b + lr * delta


REFERENCE = {f.__name__: f for f in (hidden_z, hidden_a, output_z, output_a, error,
                                     output_delta, hidden_delta, update_output, update_hidden)}  # fmt: skip
