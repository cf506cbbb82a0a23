"""Checking a notebook whatever it names its arrays: three printout styles (the numpy
tutorial's print(name, array), course notation's ``W1 = ...``, bare arrays in order), each
correct and with every catalogued mistake; what is inferred and how; what is not
recognised, and the refusals."""

import re

import numpy as np
import pytest
from printouts import (
    STYLES,
    X,
    bare_printout,
    course_printout,
    student_arrays,
    tutorial_notebook,
    tutorial_printout,
)

from autoencoder.check.checker import check_text
from autoencoder.check.mistakes import MISTAKES
from autoencoder.check.report import format_report
from autoencoder.core.phases import PHASE_NAMES
from autoencoder.io.notebook_text import NOTEBOOK_NAMES, example_text

ACTIVATIONS = ("sigmoid", "shifted-sigmoid", "tanh")
# What each style leaves out, and so what is inferred from its numbers.
INFERRED = {
    "tutorial": {"activation", "lr"},
    "course": {"activation"},
    "bare": {"input", "activation", "lr"},
}


def statuses(report) -> dict:
    return {phase: (v["status"], v["mistake"]) for phase, v in report["phases"].items()}


def inferred(report) -> dict:
    return {i["setting"]: i["value"] for i in report["inferred"]}


@pytest.mark.parametrize("activation", ACTIVATIONS)
@pytest.mark.parametrize("style", sorted(STYLES))
def test_a_correct_printout_matches_everywhere_and_says_what_was_inferred(style, activation):
    report = check_text(STYLES[style](student_arrays(activation=activation)))
    assert set(statuses(report).values()) == {("match", None)}
    assert report["first_mismatch"] is None
    assert set(inferred(report)) == INFERRED[style]
    truth = {"input": "10110010", "activation": activation, "lr": 0.5}
    assert inferred(report) == {k: truth[k] for k in INFERRED[style]}
    assert report["unrecognised"] == report["notes"] == report["assumed"] == []
    assert report["settings"] == {**truth, "rule": "exact"}


def _unstated(style: str, known) -> bool:
    """The mistakes a printout cannot show without stating the setting they concern."""
    if known.name == "plain-vs-shifted-sigmoid":  # no style states its activation
        return True
    if known.name == "missing-derivative" and known.phase == "output_delta":
        return True  # d_o = e is cross-entropy's exact delta unless the loss is stated
    if known.name == "slope-kept-with-cross-entropy":
        return True  # a mistake only under a stated cross-entropy (the corpus shows it)
    # lr is inferred from W2's change: a W2 step with lr twice (or none) is taken as lr
    return "lr" in INFERRED[style] and known.phase == "update_output" and "lr-" in known.name


# Only the pairs a printout can show (the rest would always skip: tests that cannot fail).
SHOWABLE = [
    pytest.param(known, style, id=f"{known.phase}:{known.name}-{style}")
    for known in MISTAKES
    for style in sorted(STYLES)
    if not _unstated(style, known)
]


@pytest.mark.parametrize(("known", "style"), SHOWABLE)
def test_each_catalogued_mistake_is_named_in_each_style(known, style):
    arrays = student_arrays(activation="shifted-sigmoid", phase=known.phase, mistake=known.name)
    report = check_text(STYLES[style](arrays))
    assert report["first_mismatch"] == known.phase
    assert statuses(report)[known.phase] == ("known-mistake", known.name)
    assert {s for p, s in statuses(report).items() if p != known.phase} == {("match", None)}


