"""The figure builders: network graph, highlights, clicks, inspector, loss and code cube."""

import ast
import json
import pathlib
import re

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from autoencoder.core.model import N_PARAMS, NOTEBOOK_PATTERN, ONE_HOT, Params, init_params
from autoencoder.core.phases import PHASE_NAMES, next_phase, start_step
from autoencoder.figures import (
    code_cube_figure,
    element_details,
    highlight_for,
    loss_figure,
    network_figure,
)
from autoencoder.figures.charts import MAX_POINTS
from autoencoder.figures.ids import (
    B1_IDS,
    B2_IDS,
    HIDDEN_IDS,
    INPUT_IDS,
    OUTPUT_IDS,
    W1_IDS,
    W2_IDS,
)
from autoencoder.figures.layout import HIGHLIGHT, NOT_COMPUTED, WEIGHT_RANGE
from autoencoder.io.numbers import label_number

EDGES, BIASES, NODES = 0, 1, 2  # trace order of network_figure


def stepped(done, params=None, x=NOTEBOOK_PATTERN, rule="exact", lr=0.5):
    s = start_step(init_params(3) if params is None else params, x, lr=lr, rule=rule)
    for _ in range(done):
        s = next_phase(s)
    return s


def with_weights(**changes):
    p = init_params(3).as_dict()
    for name, (index, value) in changes.items():
        p[name[:2]] = p[name[:2]].copy()
        p[name[:2]][index] = value
    return Params(**p)


def rgb(colour):
    return [float(v) for v in re.findall(r"[\d.]+", colour)[:3]]


def edge_shapes(fig):
    """The 48 weight lines (the selection adds a wide underlay before its edge)."""
    lines = [s for s in fig.layout.shapes if s.type == "line"]
    return [s for s in lines if s.line.color != "#009E73"]


# --- edges ------------------------------------------------------------------------------


def test_edge_colours_follow_the_sign_of_the_weights():
    params = with_weights(W1a=((0, 0), 2.0), W1b=((0, 1), -2.0))
    fig = network_figure(stepped(0, params))
    pos, neg = edge_shapes(fig)[0].line.color, edge_shapes(fig)[1].line.color
    assert rgb(pos)[2] > rgb(pos)[0]  # blue side
    assert rgb(neg)[0] > rgb(neg)[2]  # red side
    assert edge_shapes(fig)[1].line.dash == "dash" and edge_shapes(fig)[0].line.dash == "solid"
    assert tuple(fig.data[EDGES].marker.color[:2]) == (2.0, -2.0)


def test_wider_lines_for_bigger_weights_whatever_the_sign():
    params = with_weights(W2a=((0, 0), 0.5), W2b=((0, 1), -2.0), W2c=((0, 2), 2.0))
    widths = [s.line.width for s in edge_shapes(network_figure(stepped(0, params)))[24:27]]
    assert widths[0] < widths[1] == widths[2]


def test_colour_range_is_fixed_symmetric_and_clips():
    small = network_figure(stepped(0))
    huge = network_figure(stepped(0, with_weights(W1a=((0, 0), 50.0), W1b=((0, 1), 3.0))))
    for fig in (small, huge):
        marker = fig.data[EDGES].marker
        assert marker.cmin == -marker.cmax == -WEIGHT_RANGE
        assert marker.showscale
    shapes = edge_shapes(huge)
    assert shapes[0].line.color == shapes[1].line.color
    assert shapes[0].line.width == shapes[1].line.width


def test_48_weight_edges_and_11_biases_are_drawn_with_their_ids():
    s = stepped(0)
    fig = network_figure(s)
    assert len(edge_shapes(fig)) == 48
    assert list(fig.data[EDGES].customdata) == list(W1_IDS + W2_IDS)
    biases = fig.data[BIASES]
    assert list(biases.customdata) == list(B1_IDS + B2_IDS)
    assert list(biases.text) == [label_number(v) for v in np.r_[s.params.b1, s.params.b2]]
    assert list(fig.data[NODES].customdata) == list(INPUT_IDS + HIDDEN_IDS + OUTPUT_IDS)


def test_hover_gives_full_precision():
    s = stepped(0)
    fig = network_figure(s)
    assert repr(float(s.params.W2[1, 7])) in fig.data[EDGES].hovertext[24 + 15]
    assert repr(float(s.params.b1[2])) in fig.data[BIASES].hovertext[2]


