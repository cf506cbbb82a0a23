"""What each of the nine phases produces, as the checker judges it: the arrays by name, the
checked rule's values of them, and the tolerance they are judged to.

A :class:`PhaseInputs` holds a phase's inputs *as the student has them*. The rule's values
from those inputs (:data:`REFERENCE`) are the core's own phases
(:mod:`autoencoder.core.phases`) run on them, so the arithmetic is written once. Shared by
the checker (:mod:`autoencoder.check.checker`), the catalogue of mistakes
(:mod:`autoencoder.check.mistakes`) and the recogniser (:mod:`autoencoder.check.value_labels`).
"""

from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, fields

import numpy as np

from autoencoder.core.activations import Activation, get_activation
from autoencoder.core.losses import get_loss
from autoencoder.core.model import Params
from autoencoder.core.phases import PHASE_NAMES, PHASES, Step, phase_values
from autoencoder.core.rules import Rule, get_rule

# The arrays each phase produces (PHASE_ARRAYS, the core's) decide its verdict; the slopes
# are shown beside their delta, judged, but do not decide it.
SUPPORTING = {"output_delta": ("slope_out",), "hidden_delta": ("slope_hidden",)}
STUDENT_KEYS = tuple(PHASE_NAMES[:7]) + ("slope_out", "slope_hidden")
CHAINED = PHASE_NAMES[:7]  # the phases whose array the next phases read


@dataclass
class PhaseInputs:
    """Shapes: x (8,), W1 (8, 3), b1 (3,), W2 (3, 8), b2 (8,); hidden arrays (3,), output (8,).
    The parameters are those before the step; each earlier phase's array as the student has
    it (None: not known yet)."""

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


def inputs_of(step: Step, start: Params) -> PhaseInputs:
    """The inputs of the phase after ``step``: the step's arrays so far, and ``start``, the
    parameters before the step (``step`` may hold a student's updated ones)."""
    arrays = {name: getattr(step, name) for name in CHAINED}
    rule, act = get_rule(step.rule), get_activation(step.activation)
    W1, b1, W2, b2 = start.as_dict().values()
    return PhaseInputs(step.x, W1, b1, W2, b2, step.lr, act, rule, **arrays, loss=step.loss_name)


def carried_forward(own, computed: np.ndarray, tol: float | None = None) -> np.ndarray:
    """What the next phases read of a phase's array: the student's own where they gave it in
    the rule's shape (any shape with those numbers, e.g. (1, 8) for (8,)), else the rule's
    ``computed``. This is what judges each phase on the student's own inputs. With ``tol``,
    an array that is the rule's to within it (printed rounded) carries the rule's exact
    value: the student computed on with theirs, not with the rounded print."""
    if own is None or np.squeeze(own).shape != np.squeeze(computed).shape:
        return computed
    own = np.reshape(own, np.shape(computed)).astype(float)
    if tol is not None and np.all(np.abs(own - computed) <= array_tolerance(own, tol)):
        return computed
    return own


def rounded_decimals(array) -> int | None:
    """How many decimals (2 to 7) an array's numbers were evidently rounded to when printed
    (np.round(a, 3), a precision of 4), or None: not rounded short of numpy's 8 (an array of
    whole numbers or halves says nothing)."""
    a = np.asarray(array, dtype=float).ravel()
    if a.size < 2 or not np.all(np.isfinite(a)):
        return None
    for decimals in range(DEFAULT_DECIMALS):
        scaled = a * 10.0**decimals
        # whole to within float noise (1e-6 of the scaled number let 0.60254079 pass as
        # printed to 6 decimals: its scaled 602540.79 was 'whole' to 0.6)
        if np.all(np.abs(scaled - np.round(scaled)) <= 1e-9 * np.maximum(1.0, np.abs(scaled))):
            return decimals if decimals >= 2 else None
    return None


def array_tolerance(array, tol: float) -> float:
    """``tol`` (a phase's, for numbers printed to the check's decimals) for an array printed
    with fewer decimals: scaled to half its own last decimal."""
    decimals = rounded_decimals(array)
    if decimals is None or 0.5 * 10.0**-decimals <= half_step():
        return tol
    return tol * 0.5 * 10.0**-decimals / half_step()


def step_before(c: PhaseInputs, phase: str) -> Step:
    """``c`` as the core's Step just before ``phase``: parameters, input, settings and the
    arrays of the phases before it."""
    done = PHASE_NAMES.index(phase)
    earlier = {name: getattr(c, name) for name in CHAINED[:done]}
    params = Params(c.W1, c.b1, c.W2, c.b2)
    rule, act = c.rule.name, c.act.name
    return Step(params, c.x, c.lr, rule, act, done=done, loss_name=c.loss, **earlier)


