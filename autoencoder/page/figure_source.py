"""The figure builders the page uses: ``autoencoder.figures`` (written by the figures
owner) once it exists, else minimal stand-ins with the same signatures so the page works.

TODO: drop the stand-ins once ``autoencoder/figures.py`` is committed.
"""

import numpy as np
import plotly.graph_objects as go

from autoencoder.phases import Step

try:  # pragma: no cover - depends on the other engineer's module being there
    from autoencoder import figures as _real
except Exception:  # noqa: BLE001 - a half-written module must not take the page down
    _real = None


def _network_standin(step: Step, *, large=False, weight_labels=False, selected=None):
    y_in, y_h = np.arange(8)[::-1], np.array([5.0, 3.5, 2.0])
    xs, ys, text, ids = [], [], [], []
    for i in range(8):
        value = step.x[i]
        xs.append(0), ys.append(y_in[i]), text.append(f"x{i + 1}={value:.0f}")
        ids.append(f"x{i + 1}")
    for j in range(3):
        v = step.hidden_a[j] if step.hidden_a is not None else np.nan
        xs.append(1), ys.append(y_h[j]), text.append(f"h{j + 1}={v:.4f}"), ids.append(f"h{j + 1}")
    for k in range(8):
        v = step.output_a[k] if step.output_a is not None else np.nan
        xs.append(2), ys.append(y_in[k]), text.append(f"o{k + 1}={v:.4f}"), ids.append(f"o{k + 1}")
    edges = go.Scatter(
        x=[c for i in range(8) for j in range(3) for c in (0, 1, None)]
        + [c for j in range(3) for k in range(8) for c in (1, 2, None)],
        y=[c for i in range(8) for j in range(3) for c in (y_in[i], y_h[j], None)]
        + [c for j in range(3) for k in range(8) for c in (y_h[j], y_in[k], None)],
        mode="lines",
        line={"color": "#aaa", "width": 1},
        hoverinfo="skip",
    )
    nodes = go.Scatter(
        x=xs, y=ys, text=text, customdata=ids, mode="markers+text", textposition="top center",
        marker={"size": 22 if large else 16, "color": "#8c6bb1"}, hoverinfo="text",
    )  # fmt: skip
    fig = go.Figure([edges, nodes])
    fig.update_layout(
        showlegend=False, height=420, margin={"l": 10, "r": 10, "t": 10, "b": 10},
        xaxis={"visible": False}, yaxis={"visible": False},
    )  # fmt: skip
    return fig


def _loss_standin(curves: dict[str, list[float]]):
    fig = go.Figure([go.Scatter(y=list(v), name=k, mode="lines") for k, v in curves.items()])
    fig.update_layout(
        height=300, margin={"l": 10, "r": 10, "t": 10, "b": 10},
        xaxis_title="epoch", yaxis_title="summed E", yaxis_type="log",
    )  # fmt: skip
    return fig


def _cube_standin(hidden, labels=None):
    h = np.asarray(hidden)
    fig = go.Figure(go.Scatter3d(x=h[:, 0], y=h[:, 1], z=h[:, 2], text=labels, mode="markers+text"))
    fig.update_layout(height=380, margin={"l": 0, "r": 0, "t": 0, "b": 0})
    return fig


def _element_from_selection_standin(selection):
    points = (selection or {}).get("points") or []
    for point in points:
        data = point.get("customdata")
        if isinstance(data, list | tuple):
            data = data[0] if data else None
        if isinstance(data, str):
            return data
    return None


def _element_details_standin(step: Step, element_id: str) -> dict:
    return {"element": element_id}


network_figure = getattr(_real, "network_figure", _network_standin)
loss_figure = getattr(_real, "loss_figure", _loss_standin)
code_cube_figure = getattr(_real, "code_cube_figure", _cube_standin)
element_from_selection = getattr(_real, "element_from_selection", _element_from_selection_standin)
element_details = getattr(_real, "element_details", _element_details_standin)
