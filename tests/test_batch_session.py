"""Batch mode in the session: settings, counters, URL, short link and exported state."""

import json

import numpy as np
import pytest

from autoencoder.core.model import ONE_HOT, init_params
from autoencoder.core.training import train
from autoencoder.io.state_file import import_state
from autoencoder.session import shortlink, transfer
from autoencoder.session.session import Session, Settings, StateError


def batch_session(**settings) -> Session:
    s = Session(settings=Settings(mode="batch", **settings))
    return s


def test_one_batch_step_is_one_epoch_with_its_loss():
    s = batch_session()
    assert s.step.x.shape == (8, 8) and s.steps_per_epoch == 1
    for _ in range(9):
        s.next_phase()
    assert (s.step_count, s.epoch, s.example) == (1, 1, 0)
    assert s.losses == [pytest.approx(s.step.loss, rel=0)]
    expected = train(init_params(0), ONE_HOT, mode="batch", epochs=1, lr=2.0)
    np.testing.assert_allclose(s.params.flat(), expected.params[0].flat(), atol=1e-12)
    s.next_phase()  # the next batch step starts on the whole set again
    assert s.step.x.shape == (8, 8) and s.phase == "hidden_z"
    s.undo()
    assert (s.step_count, s.epoch, s.phase) == (1, 1, "update_hidden")


def test_train_in_batch_mode_counts_one_step_an_epoch_and_matches_the_trainer():
    s = batch_session()
    s.train(5)
    assert (s.step_count, s.epoch, len(s.losses)) == (5, 5, 5)
    expected = train(init_params(0), ONE_HOT, mode="batch", epochs=5, lr=2.0)
    np.testing.assert_array_equal(s.params.flat(), expected.params[0].flat())
    s.next_phase()
    s.train(2)  # the step in progress counts as the first of the two epochs
    assert (s.step_count, s.epoch) == (7, 7)


def test_switching_mode_restarts_the_step_on_the_whole_set():
    s = Session()
    for _ in range(12):  # one step and three phases online
        s.next_phase()
    s.update_settings(mode="batch")
    assert s.phase == "ready" and s.step.x.shape == (8, 8) and s.example == 0
    s.update_settings(mode="online")
    assert s.step.x.shape == (8,)
    s.undo()
    assert s.settings.mode == "batch"


def test_unknown_mode_is_refused_and_nothing_changes():
    s = Session()
    before = s.to_state().key()
    with pytest.raises(StateError, match="mode: unknown 'both'"):
        s.update_settings(mode="both")
    assert s.to_state().key() == before


@pytest.mark.parametrize("done", [0, 4, 9])
def test_url_round_trip_keeps_batch_mode_bit_exact(done):
    s = batch_session(momentum=0.5)
    s.train(3)
    for _ in range(done):
        s.next_phase()
    query = transfer.query_of(s)
    assert query["mode"] == "batch"
    back = transfer.session_from_query(query)
    assert back.settings.mode == "batch"
    assert back.to_state().key() == s.to_state().key()
    assert back.step.x.shape == (8, 8)


def test_an_online_link_writes_no_mode_and_an_old_link_is_online():
    query = transfer.query_of(Session())
    assert "mode" not in query
    assert transfer.session_from_query(query).settings.mode == "online"


def test_a_link_with_an_unknown_mode_is_refused_with_a_message():
    query = transfer.query_of(batch_session())
    query["mode"] = "minibatch"
    with pytest.raises(StateError, match="'mode': unknown 'minibatch'"):
        transfer.session_from_query(query)
    with pytest.raises(StateError, match="'mode': unknown 'minibatch'"):
        transfer.session_from_query({"seed": "0", "go": "p3", "mode": "minibatch"})


def test_a_batch_link_with_an_example_past_the_first_is_refused():
    query = transfer.query_of(batch_session())
    query["pos"] = "0.0.0.3"
    with pytest.raises(StateError, match="'pos'"):
        transfer.session_from_query(query)


def test_short_link_replays_batch_steps_and_training_bit_exact():
    s = batch_session(lr=0.5)
    for _ in range(12):
        s.next_phase()
    s.train(4)
    s.next_phase()
    query = shortlink.short_query(s)
    assert query == {"lr": "0.5", "seed": "0", "mode": "batch", "go": "p12.t4.p1"}
    back = transfer.session_from_query(query)
    assert back.to_state(max_losses=100).key() == s.to_state(max_losses=100).key()


def test_exported_state_carries_the_mode_and_an_old_file_is_online():
    s = batch_session(rule="notebook", activation="shifted-sigmoid")
    for _ in range(8):
        s.next_phase()
    text = transfer.export_file(s)
    doc = json.loads(text)
    assert doc["settings"]["mode"] == "batch"
    assert import_state(text).key() == s.to_state(max_losses=20_000).key()
    del doc["settings"]["mode"]
    doc["position"]["done"] = 0
    doc.pop("step_start")
    assert import_state(json.dumps(doc)).settings.mode == "online"
    doc["settings"]["mode"] = 3
    with pytest.raises(StateError, match="mode: unknown 3"):
        import_state(json.dumps(doc))
