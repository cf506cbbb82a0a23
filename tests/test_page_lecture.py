"""Lecture mode driven by AppTest: presentation from the link and the toggle, classroom
links choosing the controls, the keyboard-only buttons, the inspector's rows."""

import pytest

pytest.importorskip("streamlit")

from apptest_helpers import click, new_app, send, shown, stepview_data, url_params

from autoencoder.figures import element_details
from autoencoder.figures.inspector import describe, inspector_rows
from autoencoder.page import actions, lecture
from autoencoder.session.session import Session

run = new_app


def keys(app) -> set[str]:
    """Keys of the widgets on the page (main area and sidebar)."""
    kinds = ("button", "toggle", "checkbox", "number_input", "selectbox", "multiselect", "radio")
    return {w.key for kind in kinds for w in getattr(app, kind) if w.key}


def large_graph(app) -> bool:
    """Whether the stepping view draws the large (presentation) graph."""
    data = stepview_data(app)
    node = data["static"]["figure"]["layout"]["shapes"][48]
    return data["large"] and node["x1"] - node["x0"] == 60


def test_link_opens_in_presentation_mode_with_the_large_graph():
    app = run({"presentation": "1"})
    assert app.toggle(key="presentation").value is True
    assert large_graph(app)
    plain = run()
    assert plain.toggle(key="presentation").value is False
    assert not large_graph(plain)


def test_toggle_writes_and_clears_the_url_parameter():
    app = run()
    app.toggle(key="presentation").set_value(True).run()
    assert url_params(app)["presentation"] == "1"
    assert large_graph(app)
    app.toggle(key="presentation").set_value(False).run()
    assert "presentation" not in url_params(app)
    assert not large_graph(app)


def test_classroom_link_shows_only_the_chosen_controls():
    app = run({"controls": "step,train"})
    present = keys(app)
    assert stepview_data(app)["controls"]  # Undo / Next phase / Full step / scrubber / keys
    assert {"train", "play", "presentation"} <= present
    assert not present & {"lr", "seed", "reset", "timeline", "classroom_groups", "rule"}
    assert not app.warning
    only_graph = run({"controls": "step"})
    assert "train" not in keys(only_graph) and "play_pause" not in keys(only_graph)


def test_unknown_controls_get_a_message_with_safe_text():
    app = run({"controls": "step,bogus,<b>x</b>"})
    text = " ".join(w.value for w in app.warning)
    assert "bogus" in text and "(unreadable)" in text and "<b>" not in text
    assert stepview_data(app)["controls"]


def test_play_pause_key_switches_play():
    app = run()
    app.button(key="play_pause").click().run()
    assert app.toggle(key="play").value is True
    app.button(key="play_pause").click().run()
    assert app.toggle(key="play").value is False


def test_classroom_link_builder():
    assert lecture.classroom_link("https://x.org/app", ["train", "step"], True) == (
        "https://x.org/app?presentation=1&controls=step,train"
    )
    assert lecture.classroom_link("http://h:85", ["step"], False) == "http://h:85/?controls=step"
    assert lecture.classroom_link("", list(lecture.CONTROL_GROUPS), False) == ""
    assert lecture.classroom_link("", [], False) == "?controls="
    app = run()
    assert any("controls=step,train" in c.value for c in app.sidebar.code)


def done(phases: int) -> Session:
    s = Session()
    for _ in range(phases):
        s.next_phase()
    return s


@pytest.mark.parametrize("element", ["x1", "h2", "o3", "W1[0,2]", "W2[1,7]", "b1[1]", "b2[5]"])
def test_inspector_rows_show_value_and_gradient(element):
    for phases, rule in ((9, "exact"), (9, "notebook"), (2, "exact")):
        s = done(0)
        s.update_settings(rule=rule)
        for _ in range(phases):
            s.next_phase()
        details = element_details(s.step, element)
        rows = dict(inspector_rows(details, rule))
        gradient = [v for k, v in rows.items() if "gradient" in k or "direction" in k or "δ" in k]
        assert gradient, rows
        if phases == 9 and details["kind"] in ("weight", "bias"):
            assert rows["value now"] == f"{details['value']:.8f}"
            assert f"{details['gradient']:.8f}" in gradient
            assert any("change" in k for k in rows)
        if phases == 9 and details["kind"] in ("hidden", "output"):
            assert f"{details['values']['delta']:.8f}" in gradient
        if phases == 2 and details["kind"] != "input":
            assert "not computed yet" in gradient[0]
        if details["kind"] != "input":  # only the exact rule's delta is the gradient
            assert ("notebook rule" in " ".join(rows)) == (rule == "notebook")


def test_inspector_describes_elements():
    s = done(9)
    assert describe("W1[0,2]", element_details(s.step, "W1[0,2]")) == "weight from x1 to h3"
    assert describe("W2[1,7]", element_details(s.step, "W2[1,7]")) == "weight from h2 to o8"
    assert describe("b2[5]", element_details(s.step, "b2[5]")) == "bias of o6"
    assert describe("h2", element_details(s.step, "h2")) == "hidden node 2"


def test_inspector_panel_on_the_page_and_clear():
    app = run()
    for _ in range(9):
        click(app, "next_phase")
    send(app, trigger=("select", "W2[1,7]"))
    text = shown(app)["inspector"]
    assert "<b>W2[1,7]</b> (weight): weight from h2 to o8" in text
    assert "gradient −∂E/∂w = a·δ" in text and "before this step&#x27;s update" in text
    send(app, trigger=("select", ""))
    assert actions.SELECTED_KEY not in app.session_state
