"""The corpus's referee: what each printed array of a student's step should be, from central
finite differences of the student's own loss, and so the first phase that is wrong.

A corpus implementation (``nets_*.py``) runs one step from a fixed start and prints it as
its author prints; beside the text it hands over a :class:`Run`: the start and each printed
array in the checker's terms (``W1`` 8x3 input->hidden, ``hidden_z`` (3,), ``after.W2``
...), its activation and its loss. Nothing here reads the checker.

What each array should be:
- the forward arrays: the net's forward pass (no bias: b = 0);
- the error: t - a or a - t, or dL/da with either sign (a convention, not a mistake);
- the deltas: s dL/dz (s = +1 or -1, one sign for both deltas: the convention; for a
  loss that is the mean over P patterns, also s P dL/dz: each pattern's own gradient);
- the updated parameters: p - lr dL/dp, every derivative by central differences of L.
"""

import contextlib
import io
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from autoencoder.core.phases import PHASE_NAMES

PHASES = PHASE_NAMES  # the nine phases' names (the core's; nothing of the checker)
UPDATED = {"update_output": ("after.W2", "after.b2"), "update_hidden": ("after.W1", "after.b1")}
H = 1e-6  # central-difference step


def sigmoid(u):
    return 1 / (1 + np.exp(-u))


def squared_half(a, t):
    return 0.5 * np.sum((t - a) ** 2)


@dataclass
class Run:
    """One step of a student's net, in the checker's terms (biases zero where it has none)."""

    x: np.ndarray  # (8,), or (P, 8): a batch of P patterns
    start: dict  # W1 (8, 3), b1 (3,), W2 (3, 8), b2 (8,)
    lr: float
    act: Callable = sigmoid  # f, elementwise
    output_loss: Callable = squared_half  # (a_o, t) -> E, as the student defines it
    decay: float = 0.0  # L2 weight decay: + decay/2 * (|W1|^2 + |W2|^2)
    biases: bool = True
    printed: dict = field(default_factory=dict)  # key -> the array as the student had it
    text: str = ""


def forward(run: Run, W1, b1, W2, b2) -> dict:
    z_h = run.x @ W1 + b1
    a_h = run.act(z_h)
    z_o = a_h @ W2 + b2
    return {"hidden_z": z_h, "hidden_a": a_h, "output_z": z_o, "output_a": run.act(z_o)}


def loss(run: Run, W1, b1, W2, b2) -> float:
    a_o = forward(run, W1, b1, W2, b2)["output_a"]
    weights = np.sum(W1 * W1) + np.sum(W2 * W2)
    return float(run.output_loss(a_o, run.x) + 0.5 * run.decay * weights)


def gradient(fn, at: np.ndarray) -> np.ndarray:
    """Central differences of the scalar ``fn`` at ``at`` (any shape)."""
    grad = np.zeros_like(at, dtype=float)
    for index in np.ndindex(at.shape):
        up, down = at.copy(), at.copy()
        up[index] += H
        down[index] -= H
        grad[index] = (fn(up) - fn(down)) / (2 * H)
    return grad


def truths(run: Run) -> dict:
    """Each key's acceptable values (a list: conventions allow several) from the start."""
    p = {k: np.asarray(v, dtype=float) for k, v in run.start.items()}
    fwd = forward(run, **p)
    t, a_o = run.x, fwd["output_a"]
    out = {k: [v] for k, v in fwd.items()}
    d_a = gradient(lambda a: run.output_loss(a, t), a_o)
    out["error"] = [t - a_o, a_o - t, d_a, -d_a]
    d_zo = gradient(lambda z: run.output_loss(run.act(z), t), fwd["output_z"])
    d_zh = gradient(
        lambda z: run.output_loss(run.act(run.act(z) @ p["W2"] + p["b2"]), t), fwd["hidden_z"]
    )
    # a delta may also be the gradient of one pattern's loss where E is the mean over P
    # patterns (the 1/P then taken in the update): P dE/dz
    P = len(run.x) if np.ndim(run.x) == 2 else 1
    scales = (1.0, float(P)) if P > 1 else (1.0,)
    out["output_delta"] = [s * k * d_zo for s in (1, -1) for k in scales]
    out["hidden_delta"] = [s * k * d_zh for s in (1, -1) for k in scales]
    for name in p:
        others = dict(p)

        def at(value, name=name, others=others):
            return loss(run, **{**others, name: value})

        out[f"after.{name}"] = [p[name] - run.lr * gradient(at, p[name])]
    return out


def _close(a, b) -> bool:
    a, b = np.squeeze(np.asarray(a, dtype=float)), np.squeeze(b)
    return a.shape == b.shape and bool(np.allclose(a, b, rtol=1e-6, atol=1e-7))


def first_wrong(run: Run) -> str | None:
    """The first phase whose printed arrays are not what they should be; None if none.
    The deltas keep one sign (the one the first printed delta has)."""
    right, sign = truths(run), None
    for phase in PHASES:
        keys = UPDATED.get(phase, (phase,))
        for key in keys:
            if key not in run.printed:
                continue
            got, options = run.printed[key], right[key]
            if key.endswith("_delta"):  # one convention (sign and scale) for both deltas
                if sign is None:
                    sign = next((i for i, v in enumerate(options) if _close(got, v)), 0)
                options = options[sign : sign + 1]
            if not any(_close(got, v) for v in options):
                return phase
    return None


def printed_run(make: Callable[[], Run]) -> Run:
    """``make()``'s Run with what it printed as its text."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        run = make()
    run.text = out.getvalue()
    return run
