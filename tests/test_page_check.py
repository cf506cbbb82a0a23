""" "Check my notebook" on the page (AppTest), and the student's step it draws (pure)."""

import json

import numpy as np
import pytest

pytest.importorskip("streamlit")

from apptest_helpers import assert_clean, click, paste, verdicts

from autoencoder.check.checker import read_check_text
from autoencoder.check.student_step import student_steps
from autoencoder.core.class_notebook import notebook_input
from autoencoder.core.model import init_params
from autoencoder.core.phases import PHASE_NAMES, run_step
from autoencoder.io.notebook_text import example_text
from autoencoder.page.check import report_rows
from autoencoder.page.markdown import escape_markdown

CHECKED = ("output_delta", "hidden_delta")


def check_chart_spec(app) -> dict:
    charts = [c for c in app.get("plotly_chart") if c.proto.id.endswith("check_chart")]
    assert len(charts) == 1
    return json.loads(charts[0].proto.spec)


def assert_class_notebook_verdicts(app):
    rows = verdicts(app)
    assert list(rows) == list(PHASE_NAMES)
    for phase in PHASE_NAMES[:5] + ("update_output", "update_hidden"):
        assert rows[phase]["verdict"] == "✓ match", phase
    for phase in CHECKED:
        assert rows[phase]["verdict"] == "⚠ known mistake", phase
    assert rows["output_delta"]["mistake"].endswith("(`slope-at-activation`)")
    assert "w1-for-w2-transpose" in rows["hidden_delta"]["mistake"]
    assert "`slope_out = activation(output_z, dx=True)`" in rows["output_delta"]["what to change"]
    assert any("First phase that is not a match: output_delta" in m.value for m in app.markdown)


def test_a_mistake_is_said_in_words_first_and_named_second_with_the_line_to_change(at):
    at.button(key="check_example").click().run()
    rows = verdicts(at)
    mistake = rows["output_delta"]["mistake"]
    sentence = (
        "The slope f' is taken at the outputs' activations a_o; it belongs at their sums z_o."
    )
    assert mistake.index(sentence) == 0 and mistake.index("slope-at-activation") > len(sentence)
    hidden = rows["hidden_delta"]["mistake"]
    assert hidden.startswith("This is the class notebook's own rule")
    assert hidden.index("own rule") < hidden.index("w1-for-w2-transpose+slope-at-activation")
    # What to change: the line the notebook wrote, and the rule's line in its place.
    assert rows["output_delta"]["what to change"] == (
        "Change `slope_out = activation(output_activation, dx=True)` to "
        "`slope_out = activation(output_z, dx=True)`."
    )
    change = rows["hidden_delta"]["what to change"]
    assert "`delta_hidden = np.dot(delta_out, hidden_weight) * slope_hidden` to " in change
    assert "`delta_hidden = np.dot(delta_out, output_weight.T) * slope_hidden`" in change
    assert "slope_out" not in rows["output_delta"]["mistake"]  # the verdict is not repeated
    for phase in PHASE_NAMES[:5]:
        assert rows[phase]["mistake"] == rows[phase]["what to change"] == ""
    # and, for the first wrong phase, the same lines as a diff beside its equation
    diff = next(c for c in at.code if c.language == "diff")
    assert diff.value == (
        "- slope_out = activation(output_activation, dx=True)\n"
        "+ slope_out = activation(output_z, dx=True)"
    )


def test_the_example_button_says_it_checks_at_once(at):
    button = at.button(key="check_example")
    assert "load and check" in button.label.lower()
    assert any("checked at once" in c.value for c in at.caption)  # before any text


def test_example_button_loads_the_class_notebook_and_shows_the_verdicts(at):
    status_before = at.session_state["ae_session"].status_text()
    at.button(key="check_example").click().run()
    assert_clean(at)
    assert at.text_area(key="check_input").value == example_text()
    assert_class_notebook_verdicts(at)
    # The first wrong phase on the student's own network: their deltas on the output nodes.
    spec = check_chart_spec(at)
    node_text = spec["data"][2]["text"]
    assert "-0.097" in node_text and "-0.099" in node_text  # delta_out[2], delta_out[6]
    assert any("δ" in (a.get("text") or "") for a in spec["layout"]["annotations"])
    # The rule's equation with their numbers: f' at z_o, on their error -0.3816...
    equation = next(t.value for t in at.latex if r"\delta^o" in t.value)
    assert "f'(z_o)" in equation
    assert at.session_state["ae_session"].status_text() == status_before  # page untouched


def test_pasted_text_is_checked_and_recognised_variables_are_listed(at):
    paste(at, example_text())
    assert_class_notebook_verdicts(at)
    recognised = next(t.value for t in at.table if "variable" in t.value.columns)
    assert {"hidden_weight", "delta_out", "delta_hidden", "activation"} <= set(
        recognised["variable"]
    )
    assert "In [64]" in set(recognised["cell"])


