"""The exact rule against finite differences, the notebook rule's departures, the phases."""

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from autoencoder.core.activations import ACTIVATIONS, get_activation
from autoencoder.core.gradcheck import gradcheck, numeric_gradient, relative_errors, rule_gradient
from autoencoder.core.model import N_PARAMS, Params, init_params, parse_bits, patterns_for
from autoencoder.core.phases import (
    PHASE_ARRAYS,
    PHASE_NAMES,
    advance,
    advance_through,
    finish_step,
    next_phase,
    phase_values,
    run_step,
    start_step,
)
from autoencoder.core.rules import RULES, get_rule, slope_at_a, slope_at_z, w1, w2_transposed

bits = arrays(float, 8, elements=st.sampled_from([0.0, 1.0]))


@settings(max_examples=150, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    scale=st.floats(0.05, 2.5),
    x=bits,
    activation=st.sampled_from(sorted(ACTIVATIONS)),
    lr=st.floats(0.01, 3),
)
def test_exact_update_is_minus_lr_times_finite_difference_gradient(seed, scale, x, activation, lr):
    # random weights, N(0, scale^2): hypothesis picks the seed and the scale
    params = Params.from_flat(np.random.default_rng(seed).normal(0, scale, N_PARAMS))
    step = run_step(params, x, lr=lr, rule="exact", activation=activation)
    # Where a unit saturates (slope f'(z) < 0.007: |z| > 5 for the sigmoids, > 3.3 for tanh)
    # the gradient falls below what finite differences of E can resolve (e = x - a_o already
    # rounds at 1e-16): not a test of the rule.
    slopes = get_activation(activation).slope(np.r_[step.hidden_z, step.output_z])
    assume(slopes.min() > 0.007)
    # the update is lr times the rule's descent direction (checked to the last bit)...
    descent = rule_gradient(params, x, activation)
    np.testing.assert_allclose(
        step.params.flat(), params.flat() - lr * descent, rtol=1e-15, atol=1e-15
    )
    # ...which is minus the finite-difference gradient of E
    errors = relative_errors(descent, numeric_gradient(params, x, activation))
    assert errors.max() < 1e-7


def test_gradcheck_detects_a_wrong_gradient():
    params, x = init_params(3), parse_bits("10110010")
    assert gradcheck(params, x) < 1e-7
    step = run_step(params, x, rule="notebook", activation="sigmoid", lr=1.0)
    wrong = -(step.params.flat() - params.flat())
    assert relative_errors(wrong, numeric_gradient(params, x)).max() > 1e-2


def _through(step, name):
    while step.phase != name:
        step = next_phase(step)
    return step


def test_notebook_output_delta_takes_the_slope_at_the_activation():
    params, x = init_params(1), parse_bits("11011101")
    act = get_activation("shifted-sigmoid")
    nb = _through(
        start_step(params, x, rule="notebook", activation="shifted-sigmoid"), "output_delta"
    )
    ex = _through(start_step(params, x, rule="exact", activation="shifted-sigmoid"), "output_delta")
    np.testing.assert_allclose(nb.output_delta, nb.error * act.slope(nb.output_a), rtol=1e-14)
    np.testing.assert_allclose(ex.output_delta, ex.error * act.slope(ex.output_z), rtol=1e-14)
    assert not np.allclose(nb.output_delta, ex.output_delta)


def test_notebook_hidden_delta_uses_W1_where_W2_transpose_belongs():
    params, x = init_params(2), parse_bits("11011101")

    def hidden_delta(p, rule):
        s = _through(start_step(p, x, rule=rule, activation="sigmoid"), "output_delta")
        # same output delta for both variants: only row 7 is under test here
        return next_phase(s).hidden_delta, s

    nb, s = hidden_delta(params, "notebook")
    act = get_activation("sigmoid")
    np.testing.assert_allclose(nb, (s.output_delta @ params.W1) * act.slope(s.hidden_a), rtol=1e-14)
    # changing W2 alone leaves the notebook's hidden delta as it was (it never reads W2)
    other = Params(params.W1, params.b1, params.W2 + 0.5, params.b2)
    s2 = _through(start_step(other, x, rule="notebook", activation="sigmoid"), "output_delta")
    np.testing.assert_allclose(
        next_phase(s2).hidden_delta, (s2.output_delta @ params.W1) * act.slope(s2.hidden_a)
    )
    ex, s3 = hidden_delta(params, "exact")
    np.testing.assert_allclose(
        ex, (s3.output_delta @ params.W2.T) * act.slope(s3.hidden_z), rtol=1e-14
    )


