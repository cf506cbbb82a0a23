"""The 8-3-8 network as a Plotly figure: a pure function of a :class:`Step`.

Drawing, left to right: inputs x1..x8, hidden h1..h3, outputs o1..o8. Each of the 48 weights
is a ``layout.shapes`` line (one colour and width per edge, no trace per edge); one marker
trace at points along the edges carries their hover text, ids (``customdata``, for clicks),
optional value labels and the weight colour bar. Nodes are one trace, biases another. The
part of the network the current phase reads and writes is outlined in amber (see
:func:`highlight_for`); the rest is faded.
"""

import numpy as np
import plotly.graph_objects as go

from autoencoder.core.phases import UPDATED_BY, Step, performed, update_directions
from autoencoder.figures.ids import HIDDEN_IDS, INPUT_IDS, NODE_IDS, OUTPUT_IDS
from autoencoder.figures.labels import headers, name_trace, selected_trace
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
    NODE_TEXT,
    NODE_X,
    NODE_Y,
    NOT_COMPUTED,
    SELECTED,
    WEIGHT_RANGE,
    WEIGHT_SCALE,
    X_RANGE,
    Y_RANGE,
    activation_colours,
    edge_opacity,
    edge_widths,
    finite,
    highlight_for,
    node_text_quantities,
    weight_colours,
)
from autoencoder.io.numbers import full_precision, label_number


def _edge_shapes(weights, colours, widths, opacity, selected) -> list[dict]:
    shapes = []
    for n in range(len(weights)):
        x0, y0, y1 = EDGE_X0[n], EDGE_Y0[n], EDGE_Y1[n]
        if EDGE_IDS[n] == selected:
            shapes.append(_line(x0, y0, y1, SELECTED, widths[n] + 9, "solid", 0.55))
        dash = "dash" if weights[n] < 0 else "solid"
        shapes.append(_line(x0, y0, y1, colours[n], widths[n], dash, opacity[n]))
    return shapes


def _line(x0, y0, y1, colour, width, dash, opacity) -> dict:
    return {
        "type": "line",
        "layer": "below",
        "x0": x0,
        "y0": y0,
        "x1": x0 + 1.0,
        "y1": y1,
        "line": {"color": colour, "width": float(width), "dash": dash},
        "opacity": float(opacity),
    }


def _edge_trace(step, weights, hl, labels, size, font) -> dict:
    """One marker trace at the 48 edge points: hover, ids, labels and the colour bar."""
    dirs = update_directions(step)
    grads = {k: (None if v is None else v.ravel()) for k, v in dirs.items()}
    updated = {w: performed(step, UPDATED_BY[w]) for w in ("W1", "W2")}
    vel = step.velocity.as_dict() if step.velocity is not None else {}
    hover, text = [], []
    for n, eid in enumerate(EDGE_IDS):
        layer, m = ("W1", n) if n < 24 else ("W2", n - 24)
        lines = [f"<b>{eid}</b>  {EDGE_NAMES[n]}", f"w = {full_precision(weights[n])}"]
        g = grads[layer]
        if g is not None:
            lines.append(f"a·δ (update direction) = {full_precision(g[m])}")
        if updated[layer] and layer in vel:
            lines.append(
                f"before this update: {full_precision(weights[n] - vel[layer].ravel()[m])}"
            )
        hover.append("<br>".join(lines))
        show_grad = g is not None and hl["edges"] == layer and step.phase.startswith("update")
        text.append(label_number(g[m]) if show_grad else label_number(weights[n]) if labels else "")
    return {
        "type": "scatter",
        "x": EDGE_PX.tolist(),
        "y": EDGE_PY.tolist(),
        "mode": "markers+text" if any(text) else "markers",
        "text": text,
        "textposition": "top center",
        "textfont": {"size": font - 2, "color": LABEL_GREY},
        "hovertext": hover,
        "hoverinfo": "text",
        "customdata": list(EDGE_IDS),
        "marker": {
            "size": size,
            "color": np.clip(finite(weights), -WEIGHT_RANGE, WEIGHT_RANGE).tolist(),
            "colorscale": WEIGHT_SCALE,
            "cmin": -WEIGHT_RANGE,
            "cmax": WEIGHT_RANGE,
            "opacity": 0.7,
            "line": {"width": 0},
            "showscale": True,
            "colorbar": {
                "title": {"text": "weight", "side": "right", "font": {"size": font - 2}},
                "orientation": "h",
                "thickness": 10,
                "lenmode": "pixels",
                "len": 360 if font > 13 else 260,
                "x": 0.5,
                "xanchor": "center",
                "y": 0.0,
                "yanchor": "top",
                "ypad": 0,
                "tickfont": {"size": font - 2, "color": LABEL_GREY},
                "tickvals": [-3, -2, -1, 0, 1, 2, 3],
                "ticktext": ["≤−3", "−2", "−1", "0", "1", "2", "≥3"],
            },
        },
        "name": "weights",
        "showlegend": False,
    }


