"""Batch mode on the page, driven by AppTest: the Mode setting, the nine phases on the whole
set with matrices in the panel, the pattern the nodes show, the URL."""

import re

import numpy as np
import pytest

pytest.importorskip("streamlit")

from apptest_helpers import assert_clean, click, new_app, sess, shown, url_params

from autoencoder.core.model import ONE_HOT, init_params
from autoencoder.core.phases import PHASE_NAMES
from autoencoder.core.training import train
from autoencoder.session.session import Session


def matrix_rows(panel: str) -> list[int]:
    """The number of rows of each matrix in the panel's equations."""
    matrices = re.findall(r"<mrow class=\"matrix\">.*?</mtable>", panel)
    return [m.count("<mtr>") for m in matrices]


def test_switch_to_batch_and_step_the_nine_phases_with_matrices():
    at = new_app()
    at.sidebar.radio(key="mode").set_value("batch").run()
    assert_clean(at)
    assert sess(at).settings.mode == "batch" and sess(at).step.x.shape == (8, 8)
    assert "Batch step on all 8 patterns" in shown(at)["caption"]
    assert 8 in matrix_rows(shown(at)["panel"])  # X = T, 8x8
    rows = {}
    for name in PHASE_NAMES:
        click(at, "next_phase")
        assert f"Phase: {name}" in shown(at)["status"]
        rows[name] = matrix_rows(shown(at)["panel"])
    assert rows["hidden_z"] == [8] and rows["output_delta"] == [8]  # Z_h 8x3, D_o 8x8
    assert rows["update_output"] == [3, 1] and rows["update_hidden"] == [8, 1]  # ΔW, Δb
    assert "Epoch 1 · Step 1 · Phase: update_hidden" in shown(at)["status"]
    expected = train(init_params(0), ONE_HOT, mode="batch", epochs=1, lr=2.0)
    np.testing.assert_allclose(sess(at).params.flat(), expected.params[0].flat(), atol=1e-12)
    click(at, "next_phase")  # the next batch step
    assert "Epoch 1 · Step 1 · Phase: hidden_z" in shown(at)["status"]
    click(at, "prev_phase")
    click(at, "prev_phase")
    assert "Epoch 0 · Step 0 · Phase: update_output" in shown(at)["status"]


def test_the_nodes_show_the_chosen_pattern_and_the_caption_says_so():
    at = new_app({"mode": "batch"})
    for _ in range(4):
        click(at, "next_phase")
    at.segmented_control(key="batch_pattern").set_value(3).run()
    assert_clean(at)
    caption = shown(at)["caption"]
    assert "nodes show pattern 3 of 8, x = 00100000" in caption
    assert "updates sum all 8" in caption
    a_o = sess(at).step.output_a[2]
    assert shown(at)["view"]["node_text"][-8:] == [f"{v:.3f}" for v in a_o]


def test_url_round_trip_keeps_batch_mode():
    at = new_app()
    at.sidebar.radio(key="mode").set_value("batch").run()
    for _ in range(13):
        click(at, "next_phase")
    params = url_params(at)
    assert params["mode"] == "batch"
    again = new_app(params)
    assert again.session_state["ae_session"].to_state().key() == sess(at).to_state().key()
    assert "Epoch 1 · Step 1 · Phase: output_a" in shown(again)["status"]


def test_a_link_with_an_unknown_mode_gets_a_message_and_a_fresh_network():
    at = new_app({"mode": "minibatch"})
    text = " ".join(e.value for e in at.error)
    assert "'mode'" in text and "minibatch" in text and "fresh network" in text
    assert sess(at).to_state().key() == Session().to_state().key()


def test_inspector_in_batch_mode_names_the_pattern_and_sums_the_gradient():
    at = new_app({"mode": "batch"})
    for _ in range(9):
        click(at, "next_phase")
    from autoencoder.page.stepview_text import inspector_html

    step = sess(at).step
    for element in ("x3", "h2", "o8", "W1[2,1]", "b1[0]", "W2[0,7]", "b2[5]"):
        html = inspector_html(step, element, "exact", pattern=4)
        assert "Pattern 5 of 8" in html or "sum the 8 patterns" in html
    html = inspector_html(step, "W2[0,7]", "exact")
    grad = float(step.hidden_a[:, 0] @ step.output_delta[:, 7])
    assert f"{grad:.8f}" in html


def test_the_learning_views_work_in_batch_mode():
    at = new_app()
    at.sidebar.radio(key="mode").set_value("batch").run()
    click(at, "next_phase")
    at.button_group(key="learning_tab").set_value("Notebook rule vs exact").run()
    assert_clean(at)
    assert any("pattern 1 of the batch" in m.value for m in at.markdown)
    assert any("Cosine" in m.value for m in at.markdown)
    at.button_group(key="learning_tab").set_value("Gradient check").run()
    assert_clean(at)
    assert any("all 8 patterns (E summed)" in m.value for m in at.markdown)
    at.button_group(key="learning_tab").set_value("Hidden codes").run()
    assert_clean(at)
