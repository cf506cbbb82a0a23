"""Conventions read off the numbers of a check JSON (the corpus holds printouts): a
consistent one is right, its words are said, and one step away from it is still found."""

import numpy as np
import pytest

from autoencoder.check.check_input import read_check_dict
from autoencoder.check.checker import check
from autoencoder.core.model import init_params
from autoencoder.core.phases import run_step

X = np.array([1, 0, 1, 1, 0, 0, 1, 0.0])


def check_json(x, lr, arrays: dict, after: dict) -> dict:
    obj = {k: v.tolist() for k, v in init_params(1).as_dict().items()}
    obj.update(input=np.asarray(x).tolist(), lr=lr)
    obj.update({k: np.asarray(v).tolist() for k, v in arrays.items()})
    obj["after"] = {k: np.asarray(v).tolist() for k, v in after.items()}
    return check(read_check_dict(obj))


def said(report) -> dict:
    return {c["convention"]: c["value"] for c in report["conventions"]}


@pytest.mark.parametrize("climbs", [False, True])
def test_e_is_a_minus_t_with_de_dz_and_w_minus_equals(climbs):
    """The issue's item 3: consistent, it is right; W += with dE/dz is the one mistake."""
    start, s = init_params(1), run_step(init_params(1), X, lr=0.5)
    sign = -1 if climbs else 1
    after = {
        k: getattr(start, k) + sign * (getattr(s.params, k) - getattr(start, k))
        for k in ("W1", "b1", "W2", "b2")
    }
    arrays = {"error": -s.error, "output_delta": -s.output_delta, "hidden_delta": -s.hidden_delta}
    report = check_json(X, 0.5, arrays, after)
    assert said(report)["error"] == "e = a - t (output minus target)"
    assert said(report)["delta"].startswith("d = dE/dz, so the change is subtracted")
    assert report["first_mismatch"] == ("update_output" if climbs else None)
    if climbs:
        verdict = report["phases"]["update_output"]
        assert verdict["mistake"] == "update-sign-flipped"
        assert verdict["fix"][0]["rule"].startswith("output_weight -= ")
        assert "subtracted, not added" in verdict["sentence"]


def test_a_batch_with_the_mean_in_its_deltas():
    start, s = init_params(1), run_step(init_params(1), np.eye(8), lr=0.5)
    after = {
        k: getattr(start, k) + (getattr(s.params, k) - getattr(start, k)) / 8
        for k in ("W1", "b1", "W2", "b2")
    }
    report = check_json(np.eye(8), 0.5, {"output_delta": s.output_delta / 8}, after)
    assert report["first_mismatch"] is None and report["summary"]["verdict"] == "correct"
    assert said(report)["loss"].startswith("E = ½Σe², the mean over the 8 patterns (1/m)")


def test_sum_of_squares_says_the_lr_acts_twice_as_large_and_decay_is_read():
    start, s = init_params(1), run_step(init_params(1), X, lr=0.4)
    lam = 0.03
    after = {k: 2 * getattr(s.params, k) - getattr(start, k) for k in ("W1", "b1", "W2", "b2")}
    for k in ("W1", "W2"):
        after[k] = after[k] - 0.4 * lam * getattr(start, k)
    report = check_json(X, 0.4, {"output_delta": 2 * s.output_delta}, after)
    assert report["first_mismatch"] is None
    assert said(report)["loss"].endswith("your learning rate 0.4 acts as 0.8 does with E = ½Σe²")
    assert said(report)["weight decay"].startswith("L2, lam = 0.03")
