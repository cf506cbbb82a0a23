"""Batch mode in the pure figure functions: equations with matrices, the graph's node values
for the chosen pattern and its summed updates, the inspector at every position."""

import numpy as np
import pytest

from autoencoder.core.model import ONE_HOT, init_params
from autoencoder.core.phases import next_phase, one_pattern, start_step
from autoencoder.figures.equations import phase_equation_html
from autoencoder.figures.ids import ALL_IDS
from autoencoder.figures.inspector import element_details
from autoencoder.figures.inspector_equations import element_equations_html
from autoencoder.figures.stepview import position_view
from autoencoder.io.numbers import label_number
from autoencoder.page.phase_text import caption, step_printout
from autoencoder.session.positions import replay_step

SETTINGS = [
    {"rule": "exact", "activation": "sigmoid"},
    {"rule": "notebook", "activation": "shifted-sigmoid", "momentum": 0.5},
    {"rule": "exact", "activation": "sigmoid", "loss": "cross-entropy"},
    {"rule": "exact", "activation": "tanh"},
]


def positions(**settings):
    step = start_step(init_params(0), ONE_HOT, lr=0.5, mode="batch", **settings)
    out = [step]
    for _ in range(9):
        step = next_phase(step)
        out.append(step)
    return out


@pytest.mark.parametrize("settings", SETTINGS)
def test_every_batch_phase_has_its_equation_with_matrices(settings):
    for step in positions(**settings):
        html = phase_equation_html(step)
        assert html.count("<math") >= 2 or step.phase == "ready"
        assert 'class="matrix"' in html
        assert (
            "For every pattern" in caption(step)
            or step.phase in ("ready",)
            or ("sum over all patterns" in caption(step))
        )
        assert step_printout(step).startswith("input_layer\narray([[1, 0, 0")


def test_the_update_matrix_is_the_summed_update():
    step = positions()[8]
    html = phase_equation_html(step)
    for value in step.velocity.W2.ravel():
        assert f"{value:.3f}".replace("-", "\u2212") in html


@pytest.mark.parametrize("pattern", [0, 5])
def test_the_graph_shows_one_patterns_values_and_the_summed_updates(pattern):
    steps = positions()
    view = position_view(steps[4], pattern=pattern)  # output_a
    row = one_pattern(steps[4], pattern)
    assert view["node_text"][:8] == [label_number(v) for v in ONE_HOT[pattern]]
    assert view["node_text"][8:11] == [label_number(v) for v in row.hidden_a]
    assert view["node_text"][11:] == [label_number(v) for v in row.output_a]
    update = position_view(steps[8], pattern=pattern)  # update_output
    applied = steps[8].lr * steps[8].hidden_a.T @ steps[8].output_delta  # the panel's ΔW2
    assert update["edge_text"][24:] == [label_number(v) for v in applied.ravel()]
    assert "over all 8 patterns" in update["key"][0]


def test_the_inspector_works_for_every_element_at_every_batch_position():
    for step in positions(momentum=0.3):
        for element in ALL_IDS:
            details = element_details(step, element, pattern=2)
            element_equations_html(step, element, pattern=2)
            if details["kind"] == "weight" and details["gradient"] is not None:
                i, j = details["index"]
                src = step.x if element.startswith("W1") else step.hidden_a
                delta = step.hidden_delta if element.startswith("W1") else step.output_delta
                assert details["gradient"] == pytest.approx(float(src[:, i] @ delta[:, j]))
            if details["kind"] == "hidden" and details["value"] is not None:
                assert details["value"] == step.hidden_a[2, details["index"][0]]


def test_online_views_are_unchanged_by_the_pattern_argument():
    step = replay_step(start_step(init_params(0), ONE_HOT[3]), 8)
    assert position_view(step) == position_view(step, pattern=5)
    np.testing.assert_array_equal(one_pattern(step, 3).x, step.x)
