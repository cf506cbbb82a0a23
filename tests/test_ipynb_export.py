"""The exported notebook runs in a real kernel, prints the page's numbers, and checks clean."""

import re

import nbformat
import numpy as np
import pytest
from nbclient import NotebookClient

from autoencoder.check.checker import check_text
from autoencoder.core.class_notebook import NOTEBOOK_START, notebook_input
from autoencoder.core.model import init_params
from autoencoder.core.phases import run_step
from autoencoder.io.ipynb import export_ipynb, notebook_as_text, step_notebook
from autoencoder.io.textarrays import parse_array

CASES = {
    "exact": (init_params(21), np.array([0, 1, 1, 0, 1, 0, 0, 1.0]), 0.7, "exact", "sigmoid"),
    "notebook": (NOTEBOOK_START, notebook_input(), 0.1, "notebook", "shifted-sigmoid"),
}
PRINTED = {  # the notebook's variable -> the page's array, from a Step
    "hidden_z": lambda s: s.hidden_z,
    "hidden_activation": lambda s: s.hidden_a,
    "output_z": lambda s: s.output_z,
    "output_activation": lambda s: s.output_a,
    "error": lambda s: s.error,
    "loss": lambda s: np.array(s.loss),
    "delta_out": lambda s: s.output_delta,
    "delta_hidden": lambda s: s.hidden_delta,
}


@pytest.fixture(scope="module", params=sorted(CASES))
def executed(request):
    params, x, lr, rule, activation = CASES[request.param]
    notebook = nbformat.reads(export_ipynb(params, x, lr, rule, activation), as_version=4)
    NotebookClient(notebook, timeout=120, kernel_name="python3").execute()
    step = run_step(params, x, lr=lr, rule=rule, activation=activation)
    return request.param, notebook, step


def printed_values(notebook) -> dict:
    """Each echoing cell's last line (a variable) -> what it printed."""
    values = {}
    for cell in notebook.cells:
        if cell.cell_type != "code" or not cell.outputs:
            continue
        output = cell.outputs[-1]
        text = output["data"]["text/plain"] if "data" in output else output.get("text", "")
        name = cell.source.splitlines()[-1]
        if re.fullmatch(r"\w+", name):
            values[name] = re.sub(r"^np\.float64\((.*)\)$", r"\1", text.strip())
        else:  # the update cells print the weights, a blank line, the bias
            weights, bias = text.strip().split("\n\n")
            target = re.match(r"(\w+) \+=", cell.source).group(1)
            values[target] = weights
            values[target.replace("weight", "bias")] = bias
    return values


def test_the_notebook_prints_the_pages_numbers(executed):
    _, notebook, step = executed
    printed = printed_values(notebook)
    for name, of_step in PRINTED.items():
        np.testing.assert_allclose(
            parse_array(printed[name]).ravel(), of_step(step).ravel(), atol=1e-8, rtol=0
        )
    for name, param in [
        ("output_weight", "W2"),
        ("output_bias", "b2"),
        ("hidden_weight", "W1"),
        ("hidden_bias", "b1"),
    ]:
        got = parse_array(printed[name]).ravel()
        np.testing.assert_allclose(got, getattr(step.params, param).ravel(), atol=1e-8, rtol=0)


def test_the_executed_notebook_checks_as_its_rule(executed):
    case, notebook, _ = executed
    report = check_text(notebook_as_text(notebook))
    assert len(report["recognised"]) == 20 and report["notes"] == []
    statuses = {p: v["status"] for p, v in report["phases"].items()}
    if case == "exact":
        assert set(statuses.values()) == {"match"} and report["first_mismatch"] is None
    else:  # the notebook rule is what the class notebook did
        assert report["first_mismatch"] == "output_delta"
        assert (
            report["phases"]["hidden_delta"]["mistake"] == "w1-for-w2-transpose+slope-at-activation"
        )
        assert statuses["update_output"] == statuses["update_hidden"] == "match"


def test_the_notebook_is_valid_and_holds_the_exact_starting_values():
    params = init_params(2)
    notebook = nbformat.reads(
        export_ipynb(params, notebook_input(), 0.5, "exact", "tanh"), as_version=4
    )
    nbformat.validate(notebook)
    source = "\n".join(c.source for c in notebook.cells)
    assert "np.tanh" in source and "lr = 0.5" in source
    assert repr(float(params.W1[3, 2])) in source  # shortest round-trip: exact values
    assert notebook.metadata["kernelspec"]["name"] == "python3"


def test_unknown_settings_are_refused():
    with pytest.raises(ValueError):
        step_notebook(NOTEBOOK_START, notebook_input(), rule="backwards")
    with pytest.raises(ValueError):
        step_notebook(NOTEBOOK_START, notebook_input(), activation="relu9")


def test_a_cross_entropy_step_prints_the_pages_numbers():
    """With cross-entropy the notebook's loss and output delta are the page's: d_o = e."""
    params, x = NOTEBOOK_START, notebook_input()
    text = export_ipynb(params, x, 0.5, "exact", "sigmoid", "cross-entropy")
    notebook = nbformat.reads(text, as_version=4)
    NotebookClient(notebook, timeout=120, kernel_name="python3").execute()
    step = run_step(params, x, lr=0.5, rule="exact", activation="sigmoid", loss="cross-entropy")
    printed = printed_values(notebook)
    assert "slope_out" not in printed
    for name, of_step in PRINTED.items():
        np.testing.assert_allclose(
            parse_array(printed[name]).ravel(), of_step(step).ravel(), atol=1e-8, rtol=0
        )


def test_the_executed_cross_entropy_notebook_checks_clean_and_says_its_loss():
    """The issue's item 7: the page's own take-home notebook of a cross-entropy step is
    right, not a missing derivative: its code computes the cross-entropy (np.log)."""
    text = export_ipynb(NOTEBOOK_START, notebook_input(), 0.5, "exact", "sigmoid", "cross-entropy")
    notebook = nbformat.reads(text, as_version=4)
    NotebookClient(notebook, timeout=120, kernel_name="python3").execute()
    report = check_text(notebook_as_text(notebook))
    assert report["first_mismatch"] is None
    assert report["summary"]["verdict"] == "correct"
    assert report["settings"]["loss"] == "cross-entropy"
    [loss] = [c for c in report["conventions"] if c["convention"] == "loss"]
    assert loss["value"].startswith("cross-entropy") and loss["from"] == "stated"
