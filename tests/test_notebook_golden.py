"""The notebook rule reproduces the class notebook's printed arrays."""

import re

import numpy as np
import pytest
from golden import GOLDEN, PRINT_TOLERANCE

from autoencoder.cli import main
from autoencoder.core.activations import get_activation
from autoencoder.core.class_notebook import NOTEBOOK_START, notebook_input, notebook_settings
from autoencoder.core.model import PARAM_NAMES
from autoencoder.core.phases import PHASE_NAMES, finish_step, next_phase, phase_result, start_step


def notebook_step(**overrides):
    settings = {**notebook_settings(), **overrides}
    return start_step(NOTEBOOK_START.copy(), notebook_input(), **settings)


def test_every_printed_array_is_reproduced():
    step = notebook_step()
    seen = {}
    for name in PHASE_NAMES:
        step = next_phase(step)
        assert step.phase == name
        seen.update(phase_result(step, name))
    for key in (*PHASE_NAMES[:7], *PARAM_NAMES):  # the phases' arrays and the updated parameters
        np.testing.assert_allclose(
            seen[key], GOLDEN[key], rtol=0, atol=PRINT_TOLERANCE, err_msg=key
        )


def test_notebook_slopes_are_the_derivative_at_the_activations():
    step = finish_step(notebook_step())
    act = get_activation("shifted-sigmoid")
    tol = {"rtol": 0, "atol": PRINT_TOLERANCE}
    np.testing.assert_allclose(act.slope(step.output_a), GOLDEN["slope_out"], **tol)
    np.testing.assert_allclose(act.slope(step.hidden_a), GOLDEN["slope_hidden"], **tol)


def test_exact_rule_departs_from_the_printout_where_the_notebook_departs():
    exact = finish_step(notebook_step(rule="exact"))
    forward = ("hidden_z", "hidden_a", "output_z", "output_a", "error")
    for key in forward:
        np.testing.assert_allclose(getattr(exact, key), GOLDEN[key], rtol=0, atol=PRINT_TOLERANCE)
    assert np.abs(exact.output_delta - GOLDEN["output_delta"]).max() > 1e-3
    assert np.abs(exact.hidden_delta - GOLDEN["hidden_delta"]).max() > 1e-3


def test_cli_notebook_prints_the_golden_arrays(capsys):
    assert main(["notebook"]) == 0
    text = capsys.readouterr().out
    for name in PHASE_NAMES:
        assert name in text
    blocks = text.split("[8] update_output")[1]
    numbers = np.array([float(t) for t in re.findall(r"-?\d+\.\d*(?:e[-+]\d+)?", blocks)])
    expected = np.concatenate(
        [GOLDEN["W2"].ravel(), GOLDEN["b2"], GOLDEN["W1"].ravel(), GOLDEN["b1"]]
    )
    np.testing.assert_allclose(numbers, expected, rtol=0, atol=PRINT_TOLERANCE + 1e-8)


@pytest.mark.parametrize("key", ["output_delta", "hidden_delta"])
def test_golden_tolerance_is_tight_enough_to_catch_a_wrong_rule(key):
    wrong = finish_step(notebook_step(activation="sigmoid"))
    assert np.abs(getattr(wrong, key) - GOLDEN[key]).max() > 100 * PRINT_TOLERANCE
