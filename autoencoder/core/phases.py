"""One training step on one example, as nine phases (docs/design.md).

A :class:`Step` is an immutable record of everything computed so far. Each phase is a
function ``Step -> Step`` that fills in one more result, so a caller can stop after any
phase, show it, and go back by keeping the earlier Step. Parameters as in
:mod:`autoencoder.core.model`.

Online (one example, as the notebook): x (8,), hidden arrays (3,), output arrays (8,).
Batch (the whole training set at once, one step = one epoch): the same functions on
x (P, 8), one row per pattern, hidden arrays (P, 3), output arrays (P, 8), deltas (P, k);
the loss is summed over the patterns and each update sums the patterns' updates
(W2 += lr a_h^T d_o, a (3, P) (P, 8) product; b2 += lr sum_p d_o).
"""

from dataclasses import dataclass, replace

import numpy as np

from autoencoder.core.activations import get_activation
from autoencoder.core.losses import check_loss, get_loss
from autoencoder.core.model import Params, zeros_like_params
from autoencoder.core.rules import get_rule

MODES = ("online", "batch")


@dataclass(frozen=True, eq=False)
class Step:
    params: Params  # current parameters (new ones after phases 8 and 9)
    x: np.ndarray  # the example (8,), or the patterns (P, 8) of a batch; also the target
    lr: float = 0.1
    rule: str = "exact"
    activation: str = "sigmoid"
    momentum: float = 0.0
    velocity: Params | None = None  # last update of each parameter (for momentum)
    done: int = 0  # how many of the nine phases have been performed
    hidden_z: np.ndarray | None = None
    hidden_a: np.ndarray | None = None
    output_z: np.ndarray | None = None
    output_a: np.ndarray | None = None
    error: np.ndarray | None = None
    loss: float | None = None
    output_delta: np.ndarray | None = None
    hidden_delta: np.ndarray | None = None
    loss_name: str = "squared"  # the loss E (autoencoder.core.losses): squared or cross-entropy

    @property
    def phase(self) -> str:
        """Name of the last phase performed, or 'ready' before the first."""
        return PHASE_NAMES[self.done - 1] if self.done else "ready"

    @property
    def next_name(self) -> str | None:
        return PHASE_NAMES[self.done] if self.done < len(PHASES) else None

    @property
    def complete(self) -> bool:
        return self.done == len(PHASES)

    @property
    def batch(self) -> bool:
        """Whether this step works on the whole training set at once (x is (P, 8))."""
        return self.x.ndim == 2

    @property
    def n_patterns(self) -> int:
        """How many patterns the step trains on: P in batch mode, 1 online."""
        return len(self.x) if self.batch else 1


def start_step(
    params,
    x,
    lr=0.1,
    rule="exact",
    activation="sigmoid",
    momentum=0.0,
    velocity=None,
    loss="squared",
    mode=None,
):
    """A Step before its first phase. Validates the rule, activation, loss and mode names
    (and that the loss is exact with the activation). ``mode`` 'online': x is one example,
    (8,); 'batch': x is the training set, (P, 8) (one pattern, (8,), is taken as P = 1);
    None: batch if x is 2-D, else online."""
    get_rule(rule), get_activation(activation), check_loss(loss, activation)
    x = np.asarray(x, dtype=float)
    if mode is None:
        mode = "batch" if x.ndim == 2 else "online"
    if mode not in MODES:
        raise ValueError(f"unknown mode {mode!r} (choose from {', '.join(MODES)})")
    x = x.reshape(-1, x.shape[-1]) if mode == "batch" else x.reshape(-1)
    return Step(params, x, float(lr), rule, activation, float(momentum), velocity, loss_name=loss)


def _advance(s: Step, **changes) -> Step:
    return replace(s, done=s.done + 1, **changes)


def _act(s: Step):
    return get_activation(s.activation)


