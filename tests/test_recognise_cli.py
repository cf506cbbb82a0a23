"""``python -m autoencoder check FILE`` on printouts that name their arrays their own way:
what it inferred, a forgotten bias update named with the line to add, what it did not
recognise; ``--json`` only adds fields."""

import json

import pytest
from printouts import STYLES, bare_printout, student_arrays, tutorial_printout

from autoencoder.cli import main
from autoencoder.core.phases import PHASE_NAMES


@pytest.mark.parametrize("style", sorted(STYLES))
def test_cli_check_says_what_it_inferred_and_names_a_forgotten_bias_update(tmp_path, capsys, style):
    path = tmp_path / f"{style}.txt"
    path.write_text(
        STYLES[style](student_arrays(phase="update_hidden", mistake="bias-not-updated"))
    )
    assert main(["check", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Inferred (the text does not say):\n" in out
    assert "  activation sigmoid: the only one under which " in out
    line = {"tutorial": "bh += d_hiddenlayer * lr", "course": "b1 += delta1 * lr"}.get(
        style, "hidden_bias += delta_hidden * lr"
    )  # in the student's own names where the printout names its arrays
    assert (
        "  9 update_hidden  known mistake: The weights were updated but the bias was not. "
        f"(bias-not-updated)\n                   + {line}\n"
    ) in out
    assert "First phase that is not a match: update_hidden" in out


def test_cli_check_lists_what_it_did_not_recognise_and_how_to_label_it(tmp_path, capsys):
    path = tmp_path / "printout.txt"
    path.write_text(bare_printout(student_arrays()) + "\n[0.5 0.25 0.125]\n")
    assert main(["check", str(path)]) == 0
    out = capsys.readouterr().out
    assert "  array 5            cell 1   as hidden_z 3  by value: the rule's hidden_z\n" in out
    assert "  array 1            cell 1   as W1 8x3  by shape: the first 8x3\n" in out
    assert "Not recognised: to have one checked, print it under a name the checker knows" in out
    assert "  array 16           cell 1   3; 3 numbers can be b1 (hidden_bias, bh); " in out


def test_cli_check_json_only_adds_fields(tmp_path, capsys):
    path = tmp_path / "printout.txt"
    path.write_text(
        tutorial_printout(student_arrays(phase="update_output", mistake="bias-not-updated"))
    )
    assert main(["check", str(path), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["first_mismatch"] == "update_output"
    assert set(report["phases"]) == set(PHASE_NAMES)
    assert report["phases"]["update_output"]["mistake"] == "bias-not-updated"
    assert {"first_mismatch", "phases", "settings", "ignored", "recognised", "notes"} <= set(report)
    for entry in report["recognised"]:
        assert {"variable", "as", "cell", "shape"} <= set(entry)
    assert {i["setting"] for i in report["inferred"]} == {"activation", "lr"}
    assert all(
        {"array", "cell", "shape", "as", "by", "matches"} == set(a) for a in report["labels"]
    )
    assert report["unrecognised"] == [] and report["assumed"] == []
