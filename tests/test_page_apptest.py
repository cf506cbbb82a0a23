"""The page driven headless by Streamlit's AppTest, every control by its docs/design.md key."""

import json

import numpy as np
import pytest

pytest.importorskip("streamlit")

from apptest_helpers import assert_clean, click, new_app, send, sess, shown, stepview_data

from autoencoder.core.class_notebook import NOTEBOOK_START
from autoencoder.core.phases import PHASE_NAMES, next_phase, start_step
from autoencoder.page import actions
from autoencoder.page.phase_text import (
    CAPTIONS,
    NOTEBOOK_CAPTIONS,
    caption,
    phase_arrays,
    phase_latex,
    step_printout,
)
from autoencoder.session.session import Session


def status_text(app) -> str:
    return shown(app)["status"]


def test_nine_phases_in_order_with_status_and_equation(at):
    seen, equations = [], set()
    for name in PHASE_NAMES:
        click(at, "next_phase")
        seen.append(sess(at).phase)
        assert f"Phase: {name}" in status_text(at)
        equations.add(shown(at)["panel"])
    assert seen == list(PHASE_NAMES)
    assert len(equations) == 9  # each phase explains itself differently
    assert "Epoch 0 · Step 1 · Phase: update_hidden" in status_text(at)
    click(at, "next_phase")  # the tenth click starts the next step
    assert "Step 1 · Phase: hidden_z" in status_text(at)


def test_undo_and_full_step(at):
    for _ in range(3):
        click(at, "next_phase")
    click(at, "prev_phase")
    assert sess(at).phase == "hidden_a" and "Phase: hidden_a" in status_text(at)
    click(at, "full_step")
    assert sess(at).step_count == 1 and sess(at).step.complete
    click(at, "prev_phase")  # inside a step, Undo is one phase back (the view's scrubber too)
    assert sess(at).step_count == 0 and sess(at).phase == "update_output"


def test_train_epochs_and_until_learned(at):
    at.number_input(key="epochs").set_value(40).run()
    click(at, "train")
    assert sess(at).epoch == 40 and len(sess(at).losses) == 40
    assert "Epoch 40 · Step 320" in status_text(at)
    click(at, "prev_phase")  # one undo point for the whole run
    assert sess(at).epoch == 0
    at.checkbox(key="until_learned").check().run()
    click(at, "train")
    assert sess(at).epoch > 0
    assert any("Learned" in s.value for s in at.success)


def test_reset_gives_fresh_network(at):
    first = sess(at).params.flat().copy()
    click(at, "full_step")
    click(at, "reset")
    assert sess(at).step_count == 0 and sess(at).losses == []
    np.testing.assert_array_equal(sess(at).params.flat(), first)


@pytest.mark.parametrize(
    "kind,key,value",
    [
        ("number_input", "lr", 0.5),
        ("number_input", "momentum", 0.5),
        ("selectbox", "rule", "notebook"),
        ("selectbox", "activation", "shifted-sigmoid"),
        ("radio", "dataset", "notebook"),
        ("radio", "dataset", "custom"),
    ],
)
def test_each_setting_restarts_the_step(at, kind, key, value):
    for _ in range(4):
        click(at, "next_phase")
    getattr(at, kind)(key=key).set_value(value).run()
    assert_clean(at)
    assert getattr(sess(at).settings, key) == value
    assert sess(at).step.done == 0  # the current step starts over with the new setting
    click(at, "prev_phase")  # undo takes the change back, and the widget follows
    assert getattr(sess(at).settings, key) != value
    assert getattr(at, kind)(key=key).value == getattr(sess(at).settings, key)


def test_new_seed_gives_fresh_network(at):
    before = sess(at).params.flat().copy()
    click(at, "full_step")
    at.number_input(key="seed").set_value(7).run()
    assert_clean(at)
    assert sess(at).settings.seed == 7 and sess(at).step_count == 0
    assert not np.allclose(sess(at).params.flat(), before)


