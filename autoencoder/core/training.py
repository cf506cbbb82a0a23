"""Training: online (one example per step, as the notebook) or full batch, for one network
or for many at once.

Each parameter pair is kept as one "augmented" matrix with the bias as its last row, so that
``[x, 1] @ [[W1], [b1]] = x W1 + b1`` and each layer is one matrix product: ``A1`` (9, 3) and
``A2`` (4, 8) for one network, (N, 9, 3) and (N, 4, 8) for N networks side by side. One
network runs on plain 2-D arrays with ``np.dot`` (the fastest product for such small
matrices); a stack uses ``np.matmul`` over the leading axis. Every buffer and view the hot
loop needs is made once per call.
"""

from dataclasses import dataclass, field

import numpy as np

from autoencoder.core.activations import get_activation
from autoencoder.core.losses import check_loss, cross_entropy
from autoencoder.core.model import N_HIDDEN, Params, init_params
from autoencoder.core.phases import MODES
from autoencoder.core.rules import get_rule

DEFAULTS = {"lr": 2.0, "momentum": 0.0, "rule": "exact", "activation": "sigmoid", "mode": "online"}
DEFAULTS["loss"] = "squared"
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


def _t(a):
    """Transpose of the last two axes (a view)."""
    return np.swapaxes(a, -1, -2)


def _wide(stacked):
    """(N, k, m) -> (k, N*m): the N matrices side by side, so ``x @ wide`` is one product."""
    n, k, m = stacked.shape
    return np.ascontiguousarray(stacked.transpose(1, 0, 2)).reshape(k, n * m)


def _by_net(wide, n):
    """(p, N*m) -> (N, p, m), a view: the inverse arrangement of :func:`_wide`."""
    return wide.reshape(len(wide), n, -1).swapaxes(0, 1)


class _Nets:
    """N networks on the patterns (P, 8), updated in place.

    Layer 1 of all N networks is one wide matrix ``A1`` (9, N*3) (see :func:`_wide`), so its
    forward product and its update are single 2-D operations; layer 2 is ``A2`` (N, 4, 8).
    With N == 1 everything is plain 2-D: ``A2`` (4, 8), and the per-pattern arrays below are
    (p, k) instead of (N, p, k). ``steps`` holds the views of each step of an epoch (online:
    one pattern each, p = 1; batch: one step on all, p = P).
    """

    def __init__(self, A1, A2, V1, V2, patterns, activation, rule, mode, momentum, loss="squared"):
        self.n = n = A1.shape[0]
        self.single = n == 1
        self.A1, self.V1 = _wide(A1), _wide(V1)
        self.A2, self.V2 = (A2[0], V2[0]) if self.single else (A2, V2)
        # views; A1 and A2 only ever change in place
        self.W1 = self.A1[:-1] if self.single else _by_net(self.A1[:-1], n)  # (N, 8, 3)
        self.W2 = self.A2[..., :-1, :]  # (N, 3, 8)
        self.use_momentum = momentum != 0
        self.mm = np.dot if self.single else np.matmul
        # a^T d for one pattern is an outer product: a broadcast multiply, same numbers
        self.outer1 = np.multiply if mode == "online" else np.dot
        self.outer2 = np.multiply if mode == "online" else self.mm
        self.act, self.rule = get_activation(activation), get_rule(rule)
        # the rule's two choices (core/rules.py), read once: the slope function of a layer's
        # activation, and the matrix carrying d_o back (a view of W1 or of W2, kept current)
        self.slope = self.rule.slope_of(self.act)
        self.back = self.rule.back_matrix(self.W1, self.W2)
        self.cross_entropy = loss == "cross-entropy"  # d_o = e, no f' (core/losses.py)
        p = patterns.shape[0]
        self.X, self.T = patterns, patterns > 0.5  # inputs = targets; "learned" targets
        self.Xa = np.concatenate([patterns, np.ones((p, 1))], axis=1)  # (P, 9)
        self.Ha = np.ones(A2.shape[:-2] + (p, N_HIDDEN + 1))  # hidden a, then a column of 1
        if self.single:
            self.Ha = self.Ha[0]
        cuts = [slice(i, i + 1) for i in range(p)] if mode == "online" else [slice(None)]
        self.steps = []
        for r in cuts:  # views (xa, xa^T, x, [h, 1], its h part, [h, 1]^T)
            xa, ha = self.Xa[r], self.Ha[..., r, :]
            self.steps.append((xa, xa.T, self.X[r], ha, ha[..., :-1], _t(ha)))

    def stacked(self):
        """A1, A2, V1, V2 as (N, 9, 3), (N, 4, 8), (N, 9, 3), (N, 4, 8) arrays."""
        n = self.n
        a2, v2 = np.reshape(self.A2, (n, -1, 8)), np.reshape(self.V2, (n, -1, 8))
        return _by_net(self.A1, n), a2, _by_net(self.V1, n), v2

    def hidden(self, xa):
        """Hidden activations (N, p, 3) of all networks for the inputs xa (p, 9)."""
        h = self.act.f(np.dot(xa, self.A1))  # (p, N*3)
        return h if self.single else _by_net(h, self.n)

    def forward(self):
        """Hidden (N, P, 3+1) (last column ones) and output (N, P, 8) activations."""
        self.Ha[..., :-1] = self.hidden(self.Xa)
        return self.Ha, self.act.f(self.mm(self.Ha, self.A2))

    def learned(self):
        """(N,) bool: is each network's set learned (see :func:`is_learned`)?"""
        return np.all((self.forward()[1] > 0.5) == self.T, axis=(-2, -1))

    def set_rates(self, lr, momentum, active=None):
        """Learning rate and momentum of the steps; ``active`` (N,) bool freezes the other
        networks (lr 0 and momentum 0: no change and zero velocity)."""
        self.lr, self.m1, self.m2 = lr, momentum, momentum
        if active is not None:
            on = active.astype(float)
            self.lr, self.m2 = lr * on[:, None, None], momentum * on[:, None, None]
            self.m1 = np.repeat(momentum * on, N_HIDDEN)  # A1's columns are (N*3)

    def step(self, views):
        """One gradient step on the patterns of ``views``; returns E summed over them (a
        float, or (N,) for a stack).

        Both deltas are taken before any update. ``lr`` is folded into d_o, and so (the
        backward pass is linear) into d_h: the updates are then just ``a^T d``.
        """
        xa, xa_t, x, ha, ha_h, ha_t = views
        mm, slope = self.mm, self.slope
        h = self.hidden(xa)  # (N, p, 3); ufuncs are faster on it than on the view ha_h
        ha_h[...] = h
        out = self.act.f(mm(ha, self.A2))  # (N, p, 8)
        err = x - out
        if self.cross_entropy:
            d_o = err * self.lr
        else:
            d_o = err * slope(out)  # the same products as core/rules.py, with lr folded in
            d_o *= self.lr
        d_h = mm(d_o, self.back)
        d_h *= slope(h)
        if not self.single:
            d_h = d_h.swapaxes(0, 1).reshape(len(xa), -1)  # (p, N*3), as A1's columns
        if self.use_momentum:  # V = momentum V + lr a^T d ; A += V
            self.V2 *= self.m2
            self.V2 += self.outer2(ha_t, d_o)
            self.V1 *= self.m1
            self.V1 += self.outer1(xa_t, d_h)
        else:  # V is just the last update
            self.V2, self.V1 = self.outer2(ha_t, d_o), self.outer1(xa_t, d_h)
        self.A2 += self.V2
        self.A1 += self.V1
        return self.loss_sum(x, out, err)

    def loss_sum(self, x, out, err):
        """E summed over the patterns (the chosen loss): float, or (N,) for a stack."""
        if self.cross_entropy:
            return self.ce_sum(x, out)
        return 0.5 * _sq(err, self.single)

    def ce_sum(self, x, out):
        """The cross-entropy summed over the patterns: float, or (N,) for a stack."""
        ce = cross_entropy(x, out)  # (N, p) or (p,)
        return float(ce.sum()) if self.single else ce.sum(axis=-1)