def test_a_stated_activation_is_used_and_a_mistaken_sigmoid_is_named_where_it_is():
    arrays = student_arrays(
        activation="shifted-sigmoid", phase="hidden_a", mistake="plain-vs-shifted-sigmoid"
    )
    code = "def sigmoid(x):\n    return 1 / (1 + np.exp(-(x + 1)))\n"
    report = check_text(code + course_printout(arrays))
    assert "activation" not in inferred(report)
    assert report["first_mismatch"] == "hidden_a"
    assert statuses(report)["hidden_a"] == ("known-mistake", "plain-vs-shifted-sigmoid")
    # unstated, the two sigmoids fit equally well: the plain one is assumed, and said
    report = check_text(course_printout(arrays))
    assert report["assumed"][0]["value"] == "sigmoid"
    assert statuses(report)["output_a"] == ("known-mistake", "plain-vs-shifted-sigmoid")


def test_an_unstated_lr_comes_from_the_first_update_and_is_said():
    arrays = student_arrays(lr=0.37, phase="update_output", mistake="lr-applied-twice")
    report = check_text(tutorial_printout(arrays))
    assert inferred(report)["lr"] == pytest.approx(0.37**2)  # W2 changed by lr^2 ...
    assert statuses(report)["update_output"] == ("match", None)
    assert statuses(report)["update_hidden"][0] == "mismatch"  # ... and W1 by lr
    [said] = [i["from"] for i in report["inferred"] if i["setting"] == "lr"]
    assert said == "the change in W2 (wout) over the rule's step"


def test_lr_is_rounded_to_the_digits_that_reproduce_the_update_even_uphill():
    arrays = student_arrays(lr=0.037, phase="update_output", mistake="update-sign-flipped")
    report = check_text(bare_printout(arrays))
    assert inferred(report)["lr"] == 0.037  # exactly, not 0.0370000012
    assert statuses(report)["update_output"] == ("known-mistake", "update-sign-flipped")


def test_the_input_comes_from_output_plus_error_when_the_forward_pass_slipped():
    arrays = student_arrays(phase="hidden_z", mistake="bias-left-out")
    report = check_text(bare_printout(arrays))
    assert inferred(report)["input"] == "10110010"
    [said] = [i["from"] for i in report["inferred"] if i["setting"] == "input"]
    assert said == "the only 8 bits that array 8 + array 9 (output + error) add up to"
    assert statuses(report)["hidden_z"] == ("known-mistake", "bias-left-out")


def test_what_the_numbers_do_not_determine_is_assumed_and_said():
    arrays = student_arrays()
    text = "\n".join(str(arrays[k]) for k in ("W1", "b1", "W2", "b2", "input", "hidden_z"))
    report = check_text(text)
    assert statuses(report)["hidden_z"] == ("match", None)
    assert report["inferred"] == [] and report["notes"] == []
    assert [(a["setting"], a["value"]) for a in report["assumed"]] == [
        ("activation", "sigmoid"),
        ("lr", 0.1),
    ]
    assert report["assumed"][1]["why"].endswith("(it enters only the updates)")
    assert "Assumed (neither the text nor the numbers say):\n  activation sigmoid: " in (
        format_report(report)
    )


def test_a_slip_is_labelled_as_nearly_its_array_and_found_at_its_element():
    arrays = student_arrays()
    arrays["output_z"] = arrays["output_z"].copy()
    arrays["output_z"][5] += 0.125  # the student's later arrays do not follow from it
    report = check_text(bare_printout(arrays))
    [label] = [a for a in report["labels"] if a["as"] == "output_z"]
    assert label == {
        "array": "array 7",
        "cell": "cell 1",
        "shape": [8],
        "as": "output_z",
        "by": "nearly",
        "matches": "nearly the rule's output_z",
    }
    verdict = report["phases"]["output_z"]
    assert verdict["status"] == "mismatch" and verdict["index"] == [5]
    assert verdict["got"] - verdict["expected"] == pytest.approx(0.125)