@pytest.mark.parametrize(
    "text", ["hello, this is not a notebook", "{not json", "{}", '{"W1": "<b>x</b>"}', "[1, 2]"]
)
def test_garbage_gives_a_clear_message_and_leaves_the_page_alone(at, text):
    click(at, "next_phase")
    status_before = at.session_state["ae_session"].status_text()
    paste(at, text)
    assert len(at.error) == 1
    assert at.error[0].value.startswith("Could not check this text:")
    assert not [t for t in at.table if "verdict" in t.value.columns]
    assert at.session_state["ae_session"].status_text() == status_before


def exact_check_json(params, x, lr=0.1, activation="sigmoid") -> dict:
    step = run_step(params, x, lr=lr, rule="exact", activation=activation)
    obj = {k: v.tolist() for k, v in params.as_dict().items()}
    obj.update(input="".join(str(int(b)) for b in x), lr=lr, activation=activation)
    obj.update({name: getattr(step, name).tolist() for name in PHASE_NAMES[:7]})
    obj["after"] = {k: v.tolist() for k, v in step.params.as_dict().items()}
    return obj


def test_a_check_json_that_is_right_everywhere(at):
    paste(at, json.dumps(exact_check_json(init_params(3), notebook_input())))
    rows = verdicts(at)
    assert {row["verdict"] for row in rows.values()} == {"✓ match"}
    assert len(at.success) == 1
    assert not [c for c in at.get("plotly_chart") if c.proto.id.endswith("check_chart")]


def test_a_check_json_with_a_slip_names_the_element_and_both_values(at):
    obj = exact_check_json(init_params(3), notebook_input())
    expected = obj["output_z"][4]
    obj["output_z"][4] = expected + 0.25
    paste(at, json.dumps(obj))
    rows = verdicts(at)
    assert rows["hidden_a"]["verdict"] == "✓ match"
    assert rows["output_z"]["verdict"] == "✗ mismatch"
    said = rows["output_z"]["what to change"]
    assert said.startswith(f"output_z[4]: yours {expected + 0.25:.8f}, expected {expected:.8f}")
    assert said.endswith(
        "compare your line with `output_z = np.dot(hidden_activation, output_weight) + output_bias`"
    )
    assert rows["output_z"]["mistake"] == ""
    assert not [c for c in at.code if c.language == "diff"]  # no known fix to show
    assert any("First phase that is not a match: output_z" in m.value for m in at.markdown)


def test_a_forgotten_bias_update_says_which_line_to_add(at):
    obj = exact_check_json(init_params(3), notebook_input())
    obj["after"]["b2"] = init_params(3).b2.tolist()
    paste(at, json.dumps(obj))
    row = verdicts(at)["update_output"]
    assert row["mistake"] == "The weights were updated but the bias was not. (`bias-not-updated`)"
    assert row["what to change"] == "Add `output_bias += delta_out * lr`."


def test_clear_empties_the_text_and_the_report(at):
    at.button(key="check_example").click().run()
    at.button(key="check_clear").click().run()
    assert_clean(at)
    assert at.text_area(key="check_input").value == ""
    assert not [t for t in at.table if "verdict" in t.value.columns]


def test_take_home_download_is_built_only_when_clicked(at):
    buttons = [b.proto for b in at.get("download_button") if b.proto.id.endswith("export_ipynb")]
    assert len(buttons) == 1
    assert buttons[0].deferred_file_id and not buttons[0].url  # data=callable: not built yet


# --- pure parts ---------------------------------------------------------------------------


def test_student_step_holds_their_arrays_and_the_rule_from_their_inputs():
    ci, _ = read_check_text(example_text())
    theirs, correct = student_steps(ci, "hidden_delta")
    assert theirs.phase == correct.phase == "hidden_delta"
    assert np.allclose(theirs.output_delta, np.squeeze(ci.arrays["output_delta"]))
    assert np.allclose(theirs.hidden_delta, np.squeeze(ci.arrays["hidden_delta"]))
    assert np.allclose(correct.output_delta, theirs.output_delta)  # their input to phase 7
    slope = correct.hidden_a * (1 - correct.hidden_a)
    assert np.allclose(correct.hidden_delta, (theirs.output_delta @ ci.start.W2.T) * slope)
    theirs, _ = student_steps(ci, "update_hidden")
    assert np.allclose(theirs.params.W1, ci.after["W1"])
    assert np.allclose(theirs.velocity.W1, ci.after["W1"] - ci.start.W1)


def test_escaped_markdown_keeps_no_active_characters():
    escaped = escape_markdown("[link](http://x) <b>$x$</b> `c`")
    for char in "[]()<>$`":
        assert escaped.count("\\" + char) == "[link](http://x) <b>$x$</b> `c`".count(char)


def test_escaped_markdown_is_one_line_and_turns_no_address_into_a_link():
    escaped = escape_markdown("see https://x.org or www.x.org\nor mail a@b.c")
    assert "\n" not in escaped and "://" not in escaped and "www." not in escaped
    assert "@b" not in escaped


def test_a_huge_wrong_value_is_reported_readably():
    rows = report_rows(
        {
            "phases": {
                "hidden_z": {
                    "status": "mismatch",
                    "array": "hidden_z",
                    "index": [0],
                    "got": 1e300,
                    "expected": 0.5,
                    "arrays": {},
                }
            }
        }
    )
    assert rows["what to change"][0] == "hidden_z[0]: yours 1.00000000e+300, expected 0.50000000"