def hidden_z(s: Step) -> Step:
    """z_h = x W1 + b1."""
    return _advance(s, hidden_z=s.x @ s.params.W1 + s.params.b1)


def hidden_a(s: Step) -> Step:
    """a_h = f(z_h)."""
    return _advance(s, hidden_a=_act(s).f(s.hidden_z))


def output_z(s: Step) -> Step:
    """z_o = a_h W2 + b2."""
    return _advance(s, output_z=s.hidden_a @ s.params.W2 + s.params.b2)


def output_a(s: Step) -> Step:
    """a_o = f(z_o)."""
    return _advance(s, output_a=_act(s).f(s.output_z))


def error(s: Step) -> Step:
    """e = x - a_o; E = 1/2 sum(e^2) (or the cross-entropy, :mod:`autoencoder.core.losses`)."""
    e = s.x - s.output_a
    if s.loss_name == "squared":
        return _advance(s, error=e, loss=float(0.5 * np.sum(e * e)))
    return _advance(s, error=e, loss=float(np.sum(get_loss(s.loss_name).value(s.x, s.output_a))))


def output_delta(s: Step) -> Step:
    """Row 6: the two rules differ here (see :mod:`autoencoder.core.rules`). With cross-entropy
    (logistic outputs) both rules give d_o = e: the loss cancels the f' factor."""
    if not get_loss(s.loss_name).slope_factor:
        return _advance(s, output_delta=s.error.copy())
    return _advance(s, output_delta=get_rule(s.rule).output_delta(s.error, s.output_a, _act(s)))


def hidden_delta(s: Step) -> Step:
    """Row 7: computed from the parameters before any update."""
    rule, p = get_rule(s.rule), s.params
    return _advance(
        s, hidden_delta=rule.hidden_delta(s.output_delta, p.W1, p.W2, s.hidden_a, _act(s))
    )


def _momentum_update(s: Step, names, grads):
    """param += v, v = momentum * v + lr * grad (plain gradient step when momentum is 0)."""
    velocity = s.velocity or zeros_like_params()
    new_p, new_v = s.params.as_dict(), velocity.as_dict()
    for name, grad in zip(names, grads):
        new_v[name] = s.momentum * new_v[name] + s.lr * grad
        new_p[name] = new_p[name] + new_v[name]
    return _advance(s, params=Params(**new_p), velocity=Params(**new_v))


def update_direction(source, delta) -> tuple[np.ndarray, np.ndarray]:
    """(a^T d, d) for one example, source (m,) and delta (k,): (m, k) and (k,); for a batch,
    source (P, m) and delta (P, k), the sums over the patterns: a^T d (m, k) and sum_p d (k,)."""
    if np.ndim(source) == 1:
        return np.outer(source, delta), delta
    return np.dot(source.T, delta), delta.sum(axis=0)


# What each update phase changes, and from what: its weights, its bias, the values of the
# layer below (the weights' inputs) and the deltas of the layer above.
UPDATES = {
    "update_output": ("W2", "b2", "hidden_a", "output_delta"),
    "update_hidden": ("W1", "b1", "x", "hidden_delta"),
}


def _update(s: Step, phase: str) -> Step:
    weights, bias, source, delta = UPDATES[phase]
    return _momentum_update(
        s, (weights, bias), update_direction(getattr(s, source), getattr(s, delta))
    )


def update_output(s: Step) -> Step:
    """W2 += lr a_h^T d_o; b2 += lr d_o (a batch: both summed over the patterns)."""
    return _update(s, "update_output")


def update_hidden(s: Step) -> Step:
    """W1 += lr x^T d_h; b1 += lr d_h (a batch: both summed over the patterns)."""
    return _update(s, "update_hidden")


PHASES = (
    hidden_z,
    hidden_a,
    output_z,
    output_a,
    error,
    output_delta,
    hidden_delta,
    update_output,
    update_hidden,
)
PHASE_NAMES = tuple(p.__name__ for p in PHASES)


