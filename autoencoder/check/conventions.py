"""The conventions a student's course uses, read off their numbers, and their arrays brought
to the checker's own convention so that a consistent convention is judged right.

The checker's convention (docs/design.md): e = t - a_o, E = 1/2 sum(e^2), d = e f'(z)
(= -dE/dz), W += lr a^T d. A course may instead write e = a - t and d = dE/dz with
W -= lr a^T d (the same step), E = sum(e^2) (its gradient is 2e: the same step with twice
the learning rate), E = the mean of e^2 over the outputs (2e/8), cross-entropy with sigmoid
outputs (d_o = e exactly), a mean over a batch of P patterns (1/m, in the deltas or in the
updates), or add L2 weight decay (W -= lr (dE/dW + lam W)). Each is a factor or a term the
numbers show:

- the error's factor k_e (e = k_e (t - a_o), k_e in :data:`FACTORS`);
- the deltas' factor k_d (d = k_d e f'(z), one factor for both deltas; d_o = e under
  cross-entropy, inferred where the loss is not stated and d_o is the bare error);
- the updates' 1/P where they are the rule's step (summed over the batch) over P;
- weight decay lam where an updated weight matrix is the rule's step plus -lr lam W.

A printed E says which loss, and its scale: deltas twice the gradient of a printed
1/2 sum(e^2) are then a mistake, not E = sum(e^2).

The arrays are divided by their factor, the updates judged with lr |k_d| (the step a
student's own gradient takes) after the decay is added back; only a departure from the
gradient of the student's own loss is left to be a mistake. A delta that is a catalogued
mistake times a factor keeps the factor (so f' at the activation with d = dE/dz is named).
"""

from dataclasses import dataclass, field, replace

import numpy as np

from autoencoder.check.check_input import CheckInput
from autoencoder.check.mistakes import mistakes_for
from autoencoder.check.phase_arrays import array_tolerance, inputs_of, rule_values, tolerance
from autoencoder.check.student_step import student_walk
from autoencoder.core.losses import LOGISTIC
from autoencoder.core.phases import UPDATES

# sign x the loss's scale (1/2 sum e^2: 1; sum e^2: 2; mean over 8 outputs: 1/4; 1/2 mean: 1/8)
FACTORS = (1.0, -1.0, 2.0, -2.0, 0.25, -0.25, 0.125, -0.125)


def factors_for(x) -> tuple[float, ...]:
    """:data:`FACTORS`, and for a batch of P patterns each also divided by P (a mean over
    the batch taken in the deltas)."""
    P = len(x) if np.ndim(x) == 2 else 1
    return FACTORS if P == 1 else FACTORS + tuple(k / P for k in FACTORS)


SCALE_WORDS = {
    1.0: "E = ½Σe²",
    2.0: "E = Σe² (no ½): its gradient is 2e",
    0.25: "E = the mean of e² over the 8 outputs: its gradient is 2e/8",
    0.125: "E = ½ the mean of e² over the 8 outputs: its gradient is e/8",
}
DECAY_DIGITS = 2  # a weight decay is a round number: lam to 2 significant digits


@dataclass
class Conventions:
    error_factor: float | None = None  # None: no error printed
    delta_factor: float | None = None  # None: no delta printed
    loss: str = "squared"
    loss_inferred: bool = False
    decay: float = 0.0
    batch_mean: int = 0  # P: the updates are the mean over a batch of P patterns (0: summed)
    loss_scale: float | None = None  # the printed squared E's scale (None: not printed)
    lr: float = 0.1  # the student's own learning rate
    said: list[dict] = field(default_factory=list)

    @property
    def caveat(self) -> str:
        """What a step judged right rests on that the numbers cannot settle."""
        if self.loss_inferred:
            return (
                "This is right for the cross-entropy loss, read off your output delta (the "
                "bare error); if your loss is squared error, the factor f'(z_o) is missing: "
                "print the loss to have it judged so."
            )
        return ""

    @property
    def descent(self) -> bool:
        """Whether the deltas are dE/dz, so that the change is subtracted (W -= ...)."""
        return (self.delta_factor or 1.0) < 0

    @property
    def scale(self) -> float:
        factor = self.delta_factor if self.delta_factor is not None else self.error_factor
        return abs(factor or 1.0)


def fit_factor(got, value, tol: float, factors=FACTORS) -> float | None:
    """The factor k of ``factors`` with ``got`` = k ``value`` (to ``tol``), or None."""
    if got is None or value is None:
        return None
    got, value = np.squeeze(np.asarray(got, dtype=float)), np.squeeze(value)
    if got.shape != value.shape:
        return None
    tol = array_tolerance(got, tol)
    for k in factors:
        if np.all(np.abs(got - k * value) <= tol * max(1.0, abs(k))):
            return k
    return None