def test_custom_pattern_bits(at):
    at.radio(key="dataset").set_value("custom").run()
    at.pills(key="pattern_bits").set_value([1, 2]).run()
    assert_clean(at)
    assert sess(at).settings.pattern == "11000000"
    assert sess(at).example_bits == "11000000"


def test_click_on_input_node_flips_a_bit_only_for_the_custom_set():
    s = Session()
    assert actions.handle_click(s, "x1") == "x1" and s.settings.dataset == "onehot"
    s.update_settings(dataset="custom", pattern="00000000")
    assert actions.handle_click(s, "x3") is None
    assert s.settings.pattern == "00100000"
    assert actions.handle_click(s, "W1[0,1]") == "W1[0,1]"


def test_play_toggle_and_tick(at):
    at.toggle(key="play").set_value(True).run()
    assert_clean(at)
    s = Session()
    assert actions.play_tick(s, 3, until_learned=False) is False
    assert s.epoch == 3
    learned = Session()
    learned.train(until_learned=True)
    assert actions.play_tick(learned, 1, until_learned=True) is True


def test_timeline_jumps_back(at):
    for _ in range(5):
        click(at, "next_phase")
    at.session_state["timeline_box"] = True
    at.run()
    at.selectbox(key="timeline").set_value(2).run()
    click(at, "jump")
    assert sess(at).step.done == 2 and len(sess(at).history) == 2


def test_learning_tabs(at):
    click(at, "full_step")
    at.button_group(key="learning_tab").set_value("Hidden codes").run()
    assert_clean(at)
    assert at.table and any("distinct" in m.value for m in at.markdown)
    at.button_group(key="learning_tab").set_value("Notebook rule vs exact").run()
    assert any("Cosine" in m.value for m in at.markdown)
    at.number_input(key="race_epochs").set_value(20).run()
    click(at, "race")
    race = at.session_state["race_result"]
    assert set(race["curves"]) == {"exact", "notebook"}
    assert 0 < len(race["curves"]["exact"]) <= 20
    at.button_group(key="learning_tab").set_value("Gradient check").run()
    assert any("below 1e-7" in m.value for m in at.markdown)


def test_sessions_are_separate():
    one, two = new_app(), new_app()
    click(one, "full_step")
    assert sess(one) is not sess(two)
    assert sess(one).step_count == 1 and sess(two).step_count == 0


def test_phase_text_reproduces_the_notebook_print():
    s = start_step(
        NOTEBOOK_START,
        [1, 1, 0, 1, 1, 1, 0, 1],
        lr=0.1,
        rule="notebook",
        activation="shifted-sigmoid",
    )
    for _ in range(7):
        s = next_phase(s)
    assert phase_arrays(s, "hidden_delta") == [
        ("delta_hidden", "array([[-0.00370008,  0.01775197, -0.00129583]])")
    ]
    assert r"\delta_h = (\delta_o W_1)" in phase_latex(s)
    assert "-0.0037" in phase_latex(s)
    printout = step_printout(s)
    assert printout.startswith("input_layer\narray([[1, 1, 0, 1, 1, 1, 0, 1]])")
    assert "delta_out\narray([[ 0.01081543,  0.05842546, -0.09744362," in printout


def test_selected_element_is_explained(at):
    """A click on o3 in the graph (the view's select event) explains it beside the graph, at
    every position of the step (prepared with the rest)."""
    for _ in range(6):
        click(at, "next_phase")
    send(at, trigger=("select", "o3"))
    assert at.session_state[actions.SELECTED_KEY] == "o3"
    inspector = shown(at)["inspector"]
    assert inspector.startswith("<p><b>o3</b> (output)") and "delta" in inspector
    assert inspector.count("<math") >= 3  # its own equations, as MathML
    send(at, trigger=("select", ""))
    assert actions.SELECTED_KEY not in at.session_state and "inspector" not in shown(at)


