"""The URL carries the whole session exactly; any query either decodes or is refused by
StateError with the parameter named, and a refusal changes nothing."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from autoencoder.core.model import MAX_ABS
from autoencoder.io import url as urlstate
from autoencoder.session import transfer
from autoencoder.session.session import Session, Settings, StateError

KEYS = ("lr", "momentum", "seed", "rule", "activation", "dataset", "pattern")
KEYS += ("p", "v", "pos", "el", "l")


def fingerprint(session):
    return (session.to_state().key(), len(session.history), session.warning)


def busy_session(momentum=0.0):
    s = Session(Settings(lr=0.7, momentum=momentum, dataset="onehot", seed=3))
    s.train(2)
    for _ in range(12):
        s.next_phase()
    return s


@pytest.mark.parametrize("momentum", [0.0, 0.9])
@pytest.mark.parametrize("extra_phases", [0, 3, 8, 9])
def test_round_trip_is_bit_exact(momentum, extra_phases):
    s = busy_session(momentum)
    for _ in range(extra_phases):
        s.next_phase()
    restored = transfer.session_from_query(transfer.query_of(s))
    assert restored.to_state().key() == s.to_state().key()
    assert restored.status_text() == s.status_text()
    for name in ("hidden_z", "hidden_a", "output_z", "output_a", "error", "hidden_delta"):
        a, b = getattr(restored.step, name), getattr(s.step, name)
        assert (a is None and b is None) or a.tobytes() == b.tobytes()
    assert restored.params.flat().tobytes() == s.params.flat().tobytes()
    assert ("v" in transfer.query_of(s)) == (momentum > 0)
    # ... and it then goes its own way, exactly as the original would.
    restored.train(1)
    s.train(1)
    assert restored.params.flat().tobytes() == s.params.flat().tobytes()


def test_empty_query_is_a_fresh_default_session_and_unknown_keys_are_ignored():
    fresh = Session()
    assert transfer.session_from_query({}).to_state().key() == fresh.to_state().key()
    assert (
        transfer.session_from_query({"utm": "x" * 100_000}).to_state().key()
        == fresh.to_state().key()
    )


def test_lists_take_the_last_value_as_streamlit_does():
    s = transfer.session_from_query({"lr": ["1.0", "0.5"], "seed": []})
    assert s.settings.lr == 0.5 and s.settings.seed == 0


def test_the_url_stays_short():
    query = transfer.query_of(busy_session())
    assert len(query["p"]) == 630 and sum(len(v) for v in query.values()) < 2000


@pytest.mark.parametrize(
    "query, named",
    [
        ({"lr": "21"}, "'lr'"),
        ({"lr": "inf"}, "'lr'"),
        ({"lr": "1e999"}, "'lr'"),
        ({"momentum": "1"}, "'momentum'"),
        ({"seed": "2147483648"}, "'seed'"),
        ({"rule": "eval"}, "'rule'"),
        ({"activation": "relu"}, "'activation'"),
        ({"dataset": "all"}, "'dataset'"),
        ({"pattern": "0101"}, "'pattern'"),
        ({"p": "A" * 629}, "'p'"),
        ({"p": "!" * 630}, "'p'"),
        ({"pos": "10.0.0.0"}, "'pos'"),
        ({"pos": "1.2.3"}, "'pos'"),
        ({"pos": "0.0.0.8"}, "'pos'"),
        ({"el": "-1"}, "'el'"),
        ({"l": "x" * 20_000}, "'l'"),
        ({"lr": 3}, "'lr'"),
    ],
)
def test_bad_parameters_are_named(query, named):
    with pytest.raises(StateError, match=named):
        transfer.session_from_query(query)


@pytest.mark.parametrize("value", [np.inf, np.nan, 2 * MAX_ABS])
def test_parameters_must_be_finite_and_sane(value):
    query = transfer.query_of(Session())
    flat = Session().params.flat()
    flat[5] = value
    query["p"] = urlstate._b64(flat)
    with pytest.raises(StateError, match="'p'"):
        transfer.session_from_query(query)


texts = st.text(max_size=60) | st.sampled_from(["", "0", "-0", "1e5", "nan", "0.5", "20"])
near_misses = st.fixed_dictionaries(
    {},
    optional={key: texts | st.lists(texts, max_size=2) for key in KEYS},
)


def mutated_queries():
    good = transfer.query_of(busy_session(0.9))

    def mutate(args):
        key, cut, junk = args
        query = dict(good)
        query[key] = query[key][:cut] + junk
        return query

    keys = st.sampled_from(sorted(good))
    return st.tuples(keys, st.integers(0, 700), st.text(max_size=4)).map(mutate)


@settings(max_examples=300, deadline=None)
@given(query=near_misses | mutated_queries() | st.dictionaries(st.text(), st.text()))
def test_fuzzed_queries_decode_or_raise_state_error_only(query):
    bystander = busy_session()
    before = fingerprint(bystander)
    try:
        session = transfer.session_from_query(query)
    except StateError as exc:
        assert str(exc).startswith("URL parameter") and "\n" not in str(exc)
    else:
        assert np.isfinite(session.params.flat()).all()
        assert transfer.session_from_query(transfer.query_of(session)).to_state().key() == (
            session.to_state().key()
        )
    assert fingerprint(bystander) == before