def test_weights_stored_the_other_way_round_are_read_transposed():
    """w_ih as (hidden x input), column vectors: the layout of many from-scratch books."""
    arrays, col = student_arrays(seed=7, lr=0.3), (lambda v: np.reshape(v, (-1, 1)))
    lines = [
        ("w_ih", arrays["W1"].T),
        ("b_h", col(arrays["b1"])),
        ("w_ho", arrays["W2"].T),
        ("b_o", col(arrays["b2"])),
        ("inputs", col(X)),
        ("hidden_outputs", col(arrays["hidden_a"])),
        ("final_outputs", col(arrays["output_a"])),
        ("output_errors", col(arrays["error"])),
        ("w_ho", arrays["after.W2"].T),
        ("w_ih", arrays["after.W1"].T),
    ]
    report = check_text("\n".join(f"{name}:\n{array}" for name, array in lines))
    assert "w_ih is printed 3x8 (a row per unit it feeds): read transposed as W1" in report["notes"]
    assert inferred(report) == {"activation": "sigmoid", "lr": 0.3}
    judged = {p: s for p, s in statuses(report).items() if s[0] != "missing"}
    assert set(judged) == {"hidden_a", "output_a", "error", "update_output", "update_hidden"}
    assert set(judged.values()) == {("match", None)}


def test_the_class_notebook_with_every_name_changed_gets_the_same_verdicts():
    text = example_text()
    for number, name in enumerate(NOTEBOOK_NAMES):
        if name != "lr":
            text = re.sub(rf"\b{name}\b", f"v{number}", text)
    original, renamed = check_text(example_text()), check_text(text)
    assert statuses(renamed) == statuses(original)
    assert renamed["first_mismatch"] == "output_delta"
    assert {r["by"] for r in renamed["recognised"] if r["variable"] != "activation"} == {
        "shape",
        "value",
        "name",  # "name": the updated parameters, printed again after update
    }
    assert original["labels"] == original["inferred"] == original["unrecognised"] == []


def test_intermediates_are_named_and_the_unrecognised_listed_with_how_to_label_them():
    arrays = student_arrays()
    text = (
        tutorial_printout(arrays)
        + "\n"
        + "\n".join(
            [
                f"hidden_layer_input1 {arrays['input'] @ arrays['W1']}",
                f"Error_at_hidden_layer {arrays['output_delta'] @ arrays['W2'].T}",
                "mystery [0.5 0.25 0.125]",
                "[1.5 2.5 3.5 4.5]",
            ]
        )
    )
    report = check_text(text)
    assert set(statuses(report).values()) == {("match", None)}
    matches = {a["array"]: a["matches"] for a in report["labels"] if a["as"] is None}
    assert matches["hidden_layer_input1"] == "an intermediate: x W1 (hidden_z before its bias)"
    assert matches["Error_at_hidden_layer"].startswith("an intermediate: d_o W2^T")
    assert [(u["array"], u["shape"]) for u in report["unrecognised"]] == [
        ("mystery", [3]),
        ("array 22", [4]),  # the 22nd array printed
    ]
    assert report["unrecognised"][0]["hint"].startswith("3 numbers can be b1 (hidden_bias, bh)")


@pytest.mark.parametrize(
    "text, said",
    [
        ("just some words", "no arrays found (expected a check JSON or a notebook's text)"),
        (
            "[1]\n[2]",
            "no arrays found (only single numbers) (expected a check JSON or a notebook's text)",
        ),
        (
            "foo = [1, 2, 3]\nbar [[1. 2.]]",
            "no starting W1 (8x3), W2 (3x8), b2 (8) among the 2 "
            "arrays found (names: foo, bar); print each before the step under its name, e.g. "
            'print("W1", W1) or W1 = [[...]]',
        ),
        (
            "W1 = [[1, 2]]\nb1 = [1, 2, 3]\nW2 = [[0]]\nb2 = [0]",
            "W1: expected 8x3 numbers, got shape (1, 2)",
        ),
        (
            f"wh {np.full((8, 3), 2e6)}\nbh [0 0 0]\nwout {np.zeros((3, 8))}\nbout {np.zeros(8)}",
            "W1: numbers beyond 1e+06 in size are not a sane network",
        ),
    ],
)
def test_refusals_are_one_line_naming_what_was_found(text, said):
    with pytest.raises(ValueError) as refused:
        check_text(text)
    assert str(refused.value) == said.replace("a notebook's text", "a notebook's printed text")


