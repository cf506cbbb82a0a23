"""Speed of the numpy core: prints medians and ratios, all measured in this one run.

    python benchmarks/bench_core.py           # full run (about a minute)
    python benchmarks/bench_core.py --quick   # CI-sized run (a few seconds)

1. One full-batch epoch on the 8 one-hot patterns: ``training.train(mode="batch")`` against
   a plain, straightforward numpy version written below (target: at most 0.6x its time).
2. 100 networks trained side by side (``training.train_seeds``) against the same 100 trained
   one by one (``training.train``): throughput ratio (target: at least 20x), online mode (the
   default) and batch mode.
3. "Until learned" at ``training.DEFAULTS`` over 20 seeds, one network at a time: median
   epochs and median wall time (target: well under 0.2 s).

Timings are medians of repeated ``time.perf_counter`` runs; the two sides of every ratio are
measured in alternating rounds, so that load from other processes falls on both alike.
"""

import argparse
import sys
import time
from pathlib import Path

import numpy as np
from scipy.special import expit

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from autoencoder.core.model import ONE_HOT, init_params  # noqa: E402
from autoencoder.core.training import DEFAULTS, train, train_seeds  # noqa: E402


def plain_batch_training(params, X, epochs, lr):
    """The straightforward numpy full-batch trainer (exact rule, sigmoid): the baseline."""
    W1, b1, W2, b2 = (a.copy() for a in (params.W1, params.b1, params.W2, params.b2))
    losses = []
    for _ in range(epochs):
        h = expit(X @ W1 + b1)
        o = expit(h @ W2 + b2)
        e = X - o
        losses.append(0.5 * np.sum(e * e))
        d_o = e * o * (1 - o)
        d_h = (d_o @ W2.T) * h * (1 - h)
        W2 += lr * (h.T @ d_o)
        b2 += lr * d_o.sum(axis=0)
        W1 += lr * (X.T @ d_h)
        b1 += lr * d_h.sum(axis=0)
    return W1, b1, W2, b2, losses


def seconds(fn):
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def alternate(rounds, **fns):
    """Run each function once per round, in turn; return {name: median seconds}."""
    times = {name: [] for name in fns}
    for _ in range(rounds):
        for name, fn in fns.items():
            times[name].append(seconds(fn))
    return {name: float(np.median(t)) for name, t in times.items()}


def bench_epoch(epochs, rounds):
    params, X, lr = init_params(0), ONE_HOT, DEFAULTS["lr"]
    # same numbers first: the baseline does the same work
    ours = train(params, X, epochs=epochs, mode="batch", lr=lr).params[0].flat()
    plain = np.concatenate([a.ravel() for a in plain_batch_training(params, X, epochs, lr)[:4]])
    agree = float(np.max(np.abs(ours - plain)))
    t = alternate(
        rounds,
        plain=lambda: plain_batch_training(params, X, epochs, lr),
        batch=lambda: train(params, X, epochs=epochs, mode="batch", lr=lr),
        online=lambda: train(params, X, epochs=epochs, mode="online", lr=lr),
    )
    us = {k: v / epochs * 1e6 for k, v in t.items()}
    return [
        ("full-batch epoch, plain numpy", f"{us['plain']:.1f} us", ""),
        ("full-batch epoch, training.train", f"{us['batch']:.1f} us", ""),
        ("  ratio train / plain", f"{us['batch'] / us['plain']:.2f}x", "<= 0.6x"),
        ("  largest difference in the weights", f"{agree:.1e}", "same numbers"),
        ("online epoch (8 steps), training.train", f"{us['online']:.1f} us", ""),
    ]


def bench_stack(n_nets, epochs, rounds):
    rows = []
    for mode in ("online", "batch"):
        t = alternate(
            rounds,
            alone=lambda mode=mode: [
                train(init_params(s), ONE_HOT, epochs=epochs, mode=mode) for s in range(n_nets)
            ],
            stack=lambda mode=mode: train_seeds(range(n_nets), ONE_HOT, epochs=epochs, mode=mode),
        )
        per = {k: v / (epochs * n_nets) * 1e6 for k, v in t.items()}
        target = ">= 20x" if mode == DEFAULTS["mode"] else ""
        rows += [
            (f"{n_nets} networks, {mode}, one by one: per net-epoch", f"{per['alone']:.1f} us", ""),
            (f"{n_nets} networks, {mode}, batched: per net-epoch", f"{per['stack']:.2f} us", ""),
            ("  throughput ratio batched / one by one", f"{t['alone'] / t['stack']:.1f}x", target),
        ]
    return rows


def bench_until_learned(n_seeds):
    epochs, times = [], []
    for seed in range(n_seeds):
        params = init_params(seed)
        start = time.perf_counter()
        result = train(params, ONE_HOT, until_learned=True, **DEFAULTS)
        times.append(time.perf_counter() - start)
        epochs.append(result.learned_at[0])
    return [
        (f'"until learned", training.DEFAULTS, {n_seeds} seeds', "", ""),
        ("  median epochs", f"{np.median(epochs):g}", ""),
        ("  median wall time per seed", f"{np.median(times):.3f} s", "well under 0.2 s"),
        ("  slowest seed", f"{max(times):.3f} s", f"({max(epochs)} epochs)"),
    ]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="CI-sized run (a few seconds)")
    args = parser.parse_args(argv)
    q = args.quick
    rows = bench_epoch(epochs=200 if q else 2000, rounds=3 if q else 15)
    rows += bench_stack(n_nets=100, epochs=5 if q else 50, rounds=1 if q else 5)
    rows += bench_until_learned(n_seeds=3 if q else 20)
    width = max(len(r[0]) for r in rows)
    print(f"{'measure':<{width}}  {'median':>12}  target")
    for name, value, target in rows:
        print(f"{name:<{width}}  {value:>12}  {target}")


if __name__ == "__main__":
    main()