def _before(ci: CheckInput, phase: str):
    """(the phase's inputs as the student has them, the rule's values of the phase)."""
    for name, before, correct, _ in student_walk(ci):
        if name == phase:
            return inputs_of(before, ci.start), rule_values(correct, phase)
    raise ValueError(phase)


def _allowed(ci: CheckInput, conv: Conventions) -> tuple[float, ...]:
    """The deltas' factors the student's own loss allows: any, unless the printed E says
    its scale (E = 1/2 sum e^2 printed: deltas twice the gradient are a mistake)."""
    factors = factors_for(ci.x)
    if conv.loss_scale is None:
        return factors
    P = len(ci.x) if np.ndim(ci.x) == 2 else 1
    scales = {conv.loss_scale, conv.loss_scale * P, conv.loss_scale / P}
    return tuple(k for k in factors if any(np.isclose(abs(k), s) for s in scales))


def _delta_factor(ci: CheckInput, conv: Conventions) -> tuple[float | None, str | None]:
    """(k_d, what the first printed delta is k_d times: "rule", "cross-entropy" or a
    mistake's name)."""
    for phase in ("output_delta", "hidden_delta"):
        got = ci.arrays.get(phase)
        if got is None:
            continue
        c, reference = _before(ci, phase)
        tol = tolerance(phase, c)
        candidates = [("rule", reference[phase])]
        if phase == "output_delta" and not ci.loss_stated and ci.activation in LOGISTIC:
            candidates.append(("cross-entropy", c.error))
        for known in mistakes_for(phase):
            made = known.compute(c)
            if made and phase in made:
                candidates.append((known.name, made[phase]))
        for what, value in candidates:
            k = fit_factor(got, value, tol, _allowed(ci, conv))
            if k is not None:
                return k, what
        return None, None
    return None, None


def _mean_over_batch(ci: CheckInput) -> bool:
    """Whether the updated weights are the rule's step (summed over the batch's patterns)
    divided by their number P: the mean over the batch."""
    for phase in UPDATES:
        key = UPDATES[phase][0]
        got = ci.after.get(key)
        if got is None:
            continue
        c, reference = _before(ci, phase)
        start, tol = getattr(c, key), tolerance(phase, c)
        step = reference[key] - start
        got = np.asarray(got, dtype=float).reshape(start.shape)
        if np.all(np.abs(got - reference[key]) <= tol):
            return False
        return bool(np.all(np.abs(got - (start + step / len(ci.x))) <= tol))
    return False


def _decay(ci: CheckInput, phase: str, lr: float) -> float:
    """The weight decay lam that makes ``phase``'s updated weights the rule's step minus
    lr lam W, ``lr`` the student's own (0.0: none, or it is not a round number)."""
    key = UPDATES[phase][0]
    got = ci.after.get(key)
    if got is None:
        return 0.0
    c, reference = _before(ci, phase)
    start = getattr(c, key)
    got = np.asarray(got, dtype=float)
    if got.size != start.size:
        return 0.0
    residual = got.reshape(start.shape) - reference[key]
    tol = tolerance(phase, c)
    if np.all(np.abs(residual) <= tol) or not np.any(start):
        return 0.0
    lam = -float(np.sum(residual * start)) / (lr * float(np.sum(start * start)))
    if not np.isfinite(lam) or lam <= 0 or lam * abs(lr) >= 0.5:
        return 0.0
    lam = float(f"{lam:.{DECAY_DIGITS}g}")
    return lam if np.all(np.abs(residual + lr * lam * start) <= tol) else 0.0


def _printed_loss(ci: CheckInput) -> tuple[str, float] | None:
    """(loss, its scale) that the printed E is, of the student's own outputs: "squared"
    (E = scale 1/2 sum e^2; a batch's also divided by P) or "cross-entropy"; None if none is
    printed or it is neither."""
    if ci.loss_value is None:
        return None
    c, _ = _before(ci, "error")
    a, t = np.clip(c.output_a, 1e-300, 1 - 1e-16), ci.x
    P = len(ci.x) if np.ndim(ci.x) == 2 else 1
    e2 = float(np.sum((t - c.output_a) ** 2))
    ce = float(-np.sum(t * np.log(a) + (1 - t) * np.log(1 - a)))
    options = [("squared", f / n, e2 * f / n / 2) for f in SCALE_WORDS for n in {1, P}]
    options += [("cross-entropy", 1.0 / n, ce / n) for n in {1, P}]
    tol = 1e-6 * max(1.0, abs(ci.loss_value))
    for loss, scale, value in options:
        if abs(ci.loss_value - value) <= tol:
            return loss, scale
    return None