def next_phase(s: Step) -> Step:
    """Perform the next phase; a complete step is returned unchanged."""
    return PHASES[s.done](s) if s.done < len(PHASES) else s


def advance(s: Step, phases: int) -> Step:
    """``s`` after ``phases`` more phases (at most to the end of the step)."""
    for _ in range(min(phases, len(PHASES) - s.done)):
        s = next_phase(s)
    return s


def advance_through(s: Step, phase: str) -> Step:
    """``s`` with every phase up to and including ``phase`` performed (e.g. "error": the
    forward pass and the loss)."""
    return advance(s, PHASE_NAMES.index(phase) + 1 - s.done)


def finish_step(s: Step) -> Step:
    """Perform every remaining phase of the step."""
    return advance(s, len(PHASES))


def run_step(params, x, **settings) -> Step:
    """One whole training step from scratch."""
    return finish_step(start_step(params, x, **settings))


_ROWS = ("x", "hidden_z", "hidden_a", "output_z", "output_a", "error")
_ROWS += ("output_delta", "hidden_delta")


def one_pattern(s: Step, p: int) -> Step:
    """Pattern ``p`` (0-based) of a batch step as an online-shaped Step: its row of every
    array (x (8,), hidden (3,), output (8,)) and its own loss, with the batch's parameters
    and velocity (the updates sum all patterns). An online step is returned as it is."""
    if not s.batch:
        return s
    rows = {n: None if getattr(s, n) is None else getattr(s, n)[p] for n in _ROWS}
    loss = None
    if s.loss is not None:
        loss = float(np.sum(get_loss(s.loss_name).value(rows["x"], rows["output_a"])))
    return replace(s, loss=loss, **rows)


# The arrays each phase produces, by name: update_output -> (W2, b2), update_hidden ->
# (W1, b1), every other phase its own array (hidden_z -> hidden_z; error -> error).
PHASE_ARRAYS = {name: UPDATES[name][:2] if name in UPDATES else (name,) for name in PHASE_NAMES}
UPDATED_BY = {param: phase for phase, names in UPDATES.items() for param in names[:2]}


def performed(s: Step, phase: str) -> bool:
    """Whether ``s`` has performed ``phase`` yet."""
    return PHASE_NAMES.index(phase) < s.done


def phase_values(s: Step, name: str) -> dict[str, np.ndarray]:
    """The arrays phase ``name`` produced, as :data:`PHASE_ARRAYS` names them, e.g.
    {'W2': (3, 8), 'b2': (8,)} (the current parameters) or {'hidden_z': (3,)}."""
    return {k: getattr(s.params if k in UPDATED_BY else s, k) for k in PHASE_ARRAYS[name]}


def phase_result(s: Step, name: str) -> dict[str, np.ndarray]:
    """:func:`phase_values`, and for the error phase also the loss (the CLI's ``phases``)."""
    values = phase_values(s, name)
    if name == "error":
        values["loss"] = np.array(s.loss)
    return values


def update_directions(s: Step) -> dict[str, np.ndarray | None]:
    """Each parameter's update direction (a^T d for weights, d for biases; minus the gradient
    of E under the exact rule), once its delta is computed, else None: {"W2": (3, 8),
    "b2": (8,), "W1": (8, 3), "b1": (3,)}; for a batch step, summed over its patterns."""
    out = {}
    for weights, bias, source, delta in UPDATES.values():
        known = getattr(s, delta) is not None
        direction = (
            update_direction(getattr(s, source), getattr(s, delta)) if known else (None, None)
        )
        out[weights], out[bias] = direction
    return out


def params_before_update(s: Step) -> dict[str, np.ndarray]:
    """The parameters the step's forward and backward phases used: the current ones, minus
    the change an update phase of this step has already applied (its velocity)."""
    used = s.params.as_dict()
    for phase, names in UPDATES.items():
        if performed(s, phase):
            for name in names[:2]:
                used[name] = used[name] - getattr(s.velocity, name)
    return used
