"""Training: agreement with the nine phases, the learned criterion, the batched trainer."""

import numpy as np
import pytest

from autoencoder.core.model import ONE_HOT, init_params, patterns_for
from autoencoder.core.phases import run_step
from autoencoder.core.training import (
    DEFAULTS,
    codes_distinct,
    hidden_code_bits,
    is_learned,
    train,
    train_seeds,
    train_stack,
)


@pytest.mark.parametrize(
    "rule,activation", [("exact", "sigmoid"), ("notebook", "shifted-sigmoid"), ("exact", "tanh")]
)
@pytest.mark.parametrize("momentum", [0.0, 0.7])
def test_online_epoch_equals_nine_phase_steps_in_order(rule, activation, momentum):
    params, X = init_params(5), patterns_for("onehot")
    settings = {"lr": 0.7, "rule": rule, "activation": activation, "momentum": momentum}
    p, v, losses = params, None, 0.0
    for _ in range(2):
        for x in X:
            step = run_step(p, x, velocity=v, **settings)
            p, v, losses = step.params, step.velocity, losses + step.loss
    result = train(params, X, epochs=2, mode="online", **settings)
    np.testing.assert_allclose(result.params[0].flat(), p.flat(), rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(result.loss_history.sum(), losses, rtol=1e-12)
    np.testing.assert_allclose(result.velocity[0].flat(), v.flat(), rtol=1e-12, atol=1e-14)


def test_batch_epoch_sums_the_per_pattern_updates():
    params, X = init_params(1), patterns_for("onehot")
    result = train(params, X, epochs=1, mode="batch", lr=0.3)
    total = sum(run_step(params, x, lr=0.3).params.flat() - params.flat() for x in X)
    np.testing.assert_allclose(
        result.params[0].flat(), params.flat() + total, rtol=1e-12, atol=1e-14
    )


def test_stacked_networks_train_exactly_as_each_alone():
    seeds = [0, 3, 9]
    for mode in ("online", "batch"):
        together = train_seeds(seeds, ONE_HOT, epochs=30, mode=mode)
        for i, seed in enumerate(seeds):
            alone = train(init_params(seed), ONE_HOT, epochs=30, mode=mode)
            np.testing.assert_allclose(
                together.params[i].flat(), alone.params[0].flat(), rtol=1e-12
            )


def test_one_hot_is_learned_at_defaults_for_20_seeds():
    result = train_seeds(range(20), ONE_HOT, until_learned=True, **DEFAULTS)
    assert all(at is not None for at in result.learned_at), result.learned_at
    assert is_learned(result.outputs, ONE_HOT).all()


def test_until_learned_stops_at_the_first_learned_epoch():
    result = train(init_params(0), ONE_HOT, until_learned=True)
    at = result.learned_at[0]
    assert at is not None and result.epochs_run == at
    before = train(init_params(0), ONE_HOT, epochs=at - 1)
    assert not is_learned(before.outputs, ONE_HOT).any()
    assert is_learned(result.outputs, ONE_HOT).all()


def test_a_learned_network_stops_changing_while_others_train():
    result = train_seeds([0, 1], ONE_HOT, until_learned=True)
    first = int(np.argmin([result.learned_at[0], result.learned_at[1]]))
    alone = train(init_params([0, 1][first]), ONE_HOT, until_learned=True)
    np.testing.assert_allclose(result.params[first].flat(), alone.params[0].flat(), rtol=1e-12)


def test_learned_criterion_and_codes():
    targets = ONE_HOT
    assert is_learned(targets * 0.8 + 0.1, targets)
    assert not is_learned(np.full((8, 8), 0.4), targets)
    hidden = np.array([[int(b) for b in f"{i:03b}"] for i in range(8)]) * 0.9 + 0.05
    assert codes_distinct(hidden)
    assert hidden_code_bits(hidden)[5].tolist() == [1, 0, 1]
    hidden[1] = hidden[0]
    assert not codes_distinct(hidden)


def test_loss_decreases_and_history_has_one_row_per_epoch():
    result = train(init_params(2), ONE_HOT, epochs=50)
    assert result.loss_history.shape == (50, 1)
    assert result.loss_history[-1, 0] < result.loss_history[0, 0]
    assert result.final_loss[0] < result.loss_history[0, 0]


def test_bad_options_are_refused():
    with pytest.raises(ValueError, match="mode"):
        train(init_params(0), ONE_HOT, mode="minibatch")
    with pytest.raises(ValueError, match="epochs"):
        train(init_params(0), ONE_HOT, epochs=-1)
    assert train_stack([init_params(0)], ONE_HOT, epochs=0).epochs_run == 0