def rule_values(step: Step, phase: str) -> dict[str, np.ndarray]:
    """The arrays ``phase`` produced in ``step`` (just past it), and beside a delta its slope
    factor (the f' the rule takes; ones where the cross-entropy cancels it)."""
    values = phase_values(step, phase)
    if phase in SUPPORTING:
        a = step.output_a if phase == "output_delta" else step.hidden_a
        slope = get_rule(step.rule).slope(get_activation(step.activation), a)
        if phase == "output_delta" and not get_loss(step.loss_name).slope_factor:
            slope = np.ones_like(a)
        values[SUPPORTING[phase][0]] = slope
    return values


def _reference(phase: str):
    perform = PHASES[PHASE_NAMES.index(phase)]
    return lambda c: rule_values(perform(step_before(c, phase)), phase)


# The checked rule's arrays of each phase from ``c``, e.g. REFERENCE["update_output"](c) ->
# {"W2": (3, 8), "b2": (8,)}; REFERENCE["output_delta"](c) -> output_delta and slope_out.
REFERENCE = {phase: _reference(phase) for phase in PHASE_NAMES}

# Tolerance. A number printed to 8 decimals is off by up to 5e-9. An element formed from n
# printed numbers of size up to M is off by about n * M * 5e-9 (two factors per product).
# The known mistakes differ from the rule by 1e-4 and more, far above this.
HALF_STEP = 5e-9
DEFAULT_DECIMALS = 8  # numpy's default print precision
# Printed with fewer decimals (np.set_printoptions(precision=4), np.round(..., 4)), a number
# is off by up to half its last decimal: set for the length of one check (printed_to).
_HALF_STEP = ContextVar("half_step", default=HALF_STEP)


@contextmanager
def printed_to(decimals: int | None):
    """Judge (and recognise) as printed to ``decimals`` decimals (None: numpy's 8)."""
    decimals = DEFAULT_DECIMALS if decimals is None else min(int(decimals), DEFAULT_DECIMALS)
    token = _HALF_STEP.set(0.5 * 10.0**-decimals)
    try:
        yield
    finally:
        _HALF_STEP.reset(token)


def half_step() -> float:
    """Half the last printed decimal of the check under way."""
    return _HALF_STEP.get()


PRINTED_NUMBERS_PER_ELEMENT = {
    "hidden_z": 17,  # 8 inputs, 8 weights, 1 bias
    "hidden_a": 1,
    "output_z": 7,  # 3 activations, 3 weights, 1 bias
    "output_a": 1,
    "error": 1,
    "output_delta": 2,
    "hidden_delta": 17,  # 8 deltas, 8 weights, 1 activation
    "update_output": 3,
    "update_hidden": 3,
}


def tolerance(phase: str, c: PhaseInputs) -> float:
    """How far a printed array of ``phase`` may be from the exact value, given ``c``."""
    arrays = [getattr(c, f.name) for f in fields(c) if f.name not in ("lr", "act", "rule", "loss")]
    size = max(1.0, *(float(np.max(np.abs(a))) for a in arrays if a is not None))
    size *= max(1.0, abs(c.lr)) if phase.startswith("update") else 1.0
    tol = half_step() * (1 + 2 * PRINTED_NUMBERS_PER_ELEMENT[phase] * size)
    if phase == "hidden_delta" and c.output_delta is not None and c.hidden_a is not None:
        return min(tol, _hidden_delta_tolerance(c))
    return tol


def _hidden_delta_tolerance(c: PhaseInputs) -> float:
    """The rounding bound of d_h = (d_o W) * f'(a_h) from its own inputs' magnitudes: each
    of d_o, W, a_h off by up to half a step (eps), d_h_k is off by up to
    eps (sum_j |d_o_j| + sum_j |W_kj|) max f' + |d_o W|_k eps max|f''| + eps (its own print),
    with |f''| (the slope's change with a) at most 2 for sigmoid and tanh; twice that for
    the students who computed on with unrounded numbers. The blanket bound above takes
    every number as large as the largest printed and f' as 1: at 3 decimals it let a
    hidden delta 4 times the rule's pass."""
    eps = half_step()
    back = np.atleast_2d(c.rule.back_matrix(c.W1, c.W2))  # (8, 3)
    d_o = np.atleast_2d(c.output_delta)  # (P, 8)
    slope = np.abs(c.rule.slope(c.act, np.asarray(c.hidden_a, dtype=float))) + 2 * eps
    carried = np.abs(d_o) @ np.ones_like(back) + np.sum(np.abs(back), axis=0)  # (P, 3)
    error = eps * carried * np.max(slope) + eps * np.abs(d_o @ back) * 2
    return float(2 * (eps + np.max(error)))


def again_tolerance(array) -> float:
    """How near an array must be to another to be the same one printed again."""
    size = max(1.0, float(np.max(np.abs(array)))) if np.size(array) else 1.0
    return max(1e-7, 4 * half_step()) * size
