"""Reading a printout's arrays with their labels (print(name, array), ``W1:``), and the
naming families: every family's names, none meaning two things."""

import numpy as np
import pytest

from autoencoder.check.name_families import ALL_NAMES, FAMILIES, key_for, label_hint, names_for
from autoencoder.io.notebook_cells import split_cells
from autoencoder.io.notebook_text import NOTEBOOK_NAMES, example_text, read_notebook_text

W1_TEXT = "[[1. 2. 3.]\n [4. 5. 6.]]"


@pytest.mark.parametrize(
    "text, label",
    [
        (f"wh {W1_TEXT}", "wh"),  # print("wh", wh)
        (f"wh: {W1_TEXT}", "wh"),  # print("wh:", wh)
        (f"wh:\n{W1_TEXT}", "wh"),  # print("wh:"); print(wh)
        (f"hidden weights = {W1_TEXT}", "hidden weights"),  # print(f"hidden weights = {wh}")
        (f"Out[3]: wh {W1_TEXT}", "wh"),
    ],
)
def test_a_labelled_printout_keeps_each_arrays_label(text, label):
    [cell] = split_cells(f"[[0.5]]\n{text}\n[[9.]]")
    assert cell.labels == [None, label, None]
    assert cell.outputs[1] == W1_TEXT.replace("[[1.", "[[1.")


@pytest.mark.parametrize(
    "line",
    ["for w in [1, 2]:", "return [x]", "x = [1, 2]", "wh[0]", "print [1]", "else:"],
)
def test_code_lines_are_not_read_as_labels(line):
    cells = split_cells(f"{line}\nrest = 1")
    assert all(label is None for cell in cells for label in cell.labels)
    assert cells[0].code[0] == line


def test_a_printout_is_read_by_its_labels_first_printing_first():
    text = "\n".join(
        [
            f"wout {W1_TEXT}",
            "bout [[0.1 0.2]]",
            "[[7. 8.]]",  # bare
            "wout [[0. 0. 0.]]",  # printed again, later
            "epochs = 5000",  # a name no family knows
        ]
    )
    reading = read_notebook_text(text, key_for)
    np.testing.assert_array_equal(reading.values["W2"], [[1, 2, 3], [4, 5, 6]])
    assert {(r["variable"], r["as"], r["by"]) for r in reading.recognised} == {
        ("wout", "W2", "name"),
        ("bout", "b2", "name"),
    }
    assert [(s.name, s.hint, s.seq) for s in reading.items] == [
        (None, None, 2),
        ("wout", "W2", 3),
        ("epochs", None, 4),
    ]
    assert reading.seqs == {"W2": 0, "b2": 1}


def test_the_class_notebook_reads_as_before_with_every_family_known():
    default, families = (
        read_notebook_text(example_text()),
        read_notebook_text(example_text(), key_for),
    )
    assert default.recognised == families.recognised and families.items == []
    assert default.notes == families.notes == []


def test_no_name_means_two_things_and_the_class_notebook_is_a_family():
    seen = {}
    for family, names in FAMILIES.items():
        for name, key in names.items():
            assert seen.setdefault(name.lower(), key) == key, (family, name)
    assert FAMILIES["class notebook"] == NOTEBOOK_NAMES
    assert set(ALL_NAMES.values()) == set(NOTEBOOK_NAMES.values())
    for name in ("wh", "bh", "wout", "bout", "hiddenlayer_activations", "output", "d_output"):
        assert key_for(name) is not None, name
    assert key_for("d_hiddenlayer") == "hidden_delta" and key_for("W_IH") == "W1"
    assert key_for("E") == "error" and key_for("Hidden Weight") == "W1"


def test_the_hint_names_what_an_array_of_each_size_can_be():
    assert names_for("hidden_z") == ["hidden_z", "z1", "hidden_layer_input"]
    assert names_for("W1") == ["W1", "hidden_weight", "wh"]
    assert label_hint(3).startswith("3 numbers can be b1 (hidden_bias, bh); hidden_z (")
    assert "hidden_z (z1, hidden_layer_input)" in label_hint(3)
    assert "W2 (output_weight, wout)" in label_hint(24)
    assert label_hint(12) == "12 numbers is not an array of this 8-3-8 network"


def test_statements_on_one_line_are_read_one_by_one():
    text = "In [1]:\nwh = W1.copy(); bh = b1.copy()  # two\nprint('bh', bh)\n\n[[0.1 0.2 0.3]]"
    reading = read_notebook_text(text + "\nIn [2]:\nz = np.dot(x, wh) + bh\n", key_for)
    assert [(r["variable"], r["as"]) for r in reading.recognised] == [("bh", "b1")]


def test_a_parameter_read_before_it_is_printed_is_taken_as_printed_before_its_update():
    text = "\n".join(
        [
            "In [1]:",
            "check(wh)",
            "print(wh)",
            "",
            W1_TEXT,
            "In [2]:",
            "wh += 1",
            "wh",
            "",
            W1_TEXT.replace("1.", "2."),
        ]
    )
    reading = read_notebook_text(text, key_for)
    assert [(r["as"], r["cell"]) for r in reading.recognised] == [
        ("W1", "In [1]"),
        ("after.W1", "In [2]"),
    ]


def test_several_arrays_printed_by_one_call_are_each_an_output():
    """print(W1, b1) prints the arrays one after another, the next starting on the line the
    last one ends; each is read as an array of its own."""
    from autoencoder.io.notebook_cells import split_top_level

    text = "[[1. 2.]\n [3. 4.]] [5. 6.] array([7, 8], dtype=int64)"
    assert split_top_level(text) == ["[[1. 2.]\n [3. 4.]]", "[5. 6.]", "array([7, 8], dtype=int64)"]
    assert split_top_level("[1. 2.] and more") == ["[1. 2.] and more"]  # not only arrays
    [cell] = split_cells("print(W1, b1)\n[[1. 2.]\n [3. 4.]] [5. 6.]\n")
    assert cell.outputs == ["[[1. 2.]\n [3. 4.]]", "[5. 6.]"] and cell.labels == [None, None]
