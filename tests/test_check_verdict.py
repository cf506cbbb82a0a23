"""The one verdict on a check is honest about what it covered (the issue's items 4 and 5):
an updated parameter that matches nothing is a mismatch of its phase, and a check that
could not judge the step says what to print instead of praise; the page says what the
command line says."""

import json

import numpy as np
import pytest
from printouts import bare_printout, student_arrays

from autoencoder.check.checker import check_text
from autoencoder.check.report import format_report
from autoencoder.check.summary import WELL_DONE
from autoencoder.cli import main
from autoencoder.core.class_notebook import NOTEBOOK_START


def only(arrays: dict, keys) -> str:
    return "\n\n".join(str(np.asarray(arrays[k])) for k in keys)


START = ["W1", "b1", "W2", "b2"]
FORWARD = ["hidden_z", "hidden_a", "output_z", "output_a", "error"]


def test_a_bias_update_that_matches_nothing_is_a_mismatch_of_its_phase():
    """b2 += np.sum(d_o) * lr (no axis): every bias gets the sum of all deltas."""
    arrays = student_arrays()
    arrays["after.b2"] = arrays["b2"] + arrays["lr"] * np.sum(arrays["output_delta"])
    report = check_text(bare_printout(arrays))
    assert report["first_mismatch"] == "update_output"
    assert report["phases"]["update_output"]["status"] in ("mismatch", "known-mistake")
    assert report["summary"]["verdict"] == "wrong"
    assert not report["summary"]["text"].startswith(WELL_DONE)


def test_forward_phases_alone_do_not_judge_the_step_and_say_what_to_print():
    arrays = student_arrays()
    report = check_text(only(arrays, START + ["input"] + FORWARD))
    assert report["first_mismatch"] is None
    summary = report["summary"]
    assert summary["verdict"] == "incomplete"
    assert summary["to_print"] == ["after.W2", "after.b2", "after.W1", "after.b1"]
    assert "Well done" not in summary["text"] and "W2, b2, W1, b1" in summary["text"]
    assert "Verdict: incomplete." in format_report(report)


def test_the_students_own_names_say_what_to_print():
    arrays = student_arrays()
    text = "\n".join(
        f"{n} = {np.asarray(arrays[k])}"
        for n, k in [
            ("wh", "W1"),
            ("bh", "b1"),
            ("wout", "W2"),
            ("bout", "b2"),
            ("X", "input"),
            ("hiddenlayer_activations", "hidden_a"),
        ]
    )
    summary = check_text(text)["summary"]
    assert summary["verdict"] == "incomplete"
    assert "wout, bout, wh, bh" in summary["text"]


def test_updates_that_are_the_rules_judge_the_step_even_without_the_phases_before():
    arrays = student_arrays()
    report = check_text(
        only(arrays, START + ["input", "hidden_a", "after.W2", "after.b2", "after.W1", "after.b1"])
    )
    assert report["summary"]["verdict"] == "correct"
    assert report["summary"]["text"].startswith(WELL_DONE)


def test_a_full_correct_step_is_praised():
    summary = check_text(bare_printout(student_arrays()))["summary"]
    assert summary["verdict"] == "correct" and summary["text"].endswith("Well done.")
    assert summary["not_checked"] == [] and summary["to_print"] == []


def test_the_tools_own_notebook_printout_is_never_praised(capsys):
    assert main(["notebook"]) == 0
    text = capsys.readouterr().out
    # it prints no starting values: the honest answer is what to print, in one line
    with pytest.raises(ValueError) as refused:
        check_text(text)
    said = str(refused.value)
    assert said.startswith("no starting W1 (8x3), b1 (3), W2 (3x8), b2 (8) among the 11 arrays")
    assert "W1, b1, W2, b2 only after the update" in said and "\n" not in said
    # with the class notebook's starting values printed before it, the step is judged
    start = "\n".join(f"{k} = np.{v!r}" for k, v in NOTEBOOK_START.as_dict().items())
    report = check_text(start + "\n" + text)
    assert report["first_mismatch"] == "output_delta"  # the notebook rule's departures
    assert report["summary"]["verdict"] == "wrong"


def test_cli_json_carries_the_summary(tmp_path, capsys):
    path = tmp_path / "p.txt"
    path.write_text(only(student_arrays(), START + ["input"] + FORWARD))
    assert main(["check", str(path), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["summary"]["verdict"] == "incomplete"
    assert report["first_mismatch"] is None


@pytest.mark.parametrize("verdict", ["incomplete", "correct", "wrong"])
def test_the_page_follows_the_same_verdict(verdict):
    pytest.importorskip("streamlit")
    from apptest_helpers import new_app, paste

    arrays = student_arrays()
    if verdict == "wrong":
        arrays["after.b2"] = arrays["b2"] + 0.01
    keys = START + ["input"] + FORWARD
    if verdict != "incomplete":
        keys += ["output_delta", "hidden_delta", "after.W2", "after.b2", "after.W1", "after.b1"]
    text = only(arrays, keys)
    expected = check_text(text)["summary"]
    assert expected["verdict"] == verdict
    app = new_app()
    paste(app, text)
    shown = {"correct": app.success, "incomplete": app.warning, "wrong": app.error}[verdict]
    said = [e.value for e in shown if e.value == expected["text"]]
    assert said, [e.value for e in shown]
    if verdict != "correct":
        assert not [s for s in app.success if WELL_DONE in s.value]


def test_a_net_without_biases_is_never_told_to_change_a_bias_line():
    """The issue's item 8: a fix never touches a line that was never written."""
    from autoencoder.check.check_input import read_check_dict
    from autoencoder.check.checker import check
    from autoencoder.core.model import Params, init_params
    from autoencoder.core.phases import run_step

    start = init_params(3)
    start = Params(start.W1, np.zeros(3), start.W2, np.zeros(8))
    step = run_step(start, np.array([1, 0, 1, 1, 0, 0, 1, 0.0]), lr=0.5)
    obj = {k: v.tolist() for k, v in start.as_dict().items()}
    uphill = {k: (2 * getattr(start, k) - getattr(step.params, k)).tolist() for k in ("W1", "W2")}
    obj.update(input="10110010", lr=0.5, biases=False, after=uphill)
    report = check(read_check_dict(obj))
    verdict = report["phases"]["update_output"]
    assert (verdict["status"], verdict["mistake"]) == ("known-mistake", "update-sign-flipped")
    assert verdict["fix"] == [
        {
            "yours": "output_weight -= np.dot(hidden_activation.T, delta_out) * lr",
            "rule": "output_weight += np.dot(hidden_activation.T, delta_out) * lr",
        }
    ]
    assert report["summary"]["to_print"] == []  # no bias to print either


def test_praise_says_which_printed_arrays_were_not_checked():
    text = bare_printout(student_arrays()) + "\nmystery [0.5 0.25 0.125]\n"
    summary = check_text(text)["summary"]
    assert summary["verdict"] == "correct"
    assert summary["text"].endswith(
        "1 printed array matches nothing and was not checked: see the list of what was not "
        "recognised."
    )
