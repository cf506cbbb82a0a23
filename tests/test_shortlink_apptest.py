"""The sharing panel's short link (issue 14 item 8), driven by AppTest."""

from urllib.parse import parse_qsl, urlsplit

import pytest

pytest.importorskip("streamlit")

from apptest_helpers import assert_clean, click, new_app, sess

from autoencoder.core.model import init_params
from autoencoder.io import weights_file as weights_io


def shown_short_link(app) -> str | None:
    codes = [c.value for c in app.code if "go=" in c.value]
    return codes[-1] if codes else None


def test_short_link_is_shown_and_opens_the_same_state():
    at = new_app()
    for key in ("full_step", "next_phase", "next_phase"):
        click(at, key)
    at.number_input(key="epochs").set_value(3).run()
    click(at, "train")
    click(at, "next_phase")
    link = shown_short_link(at)
    assert link is not None and len(link) < 80, link
    query = dict(parse_qsl(urlsplit(link).query, keep_blank_values=True))
    assert "p" not in query and query["go"]
    opened = new_app(query)
    assert sess(opened).to_state().key() == sess(at).to_state().key()  # bit for bit
    assert shown_short_link(opened) == link


def test_pasted_weights_have_no_short_link():
    at = new_app()
    text = "\n".join(f"{k} = {v}" for k, v in weights_io.params_to_dict(init_params(7)).items())
    at.text_area(key="paste_arrays").set_value(text).run()
    at.button(key="paste_load").click().run()
    assert_clean(at)
    assert shown_short_link(at) is None
    [box] = [c for c in at.caption if c.value.startswith("No short link")]
    assert "full link" in box.value
