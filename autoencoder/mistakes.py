"""The reference rule of each phase and, beside it, the catalogue of known mistakes.

Every function here takes ``c``, a :class:`PhaseInputs`: the step's settings, the parameters
before the step, and each earlier phase's array *as the student has it*. It returns the
phase's arrays as a dict, e.g. ``{"output_delta": (8,), "slope_out": (8,)}`` or
``{"W2": (3, 8), "b2": (8,)}``. A mistake returns the arrays a student who made it would
get (a mistake may return None where it does not apply, e.g. to tanh).

To add a mistake: write a small function under its phase and decorate it with
``@mistake(PHASE, "short-name", "what the student did")``.
"""

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from .activations import Activation, get_activation
from .rules import Rule, notebook_hidden_delta, notebook_output_delta


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


@dataclass(frozen=True)
class Mistake:
    phase: str
    name: str
    description: str
    compute: Callable[[PhaseInputs], dict | None]


MISTAKES: list[Mistake] = []


def mistake(phase: str, name: str, description: str):
    """Register the decorated function as a known mistake in ``phase``."""

    def register(compute):
        MISTAKES.append(Mistake(phase, name, description, compute))
        return compute

    return register


def mistakes_for(phase: str) -> list[Mistake]:
    return [m for m in MISTAKES if m.phase == phase]


def _slope_at_z(c: PhaseInputs, a):
    """f'(z) from a = f(z) under the exact rule; the notebook rule's f'(a) under its own."""
    return c.act.slope(a) if c.rule.name == "notebook" else c.act.slope_from_value(a)


def _other_sigmoid(c: PhaseInputs) -> Activation | None:
    other = {"sigmoid": "shifted-sigmoid", "shifted-sigmoid": "sigmoid"}.get(c.act.name)
    return get_activation(other) if other else None


# --- 1 hidden_z, 3 output_z ---------------------------------------------------------


def hidden_z(c):
    return {"hidden_z": c.x @ c.W1 + c.b1}


@mistake("hidden_z", "bias-left-out", "z_h = x W1, without + b1")
def hidden_z_without_bias(c):
    return {"hidden_z": c.x @ c.W1}


def output_z(c):
    return {"output_z": c.hidden_a @ c.W2 + c.b2}


@mistake("output_z", "bias-left-out", "z_o = a_h W2, without + b2")
def output_z_without_bias(c):
    return {"output_z": c.hidden_a @ c.W2}


# --- 2 hidden_a, 4 output_a ---------------------------------------------------------


def hidden_a(c):
    return {"hidden_a": c.act.f(c.hidden_z)}


@mistake("hidden_a", "plain-vs-shifted-sigmoid", "the other sigmoid: f(u) vs f(u + 1)")
def hidden_a_other_sigmoid(c):
    other = _other_sigmoid(c)
    return other and {"hidden_a": other.f(c.hidden_z)}


def output_a(c):
    return {"output_a": c.act.f(c.output_z)}


@mistake("output_a", "plain-vs-shifted-sigmoid", "the other sigmoid: f(u) vs f(u + 1)")
def output_a_other_sigmoid(c):
    other = _other_sigmoid(c)
    return other and {"output_a": other.f(c.output_z)}


# --- 5 error --------------------------------------------------------------------------


def error(c):
    return {"error": c.x - c.output_a}


@mistake("error", "error-sign-flipped", "e = a_o - x instead of x - a_o")
def error_flipped(c):
    return {"error": c.output_a - c.x}


# --- 6 output_delta (slope_out = the f' factor) ---------------------------------------


def output_delta(c):
    return {
        "output_delta": c.rule.output_delta(c.error, c.output_z, c.output_a, c.act),
        "slope_out": _slope_at_z(c, c.output_a),
    }


@mistake("output_delta", "slope-at-activation", "f' evaluated at a_o instead of at z_o")
def output_delta_slope_at_activation(c):
    return {
        "output_delta": notebook_output_delta(c.error, c.output_z, c.output_a, c.act),
        "slope_out": c.act.slope(c.output_a),
    }