def _sq(err, single):
    """Sum of squares of err: (p, 8) -> float, or per network (N, p, 8) -> (N,)."""
    if single:
        flat = err.ravel()
        return flat.dot(flat)
    flat = err.reshape(len(err), -1)
    return np.vecdot(flat, flat)


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
    loss=DEFAULTS["loss"],
) -> TrainResult:
    """Train N networks side by side on the same patterns (P, 8).

    ``epochs`` bounds the run (default MAX_EPOCHS when ``until_learned``). With
    ``until_learned`` a network stops changing once its set is learned, and the run ends when
    all are learned. ``mode`` is 'online' (one pattern per step, in order) or 'batch'.
    ``loss`` is 'squared' or 'cross-entropy' (sigmoid outputs only): the E in the loss
    history and the output delta (e, without f') follow it.
    """
    check_loss(loss, activation)
    if mode not in MODES:
        raise ValueError(f"unknown mode {mode!r} (choose from {', '.join(MODES)})")
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
    nets = _Nets(A1, A2, V1, V2, X, activation, rule, mode, momentum, loss)
    n = A1.shape[0]
    learned_at = np.full(n, -1)
    history = []
    nets.set_rates(lr, momentum)
    epoch = 0
    for epoch in range(epochs):
        if until_learned:
            now = nets.learned()
            learned_at[(learned_at < 0) & now] = epoch
            if now.all():
                break
            if now.any():  # freeze the learned networks (only in a stack)
                nets.set_rates(lr, momentum, active=learned_at < 0)
        loss = 0.0
        for views in nets.steps:
            loss += nets.step(views)
        history.append(loss)
    else:
        epoch = epochs
    Ha, out = nets.forward()
    learned_at[(learned_at < 0) & is_learned(out, X)] = epoch
    final = np.reshape(nets.loss_sum(X, out, X - out), n)
    A1, A2, V1, V2 = nets.stacked()
    return TrainResult(
        params=[Params(*_split(a1), *_split(a2)) for a1, a2 in zip(A1, A2)],
        loss_history=np.array(history, dtype=float).reshape(len(history), n),
        learned_at=[int(e) if e >= 0 else None for e in learned_at],
        epochs_run=epoch,
        final_loss=final,
        hidden=np.reshape(Ha[..., :-1], (n, len(X), N_HIDDEN)).copy(),
        outputs=np.reshape(out, (n, *X.shape)),
        velocity=[Params(*_split(v1), *_split(v2)) for v1, v2 in zip(V1, V2)],
    )


def train(params: Params, patterns, **kw) -> TrainResult:
    """Train one network (see :func:`train_stack` for the options)."""
    return train_stack([params], patterns, **kw)


def train_seeds(seeds, patterns, **kw) -> TrainResult:
    """Train one freshly initialised network per seed, all at once."""
    return train_stack([init_params(int(s)) for s in seeds], patterns, **kw)