@pytest.mark.parametrize("done", range(10))
@pytest.mark.parametrize("selected", [None, "h2", "W1[3,1]", "b2[7]"])
@pytest.mark.parametrize("large", [False, True])
def test_valid_plotly_few_traces_and_fixed_axes_in_every_phase(done, selected, large):
    kw = {"selected": selected, "weight_labels": True, "large": large}
    fig = network_figure(stepped(done), validate=True, **kw)  # raises on any invalid property
    fast = network_figure(stepped(done), **kw)
    # No template either way (validation drops the key, the fast path sends null), so that
    # Streamlit's second Plotly.react finds nothing changed and does not draw again.
    validated, sent = fig.to_dict(), json.loads(fast.to_json())
    assert validated["layout"].pop("template", None) is sent["layout"].pop("template", "sent")
    assert validated == sent
    assert len(fig.data) <= 12
    assert fig.layout.dragmode == "pan"  # what Streamlit sets anyway: no second draw
    assert sent["layout"]["datarevision"] == 0
    assert fig.layout.xaxis.fixedrange and fig.layout.yaxis.fixedrange
    assert tuple(fig.layout.xaxis.range) == tuple(network_figure(stepped(0)).layout.xaxis.range)


# --- highlights --------------------------------------------------------------------------

EXPECTED = {
    "ready": (set(), None, set()),
    "hidden_z": (set(INPUT_IDS) | set(HIDDEN_IDS), "W1", set(B1_IDS)),
    "hidden_a": (set(HIDDEN_IDS), None, set()),
    "output_z": (set(HIDDEN_IDS) | set(OUTPUT_IDS), "W2", set(B2_IDS)),
    "output_a": (set(OUTPUT_IDS), None, set()),
    "error": (set(INPUT_IDS) | set(OUTPUT_IDS), None, set()),
    "output_delta": (set(OUTPUT_IDS), None, set()),
    "hidden_delta": (set(HIDDEN_IDS) | set(OUTPUT_IDS), "W2", set()),
    "update_output": (set(HIDDEN_IDS) | set(OUTPUT_IDS), "W2", set(B2_IDS)),
    "update_hidden": (set(INPUT_IDS) | set(HIDDEN_IDS), "W1", set(B1_IDS)),
}


@pytest.mark.parametrize("done", range(10))
def test_highlights_follow_the_phase(done):
    s = stepped(done)
    hl = highlight_for(s)
    nodes, edges, biases = EXPECTED[s.phase]
    assert (set(hl["nodes"]), hl["edges"], set(hl["biases"])) == (nodes, edges, biases)
    fig = network_figure(s)
    outlined = {
        nid
        for nid, c in zip(fig.data[NODES].customdata, fig.data[NODES].marker.line.color)
        if c == HIGHLIGHT
    }
    assert outlined == nodes
    opacity = np.array([sh.opacity for sh in edge_shapes(fig)])
    if edges:
        on = slice(0, 24) if edges == "W1" else slice(24, 48)
        off = slice(24, 48) if edges == "W1" else slice(0, 24)
        assert opacity[on].min() > opacity[off].max()


def test_notebook_rule_hidden_delta_highlights_w1():
    s = stepped(7, rule="notebook")
    assert s.phase == "hidden_delta" and highlight_for(s)["edges"] == "W1"
    opacity = [sh.opacity for sh in edge_shapes(network_figure(s))]
    assert min(opacity[:24]) > max(opacity[24:])


# --- nodes --------------------------------------------------------------------------------


def node_texts(fig, ids):
    trace = fig.data[NODES]
    return [trace.text[list(trace.customdata).index(i)] for i in ids]


def test_node_values_appear_as_text_once_computed_and_not_before():
    s0 = stepped(0)
    fig = network_figure(s0)
    assert node_texts(fig, INPUT_IDS) == [label_number(v) for v in s0.x]
    assert node_texts(fig, HIDDEN_IDS + OUTPUT_IDS) == [""] * 11
    s1 = stepped(1)
    assert node_texts(network_figure(s1), HIDDEN_IDS) == [label_number(v) for v in s1.hidden_z]
    s2 = stepped(2)
    fig2 = network_figure(s2)
    assert node_texts(fig2, HIDDEN_IDS) == [label_number(v) for v in s2.hidden_a]
    assert node_texts(fig2, OUTPUT_IDS) == [""] * 8
    s5 = stepped(5)
    assert node_texts(network_figure(s5), OUTPUT_IDS) == [label_number(v) for v in s5.error]
    s7 = stepped(7)
    fig7 = network_figure(s7)
    assert node_texts(fig7, OUTPUT_IDS) == [label_number(v) for v in s7.output_delta]
    assert node_texts(fig7, HIDDEN_IDS) == [label_number(v) for v in s7.hidden_delta]