@mistake("output_delta", "missing-derivative", "d_o = e, without the factor f'(z_o)")
def output_delta_without_slope(c):
    return {"output_delta": c.error, "slope_out": np.ones_like(c.error)}


@mistake("output_delta", "error-sign-flipped", "d_o = (a_o - x) f'(z_o): the error's sign")
def output_delta_flipped(c):
    return {"output_delta": -output_delta(c)["output_delta"]}


# --- 7 hidden_delta (slope_hidden = the f' factor) ------------------------------------


def hidden_delta(c):
    return {
        "hidden_delta": c.rule.hidden_delta(
            c.output_delta, c.W1, c.W2, c.hidden_z, c.hidden_a, c.act
        ),
        "slope_hidden": _slope_at_z(c, c.hidden_a),
    }


@mistake("hidden_delta", "w1-for-w2-transpose", "d_h = (d_o W1) f'(z_h): W1 where W2^T belongs")
def hidden_delta_w1(c):
    return {"hidden_delta": (c.output_delta @ c.W1) * c.act.slope_from_value(c.hidden_a)}


@mistake("hidden_delta", "slope-at-activation", "f' evaluated at a_h instead of at z_h")
def hidden_delta_slope_at_activation(c):
    return {
        "hidden_delta": (c.output_delta @ c.W2.T) * c.act.slope(c.hidden_a),
        "slope_hidden": c.act.slope(c.hidden_a),
    }


@mistake(
    "hidden_delta",
    "w1-for-w2-transpose+slope-at-activation",
    "d_h = (d_o W1) f'(a_h), the class notebook's rule: W1 for W2^T and f' at a_h",
)
def hidden_delta_notebook(c):
    d = notebook_hidden_delta(c.output_delta, c.W1, c.W2, c.hidden_z, c.hidden_a, c.act)
    return {"hidden_delta": d, "slope_hidden": c.act.slope(c.hidden_a)}


@mistake("hidden_delta", "missing-derivative", "d_h = d_o W2^T, without the factor f'(z_h)")
def hidden_delta_without_slope(c):
    return {"hidden_delta": c.output_delta @ c.W2.T, "slope_hidden": np.ones_like(c.hidden_a)}


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


_LAYER = {"update_output": ("W2", "b2", "hidden_a", "output_delta"),
          "update_hidden": ("W1", "b1", "x", "hidden_delta")}  # fmt: skip


def update_mistake(name: str, description: str):
    """Register a mistake in both update phases; ``change(W, b, source, delta, lr) -> (W, b)``."""

    def register(change):
        for phase, keys in _LAYER.items():

            def compute(c, keys=keys):
                W, b, source, delta = (getattr(c, k) for k in keys)
                new_W, new_b = change(W, b, source, delta, c.lr)
                return {keys[0]: new_W, keys[1]: new_b}

            MISTAKES.append(Mistake(phase, name, description, compute))
        return change

    return register


@update_mistake("bias-not-updated", "the weights were updated, the bias was not")
def bias_not_updated(W, b, source, delta, lr):
    return _update(W, b, source, delta, lr)[0], b


@update_mistake("lr-applied-twice", "the step was multiplied by lr twice (lr^2)")
def lr_applied_twice(W, b, source, delta, lr):
    return _update(W, b, source, delta, lr * lr)


@update_mistake("lr-not-applied", "the step was not multiplied by lr")
def lr_not_applied(W, b, source, delta, lr):
    return _update(W, b, source, delta, 1.0)


@update_mistake("update-sign-flipped", "W -= lr a^T d: the step went uphill")
def update_sign_flipped(W, b, source, delta, lr):
    return _update(W, b, source, delta, -lr)


@update_mistake(
    "transposed-outer-product", "d^T a instead of a^T d: the weights come out transposed"
)
def transposed_outer_product(W, b, source, delta, lr):
    return W.T + lr * np.outer(delta, source), b + lr * delta


REFERENCE = {f.__name__: f for f in (hidden_z, hidden_a, output_z, output_a, error,
                                     output_delta, hidden_delta, update_output, update_hidden)}  # fmt: skip
