"""The catalogue of known mistakes, phase by phase.

Every mistake takes ``c``, a :class:`~autoencoder.check.phase_arrays.PhaseInputs`: the step's
settings, the parameters before the step, and each earlier phase's array *as the student
has it*. It returns the arrays a student who made it would get, as a dict, e.g.
``{"output_delta": (8,), "slope_out": (8,)}`` or ``{"W2": (3, 8), "b2": (8,)}`` (or None
where it does not apply, e.g. to tanh). The rule's own values are the core's phases
(:data:`autoencoder.check.phase_arrays.REFERENCE`); the registry is
:mod:`autoencoder.check.mistake_registry`.

To add a mistake: write a small function under its phase and decorate it with
``@mistake(PHASE, "short-name", "what the student did", "A plain sentence.", CODE)``, CODE
being the lines of the phase's code (:func:`autoencoder.io.notebook_code.phase_code`, by the
variable each assigns) that the mistake writes its own way (None: left out), whichever
rule is checked; the rest are the checked rule's. From them :func:`fix_for` finds the
lines a student has to change.
"""

import numpy as np

from autoencoder.check.mistake_registry import (
    MISTAKES,
    Code,
    Mistake,
    fix_for,
    mistake,
    mistakes_for,
    update_mistake,
)
from autoencoder.check.phase_arrays import PhaseInputs
from autoencoder.core.activations import Activation, get_activation
from autoencoder.core.phases import update_direction
from autoencoder.core.rules import RULES
from autoencoder.io.notebook_code import ACTIVATION_CODE

# The registry's names, for importers (importing them from here registers every mistake).
__all__ = ["MISTAKES", "Mistake", "fix_for", "mistakes_for"]
EXACT, NOTEBOOK = RULES["exact"], RULES["notebook"]  # each mistake below mixes their choices
# The error's sign (a - t or t - a) and the deltas' (dE/dz or -dE/dz) are conventions, not
# mistakes (check/conventions.py): a step that goes uphill is named in the update phases.

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


@mistake(
    "hidden_z",
    "bias-left-out",
    "z_h = x W1, without + b1",
    "The hidden units' sums leave out their bias b1.",
    {"hidden_z": "hidden_z = np.dot(input_layer, hidden_weight)"},
)
def hidden_z_without_bias(c):
    return {"hidden_z": c.x @ c.W1}


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


# --- 6 output_delta (slope_out = the f' factor) ---------------------------------------


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
    "slope-kept-with-cross-entropy",
    "d_o = e f'(z_o) with cross-entropy, whose d_o is e",
    "With the cross-entropy loss the output delta is the bare error: the loss's "
    "1/(a(1 - a)) cancels f'(z_o), so the factor f'(z_o) must go.",
    {"delta_out": "delta_out = error * activation(output_z, dx=True)"},
)
def output_delta_slope_kept(c):
    if c.loss != "cross-entropy":
        return None  # only a mistake where the loss is cross-entropy
    return {"output_delta": c.error * EXACT.slope(c.act, c.output_a)}


# --- 7 hidden_delta (slope_hidden = the f' factor) ------------------------------------


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
    """W + lr source^T delta, b + lr delta. source (k,), delta (m,), W (k, m); a batch's
    (P, k) and (P, m): summed over the patterns."""
    weights, bias = update_direction(source, delta)
    return W + lr * weights, b + lr * bias


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
    weights, bias = update_direction(source, delta)
    return W.T + lr * weights.T, b + lr * bias


@update_mistake(
    "bias-summed-over-units",
    "b += lr sum(d): np.sum without an axis gives every bias the sum of all the deltas",
    "Every bias got the sum of all the layer's deltas: np.sum without axis=0 adds up the "
    "units as well as the patterns; each bias takes its own unit's delta.",
    _STEP,
    "{b} += np.sum({d}) * lr",
)
def bias_summed_over_units(W, b, source, delta, lr):
    return _update(W, b, source, delta, lr)[0], b + lr * np.sum(delta)  # every unit, pattern
