"""The network as the in-browser stepping view draws it (``page/stepview``).

The view draws one Plotly figure once and then only changes attributes, as TensorFlow
Playground does. So the figure is split in two, both pure functions:

- :func:`base_figure`: what never changes within a page: 48 edge lines, 19 node circles and
  11 bias squares as ``layout.shapes`` (shapes redraw one by one on ``Plotly.relayout``;
  data arrays would replot everything), and invisible marker traces at the nodes, biases and
  edge points that only catch clicks. No text at all: every number and name is an HTML label
  laid over the graph (changing a label's text costs under a millisecond).
- :func:`position_view`: for one position of a step, the attributes that do change, as
  arrays in the shapes' order (see :data:`VIEW_ARRAYS`), plus the label texts.

Shapes, in order: edges ``0..47`` (W1 row-major, then W2), nodes ``48..66`` (x1..x8,
h1..h3, o1..o8), biases ``67..77`` (b1, then b2), the selection halo ``78``.
"""

from functools import lru_cache

import numpy as np

from autoencoder.core.model import Params
from autoencoder.core.phases import Step, one_pattern
from autoencoder.figures.ids import HIDDEN_IDS, INPUT_IDS, NODE_IDS, OUTPUT_IDS
from autoencoder.figures.labels import header_texts, key_text
from autoencoder.figures.layout import (
    BIAS_IDS,
    BIAS_X,
    BIAS_Y,
    EDGE_IDS,
    EDGE_NAMES,
    EDGE_PX,
    EDGE_PY,
    EDGE_X0,
    EDGE_Y0,
    EDGE_Y1,
    HIGHLIGHT,
    LABEL_GREY,
    NODE_X,
    NODE_Y,
    NOT_COMPUTED,
    SELECTED,
    X_COL,
    X_RANGE,
    Y_RANGE,
    activation_colours,
    edge_opacity,
    edge_widths,
    highlight_for,
    node_text_quantities,
    weight_colours,
    weight_scale,
)
from autoencoder.io.numbers import label_number

N_EDGES, N_NODES, N_BIASES = len(EDGE_IDS), len(NODE_IDS), len(BIAS_IDS)
NODE_SHAPE0 = N_EDGES
BIAS_SHAPE0 = N_EDGES + N_NODES
HALO_SHAPE = BIAS_SHAPE0 + N_BIASES
# The arrays of a position's view (each in the shapes' order of its kind) and the labels.
VIEW_ARRAYS = {
    "edge_color": N_EDGES,
    "edge_width": N_EDGES,
    "edge_dash": N_EDGES,
    "edge_opacity": N_EDGES,
    "node_fill": N_NODES,
    "node_line": N_NODES,
    "node_line_width": N_NODES,
    "bias_fill": N_BIASES,
    "bias_line": N_BIASES,
    "bias_line_width": N_BIASES,
    "node_text": N_NODES,
    "bias_text": N_BIASES,
    "edge_text": N_EDGES,
    "weight_text": N_EDGES,
    "headers": 4,
    "key": 1,
}
NODE_PX = {False: 46, True: 60}  # node diameter at full size (the view scales it down)
BIAS_PX = {False: 12, True: 16}


def _shape(kind: str, **props) -> dict:
    return {"type": kind, "layer": "below", "xref": "x", "yref": "y", **props}


def _pixel_shape(kind: str, x: float, y: float, size: float) -> dict:
    """A circle or square ``size`` px across, centred at data point (x, y)."""
    half = size / 2
    return _shape(
        kind,
        layer="above",
        xsizemode="pixel",
        ysizemode="pixel",
        xanchor=float(x),
        yanchor=float(y),
        x0=-half,
        x1=half,
        y0=-half,
        y1=half,
        line={"color": LABEL_GREY, "width": 1.5},
        fillcolor=NOT_COMPUTED,
    )


def _hit_trace(name: str, xs, ys, ids, size: float) -> dict:
    """Invisible markers that catch clicks (and hovers) on the elements ``ids``."""
    return {
        "type": "scatter",
        "mode": "markers",
        "name": name,
        "x": [float(v) for v in xs],
        "y": [float(v) for v in ys],
        "customdata": list(ids),
        "marker": {"size": size, "opacity": 0},
        "hoverinfo": "none",
        "showlegend": False,
    }


