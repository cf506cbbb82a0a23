"""The Loss setting on the page (issue 14 item 3), driven by AppTest."""

import numpy as np
import pytest

pytest.importorskip("streamlit")

from apptest_helpers import assert_clean, click, new_app, sess, shown, url_params

CE = "cross-entropy"


def test_loss_setting_changes_the_step_and_the_link():
    at = new_app()
    for _ in range(6):
        click(at, "next_phase")
    squared = sess(at).step
    assert not np.array_equal(squared.output_delta, squared.error)
    at.selectbox(key="loss").set_value(CE).run()
    assert_clean(at)
    assert sess(at).settings.loss == CE and sess(at).step.done == 0
    for _ in range(6):
        click(at, "next_phase")
    step = sess(at).step
    assert np.array_equal(step.output_delta, step.error)  # d_o = e: no f' factor
    assert step.loss != squared.loss
    assert "cross-entropy" in shown(at)["panel"]
    assert url_params(at)["loss"] == CE
    again = new_app(url_params(at))  # a reload keeps the loss
    assert again.selectbox(key="loss").value == CE
    assert again.session_state["ae_session"].to_state().key() == sess(at).to_state().key()


def test_tanh_with_cross_entropy_is_refused_with_a_message():
    at = new_app()
    at.selectbox(key="loss").set_value(CE).run()
    at.selectbox(key="activation").set_value("tanh").run()
    assert_clean(at)
    assert sess(at).settings.activation == "sigmoid"
    assert at.selectbox(key="activation").value == "sigmoid"  # the widget follows back
    [error] = at.error
    assert "only with sigmoid outputs" in error.value


def test_the_rules_view_compares_the_rules_under_the_chosen_loss():
    """With cross-entropy both rules' output deltas are e (the loss cancels f'): the
    'Notebook rule vs exact' view shows no difference in row 6, and the exact rule's
    hidden delta is the session's own."""
    at = new_app()
    at.selectbox(key="loss").set_value(CE).run()
    click(at, "full_step")
    at.button_group(key="learning_tab").set_value("Notebook rule vs exact").run()
    assert_clean(at)
    table = next(t.value for t in at.table if "difference" in t.value.columns)
    output_rows = table[table["row"] == "6 δ_o"]
    assert (output_rows["difference"] == 0).all()
    np.testing.assert_allclose(table[table["row"] == "7 δ_h"]["exact"], sess(at).step.hidden_delta)
