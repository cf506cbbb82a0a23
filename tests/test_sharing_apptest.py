"""Save, load, share on the page (AppTest): URL state, import, pasted arrays, bad input,
and a learning rate that blows up."""

import base64
import json
import struct

import numpy as np
import pytest

pytest.importorskip("streamlit")

from apptest_helpers import assert_clean, click, new_app, sess, undo, url_params

from autoencoder.core.model import init_params
from autoencoder.io.notebook_text import example_text
from autoencoder.io.weights_file import MAX_FILE_BYTES
from autoencoder.session import transfer
from autoencoder.session.session import Session


def key(app) -> tuple:
    return sess(app).to_state().key()


def errors(app) -> str:
    return " ".join(e.value for e in app.error).replace("\\", "")


def successes(app) -> str:
    return " ".join(e.value for e in app.success).replace("\\", "")


def upload(app, name: str, data: bytes):
    app.file_uploader(key="import").set_value((name, data, "application/json")).run()
    assert_clean(app)


def test_the_url_follows_every_change_and_rebuilds_the_same_state(at):
    assert transfer.session_from_query(url_params(at)).to_state().key() == key(
        at
    )  # written on the first run
    at.number_input(key="epochs").set_value(7).run()
    click(at, "train")
    for _ in range(3):
        click(at, "next_phase")
    assert url_params(at)["pos"] == f"3.{7 * 8}.7.0"
    other = new_app(url_params(at))  # a reload, or the link opened elsewhere
    assert key(other) == key(at)
    assert np.array_equal(sess(other).step.hidden_a, sess(at).step.hidden_a)
    assert not other.error
    click(other, "next_phase")  # it then goes its own way
    assert sess(at).phase == "output_z" and sess(other).phase == "output_a"


def test_page_level_parameters_are_kept():
    app = new_app({"presentation": "1", "controls": "step,train", "utm_source": "chat"})
    click(app, "next_phase")
    assert transfer.session_from_query(url_params(app)).to_state().key() == key(app)
    kept = {k: url_params(app)[k] for k in ("presentation", "controls", "utm_source")}
    assert kept == {"presentation": "1", "controls": "step,train", "utm_source": "chat"}


def test_a_parameter_the_state_no_longer_has_leaves_the_url(at):
    at.number_input(key="momentum").set_value(0.5).run()
    click(at, "full_step")
    click(at, "full_step")  # the second step starts with a velocity
    assert "v" in url_params(at)
    at.number_input(key="momentum").set_value(0.0).run()
    assert "v" not in url_params(at)
    assert transfer.session_from_query(url_params(at)).to_state().key() == key(at)


@pytest.mark.parametrize(
    "bad, named",
    [
        ({"p": "garbage"}, "'p'"),
        ({"lr": "1e999"}, "'lr'"),
        ({"lr": "nan"}, "'lr'"),
        ({"pos": "9.9.9.9"}, "'pos'"),
        ({"rule": "<script>alert(1)</script>"}, "'rule'"),
        ({"seed": "-1"}, "'seed'"),
        ({"dataset": "[click me](http://example.com)"}, "'dataset'"),
        ({"p": base64.urlsafe_b64encode(struct.pack("<d", float("nan")) * 59).decode()}, "'p'"),
        ({"l": "A" * 20_000}, "'l'"),
        ({"activation": "✓🧮"}, "'activation'"),
        ({"lr": "\uff11", "seed": "\uff13"}, "'lr'"),  # fullwidth digits
    ],
)
@pytest.mark.parametrize("page", [{"presentation": "1"}, {"controls": "step"}])
def test_a_refused_link_gives_a_fresh_network_and_says_which_parameter(bad, named, page):
    app = new_app({**page, **bad})
    assert named in errors(app) and "fresh network" in errors(app)
    assert key(app) == Session().to_state().key()
    assert url_params(app)["rule"] == "exact" and all(
        url_params(app)[k] == v for k, v in page.items()
    )
    app.run()  # the message is shown once
    assert not app.error


def test_export_then_import_into_a_fresh_session_reproduces_the_network(at):
    at.number_input(key="lr").set_value(0.7).run()
    at.number_input(key="epochs").set_value(5).run()
    click(at, "train")
    for _ in range(8):
        click(at, "next_phase")
    exported = transfer.export_file(sess(at))
    fresh = new_app()
    upload(fresh, "mine.json", exported.encode())
    assert key(fresh) == key(at), errors(fresh)
    assert "Loaded the state file" in successes(fresh)
    assert fresh.number_input(key="lr").value == 0.7  # the widgets show the imported settings
    fresh.run()  # a rerun does not import the same file again
    undo(fresh)  # one undo point for the import (Undo past the phases)
    assert key(fresh) == Session().to_state().key()
    fresh.run()
    assert key(fresh) == Session().to_state().key()