def test_node_fill_shows_activations_once_computed():
    before, after = network_figure(stepped(1)), network_figure(stepped(2))
    assert list(before.data[NODES].marker.color[8:11]) == [NOT_COMPUTED] * 3
    assert NOT_COMPUTED not in after.data[NODES].marker.color[8:11]
    assert NOT_COMPUTED not in before.data[NODES].marker.color[:8]


def test_large_enlarges_fonts_and_markers():
    s = stepped(3)
    small, big = network_figure(s), network_figure(s, large=True)
    assert big.data[NODES].marker.size >= 1.25 * small.data[NODES].marker.size
    assert big.data[NODES].textfont.size >= 1.25 * small.data[NODES].textfont.size
    assert big.layout.font.size >= 1.25 * small.layout.font.size
    assert big.data[BIASES].marker.size >= 1.25 * small.data[BIASES].marker.size


def test_weight_labels_and_update_directions_on_edges():
    s = stepped(0)
    assert set(network_figure(s).data[EDGES].text) == {""}
    labelled = network_figure(s, weight_labels=True).data[EDGES].text
    weights = np.r_[s.params.W1.ravel(), s.params.W2.ravel()]
    assert list(labelled) == [label_number(w) for w in weights]
    s8 = stepped(8)
    text = network_figure(s8).data[EDGES].text
    grad = np.outer(s8.hidden_a, s8.output_delta).ravel()
    assert list(text[24:]) == [label_number(g) for g in grad] and set(text[:24]) == {""}


@pytest.mark.parametrize("element", ["x4", "h1", "o8", "W1[2,0]", "W2[1,7]", "b1[0]", "b2[5]"])
def test_selected_element_gets_a_ring(element):
    fig = network_figure(stepped(4), selected=element)
    assert list(fig.data[-1].customdata) == [element] and len(fig.data) == 5
    assert len(network_figure(stepped(4)).data) == 4
    extra = len(fig.layout.shapes) - 48
    assert extra == (1 if element.startswith("W") else 0)


# --- inspector ----------------------------------------------------------------------------


def test_details_of_parameters_equal_the_arrays():
    s = stepped(0)
    assert element_details(s, "W1[2,0]")["value"] == s.params.W1[2, 0]
    assert element_details(s, "W2[1,7]")["value"] == s.params.W2[1, 7]
    assert element_details(s, "b1[2]")["value"] == s.params.b1[2]
    assert element_details(s, "b2[6]")["value"] == s.params.b2[6]
    assert element_details(s, "W2[1,7]")["gradient"] is None


def test_gradients_are_the_outer_products():
    s6 = stepped(6)
    grad_w2 = np.outer(s6.hidden_a, s6.output_delta)
    assert element_details(s6, "W2[2,5]")["gradient"] == pytest.approx(grad_w2[2, 5], rel=1e-15)
    assert element_details(s6, "b2[5]")["gradient"] == s6.output_delta[5]
    assert element_details(s6, "W1[0,1]")["gradient"] is None
    s7 = stepped(7)
    grad_w1 = np.outer(s7.x, s7.hidden_delta)
    assert element_details(s7, "W1[0,1]")["gradient"] == pytest.approx(grad_w1[0, 1], rel=1e-15)
    assert element_details(s7, "b1[1]")["gradient"] == s7.hidden_delta[1]


def test_after_the_update_value_is_new_and_before_is_old():
    s7, s8 = stepped(7), stepped(8)
    d = element_details(s8, "W2[0,3]")
    assert d["value"] == s8.params.W2[0, 3]
    assert d["before"] == pytest.approx(s7.params.W2[0, 3], abs=1e-15)
    assert d["change"] == pytest.approx(s8.lr * d["gradient"], rel=1e-12)
    assert "\\leftarrow" in d["latex"] and label_number(d["value"])[:5] in d["latex"]
    assert element_details(s8, "W1[0,0]")["change"] is None