def _node_trace(step, hl, size, font) -> dict:
    """The 19 nodes: fill = activation (0..1) once computed, text = the layer's quantity."""
    shown = node_text_quantities(step)
    fills = {"x": step.x, "h": step.hidden_a, "o": step.output_a}
    known = {
        "x": {"x": step.x},
        "h": {"z": step.hidden_z, "a": step.hidden_a, "δ": step.hidden_delta},
        "o": {"z": step.output_z, "a": step.output_a, "e": step.error, "δ": step.output_delta},
    }
    colour, text, hover, line_c, line_w = [], [], [], [], []
    for layer, ids in (("x", INPUT_IDS), ("h", HIDDEN_IDS), ("o", OUTPUT_IDS)):
        fill = activation_colours(fills[layer]) if fills[layer] is not None else None
        for n, nid in enumerate(ids):
            colour.append(fill[n] if fill else NOT_COMPUTED)
            text.append(label_number(shown[layer][1][n]) if shown[layer] else "")
            lines = [f"<b>{nid}</b>"] + [
                f"{sym} = {full_precision(v[n])}"
                for sym, v in known[layer].items()
                if v is not None
            ]
            if layer == "o":
                lines.append(f"target t = x{n + 1} = {full_precision(step.x[n])}")
            hover.append("<br>".join(lines))
            on = nid in hl["nodes"]
            line_c.append(HIGHLIGHT if on else LABEL_GREY)
            line_w.append(5 if on else 1.5)
    return {
        "type": "scatter",
        "x": NODE_X.tolist(),
        "y": NODE_Y.tolist(),
        "mode": "markers+text",
        "text": text,
        "textfont": {"size": font, "color": NODE_TEXT},
        "hovertext": hover,
        "hoverinfo": "text",
        "customdata": list(NODE_IDS),
        "marker": {"size": size, "color": colour, "line": {"color": line_c, "width": line_w}},
        "name": "nodes",
        "showlegend": False,
    }


def _bias_trace(step, hl, size, font) -> dict:
    """The 11 biases as small squares (weight colour scale) with their values beside them."""
    values = np.r_[step.params.b1, step.params.b2]
    grads = np.r_[
        step.hidden_delta if step.hidden_delta is not None else np.full(3, np.nan),
        step.output_delta if step.output_delta is not None else np.full(8, np.nan),
    ]
    hover = []
    for n, bid in enumerate(BIAS_IDS):
        node = f"h{n + 1}" if n < 3 else f"o{n - 2}"
        lines = [f"<b>{bid}</b>  bias of {node}", f"b = {full_precision(values[n])}"]
        if not np.isnan(grads[n]):
            lines.append(f"δ (update direction) = {full_precision(grads[n])}")
        hover.append("<br>".join(lines))
    on = [bid in hl["biases"] for bid in BIAS_IDS]
    return {
        "type": "scatter",
        "x": BIAS_X.tolist(),
        "y": BIAS_Y.tolist(),
        "mode": "markers+text",
        "text": [label_number(v) for v in values],
        "textposition": "middle right",
        "textfont": {"size": font - 1, "color": LABEL_GREY},
        "hovertext": hover,
        "hoverinfo": "text",
        "customdata": list(BIAS_IDS),
        "marker": {
            "symbol": "square",
            "size": size,
            "color": weight_colours(values),
            "line": {
                "color": [HIGHLIGHT if o else LABEL_GREY for o in on],
                "width": [4 if o else 1 for o in on],
            },
        },
        "name": "biases",
        "showlegend": False,
    }


