"""Undo survives a reload: a reloaded tab brings back its earlier states (kept in the
browser's session storage as URL queries); the new session takes them as its undo history,
each checked as any link is."""

import numpy as np
import pytest
from apptest_helpers import new_app, send, sess, undo
from hypothesis import given, settings
from hypothesis import strategies as st

from autoencoder.page.stepview_data import MAX_RESTORED, read_pasts
from autoencoder.session import transfer
from autoencoder.session.session import Session


def timeline() -> list[dict]:
    """The URL states a tab passes through: phases across a step, a training run, more."""
    s, states = Session(), []
    actions = [s.next_phase] * 11 + [lambda: s.train(2)] + [s.next_phase] * 3
    for act in actions:
        states.append(transfer.query_of(s))
        act()
    states.append(transfer.query_of(s))
    return states


def test_a_reloaded_tab_gets_its_undo_history_back():
    states = timeline()
    app = new_app(states[-1])
    assert not sess(app).history
    with_gaps = [{**q, "presentation": None} for q in states[:-1]]  # as the browser keeps them
    send(app, trigger=("restore", with_gaps))
    assert len(sess(app).history) == len(states) - 1
    for earlier in reversed(states[:-1]):  # Undo walks back through every earlier state
        undo(app)
        want = transfer.session_from_query(earlier)
        assert sess(app).status_text() == want.status_text()
        assert np.array_equal(sess(app).params.flat(), want.params.flat())
    assert not sess(app).history


@pytest.mark.parametrize(
    "bad",
    [
        "not a list",
        [],
        [{"p": "%%%"}],
        [{"lr": "1e9"}],
        [{"pos": "1.2.3"}],
        [{"seed": "-5"}],
        [{"rule": "magic"}, {}],
        [{}] * (MAX_RESTORED + 1),
        [{"x": "y" * 500_000}],
    ],
)
def test_unusable_history_is_ignored_whole_and_changes_nothing(bad):
    states = timeline()
    app = new_app(states[-1])
    before = sess(app).to_state().key()
    send(app, trigger=("restore", bad))
    assert not sess(app).history and sess(app).to_state().key() == before
    assert not app.exception


def test_a_session_with_history_keeps_its_own():
    states = timeline()
    app = new_app(states[-1])
    undo(app)  # nothing to undo: no history yet
    send(app, (sess(app).step_id, 4))
    mine = len(sess(app).history)
    send(app, trigger=("restore", states[:-1]))
    assert len(sess(app).history) == mine


values = st.one_of(st.none(), st.integers(), st.text(max_size=40), st.lists(st.text(max_size=5)))
queries = st.dictionaries(st.text(max_size=8), values, max_size=6)


@settings(max_examples=150, deadline=None)
@given(st.one_of(st.none(), st.text(), st.integers(), st.lists(queries, max_size=4)))
def test_any_value_is_read_or_refused_never_raises(value):
    pasts = read_pasts(value)
    assert pasts is None or all(isinstance(p, Session) for p in pasts)
