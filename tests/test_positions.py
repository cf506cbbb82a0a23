"""Absolute positions (Session.go_to / move_to): what the stepping view sends the server.

A position is (step id, phase). Applying it twice, late, or after skipping others that
were coalesced, must give the state the whole sequence of presses gives."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from autoencoder.session.session import Session, Settings


def fingerprint(s: Session):
    return (
        s.status_text(),
        s.step_id,
        s.example,
        round(s.epoch_loss, 12),
        len(s.losses),
        tuple(s.params.flat()),
    )


def pressed(n: int, **settings_) -> Session:
    s = Session(Settings(**settings_))
    for _ in range(n):
        s.next_phase()
    return s


def test_go_to_forward_is_next_phase_and_back_is_undo():
    s = Session()
    s.go_to(6)
    assert fingerprint(s) == fingerprint(pressed(6)) and len(s.history) == 6
    s.go_to(2)
    assert fingerprint(s) == fingerprint(pressed(2)) and len(s.history) == 2
    s.go_to(9)
    assert s.status_text() == "Epoch 0 · Step 1 · Phase: update_hidden"
    s.go_to(4)
    assert fingerprint(s) == fingerprint(pressed(4))


def test_go_to_back_without_history_uncounts_the_step():
    """After a reload the history is empty: the phases are replayed and a completed step
    is uncounted again, across an epoch boundary too (the notebook set has one pattern)."""
    for dataset in ("onehot", "notebook"):
        s = pressed(9, dataset=dataset)
        fresh = Session.from_state(s.to_state())
        fresh.go_to(3)
        assert fingerprint(fresh)[:5] == fingerprint(pressed(3, dataset=dataset))[:5]
        assert np.allclose(fresh.params.flat(), pressed(3, dataset=dataset).params.flat())


def test_move_to_is_absolute_across_the_step_boundary():
    """11 presses forward then 8 back land 3 phases on, whichever messages arrive."""
    s = Session()
    first = s.step_id
    assert s.move_to(first, 9)
    second = s.next_step_id()
    assert s.move_to(second, 2)
    assert fingerprint(s) == fingerprint(pressed(11))
    assert s.move_to(second, 2)  # again: no change
    assert fingerprint(s) == fingerprint(pressed(11))
    assert s.move_to(first, 3)
    assert fingerprint(s) == fingerprint(pressed(3)) and len(s.history) == 3


def test_unknown_step_changes_nothing():
    s = pressed(4)
    before = fingerprint(s)
    assert not s.move_to("0123456789abcdef", 2)
    assert fingerprint(s) == before


def _timeline(n: int):
    """The positions a user passes through pressing → n times: (step index, phase)."""
    out, step, phase = [], 0, 0
    for _ in range(n):
        if phase == 9:
            step, phase = step + 1, 1
        else:
            phase += 1
        out.append((step, phase))
    return out


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 17), st.integers(0, 16), st.data())
def test_any_coalesced_subsequence_lands_where_all_presses_do(forward, back, data):
    back = min(back, forward)
    path = _timeline(forward)
    path = path + path[: forward - 1][::-1][:back]
    if back == forward:
        path.append((0, 0))
    keep = data.draw(st.lists(st.booleans(), min_size=len(path), max_size=len(path)))
    sent = [p for p, k in zip(path, keep) if k] + [path[-1]]
    ids = [Session().step_id]
    probe = Session()
    probe.go_to(9)
    ids.append(probe.next_step_id())
    s = Session()
    for step, phase in sent:
        assert s.move_to(ids[step], phase)
    expected = pressed(forward - back)
    assert fingerprint(s) == fingerprint(expected)


def test_a_warning_left_by_an_earlier_action_does_not_stop_the_next_step():
    s = Session()
    s.go_to(9)
    s.warning = "an earlier action's warning"
    following = s.next_step_id()
    assert s.move_to(following, 2)
    assert s.step_id == following and s.step.done == 2


@pytest.mark.parametrize(
    "setup",
    [Settings(momentum=0.9), Settings(dataset="notebook"), Settings(rule="notebook", lr=5.0)],
)
def test_positions_are_absolute_with_momentum_one_pattern_and_the_notebook_rule(setup):
    s = Session(setup)
    ids = [s.step_id]
    s.move_to(ids[0], 9)
    ids.append(s.next_step_id())
    for target, phase, presses in [
        (ids[1], 4, 13),
        (ids[0], 6, 6),
        (ids[1], 1, 10),
        (ids[0], 0, 0),
    ]:
        assert s.move_to(target, phase)
        assert fingerprint(s) == fingerprint(pressed(presses, **setup.__dict__)), (target, phase)


def test_undo_points_brought_back_after_a_reload_are_not_crossed_into_by_the_view():
    s = pressed(11)
    fresh = Session.from_state(s.to_state())
    fresh.adopt_history([Session.from_state(pressed(n).to_state()) for n in range(11)])
    assert fresh.previous_step() is None  # the view asks the server's Undo instead
    fresh.undo()
    assert fingerprint(fresh)[0] == pressed(10).status_text()
