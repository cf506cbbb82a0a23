"""Training that stops at the last sane state when the numbers blow up.

A learning rate that is too large can drive the weights past any sane size (or to inf
and NaN). The trainer runs in chunks of epochs; a chunk that blows up is redone one
epoch at a time, so training stops within one epoch of the blow-up, keeping every sane
epoch before it.
"""

from dataclasses import replace

import numpy as np

from autoencoder.core.settings import params_are_sane, quiet_numpy
from autoencoder.core.training import MAX_EPOCHS, TrainResult, train

CHUNK_EPOCHS = 250  # a blow-up wastes at most this many epochs of work


def _sane_run(params, velocity, patterns, epochs, options) -> TrainResult | None:
    """The trainer's result from ``params``, or None if anything in it is not sane."""
    with quiet_numpy():
        result = train(
            params,
            patterns,
            epochs=epochs,
            velocity_list=None if velocity is None else [velocity],
            **options,
        )
    sane = params_are_sane(result.params[0]) and params_are_sane(result.velocity[0])
    return result if sane and np.isfinite(result.loss_history).all() else None


def train_until_blow_up(
    params,
    velocity,
    patterns,
    *,
    epochs=None,
    until_learned=False,
    chunk=CHUNK_EPOCHS,
    progress=None,
    **options,
) -> tuple[list[TrainResult], bool]:
    """Train one network online; returns (the sane runs in order, whether it blew up).

    ``epochs`` bounds the run (MAX_EPOCHS when ``until_learned``); ``options`` are the
    trainer's (lr, rule, activation, momentum, mode). ``progress(epochs_done)`` is called
    after each chunk.
    """
    options = {"mode": "online", **options, "until_learned": until_learned}
    remaining = MAX_EPOCHS if until_learned else epochs
    runs = []
    while True:
        size = min(chunk, remaining)
        result = _sane_run(params, velocity, patterns, size, options)
        if result is None:
            if size == 1:
                return runs, True
            ones, blew = train_until_blow_up(
                params, velocity, patterns, epochs=size, chunk=1, **options
            )
            return runs + ones, blew
        runs.append(result)
        if progress is not None:
            progress(sum(r.epochs_run for r in runs))
        params, velocity = result.params[0], result.velocity[0]
        remaining -= result.epochs_run
        if remaining <= 0 or result.epochs_run < size:  # done, or learned
            return runs, False


def joined(runs: list[TrainResult]) -> TrainResult:
    """One TrainResult for consecutive training runs (epoch counts from the first)."""
    last, before = runs[-1], sum(r.epochs_run for r in runs[:-1])
    learned = last.learned_at[0]
    return replace(
        last,
        loss_history=np.concatenate([r.loss_history for r in runs]),
        learned_at=[None if learned is None else learned + before],
        epochs_run=before + last.epochs_run,
    )
