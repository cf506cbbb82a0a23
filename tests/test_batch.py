"""Batch mode in the core: the nine phases on the whole training set at once."""

import numpy as np
import pytest

from autoencoder.core.gradcheck import loss as summed_loss
from autoencoder.core.gradcheck import numeric_gradient, relative_errors
from autoencoder.core.model import NOTEBOOK_PATTERN, ONE_HOT, Params, init_params
from autoencoder.core.phases import PHASE_NAMES, next_phase, one_pattern, run_step, start_step
from autoencoder.core.training import train

CASES = [
    ("exact", "sigmoid", "squared"),
    ("exact", "shifted-sigmoid", "squared"),
    ("exact", "tanh", "squared"),
    ("exact", "sigmoid", "cross-entropy"),
    ("notebook", "sigmoid", "squared"),
    ("notebook", "shifted-sigmoid", "squared"),
    ("notebook", "shifted-sigmoid", "cross-entropy"),
]


@pytest.mark.parametrize("rule, activation, loss", CASES)
@pytest.mark.parametrize("momentum", [0.0, 0.9])
def test_a_batch_step_is_the_trainers_batch_epoch(rule, activation, loss, momentum):
    params = init_params(3)
    settings = {"lr": 0.7, "rule": rule, "activation": activation, "momentum": momentum}
    velocity = init_params(4) if momentum else None  # a velocity from earlier steps
    step = run_step(params, ONE_HOT, mode="batch", velocity=velocity, loss=loss, **settings)
    result = train(
        params,
        ONE_HOT,
        mode="batch",
        epochs=1,
        velocity_list=None if velocity is None else [velocity],
        loss=loss,
        **settings,
    )
    np.testing.assert_allclose(step.params.flat(), result.params[0].flat(), rtol=0, atol=1e-12)
    np.testing.assert_allclose(step.velocity.flat(), result.velocity[0].flat(), atol=1e-12)
    assert step.loss == pytest.approx(result.loss_history[0, 0], rel=1e-12)


def test_batch_shapes_and_the_summed_updates():
    step = start_step(init_params(0), ONE_HOT, lr=0.5, mode="batch")
    shapes = {}
    for name in PHASE_NAMES:
        step = next_phase(step)
        value = getattr(step, name, None)
        if isinstance(value, np.ndarray):
            shapes[name] = value.shape
    assert shapes == {
        "hidden_z": (8, 3),
        "hidden_a": (8, 3),
        "output_z": (8, 8),
        "output_a": (8, 8),
        "error": (8, 8),
        "output_delta": (8, 8),
        "hidden_delta": (8, 3),
    }
    assert step.batch and step.n_patterns == 8
    np.testing.assert_array_equal(step.velocity.W2, 0.5 * (step.hidden_a.T @ step.output_delta))
    np.testing.assert_array_equal(step.velocity.b2, 0.5 * step.output_delta.sum(axis=0))
    np.testing.assert_array_equal(step.velocity.W1, 0.5 * (ONE_HOT.T @ step.hidden_delta))
    assert step.loss == pytest.approx(0.5 * np.sum(step.error**2), rel=1e-15)


def test_each_row_of_a_batch_is_that_patterns_online_forward_and_deltas():
    params = init_params(5)
    batch = run_step(params, ONE_HOT, mode="batch", rule="notebook")
    for p in range(8):
        online = run_step(params, ONE_HOT[p], rule="notebook")
        row = one_pattern(batch, p)
        for name in ("hidden_a", "output_a", "error", "output_delta", "hidden_delta"):
            np.testing.assert_allclose(getattr(row, name), getattr(online, name), atol=1e-15)
        assert row.loss == pytest.approx(online.loss, rel=1e-14)
        assert row.params is batch.params  # the batch's parameters: the updates sum all


def test_one_pattern_batch_equals_the_online_step():
    params = init_params(1)
    batch = run_step(params, NOTEBOOK_PATTERN[None, :], mode="batch")
    online = run_step(params, NOTEBOOK_PATTERN)
    assert batch.x.shape == (1, 8)
    np.testing.assert_array_equal(batch.params.flat(), online.params.flat())


@pytest.mark.parametrize(
    "activation, loss", [("sigmoid", "squared"), ("tanh", "squared"), ("sigmoid", "cross-entropy")]
)
def test_the_exact_batch_update_is_minus_lr_times_the_summed_gradient(activation, loss):
    params, lr = init_params(2), 0.3
    step = run_step(params, ONE_HOT, lr=lr, activation=activation, loss=loss, mode="batch")
    update = step.params.flat() - params.flat()
    numeric = numeric_gradient(params, ONE_HOT, activation, loss_name=loss)
    assert relative_errors(update, -lr * numeric).max() < 1e-7
    # and E summed over the patterns is what the error phase said
    assert summed_loss(params, ONE_HOT, activation, loss) == pytest.approx(step.loss, rel=1e-14)


def test_unknown_mode_is_refused():
    with pytest.raises(ValueError, match="unknown mode 'both'"):
        start_step(init_params(0), ONE_HOT, mode="both")


def test_online_steps_are_unchanged_by_the_mode_argument():
    params = init_params(0)
    a = run_step(params, ONE_HOT[2])
    b = run_step(params, ONE_HOT[2], mode="online")
    assert isinstance(a.params, Params) and not a.batch
    np.testing.assert_array_equal(a.params.flat(), b.params.flat())