def test_node_details_and_equations_with_numbers():
    s3 = stepped(3)
    d = element_details(s3, "o3")
    assert d["kind"] == "output" and d["values"]["z"] == s3.output_z[2]
    assert d["value"] is None  # a_o not computed yet
    assert "z_{o_{3}}" in d["latex"] and f"{s3.output_z[2]:.4f}" in d["latex"]
    h = element_details(s3, "h1")
    assert h["value"] == s3.hidden_a[0] and h["values"]["z"] == s3.hidden_z[0]
    assert element_details(s3, "x2")["value"] == s3.x[1]
    assert element_details(stepped(0), "h1")["equations"] == []


def test_hidden_delta_equation_names_the_matrix_each_rule_reads():
    assert "W^{(2)}" in element_details(stepped(7), "h2")["latex"]
    assert "W^{(1)}" in element_details(stepped(7, rule="notebook"), "h2")["latex"]


@pytest.mark.parametrize("bad", ["x0", "x9", "h4", "o9", "W1[8,0]", "W2[0,8]", "b1[3]", "", None])
def test_unknown_element_raises_value_error(bad):
    with pytest.raises(ValueError):
        element_details(stepped(0), bad)


# --- robustness ---------------------------------------------------------------------------

finite = st.floats(-1e300, 1e300, allow_nan=False, allow_infinity=False)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    flat=arrays(float, N_PARAMS, elements=finite),
    bits=st.integers(0, 255),
    done=st.integers(0, 9),
    rule=st.sampled_from(["exact", "notebook"]),
    large=st.booleans(),
)
def test_network_figure_never_raises_for_finite_params(flat, bits, done, rule, large):
    x = np.array([(bits >> i) & 1 for i in range(8)], dtype=float)
    with np.errstate(all="ignore"):
        s = stepped(done, Params.from_flat(flat), x=x, rule=rule)
        fig = network_figure(s, large=large, weight_labels=True, selected="W2[2,7]")
        element_details(s, "h3"), element_details(s, "W1[7,2]")
    assert len(edge_shapes(fig)) == 48


# --- loss and cube ------------------------------------------------------------------------


def test_loss_figure_one_line_per_curve_log_when_positive():
    fig = loss_figure({"exact": [2.0, 1.0, 0.5], "notebook": [2.0, 1.5, 1.2]}, validate=True)
    assert [t.name for t in fig.data] == ["exact", "notebook"]
    assert list(fig.data[1].y) == [2.0, 1.5, 1.2] and list(fig.data[0].x) == [1, 2, 3]
    assert fig.layout.yaxis.type == "log"
    assert fig.data[0].line.dash != fig.data[1].line.dash
    assert loss_figure({"loss": [1.0, 0.0]}).layout.yaxis.type == "linear"


def test_loss_figure_empty_and_long_curves():
    empty = loss_figure({"loss": []}, validate=True, large=True)
    assert len(empty.layout.annotations) == 1
    long = loss_figure({"loss": list(np.linspace(5, 1, 20_000))})
    assert len(long.data[0].x) <= MAX_POINTS and long.data[0].x[-1] == 20_000


def test_code_cube_points_labels_and_edges():
    codes = np.random.default_rng(0).uniform(size=(8, 3))
    fig = code_cube_figure(codes, validate=True)
    points = fig.data[-1]
    assert points.type == "scatter3d" and list(points.text)[0] == "10000000"
    np.testing.assert_array_equal(np.c_[points.x, points.y, points.z], codes)
    assert sum(v is None for v in fig.data[0].x) == 12  # the cube's 12 edges
    named = code_cube_figure(codes, labels=[f"x{i + 1}" for i in range(8)], large=True)
    assert list(named.data[-1].text)[7] == "x8"
    with pytest.raises(ValueError):
        code_cube_figure(np.zeros((8, 2)))
    with pytest.raises(ValueError):
        code_cube_figure(codes, labels=["a"])


def test_figure_modules_never_import_streamlit():
    for path in (pathlib.Path(__file__).parents[1] / "autoencoder").glob("figures*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import | ast.ImportFrom):
                names = [a.name for a in node.names] + [getattr(node, "module", "") or ""]
                assert not any(n.startswith("streamlit") for n in names), path


def test_one_hot_example_draws():
    fig = network_figure(stepped(9, x=ONE_HOT[0]))
    assert fig.layout.annotations[-1].text.startswith("labels on W1")
    assert PHASE_NAMES[-1] == "update_hidden"