def test_a_learning_rate_printed_as_a_one_number_array_is_read():
    text = course_printout(student_arrays(lr=0.25)).replace("lr = 0.25", "lr = [0.25]")
    report = check_text(text)
    assert report["settings"]["lr"] == 0.25 and "lr" not in inferred(report)


def test_an_input_the_numbers_do_not_determine_is_asked_for():
    arrays = student_arrays()
    with pytest.raises(ValueError, match="the input is not in the text and the arrays do not"):
        check_text("\n".join(str(arrays[k]) for k in ("W1", "b1", "W2", "b2")))


def test_a_start_value_printed_again_before_the_deltas_is_not_taken_as_updated():
    """As the class notebook does (hidden_bias in In[61] and In[65]); without an updated
    b1 printed, the re-print must not pass for a forgotten bias update."""
    arrays = student_arrays()
    keys = ["W1", "b1", "W2", "b2", "hidden_z", "b1", "hidden_a", "output_z", "output_a"]
    keys += ["error", "output_delta", "hidden_delta", "after.W2", "after.b2", "after.W1"]
    report = check_text("\n".join(str(arrays[k]) for k in keys))
    assert set(statuses(report).values()) == {("match", None)}
    assert report["phases"]["update_hidden"]["arrays"]["b1"]["status"] == "missing"
    [again] = [a for a in report["labels"] if a["array"] == "array 6"]
    assert again["as"] is None and again["matches"] == "b1 printed again"


@pytest.mark.parametrize("forget", ["", "bh +=", "bout +="])
def test_the_tutorial_run_as_a_notebook_is_read_by_its_code_and_names(forget):
    """Cells with code: ``a = ...; b = ...`` on one line, print("wh", wh), arrays printed
    after their use; a forgotten bias update shows as the bias printed again unchanged."""
    report = check_text(tutorial_notebook(forget=forget))
    phase = {"": None, "bh +=": "update_hidden", "bout +=": "update_output"}[forget]
    assert report["first_mismatch"] == phase
    if phase:
        assert statuses(report)[phase] == ("known-mistake", "bias-not-updated")
    judged = {p: s for p, s in statuses(report).items() if s[0] != "missing" and p != phase}
    assert set(judged) | {phase} - {None} == set(PHASE_NAMES) - {"hidden_z", "output_z", "error"}
    assert set(judged.values()) == {("match", None)}
    assert report["settings"] == {
        "input": "10110010",
        "lr": 0.5,
        "activation": "sigmoid",
        "rule": "exact",
    }
    assert report["inferred"] == report["assumed"] == []  # the code states them


def test_a_bare_error_as_output_delta_is_cross_entropy_unless_the_loss_says_squared():
    arrays = student_arrays(phase="output_delta", mistake="missing-derivative")
    report = check_text(course_printout(arrays))
    assert report["first_mismatch"] is None  # the exact delta of cross-entropy ...
    [loss] = [c for c in report["conventions"] if c["convention"] == "loss"]
    assert loss["value"].startswith("cross-entropy") and "f'(z_o) is missing" in loss["from"]
    # ... and the praise says what it rests on
    assert report["summary"]["verdict"] == "correct"
    assert (
        "if your loss is squared error, the factor f'(z_o) is missing"
        in (report["summary"]["text"])
    )
    e = arrays["error"]
    stated = course_printout(arrays) + f"\nE = {0.5 * float(e @ e)!r}\n"
    report = check_text(stated)  # ... but with E = 1/2 sum(e^2) printed, a missing f'
    assert statuses(report)["output_delta"] == ("known-mistake", "missing-derivative")
