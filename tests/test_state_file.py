"""Export/import of the whole state, plain weights files, and pasted printed arrays:
exact round trips, and every bad input refused by name with the session unchanged."""

import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from autoencoder.core.model import init_params
from autoencoder.io import state_file
from autoencoder.io.weights_file import MAX_FILE_BYTES, WeightsError, dumps
from autoencoder.session import transfer
from autoencoder.session.session import Session, Settings, StateError


def fingerprint(session):
    return (session.to_state().key(), len(session.history), session.warning)


def busy_session(momentum=0.0, phases=12):
    s = Session(Settings(lr=0.7, momentum=momentum, seed=3))
    s.train(2)
    for _ in range(phases):
        s.next_phase()
    return s


@pytest.mark.parametrize("momentum", [0.0, 0.9])
@pytest.mark.parametrize("phases", [0, 4, 8, 9])
def test_export_then_import_is_exact_and_one_undoable_action(momentum, phases):
    s = busy_session(momentum, phases)
    text = transfer.export_file(s)
    doc = json.loads(text)
    assert doc["format"] == "838-state/1" and doc["position"]["phase"] == s.phase
    np.testing.assert_array_equal(np.array(doc["W2"]), s.params.W2)  # the network shown
    other = Session()
    before = fingerprint(other)
    message = transfer.import_file(other, text.encode())
    assert other.to_state().key() == s.to_state().key() and "Epoch 2" in message
    assert other.undo() and fingerprint(other)[0] == before[0]


def test_plain_weights_file_keeps_settings_and_resets_counters():
    s = Session(Settings(lr=0.3, rule="notebook", activation="shifted-sigmoid"))
    s.train(3)
    weights = init_params(9)
    transfer.import_file(s, dumps(weights))
    assert s.settings.lr == 0.3 and s.settings.rule == "notebook"
    assert s.status_text() == "Epoch 0 · Step 0 · Phase: ready" and s.losses == []
    assert s.params.flat().tobytes() == weights.flat().tobytes()
    s.undo()
    assert s.epoch == 3 and len(s.losses) == 3


GOOD = transfer.export_file(busy_session(0.9, 9))


def edited(path, value):
    doc = json.loads(GOOD)
    target = doc
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return json.dumps(doc)


HUGE_INT = edited(("W1", 0, 0), 1).replace('"W1": [[1,', '"W1": [[1' + "0" * 400 + ",", 1)
assert "1" + "0" * 400 in HUGE_INT


@pytest.mark.parametrize(
    "data, error, named",
    [
        (b"\xff\xfe", WeightsError, "UTF-8"),
        (b" " * (MAX_FILE_BYTES + 1), WeightsError, "larger"),
        ("{", WeightsError, "JSON"),
        ('{"W1": NaN}', WeightsError, "NaN"),
        (HUGE_INT, WeightsError, "W1|large"),
        (edited(("format",), "838-state/9"), StateError, "format"),
        (edited(("settings", "lr"), 99), StateError, "lr"),
        (edited(("settings", "seed"), 10**400), StateError, "seed"),
        (edited(("settings", "rule"), "__import__"), StateError, "rule"),
        (edited(("position", "done"), 11), StateError, "done"),
        (edited(("position", "example"), -1), StateError, "example"),
        (edited(("position", "epoch"), 1.5), StateError, "epoch"),
        (edited(("losses",), [-1.0]), StateError, "losses"),
        (edited(("losses",), [10**400]), StateError, "losses"),
        (edited(("step_start",), None), WeightsError, "JSON object"),
        (edited(("velocity", "b1"), [1, 2]), WeightsError, "b1"),
        (edited(("settings", "eval"), 1), StateError, "eval"),
        (edited(("b2", 3), 1e300), WeightsError, "b2"),
    ],
    ids=lambda value: value if isinstance(value, str) and len(value) < 20 else None,
)
def test_bad_files_are_refused_by_name_and_change_nothing(data, error, named):
    s = busy_session()
    before = fingerprint(s)
    with pytest.raises(error, match=named):
        transfer.import_file(s, data)
    assert fingerprint(s) == before


