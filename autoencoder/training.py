"""Training: online (one example per step, as the notebook) or full batch, for one network
or for many at once.

Everything runs on stacked arrays: N networks side by side, each parameter pair kept as one
"augmented" matrix with the bias as its last row, so ``[x, 1] @ [[W1], [b1]] = x W1 + b1``:
``A1`` (N, 9, 3) and ``A2`` (N, 4, 8). Buffers are allocated once per call.
"""

from dataclasses import dataclass, field

import numpy as np

from .activations import get_activation
from .model import N_HIDDEN, Params, init_params
from .rules import get_rule

DEFAULTS = {"lr": 2.0, "momentum": 0.0, "rule": "exact", "activation": "sigmoid", "mode": "online"}
MAX_EPOCHS = 20_000  # the cap for "until learned"


@dataclass
class TrainResult:
    params: list[Params]  # one per network
    loss_history: np.ndarray  # (epochs_run, N): the set's summed E during each epoch
    learned_at: list[int | None]  # first epoch count after which the set was learned
    epochs_run: int
    final_loss: np.ndarray  # (N,) summed E of the set with the final parameters
    hidden: np.ndarray  # (N, P, 3) hidden activations for each pattern, final parameters
    outputs: np.ndarray  # (N, P, 8)
    velocity: list[Params] = field(default_factory=list)


def is_learned(outputs, targets) -> np.ndarray:
    """Every output of every pattern on the right side of 0.5. outputs (..., P, 8) -> (...)."""
    return np.all((outputs > 0.5) == (np.asarray(targets) > 0.5), axis=(-2, -1))


def hidden_code_bits(hidden) -> np.ndarray:
    """Hidden activations rounded to bits (threshold 0.5). (..., P, 3) -> int array."""
    return (np.asarray(hidden) > 0.5).astype(int)


def codes_distinct(hidden) -> bool:
    """Whether the patterns' hidden codes round to pairwise different bit codes. (P, 3)."""
    bits = hidden_code_bits(hidden)
    return len({tuple(row) for row in bits}) == len(bits)


def _augment(matrix, bias):
    """(k, m) weights and (m,) bias -> (k+1, m), bias as the last row."""
    return np.vstack([matrix, bias])


def _split(aug):
    return aug[:-1].copy(), aug[-1].copy()


class _Stack:
    """Buffers and the two passes for N networks on P patterns (or a slice of them)."""

    def __init__(self, A1, A2, patterns, activation, rule):
        self.A1, self.A2 = A1, A2
        self.act, self.rule = get_activation(activation), get_rule(rule)
        n, p = A1.shape[0], patterns.shape[0]
        self.X = patterns
        self.Xa = np.concatenate([patterns, np.ones((p, 1))], axis=1)  # (P, 9)
        self.Ha = np.ones((n, p, N_HIDDEN + 1))  # hidden activations with a column of ones

    def forward(self, rows=slice(None)):
        """Hidden and output activations for patterns[rows]: (N, p, 3+1), (N, p, 8)."""
        Ha = self.Ha[:, rows]
        Ha[..., :-1] = self.act.f(self.Xa[rows] @ self.A1)
        return Ha, self.act.f(Ha @ self.A2)

    def gradients(self, rows=slice(None)):
        """Forward, then the rule's deltas; returns (loss (N,), out (N,p,8), gA1, gA2).

        The "gradients" are the descent directions sum_p a^T d (the exact rule: -dE/dW).
        """
        Ha, out = self.forward(rows)
        err = self.X[rows] - out
        out_delta = self.rule.output_delta(err, None, out, self.act)
        hid_delta = self.rule.hidden_delta(
            out_delta, self.A1[:, :-1], self.A2[:, :-1], None, Ha[..., :-1], self.act
        )
        loss = 0.5 * np.einsum("npk,npk->n", err, err)
        gA2 = np.swapaxes(Ha, 1, 2) @ out_delta
        gA1 = self.Xa[rows].T @ hid_delta
        return loss, out, gA1, gA2


def train_stack(
    params_list,
    patterns,
    *,
    epochs=None,
    until_learned=False,
    lr=DEFAULTS["lr"],
    momentum=DEFAULTS["momentum"],
    rule=DEFAULTS["rule"],
    activation=DEFAULTS["activation"],
    mode=DEFAULTS["mode"],
    velocity_list=None,
) -> TrainResult:
    """Train N networks side by side on the same patterns (P, 8).

    ``epochs`` bounds the run (default MAX_EPOCHS when ``until_learned``). With
    ``until_learned`` a network stops changing once its set is learned, and the run ends when
    all are learned. ``mode`` is 'online' (one pattern per step, in order) or 'batch'.
    """
    if mode not in ("online", "batch"):
        raise ValueError(f"unknown mode {mode!r} (choose from online, batch)")
    if epochs is None:
        epochs = MAX_EPOCHS if until_learned else 1
    if epochs < 0:
        raise ValueError("epochs must be at least 0")
    X = np.asarray(patterns, dtype=float)
    A1 = np.stack([_augment(p.W1, p.b1) for p in params_list])
    A2 = np.stack([_augment(p.W2, p.b2) for p in params_list])
    V1, V2 = np.zeros_like(A1), np.zeros_like(A2)
    if velocity_list is not None:
        V1 = np.stack([_augment(v.W1, v.b1) for v in velocity_list])
        V2 = np.stack([_augment(v.W2, v.b2) for v in velocity_list])
    net = _Stack(A1, A2, X, activation, rule)
    n = A1.shape[0]
    learned_at = np.full(n, -1)
    history = []
    step_rows = [slice(i, i + 1) for i in range(len(X))] if mode == "online" else [slice(None)]
    active = np.ones((n, 1, 1))
    for epoch in range(epochs):
        if until_learned:
            now = is_learned(net.forward()[1], X)
            learned_at[(learned_at < 0) & now] = epoch
            if now.all():
                break
            active[:, 0, 0] = learned_at < 0
        epoch_loss = np.zeros(n)
        for rows in step_rows:
            loss, _, gA1, gA2 = net.gradients(rows)
            epoch_loss += loss
            V1 *= momentum
            V1 += lr * gA1
            V2 *= momentum
            V2 += lr * gA2
            if until_learned:
                V1 *= active
                V2 *= active
            A1 += V1
            A2 += V2
        history.append(epoch_loss)
    else:
        epoch = epochs
    Ha, out = net.forward()
    now = is_learned(out, X)
    learned_at[(learned_at < 0) & now] = epoch
    err = X - out
    return TrainResult(
        params=[Params(*_split(a1), *_split(a2)) for a1, a2 in zip(A1, A2)],
        loss_history=np.array(history).reshape(len(history), n),
        learned_at=[int(e) if e >= 0 else None for e in learned_at],
        epochs_run=epoch,
        final_loss=0.5 * np.einsum("npk,npk->n", err, err),
        hidden=Ha[..., :-1].copy(),
        outputs=out,
        velocity=[Params(*_split(v1), *_split(v2)) for v1, v2 in zip(V1, V2)],
    )


def train(params: Params, patterns, **kw) -> TrainResult:
    """Train one network (see :func:`train_stack` for the options)."""
    return train_stack([params], patterns, **kw)


def train_seeds(seeds, patterns, **kw) -> TrainResult:
    """Train one freshly initialised network per seed, all at once."""
    return train_stack([init_params(int(s)) for s in seeds], patterns, **kw)