def adopt(ci: CheckInput) -> tuple[CheckInput, Conventions]:
    """``ci`` in the checker's convention, and the conventions its numbers show."""
    conv = Conventions(loss=ci.loss, lr=ci.lr)
    arrays, after = dict(ci.arrays), dict(ci.after)
    with np.errstate(all="ignore"):
        printed = _printed_loss(ci)
        if printed and not ci.loss_stated:
            ci = replace(ci, loss=printed[0], loss_stated=True)
            conv.loss = printed[0]
        conv.loss_scale = printed[1] if printed and printed[0] == "squared" else None
        if "error" in arrays:
            c, reference = _before(ci, "error")
            tol = tolerance("error", c)
            factors = factors_for(ci.x)
            conv.error_factor = fit_factor(arrays["error"], reference["error"], tol, factors)
            if conv.error_factor not in (None, 1.0):
                arrays["error"] = np.asarray(arrays["error"], float) / conv.error_factor
        ci = replace(ci, arrays=arrays)
        k, what = _delta_factor(ci, conv)
        if what == "cross-entropy":
            conv.loss, conv.loss_inferred = "cross-entropy", True
            ci = replace(ci, loss="cross-entropy")
        conv.delta_factor = k
        if k not in (None, 1.0):
            for key in ("output_delta", "hidden_delta"):
                if key in arrays:
                    arrays[key] = np.asarray(arrays[key], float) / k
        ci = replace(ci, arrays=arrays, lr=ci.lr * conv.scale)
        if np.ndim(ci.x) == 2 and _mean_over_batch(ci):
            conv.batch_mean = len(ci.x)
            ci = replace(ci, lr=ci.lr / len(ci.x))
        decays = [_decay(ci, phase, conv.lr) for phase in UPDATES]
        decays = [lam for lam in decays if lam]
        if decays and len(set(decays)) == 1:
            conv.decay = decays[0]
            for phase in UPDATES:
                key = UPDATES[phase][0]
                if key in after:
                    start = getattr(ci.start, key)
                    got = np.asarray(after[key], dtype=float)
                    after[key] = got + conv.lr * conv.decay * start.reshape(got.shape)
            ci = replace(ci, after=after)
    conv.said = _said(conv, ci)
    return ci, conv


def _said(conv: Conventions, ci: CheckInput) -> list[dict]:
    """The conventions in words, ``[{"convention", "value", "from"}]``."""
    said = []
    e = conv.error_factor
    if e is None:
        said.append({"convention": "error", "value": "not printed", "from": "-"})
    else:
        sign = "t - a (target minus output)" if e > 0 else "a - t (output minus target)"
        times = "" if abs(e) == 1 else f"{abs(e):g} x "
        said.append({"convention": "error", "value": f"e = {times}{sign}", "from": "your error"})
    if conv.delta_factor is None:
        said.append(
            {"convention": "delta", "value": "not printed (or not recognised)", "from": "-"}
        )
    else:
        value = (
            "d = dE/dz, so the change is subtracted: W -= lr a^T d"
            if conv.descent
            else "d = -dE/dz, so the change is added: W += lr a^T d"
        )
        said.append({"convention": "delta", "value": value, "from": "your deltas"})
    if conv.loss == "cross-entropy":
        how = "inferred: your output delta is the bare error" if conv.loss_inferred else "stated"
        said.append(
            {
                "convention": "loss",
                "value": "cross-entropy with sigmoid outputs: d_o = e exactly",
                "from": how
                + (
                    " (if you meant squared error, the factor f'(z_o) is missing: print "
                    "the loss to have it judged so)"
                    if conv.loss_inferred
                    else ""
                ),
            }
        )
    else:
        P = len(ci.x) if np.ndim(ci.x) == 2 else 1
        words = SCALE_WORDS.get(conv.scale, f"E scaled by {conv.scale:g}")
        if P > 1 and conv.scale * P in (1.0, 2.0):  # the mean over the batch, in the deltas
            words = f"{SCALE_WORDS[conv.scale * P]}, the mean over the {P} patterns (1/m)"
        if conv.scale != 1.0:
            words += f": your learning rate {conv.lr:g} acts as {ci.lr:g} does with E = ½Σe²"
        said.append({"convention": "loss", "value": words, "from": "your deltas' size"})
    if conv.batch_mean:
        said.append(
            {
                "convention": "batch",
                "value": f"the updates are the mean over the {conv.batch_mean} patterns "
                f"(1/m): your lr {conv.lr:g} acts as {ci.lr:g} does on their sum",
                "from": "your updated weights",
            }
        )
    if conv.decay:
        said.append(
            {
                "convention": "weight decay",
                "value": f"L2, lam = {conv.decay:g}: W -= lr (dE/dW + lam W)",
                "from": "your updated weights",
            }
        )
    return said


def in_convention(line: str | None, conv: Conventions) -> str | None:
    """A line of the rule's code as the student's convention writes it: a - t for the error,
    ``-=`` for the updates where the deltas are dE/dz."""
    if line is None:
        return None
    if (conv.error_factor or 1.0) < 0:
        line = line.replace("input_layer - output_activation", "output_activation - input_layer")
    if conv.descent:
        line = line.replace("+=", "\0").replace("-=", "+=").replace("\0", "-=")
    return line