def test_edited_network_that_does_not_match_its_step_is_refused():
    doc = json.loads(GOOD)
    doc["W1"][0][0] += 1.0
    with pytest.raises(StateError, match="step_start"):
        state_file.import_state(json.dumps(doc))


json_values = st.recursive(
    st.none() | st.booleans() | st.floats() | st.integers() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=9) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=40,
)


def near_miss_documents():
    doc = json.loads(GOOD)

    def replace_one(args):
        path, value = args
        copy = json.loads(GOOD)
        target = copy
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
        return json.dumps(copy)

    paths = [(k,) for k in doc] + [("settings", k) for k in doc["settings"]]
    paths += [("position", k) for k in doc["position"]] + [("W1", 0), ("b2", 7)]
    return st.tuples(st.sampled_from(paths), json_values).map(replace_one)


@settings(max_examples=300, deadline=None)
@given(
    data=st.binary(max_size=200)
    | st.text(max_size=200)
    | json_values.map(lambda v: json.dumps(v))
    | near_miss_documents()
)
def test_fuzzed_files_import_or_raise_only_our_errors_and_change_nothing(data):
    s = busy_session()
    before = fingerprint(s)
    try:
        transfer.import_file(s, data)
    except (StateError, WeightsError) as exc:
        assert "\n" not in str(exc)
        assert fingerprint(s) == before
    else:
        assert np.isfinite(s.params.flat()).all() and len(s.history) == before[1] + 1


NOTEBOOK_W1 = """array([[-0.14596248,  0.46984296, -0.20284101],
       [ 0.1,  0.2, 0.3], [0.4, 0.5, 0.6], [0.7, 0.8, 0.9],
       [1, 2, 3], [4, 5, 6], [7, 8, 9], [1e-3, -2e-3, 3E2]])"""


def pasted():
    return {
        "W1": NOTEBOOK_W1,
        "b1": "array([[0.2888758 , 0.14884696, 0.20725632]])",
        "W2": "[[1 2 3 4 5 6 7 8]\n [1 2 3 4 5 6 7 8]\n [0 0 0 0 0 0 0 0.5]]",
        "b2": "[0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8]",
    }


def test_pasted_notebook_arrays_load_as_one_undoable_action():
    params = state_file.params_from_pasted(pasted())
    assert params.W1[0, 0] == -0.14596248 and params.b1.shape == (3,) and params.W2[2, 7] == 0.5
    s = busy_session()
    s.load_params(params, label="paste")
    assert s.params.flat().tobytes() == params.flat().tobytes() and s.step_count == 0
    s.undo()
    assert s.epoch == 2


@pytest.mark.parametrize(
    "name, text, named",
    [
        ("W1", "", "W1: nothing pasted"),
        ("b1", "__import__('os').system('true')", "b1"),
        ("W2", "[[1, 2], [3, 4]]", "W2: expected shape 3x8, got 2x2"),
        ("W1", "[[" + "1 " * 8 + "]] * 3", "W1"),
        ("b2", "[1, 2, 3, 4, 5, 6, 7, nan]", "b2"),
        ("b2", "[1, 2, 3, 4, 5, 6, 7, 1e7]", "b2"),
    ],
)
def test_bad_pasted_arrays_are_named(name, text, named):
    texts = pasted()
    texts[name] = text
    with pytest.raises(WeightsError, match=named):
        state_file.params_from_pasted(texts)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(["W1", "b1", "W2", "b2"]), st.text(max_size=80))
def test_fuzzed_pasted_text_raises_only_weights_error(name, text):
    texts = pasted()
    texts[name] = text
    try:
        params = state_file.params_from_pasted(texts)
    except WeightsError as exc:
        assert "\n" not in str(exc)
    else:
        assert np.isfinite(params.flat()).all()
