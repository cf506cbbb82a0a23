""" "Check my notebook" on the page (AppTest) with printouts that name their arrays their own
way, or not at all: the tutorial's print(name, array), course notation's W1 = ..., bare
arrays in order; correct, and with a forgotten bias update."""

import re

import pytest

pytest.importorskip("streamlit")

from apptest_helpers import assert_clean, new_app, paste, sess, verdicts
from printouts import STYLES, student_arrays

from autoencoder.core.phases import PHASE_NAMES

# What each style leaves out, so what the page says it read off the numbers.
INFERRED = {
    "tutorial": ["**activation** `sigmoid`: inferred", "**lr** `0.5`: inferred"],
    "course": ["**activation** `sigmoid`: inferred"],
    "bare": [
        "**input** `10110010`: inferred",
        "**activation** `sigmoid`: inferred",
        "**lr** `0.5`: inferred",
    ],
}


@pytest.fixture(scope="module")
def at():
    return new_app()


def inferred_box(app) -> str:
    [box] = [i.value for i in app.info if "read off your numbers" in i.value]
    return box


def recognised_table(app):
    return next(t.value for t in app.table if "how" in t.value.columns)


@pytest.mark.parametrize("style", sorted(STYLES))
def test_a_correct_printout_in_any_style_matches_and_says_what_was_inferred(at, style):
    paste(at, STYLES[style](student_arrays()))
    rows = verdicts(at)
    assert list(rows) == list(PHASE_NAMES)
    assert {row["verdict"] for row in rows.values()} == {"✓ match"}
    assert any("Every phase you gave matches" in s.value for s in at.success)
    bullets = [line for line in inferred_box(at).splitlines() if line.startswith("- ")]
    assert len(bullets) == len(INFERRED[style])  # nothing assumed
    assert all(said in line for said, line in zip(INFERRED[style], bullets, strict=True))
    assert not [w for w in at.warning if "not recognised" in w.value]


@pytest.mark.parametrize("style", sorted(STYLES))
def test_a_forgotten_bias_update_in_any_style_is_named_with_the_line_to_add(at, style):
    paste(at, STYLES[style](student_arrays(phase="update_hidden", mistake="bias-not-updated")))
    rows = verdicts(at)
    assert rows["update_hidden"]["verdict"] == "⚠ known mistake"
    assert rows["update_hidden"]["mistake"] == (
        "The weights were updated but the bias was not. (`bias-not-updated`)"
    )
    # in the student's own names (the bare printout has none: the class notebook's)
    line = {"tutorial": "bh += d_hiddenlayer * lr", "course": "b1 += delta1 * lr"}.get(
        style, "hidden_bias += delta_hidden * lr"
    )
    assert rows["update_hidden"]["what to change"] == f"Add `{line}`."
    assert {r["verdict"] for p, r in rows.items() if p != "update_hidden"} == {"✓ match"}
    assert any("First phase that is not a match: update_hidden" in m.value for m in at.markdown)


def test_how_each_array_was_taken_is_listed(at):
    arrays = student_arrays()
    text = STYLES["bare"](arrays) + f"\n{arrays['b1']}\n"  # the start's b1, printed again
    paste(at, text)
    table = recognised_table(at)
    how = dict(zip(table["variable"], table["how"], strict=True))
    assert how["array 1"] == "by shape: the first 8x3"
    assert how["array 5"] == "by value: the rule's hidden_z"
    assert how["array 15"] == "by value: the rule's b1"
    assert how["array 16"] == "b1 printed again"
    assert dict(zip(table["variable"], table["used as"], strict=True))["array 14"] == "after.W1"


def test_what_is_not_recognised_is_listed_with_the_names_to_print_it_under(at):
    paste(at, STYLES["tutorial"](student_arrays()) + "\nmystery [0.5 0.25 0.125]\n")
    [warning] = [w.value for w in at.warning if "not recognised" in w.value]
    assert warning.startswith("1 array not recognised: it matches nothing the rule or")
    table = next(t.value for t in at.table if "print it under a name for what it is" in t.value)
    assert list(table["array"]) == ["mystery"] and list(table["shape"]) == ["3"]
    hint = table["print it under a name for what it is"][0]
    assert hint.startswith("3 numbers can be b1 (hidden_bias, bh); hidden_z (z1, ")


def test_arrays_without_the_starting_values_get_one_line_naming_what_was_found():
    app = new_app()
    status = sess(app).status_text()
    paste(app, "foo = [1, 2, 3]\nbar [[1. 2.]]\n")
    [error] = app.error
    assert error.value.startswith("Could not check this text: no starting W1 \\(8x3\\)")
    shown = re.sub(r"\\(.)", r"\1", error.value)  # the text as Markdown renders it
    assert "names: foo, bar" in shown and "\n" not in error.value
    assert not [t for t in app.table if "verdict" in t.value.columns]
    assert sess(app).status_text() == status
    assert_clean(app)