def base_figure(large: bool = False) -> dict:
    """The figure the view draws once (a plain dict, as ``Plotly.newPlot`` takes it)."""
    node, bias = NODE_PX[large], BIAS_PX[large]
    edges = [
        _shape(
            "line",
            x0=float(EDGE_X0[n]),
            y0=float(EDGE_Y0[n]),
            x1=float(EDGE_X0[n] + 1.0),
            y1=float(EDGE_Y1[n]),
            line={"color": LABEL_GREY, "width": 1.0, "dash": "solid"},
            opacity=0.5,
        )
        for n in range(N_EDGES)
    ]
    nodes = [_pixel_shape("circle", x, y, node) for x, y in zip(NODE_X, NODE_Y)]
    biases = [_pixel_shape("rect", x, y, bias) for x, y in zip(BIAS_X, BIAS_Y)]
    halo = _pixel_shape("circle", NODE_X[0], NODE_Y[0], node + 14)
    halo.update(fillcolor="rgba(0,0,0,0)", line={"color": SELECTED, "width": 4}, visible=False)
    axis = {"visible": False, "fixedrange": True}
    return {
        "data": [
            _hit_trace("edges", EDGE_PX, EDGE_PY, EDGE_IDS, 14),
            _hit_trace("biases", BIAS_X, BIAS_Y, BIAS_IDS, bias + 6),
            _hit_trace("nodes", NODE_X, NODE_Y, NODE_IDS, node),
        ],
        "layout": {
            "shapes": edges + nodes + biases + [halo],
            "xaxis": {**axis, "range": list(X_RANGE)},
            "yaxis": {**axis, "range": list(Y_RANGE)},
            "margin": {"l": 4, "r": 4, "t": 44, "b": 8},  # two rows of column headers
            "autosize": False,  # the view sizes it to its box
            "dragmode": False,
            "hovermode": "closest",
            "paper_bgcolor": "rgba(0,0,0,0)",
            "plot_bgcolor": "rgba(0,0,0,0)",
            "showlegend": False,
            "template": None,
        },
    }


def label_places() -> dict:
    """Where each label stands, in data coordinates, and how it may move.

    ``{"node_text": [[x, y], ...], ...}`` in the order of :data:`VIEW_ARRAYS`;
    ``node_name`` holds the fixed names x1..o8 and ``sides`` the preferred side of each
    node's name (the view tries the others when that one collides).
    """
    heads = [[X_COL["x"], None], [X_COL["h"], None], [X_COL["o"], None], [BIAS_X[-1], None]]
    return {
        "node_text": [[float(x), float(y)] for x, y in zip(NODE_X, NODE_Y)],
        "node_name": [[float(x), float(y)] for x, y in zip(NODE_X, NODE_Y)],
        "names": list(NODE_IDS),
        "sides": ["left"] * len(INPUT_IDS)
        + ["top"] * len(HIDDEN_IDS)
        + ["right"] * len(OUTPUT_IDS),
        "bias_text": [[float(x), float(y)] for x, y in zip(BIAS_X, BIAS_Y)],
        "edge_text": [[float(x), float(y)] for x, y in zip(EDGE_PX, EDGE_PY)],
        "edge_line": [
            [float(EDGE_X0[n]), float(EDGE_Y0[n]), float(EDGE_X0[n] + 1), float(EDGE_Y1[n])]
            for n in range(N_EDGES)
        ],
        "headers": heads,
    }


def _layer_values(step: Step):
    fills = {"x": step.x, "h": step.hidden_a, "o": step.output_a}
    shown = node_text_quantities(step)
    fill, text = [], []
    for layer, ids in (("x", INPUT_IDS), ("h", HIDDEN_IDS), ("o", OUTPUT_IDS)):
        colours = activation_colours(fills[layer]) if fills[layer] is not None else None
        fill += colours if colours else [NOT_COMPUTED] * len(ids)
        q = shown[layer]
        text += [label_number(v) for v in q[1]] if q else [""] * len(ids)
    return fill, text