def test_a_plain_weights_file_keeps_the_settings(at):
    at.selectbox(key="rule").set_value("notebook").run()
    params = init_params(42)
    weights = {name: value.tolist() for name, value in params.as_dict().items()}
    upload(at, "weights.json", json.dumps(weights).encode())
    assert np.array_equal(sess(at).params.flat(), params.flat())
    assert sess(at).settings.rule == "notebook" and sess(at).step_count == 0


WEIGHTS = {name: value.tolist() for name, value in init_params(1).as_dict().items()}
BAD_FILES = [
    ("notes.json", b"this is not json", "not valid JSON"),
    ("blob.json", bytes(range(256)) * 40, "not UTF-8"),
    ("nan.json", b'{"W1": NaN}', "NaN"),
    ("shape.json", json.dumps({"W1": [[1, 2]], "b1": [1, 2, 3]}).encode(), "missing key"),
    ("big.json", b" " * (MAX_FILE_BYTES + 1), "larger than"),
    ("[x](http://e.com).json", b"[]", "expected a JSON object"),
    ("state.json", json.dumps({"format": "838-state/9", **WEIGHTS}).encode(), "format"),
]


@pytest.mark.parametrize("name, data, named", BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_a_bad_file_gets_a_message_and_changes_nothing(at, name, data, named):
    click(at, "next_phase")
    before, url = key(at), url_params(at)
    upload(at, name, data)
    assert named in errors(at) and "Nothing was changed" in errors(at)
    assert key(at) == before and url_params(at) == url
    assert len(sess(at).history) == 1  # no undo point either


def test_pasted_notebook_arrays_load_as_one_undoable_action(at):
    params = init_params(5)
    text = "\n".join(f"{n} = {np.array(v)!r}" for n, v in params.as_dict().items())
    at.text_area(key="paste_arrays").input(text).run()
    click(at, "paste_load")
    assert np.allclose(sess(at).params.flat(), params.flat(), atol=1e-8)
    assert "Loaded your W1" in successes(at)
    click(at, "prev_phase")
    assert key(at) == Session().to_state().key()


def test_a_whole_printed_notebook_can_be_pasted(at):
    at.text_area(key="paste_arrays").input(example_text()).run()
    click(at, "paste_load")
    assert not at.error
    assert sess(at).params.W1[0, 1] == pytest.approx(0.46984296)


@pytest.mark.parametrize(
    "text, named",
    [
        ("", "nothing pasted"),
        ("__import__('os').system('true')", "outside the arrays"),
        ("W1 = [[1, 2, 3]]\nb1 = [1, 2, 3]\nW2 = [[0]]\nb2 = [0]", "W1: expected shape 8x3"),
        ("b1 = [0, 1, 2]\nW1 = [[1, nan, 2]]\nW2 = 1\nb2 = 1", "W1: nan is not a finite"),
        ("W1 = eval('[1]')", "missing b1"),
    ],
)
def test_bad_pasted_text_gets_a_message_and_changes_nothing(at, text, named):
    before = key(at)
    at.text_area(key="paste_arrays").input(text).run()
    click(at, "paste_load")
    assert named in errors(at) and "Nothing was changed" in errors(at)
    assert key(at) == before and not sess(at).history


def test_the_largest_learning_rate_stops_at_the_last_finite_state_and_undo_works(at):
    at.number_input(key="lr").set_value(20.0).run()  # the largest the page allows
    at.selectbox(key="rule").set_value("notebook").run()
    at.number_input(key="epochs").set_value(200).run()
    before = key(at)
    click(at, "train")
    s = sess(at)
    assert 0 < s.epoch < 200  # it blew up on the way (around epoch 25)
    assert any("blow up" in w.value for w in at.warning)
    assert np.isfinite(s.params.flat()).all() and np.isfinite(s.losses).all()
    page_text = " ".join(m.value for m in at.markdown) + " ".join(c.value for c in at.code)
    assert "nan" not in page_text.lower().split() and "inf" not in page_text.lower().split()
    assert transfer.session_from_query(url_params(at)).to_state().key() == key(at)  # a finite URL
    click(at, "prev_phase")
    assert key(at) == before and not any("blow up" in w.value for w in at.warning)
