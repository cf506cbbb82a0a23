"""At the largest learning rate the page allows, nothing non-finite or beyond MAX_ABS is
ever shown: the action stops at the last sane state, warns, and undo still works.

The notebook rule on the one-hot set at lr 20 really blows up (its hidden delta uses W1,
so W1 feeds its own growth: beyond MAX_ABS at epoch 25, 1e45 by epoch 200). The exact rule with
sigmoids stays bounded there (its deltas are at most 1/4 of the error)."""

import warnings

import numpy as np
import pytest

from autoencoder.core.model import MAX_ABS, ONE_HOT, Params, init_params
from autoencoder.core.training import train
from autoencoder.session.session import LIMITS, Session, Settings

LARGEST_LR = LIMITS["lr"][1]
BLOWS_UP = Settings(lr=LARGEST_LR, rule="notebook", activation="shifted-sigmoid")


def assert_sane(session):
    flat = session.params.flat()
    assert np.isfinite(flat).all() and np.abs(flat).max() <= MAX_ABS
    assert all(np.isfinite(session.losses)) and np.isfinite(session.epoch_loss)


def test_the_unguarded_trainer_really_overflows_here():
    with np.errstate(all="ignore"):
        result = train(init_params(0), ONE_HOT, epochs=400, **BLOWS_UP.step_settings())
    flat = result.params[0].flat()
    assert not (np.isfinite(flat).all() and np.abs(flat).max() <= MAX_ABS)


def test_training_stops_at_the_last_sane_epoch_and_undo_works():
    s = Session(BLOWS_UP)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no numpy RuntimeWarning may leak
        assert s.train(400) is None
    assert "learning rate 20" in s.warning and "epoch" in s.warning
    assert_sane(s)
    assert 0 < s.epoch < 400 and len(s.losses) == s.epoch and s.phase == "ready"
    expected = train(init_params(0), ONE_HOT, epochs=s.epoch, **BLOWS_UP.step_settings())
    assert s.params.flat().tobytes() == expected.params[0].flat().tobytes()
    with np.errstate(all="ignore"):
        one_more = train(expected.params[0], ONE_HOT, epochs=1, **BLOWS_UP.step_settings())
    assert np.abs(one_more.params[0].flat()).max() > MAX_ABS  # the next epoch was refused
    assert s.undo() and s.epoch == 0 and s.warning is None
    assert s.params.flat().tobytes() == init_params(0).flat().tobytes()


@pytest.mark.parametrize("momentum", [0.0, LIMITS["momentum"][1]])
def test_every_action_stays_sane_at_the_edge(momentum):
    s = Session(Settings(**{**BLOWS_UP.__dict__, "momentum": momentum}))
    s.train(until_learned=True)
    assert_sane(s)
    assert s.warning
    before = (s.to_state().key(), len(s.history))
    for action in (s.full_step, s.next_phase, lambda: s.train(3), s.full_step):
        action()
        assert_sane(s)
    for _ in range(12):
        s.next_phase()
        assert_sane(s)
    assert s.warning is not None
    while len(s.history) > before[1]:
        s.undo()
    assert s.to_state().key() == before[0]


def test_exact_rule_at_the_largest_lr_stays_finite_and_bounded():
    s = Session(Settings(lr=LARGEST_LR, momentum=LIMITS["momentum"][1]))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        s.train(2000)
    assert_sane(s)
    assert s.warning is None


def test_a_phase_that_would_leave_max_abs_is_refused():
    huge = Params.from_flat(np.full(59, MAX_ABS * 0.999999))
    s = Session(Settings(lr=LARGEST_LR, rule="notebook", activation="shifted-sigmoid"))
    s.load_params(huge, label="test")
    depth = len(s.history)
    for _ in range(9):
        s.next_phase()
    # W1's huge delta (d_o W1) is refused; the step stays after update_output
    assert s.phase == "update_output" and "update_hidden" in s.warning
    assert len(s.history) == depth + 8  # the refused phase left no undo point
    s.undo()
    assert s.phase == "hidden_delta" and s.warning is None