def _edge_update_text(step: Step, hl: dict) -> list[str]:
    """At an update phase, on the edges it changes, the change it applied, ΔW = η a·δ (with
    momentum, μ v + η a·δ): the numbers of the panel's ΔW; else empty."""
    if not (step.phase.startswith("update") and hl["edges"]):
        return [""] * N_EDGES
    applied = getattr(step.velocity, hl["edges"]).ravel()
    first = 0 if hl["edges"] == "W1" else 24
    text = [""] * N_EDGES
    for m, change in enumerate(applied):
        text[first + m] = label_number(change)
    return text


def position_view(
    step: Step, theme: str | None = None, large: bool = False, pattern: int = 0
) -> dict:
    """The attributes of every shape and label for ``step`` (one position), as arrays named
    by :data:`VIEW_ARRAYS`. ``theme`` ('light', 'dark' or None) picks the weight colours.
    A batch step shows the values of its pattern ``pattern`` (0-based) on the nodes, and
    its weights and summed updates on the edges."""
    hl = highlight_for(step)
    shown = one_pattern(step, min(pattern, step.n_patterns - 1))
    fill, node_text = _layer_values(shown)
    node_on = [nid in hl["nodes"] for nid in NODE_IDS]
    bias_on = [bid in hl["biases"] for bid in BIAS_IDS]
    return {
        **_weights_view(step.params, theme, large),
        "edge_opacity": edge_opacity(hl).tolist(),
        "node_fill": fill,
        "node_line": [HIGHLIGHT if on else LABEL_GREY for on in node_on],
        "node_line_width": [5 if on else 1.5 for on in node_on],
        "bias_line": [HIGHLIGHT if on else LABEL_GREY for on in bias_on],
        "bias_line_width": [4 if on else 1 for on in bias_on],
        "node_text": node_text,
        "edge_text": _edge_update_text(step, hl),
        "headers": header_texts(shown),
        "key": [key_text(step, hl)],
    }


@lru_cache(maxsize=64)
def _weights_view(params: Params, theme: str | None, large: bool) -> dict:
    """The attributes that follow from the parameters alone, once per Params object: a
    step's positions share it until an update phase makes a new one (read-only)."""
    weights = np.r_[params.W1.ravel(), params.W2.ravel()]
    biases = np.r_[params.b1, params.b2]
    scale = weight_scale(theme)
    return {
        "edge_color": weight_colours(weights, scale),
        "edge_width": [round(float(w), 2) for w in edge_widths(weights, large)],
        "edge_dash": ["dash" if w < 0 else "solid" for w in weights],
        "bias_fill": weight_colours(biases, scale),
        "bias_text": [label_number(v) for v in biases],
        "weight_text": [label_number(w) for w in weights],
    }


def view_changes(before: dict | None, after: dict) -> dict:
    """The arrays of ``after`` that differ from ``before`` (all of them without one)."""
    if before is None:
        return dict(after)
    return {name: value for name, value in after.items() if before.get(name) != value}


def halo_place(selected: str | None, large: bool = False) -> dict | None:
    """Where the selection halo stands: ``{"x", "y", "size"}`` in data coordinates and px,
    or None when nothing (or something unknown) is selected."""
    node, bias = NODE_PX[large], BIAS_PX[large]
    if selected in NODE_IDS:
        n = NODE_IDS.index(selected)
        return {"x": float(NODE_X[n]), "y": float(NODE_Y[n]), "size": node + 14}
    if selected in BIAS_IDS:
        n = BIAS_IDS.index(selected)
        return {"x": float(BIAS_X[n]), "y": float(BIAS_Y[n]), "size": bias + 12}
    if selected in EDGE_IDS:
        n = EDGE_IDS.index(selected)
        return {"x": float(EDGE_PX[n]), "y": float(EDGE_PY[n]), "size": 20}
    return None


def element_names() -> dict:
    """Element id -> words for the hover line ('x1 → h3' for W1[0,2])."""
    names = dict(zip(EDGE_IDS, EDGE_NAMES))
    names.update(
        {
            bid: f"bias of {'h' if bid.startswith('b1') else 'o'}{int(bid[3:-1]) + 1}"
            for bid in BIAS_IDS
        }
    )
    return names


# Where each kind of shape starts in layout.shapes (the view's JavaScript reads these).
SHAPE_STARTS = {"edge": 0, "node": NODE_SHAPE0, "bias": BIAS_SHAPE0, "halo": HALO_SHAPE}