def test_a_view_that_holds_the_steps_is_sent_only_their_names(at):
    """After a move, the steps the view said it holds come back as names; when it lacks
    one (drawn anew) and asks, everything is sent again in full."""
    first = stepview_data(at)
    held = [s["key"] for s in first["steps"]] + [first["static"]["key"]]
    send(at, (first["current"], 1), held=held)
    lean = stepview_data(at)
    assert all(s.get("held") for s in lean["steps"]) and lean["static"].get("held")
    assert lean["phase"] == 1 and sess(at).phase == "hidden_z"
    send(at, need=held[:1], held=held)
    again = stepview_data(at)
    assert not any(s.get("held") for s in again["steps"]) and "figure" in again["static"]


def test_first_visit_explains_the_page_until_dismissed(at):
    def intro_text(app):
        return " ".join(m.value for m in app.markdown if "How to read this page" in m.value)

    assert "nine **phases**" in intro_text(at) and "Orange outlines" in intro_text(at)
    click(at, "intro_dismiss")
    assert not intro_text(at)
    click(at, "next_phase")
    assert not intro_text(at)  # stays dismissed
    assert not intro_text(new_app({"presentation": "1"}))  # not on the projector


def test_each_phase_says_in_a_sentence_what_it_does(at):
    data = stepview_data(at)
    [step] = [s for s in data["steps"] if s["id"] == data["current"]]
    names = ["ready", *PHASE_NAMES]
    for name, position in zip(names, step["positions"]):
        lead = position["panel"].split("<p class='sv-lead'>", 1)[1].split("</p>", 1)[0]
        assert lead.replace("&#x27;", "'") == CAPTIONS[name]
    s = Session()
    s.update_settings(rule="notebook")
    s.go_to(6)
    assert caption(s.step).endswith(NOTEBOOK_CAPTIONS["output_delta"])


def test_the_loss_curve_downloads_as_a_png_for_slides(at):
    at.number_input(key="epochs").set_value(3).run()
    click(at, "train")
    [chart] = [c for c in at.get("plotly_chart") if "loss_chart" in c.proto.id]
    config = json.loads(chart.proto.config)
    assert config["modeBarButtons"] == [["toImage"]] and config["displayModeBar"]
    assert config["toImageButtonOptions"]["format"] == "png"


def test_a_view_that_follows_the_step_reruns_the_page_only_when_the_weights_change():
    """With Hidden codes open, the forward phases and the deltas rerun only the stepping
    fragment (the view shows nothing they change); the update phases rerun the page. With
    the loss curve open, no phase of a step inside an epoch does."""
    from autoencoder.page.learning import TABS
    from autoencoder.page.stepping import outside_token

    s = Session()
    following, loss_curve = [], []
    for _ in range(10):
        following.append(outside_token(s, TABS[1]))
        loss_curve.append(outside_token(s, TABS[0]))
        s.next_phase()
    assert all(t == following[0] for t in following[:8])  # ready .. hidden_delta
    assert following[8] != following[7] and following[9] != following[8]  # the updates
    assert all(t == loss_curve[0] for t in loss_curve)


def test_while_play_trains_only_the_position_shown_is_prepared():
    """Each Play tick moves the network on: the view is handed the step in progress up to
    its position only (a few kB, not the next step's hundreds); all of it once Play stops."""
    at = new_app()
    click(at, "next_phase")
    click(at, "next_phase")
    at.session_state["play"] = True
    at.run()
    assert_clean(at)
    data = stepview_data(at)
    assert [s["id"] for s in data["steps"]] == [data["current"]]
    assert len(data["steps"][0]["positions"]) == 3 and "Phase: hidden_a" in shown(at)["status"]
    at.session_state["play"] = False
    at.run()
    data = stepview_data(at)
    assert len(data["steps"]) == 2 and all(len(s["positions"]) == 10 for s in data["steps"])