def test_phases_run_in_order_and_updates_use_deltas_from_before_any_update():
    params, x = init_params(0), parse_bits("10000000")
    step = start_step(params, x, lr=0.5)
    assert step.phase == "ready"
    names = []
    for _ in PHASE_NAMES:
        step = next_phase(step)
        names.append(step.phase)
    assert names == list(PHASE_NAMES)
    assert next_phase(step) is step
    np.testing.assert_allclose(step.params.W1, params.W1 + 0.5 * np.outer(x, step.hidden_delta))
    np.testing.assert_allclose(
        step.params.W2, params.W2 + 0.5 * np.outer(step.hidden_a, step.output_delta)
    )
    # the starting params are untouched: going back is keeping the earlier Step
    np.testing.assert_array_equal(params.W1, init_params(0).W1)


def test_momentum_adds_the_last_update():
    params, x = init_params(0), parse_bits("10000000")
    first = run_step(params, x, lr=0.5, momentum=0.9)
    second = run_step(first.params, x, lr=0.5, momentum=0.9, velocity=first.velocity)
    plain = run_step(first.params, x, lr=0.5)
    np.testing.assert_allclose(second.params.b2, plain.params.b2 + 0.9 * first.velocity.b2)


def test_init_is_deterministic_and_scaled_as_the_notebook():
    a, b = init_params(7), init_params(7)
    assert a.allclose(b) and not a.allclose(init_params(8))
    many = np.concatenate([init_params(s).W1.ravel() for s in range(200)])
    assert abs(many.std() - np.sqrt(2 / 8)) < 0.03
    biases = np.concatenate([init_params(s).b2 for s in range(200)])
    assert biases.min() >= 0 and biases.max() < 1


@pytest.mark.parametrize("text", ["", "1101", "1101110a", "110111011"])
def test_parse_bits_rejects(text):
    with pytest.raises(ValueError):
        parse_bits(text)


def test_patterns():
    assert patterns_for("onehot").shape == (8, 8)
    assert patterns_for("notebook").tolist() == [[1, 1, 0, 1, 1, 1, 0, 1]]
    assert patterns_for("11110000,00001111").shape == (2, 8)
    with pytest.raises(ValueError):
        patterns_for("abc")


def test_unknown_names_are_refused():
    with pytest.raises(ValueError, match="activation"):
        start_step(init_params(0), np.zeros(8), activation="softmax")
    with pytest.raises(ValueError, match="rule"):
        start_step(init_params(0), np.zeros(8), rule="magic")
    assert finish_step(start_step(init_params(0), np.zeros(8))).complete


def test_a_rule_is_its_two_choices_and_the_deltas_follow_from_them():
    """Each delta is e (or d_o carried back by the rule's matrix) times the rule's slope."""
    assert (RULES["exact"].slope_of, RULES["exact"].back_matrix) == (slope_at_z, w2_transposed)
    assert (RULES["notebook"].slope_of, RULES["notebook"].back_matrix) == (slope_at_a, w1)
    assert [r.back_weights for r in RULES.values()] == ["W2", "W1"]
    params, x, act = init_params(5), parse_bits("10110010"), get_activation("tanh")
    for name, rule in RULES.items():
        s = finish_step(start_step(params, x, rule=name, activation="tanh"))
        assert np.array_equal(s.output_delta, s.error * rule.slope(act, s.output_a))
        back = s.output_delta @ rule.back_matrix(params.W1, params.W2)
        assert np.array_equal(s.hidden_delta, back * rule.slope(act, s.hidden_a))


def test_advance_performs_a_count_of_phases_and_stops_at_the_end():
    start = start_step(init_params(1), parse_bits("11011101"))
    assert advance(start, 3).done == 3 and advance(advance(start, 3), 4).done == 7
    assert advance(start, 99).done == 9 and advance_through(start, "error").done == 5
    whole = finish_step(start)
    assert np.array_equal(advance(start, 9).params.flat(), whole.params.flat())
    assert phase_values(whole, "update_output").keys() == {"W2", "b2"}
    assert PHASE_ARRAYS["hidden_z"] == ("hidden_z",) and PHASE_ARRAYS["update_hidden"] == (
        "W1",
        "b1",
    )


def test_only_the_exact_rule_is_the_gradient():
    """The inspector calls an update -dE/dp only for a rule that is the gradient."""
    assert get_rule("exact").is_gradient and not get_rule("notebook").is_gradient
