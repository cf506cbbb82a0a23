"""The loss charts' log axis (issue 14, item 1): titled "log scale", with ticks a student
reads as numbers (0.01, 0.02, 0.05, ... or 10⁻⁶) that cover the data's range."""

import re

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from autoencoder.figures import loss_figure
from autoencoder.figures.charts import MAX_TICKS, log_ticks, tick_labels

SUPERSCRIPTS = str.maketrans("⁻⁰¹²³⁴⁵⁶⁷⁸⁹", "-0123456789")


def read_tick(label: str) -> float:
    """A tick label as a student reads it: "0.05", "2·10⁻⁶", "10⁷"."""
    match = re.fullmatch(r"(?:(\d+(?:\.\d+)?)·)?10([⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+)", label)
    if match:
        mantissa = float(match[1] or 1)
        return mantissa * 10.0 ** int(match[2].translate(SUPERSCRIPTS))
    assert re.fullmatch(r"\d+(\.\d+)?", label), label
    return float(label)


def check_axis(yaxis, lo, hi):
    assert "log scale" in yaxis.title.text
    assert yaxis.type == "log" and yaxis.tickmode == "array"
    values, labels = list(yaxis.tickvals), list(yaxis.ticktext)
    assert len(values) == len(labels) == len(set(labels))
    np.testing.assert_allclose([read_tick(t) for t in labels], values, rtol=1e-9)
    assert values == sorted(values)
    assert values[0] <= lo and values[-1] >= hi  # the ticks bracket the data
    assert sum(lo <= v <= hi for v in values) >= 2 or lo == hi
    return labels


def test_loss_tab_axis_says_log_scale_and_reads_1_2_5_per_decade():
    losses = list(np.geomspace(5.6, 0.05, 60))  # a typical one-hot run
    labels = check_axis(loss_figure({"loss": losses}, validate=True).layout.yaxis, 0.05, 5.6)
    assert labels == ["0.02", "0.05", "0.1", "0.2", "0.5", "1", "2", "5", "10"]


def test_race_axis_covers_both_curves():
    curves = {"exact": list(np.geomspace(4.0, 0.012, 300)), "notebook": [4.0, 3.0, 0.9]}
    fig = loss_figure(curves, validate=True, large=True)
    labels = check_axis(fig.layout.yaxis, 0.012, 4.0)
    assert labels[:3] == ["0.01", "0.02", "0.05"]


def test_wide_and_tiny_ranges_use_powers_of_ten():
    fig = loss_figure({"loss": list(np.geomspace(3.0, 1e-9, 400))}, validate=True)
    labels = check_axis(fig.layout.yaxis, 1e-9, 3.0)
    assert len(labels) <= MAX_TICKS + 2 and "10⁻⁸" in labels
    tiny = loss_figure({"loss": [4e-6, 3e-6]}).layout.yaxis
    assert check_axis(tiny, 3e-6, 4e-6) == ["2·10⁻⁶", "3·10⁻⁶", "4·10⁻⁶", "5·10⁻⁶"]


def test_linear_axis_when_a_loss_is_zero_has_no_log_title():
    yaxis = loss_figure({"loss": [1.0, 0.0]}).layout.yaxis
    assert yaxis.type == "linear" and "log" not in yaxis.title.text


@given(
    lo=st.floats(1e-12, 1e6),
    ratio=st.one_of(st.just(1.0), st.floats(1.0, 1.001), st.floats(1.0, 1e14)),
)
def test_ticks_always_readable_and_bracketing(lo, ratio):
    hi = lo * ratio
    ticks = log_ticks(lo, hi)
    labels = tick_labels(ticks)
    assert 2 <= len(ticks) <= MAX_TICKS + 2 and len(set(labels)) == len(labels)
    np.testing.assert_allclose([read_tick(t) for t in labels], ticks, rtol=1e-9)
    close = 1e-9  # a tick within a billionth of an end counts as reaching it
    assert ticks[0] <= lo * (1 + close) and ticks[-1] >= hi * (1 - close)
    assert ticks == sorted(ticks)
    if hi > lo * (1 + close):
        assert sum(lo * (1 - close) <= v <= hi * (1 + close) for v in ticks) >= 2