FONT_FAMILY = '"Source Sans", sans-serif'  # Streamlit's; the chart is drawn without its theme


def network_figure(
    step: Step, *, large=False, weight_labels=False, selected=None, validate=False
) -> go.Figure:
    """The 8-3-8 network in the state of ``step``.

    ``large``: lecture mode (1.3x nodes, 1.4x fonts and lines). ``weight_labels``: each
    weight's value written on its edge. ``selected``: an element id ("h2", "W1[0,2]",
    "b2[5]") drawn with a green ring. Traces, in order: edge points (hover, clicks, colour
    bar), biases, nodes, names, and the selection ring when there is one.

    ``validate``: Plotly's property checks cost ~45 ms here (48 shapes) and the spec is
    fixed, so they are off by default; the tests build every variant with ``validate=True``.
    (st.plotly_chart does not re-validate a go.Figure.)

    Drawn once per click: Streamlit mounts every changed figure as a new chart and then
    hands it to ``Plotly.react`` a second time (its theme and size pass). That second call
    redraws everything unless nothing compares as changed, so the layout has no template
    (``null``, and the page passes ``theme=None``), a fixed ``datarevision`` (each mount
    starts from scratch, so arrays never change within one) and ``dragmode="pan"`` (what
    Streamlit sets for a chart with selections; the axes are fixed, so nothing pans).
    """
    scale = 1.4 if large else 1.0
    font = round(13 * scale)
    node_size, bias_size, point_size = (68 if large else 50), round(13 * scale), 7
    hl = highlight_for(step)
    weights = np.r_[step.params.W1.ravel(), step.params.W2.ravel()]
    shapes = _edge_shapes(
        weights,
        weight_colours(weights),
        edge_widths(weights, large),
        edge_opacity(hl),
        selected,
    )
    data = [
        _edge_trace(step, weights, hl, weight_labels, point_size * scale, font),
        _bias_trace(step, hl, bias_size, font),
        _node_trace(step, hl, node_size, font),
        name_trace(node_size, font),
    ]
    ring = selected_trace(selected, node_size, bias_size)
    if ring:
        data.append(ring)
    axis = {"range": None, "visible": False, "fixedrange": True}
    layout = {
        "shapes": shapes,
        "annotations": headers(step, hl, font),
        "xaxis": {**axis, "range": X_RANGE},
        "yaxis": {**axis, "range": Y_RANGE},
        "height": 700 if large else 520,
        "autosize": True,
        "margin": {"l": 4, "r": 4, "t": 4, "b": 58 if large else 40},
        "dragmode": "pan",
        "datarevision": 0,
        "hovermode": "closest",
        "clickmode": "event+select",
        "paper_bgcolor": "rgba(0,0,0,0)",
        "plot_bgcolor": "rgba(0,0,0,0)",
        "font": {"size": font, "color": LABEL_GREY, "family": FONT_FAMILY},
        "hoverlabel": {"font": {"size": font}},
        "showlegend": False,
    }
    fig = go.Figure(data=data, layout=layout, _validate=validate)
    fig.layout.template = None  # after construction, or Plotly puts its default one back
    return fig
