"""The page's state machine: stepping, counters, undo, timeline, training, settings."""

import numpy as np
import pytest

from autoencoder.core.model import ONE_HOT, init_params
from autoencoder.core.phases import PHASE_NAMES, run_step
from autoencoder.core.training import train
from autoencoder.session.session import LIMITS, MAX_HISTORY, Session, Settings, StateError


def test_nine_clicks_perform_the_nine_phases_then_count_the_step():
    s = Session()
    assert s.status_text() == "Epoch 0 · Step 0 · Phase: ready"
    for name in PHASE_NAMES:
        s.next_phase()
        assert s.phase == name
    assert s.step_count == 1 and s.epoch == 0
    expected = run_step(init_params(0), ONE_HOT[0], lr=2.0)
    np.testing.assert_array_equal(s.params.flat(), expected.params.flat())
    s.next_phase()
    assert s.phase == "hidden_z" and s.example_bits == "01000000"


def test_undo_returns_exactly_and_reaches_back_through_the_session():
    s = Session()
    states = []
    for _ in range(30):
        states.append((s.status_text(), s.params.flat().copy()))
        s.next_phase()
    s.train(3)
    assert s.undo()
    assert s.status_text() == "Epoch 0 · Step 3 · Phase: output_z"
    for text, flat in reversed(states):
        assert s.undo()
        assert s.status_text() == text
        np.testing.assert_array_equal(s.params.flat(), flat)
    assert not s.undo()


def test_history_is_bounded():
    s = Session()
    for _ in range(MAX_HISTORY + 20):
        s.next_phase()
    assert len(s.history) == MAX_HISTORY


def test_full_step_and_epoch_counting():
    s = Session()
    s.next_phase()
    s.full_step()
    assert s.phase == "update_hidden" and s.step_count == 1
    for _ in range(7):
        s.full_step()
    assert s.epoch == 1 and s.step_count == 8 and len(s.losses) == 1


def test_train_continues_from_the_current_point_like_the_trainer():
    s = Session()
    s.train(4)
    expected = train(init_params(0), ONE_HOT, epochs=4, lr=2.0, mode="online")
    np.testing.assert_allclose(s.params.flat(), expected.params[0].flat(), rtol=1e-12)
    assert s.status_text() == "Epoch 4 · Step 32 · Phase: ready"
    np.testing.assert_allclose(s.losses, expected.loss_history[:, 0])
    s.next_phase()
    s.train(2)  # finishes epoch 5 step by step, then one more epoch
    assert s.epoch == 6 and s.step_count == 48 and s.phase == "ready"


def test_until_learned_and_undo_of_training():
    s = Session()
    before = s.params.flat().copy()
    result = s.train(until_learned=True)
    assert result.learned_at[0] == s.epoch > 0
    s.undo()
    np.testing.assert_array_equal(s.params.flat(), before)
    assert s.losses == [] and s.step_count == 0


def test_settings_restart_the_current_step_and_seed_resets():
    s = Session()
    s.full_step()
    s.next_phase()
    s.update_settings(lr=0.5, rule="notebook")
    assert s.phase == "ready" and s.step_count == 1 and s.step.lr == 0.5
    s.update_settings(seed=5)
    assert s.step_count == 0 and s.params.allclose(init_params(5))
    s.undo()
    assert s.settings.seed == 0 and s.step_count == 1
    s.update_settings(dataset="notebook")
    assert s.example_bits == "11011101"
    s.toggle_input_bit(0)
    assert s.settings.dataset == "custom" and s.example_bits == "01011101"


@pytest.mark.parametrize(
    "changes",
    [
        {"rule": "magic"},
        {"activation": "x"},
        {"dataset": "all"},
        {"dataset": "custom", "pattern": "12"},
    ],
)
def test_bad_settings_change_nothing(changes):
    s = Session()
    s.next_phase()
    before = (s.settings, s.status_text(), len(s.history))
    with pytest.raises(ValueError):
        s.update_settings(**changes)
    assert (s.settings, s.status_text(), len(s.history)) == before


def test_timeline_jump():
    s = Session()
    for _ in range(5):
        s.next_phase()
    s.jump_to(2)
    assert s.phase == "hidden_a" and len(s.history) == 2
    with pytest.raises(IndexError):
        s.jump_to(7)


def test_reset_and_load_then_undo_bring_the_loss_curve_back():
    s = Session()
    s.train(3)
    curve = list(s.losses)
    s.reset()
    assert s.losses == []
    s.load_params(init_params(4))
    s.undo()
    s.undo()
    assert s.losses == curve and s.epoch == 3


@pytest.mark.parametrize(
    "changes",
    [{"lr": 0}, {"lr": 20.5}, {"lr": float("nan")}, {"momentum": 1.0}, {"seed": -1}],
)
def test_settings_outside_the_limits_change_nothing(changes):
    s = Session()
    before = (s.settings, len(s.history))
    with pytest.raises(StateError):
        s.update_settings(**changes)
    assert (s.settings, len(s.history)) == before


def test_train_refuses_epochs_outside_the_limits():
    s = Session()
    with pytest.raises(StateError, match="epochs"):
        s.train(LIMITS["epochs"][1] + 1)
    assert len(s.history) == 0


@pytest.mark.parametrize("phases", [0, 5, 9, 13])
def test_state_round_trip_replays_the_step_bit_for_bit(phases):
    s = Session(Settings(momentum=0.5))
    s.train(1)
    for _ in range(phases):
        s.next_phase()
    copy = Session.from_state(s.to_state())
    assert copy.to_state().key() == s.to_state().key() and len(copy.history) == 0
    assert copy.step.output_delta is None or (
        copy.step.output_delta.tobytes() == s.step.output_delta.tobytes()
    )
    copy.full_step()
    s.full_step()
    assert copy.params.flat().tobytes() == s.params.flat().tobytes()


def test_long_runs_train_in_chunks_exactly_like_one_trainer_run():
    s = Session(Settings(momentum=0.5))
    s.train(600)
    expected = train(init_params(0), ONE_HOT, epochs=600, lr=2.0, momentum=0.5)
    assert s.params.flat().tobytes() == expected.params[0].flat().tobytes()
    assert s.losses == expected.loss_history[:, 0].tolist() and s.epoch == 600


def test_training_with_progress_reports_along_the_way_and_is_one_undo_point():
    s = Session()
    seen = []
    s.train(100, progress=seen.append)
    plain = Session()
    plain.train(100)
    assert s.params.flat().tobytes() == plain.params.flat().tobytes()
    assert len(seen) == 20 and seen[-1] == 100 and seen == sorted(seen)
    assert len(s.history) == 1 and s.undo() and s.epoch == 0
