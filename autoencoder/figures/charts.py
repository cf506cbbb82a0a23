"""Smaller figures: the loss curve(s) and the one-hot patterns' hidden codes in a cube.

Pure functions from plain data to Plotly figures, themed like the network figure
(transparent background, mid-grey text, no zoom or drag).
"""

import itertools

import numpy as np
import plotly.graph_objects as go

from autoencoder.figures.layout import LABEL_GREY
from autoencoder.io.numbers import full_precision, significant

# Okabe-Ito: distinguishable with the common colour-vision deficiencies.
CURVE_COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9"]
CURVE_DASHES = ["solid", "dash", "dot", "dashdot", "longdash", "longdashdot"]
POINT_COLOURS = [
    "#0072B2",
    "#D55E00",
    "#009E73",
    "#CC79A7",
    "#E69F00",
    "#56B4E9",
    "#F0E442",
    "#999999",
]
MAX_POINTS = 2000  # longer curves are thinned to this many evenly spaced epochs
MAX_TICKS = 8  # most labelled ticks on a loss axis
SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def _thin(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(epochs, values) with at most MAX_POINTS points, always keeping the last epoch."""
    epochs = np.arange(1, len(values) + 1)
    if len(values) <= MAX_POINTS:
        return epochs, values
    keep = np.unique(np.linspace(0, len(values) - 1, MAX_POINTS).round().astype(int))
    return epochs[keep], values[keep]


def tick_labels(values: list[float]) -> list[str]:
    """Log-axis ticks as a student reads them: 0.05, 0.2, 1, 50 while every tick lies in
    0.001..99999, else all as 5·10⁻⁶, 10⁷ (never Plotly's bare mantissas "5 2 1")."""
    if all(1e-3 <= v < 1e5 for v in values):
        return [np.format_float_positional(float(significant(v, 12)), trim="-") for v in values]
    labels = []
    for v in values:
        mantissa, exponent = f"{v:.11e}".split("e")
        mantissa = mantissa.rstrip("0").rstrip(".")
        power = "10" + str(int(exponent)).translate(SUPERSCRIPT)
        labels.append(power if mantissa == "1" else f"{mantissa}·{power}")
    return labels


def log_ticks(lo: float, hi: float, most: int = MAX_TICKS) -> list[float]:
    """Tick values for a log axis showing lo..hi (0 < lo <= hi). Of three sets, powers of
    ten, 1, 2, 5 per decade (0.01, 0.02, 0.05, 0.1, ...) and 1..9 per decade, the one
    putting nearest five ticks in the range (at least two, at most ``most``; the coarser on
    a tie); every second, third, ... power of ten when the range is wider than that, and
    evenly spaced round numbers when it is narrower. One tick beyond each end is kept, so
    the ticks bracket the data. A flat curve (lo == hi) gets the ticks of half to twice
    its value."""
    if hi <= lo * (1 + 1e-9):
        lo, hi = lo / 2, hi * 2
    k_lo, k_hi = int(np.floor(np.log10(lo))), int(np.floor(np.log10(hi)))

    def candidates(mantissas, stride=1):
        ks = range(k_lo - (k_lo % stride), k_hi + stride + 1, stride)
        values = (float(f"{m}e{k}") for k in ks for m in mantissas)
        return sorted(v for v in values if 0 < v < np.inf)

    def bracket(values):
        below = [v for v in values if v < lo * (1 - 1e-9)]
        above = [v for v in values if v > hi * (1 + 1e-9)]
        inside = [v for v in values if v not in below and v not in above]
        return below[-1:] + inside + above[:1], len(inside)

    sets = [bracket(candidates(m)) for m in ((1,), (1, 2, 5), (1, 2, 3, 4, 5, 6, 7, 8, 9))]
    fitting = [(abs(inside - 5), n) for n, (_, inside) in enumerate(sets) if 2 <= inside <= most]
    if fitting:
        return sets[min(fitting)[1]][0]
    if sets[0][1] > most:  # more than `most` powers of ten: every n-th of them
        stride = int(np.ceil((k_hi - k_lo + 1) / most))
        return bracket(candidates((1,), stride))[0]
    # narrower than the gap between two of 1..9: round numbers at an even step
    step = 10.0 ** np.floor(np.log10((hi - lo) / 2))
    for factor in (5, 2, 1, 0.5, 0.2, 0.1):
        values = np.arange(np.floor(lo / (step * factor)), np.ceil(hi / (step * factor)) + 1)
        values = [float(significant(v * step * factor, 12)) for v in values]
        ticks, inside = bracket([v for v in values if v > 0])
        if inside >= 2:
            return ticks
    return ticks


def _base_layout(height: int) -> dict:
    return {
        "height": height,
        "autosize": True,
        "margin": {"l": 8, "r": 8, "t": 8, "b": 8},
        "paper_bgcolor": "rgba(0,0,0,0)",
        "plot_bgcolor": "rgba(0,0,0,0)",
        "font": {"size": 13, "color": LABEL_GREY},
        "dragmode": False,
    }


def loss_figure(
    curves: dict[str, list[float]], *, large: bool = False, validate: bool = False
) -> go.Figure:
    """Loss per epoch, one line per named curve (e.g. {"loss": [...]} or {"exact": [...],
    "notebook": [...]}). The y axis is logarithmic while every value is positive, titled
    "log scale" and with its ticks written out (:func:`log_ticks`); non-finite values are
    left out. Each curve has its own colour and dash pattern. ``validate`` turns
    on Plotly's property checks (off for speed, as in network_figure; the tests use them)."""
    data, positive, any_points, lo, hi = [], True, False, np.inf, -np.inf
    for n, (name, values) in enumerate(curves.items()):
        y = np.asarray(list(values), dtype=float).ravel()
        x, y = _thin(y)
        ok = np.isfinite(y)
        x, y = x[ok], y[ok]
        any_points |= len(y) > 0
        positive &= bool(np.all(y > 0))
        if len(y):
            lo, hi = min(lo, float(y.min())), max(hi, float(y.max()))
        data.append(
            {
                "type": "scatter",
                "x": x.tolist(),
                "y": y.tolist(),
                "name": str(name),
                "mode": "lines+markers" if len(y) <= 40 else "lines",
                "line": {
                    "color": CURVE_COLOURS[n % len(CURVE_COLOURS)],
                    "dash": CURVE_DASHES[n % len(CURVE_DASHES)],
                    "width": 3 if large else 2,
                },
                "hovertemplate": f"{name}<br>epoch %{{x}}<br>E = %{{y:.6g}}<extra></extra>",
            }
        )
    font = 18 if large else 13
    axis = {"fixedrange": True, "gridcolor": "rgba(128,128,128,0.25)", "zeroline": False}
    yaxis = {**axis, "title": {"text": "summed loss E"}, "type": "linear"}
    if positive and any_points:
        ticks = log_ticks(lo, hi)
        yaxis.update(
            type="log",
            title={"text": "summed loss E (log scale)"},
            tickmode="array",
            tickvals=ticks,
            ticktext=tick_labels(ticks),
        )
    layout = _base_layout(380 if large else 300)
    layout.update(
        font={"size": font, "color": LABEL_GREY},
        xaxis={**axis, "title": {"text": "epoch"}, "rangemode": "tozero"},
        yaxis=yaxis,
        showlegend=len(curves) > 1,
        legend={"orientation": "h", "x": 1, "xanchor": "right", "y": 1.02, "yanchor": "bottom"},
        hovermode="x unified" if len(curves) > 1 else "closest",
    )
    layout["margin"]["t"] = 30 if len(curves) > 1 else 8
    if not any_points:
        layout["annotations"] = [
            {
                "text": "no completed epochs yet",
                "xref": "paper",
                "yref": "paper",
                "x": 0.5,
                "y": 0.5,
                "showarrow": False,
                "font": {"size": font, "color": LABEL_GREY},
            }
        ]
    return go.Figure(data=data, layout=layout, _validate=validate)


def _cube_edges() -> tuple[list, list, list]:
    """The unit cube's 12 edges as one None-separated polyline."""
    xs, ys, zs = [], [], []
    for a, b in itertools.combinations(itertools.product((0, 1), repeat=3), 2):
        if sum(u != v for u, v in zip(a, b)) == 1:
            for coords, (u, v) in zip((xs, ys, zs), zip(a, b)):
                coords.extend([u, v, None])
    return xs, ys, zs


def code_cube_figure(
    hidden, labels=None, *, large: bool = False, validate: bool = False
) -> go.Figure:
    """The hidden codes (P x 3 activations, usually the 8 one-hot patterns') as points in
    the unit cube, each labelled by its pattern (default: "10000000", "01000000", ...),
    with the cube's edges and corners (labelled 000..111) drawn faintly. ``validate`` as in
    :func:`loss_figure`."""
    codes = np.asarray(hidden, dtype=float)
    if codes.ndim != 2 or codes.shape[1] != 3:
        raise ValueError(f"expected hidden codes of shape (P, 3), got {codes.shape}")
    if labels is None:
        labels = ["".join("1" if i == p else "0" for i in range(8)) for p in range(len(codes))]
    labels = [str(label) for label in labels]
    if len(labels) != len(codes):
        raise ValueError(f"{len(labels)} labels for {len(codes)} codes")
    safe = np.nan_to_num(codes, nan=0.5, posinf=1.0, neginf=0.0)
    rounded = ["".join("1" if v > 0.5 else "0" for v in row) for row in safe]
    hover = [
        f"<b>{label}</b><br>"
        + "<br>".join(f"h{j + 1} = {full_precision(v)}" for j, v in enumerate(row))
        + f"<br>rounded code {code}"
        for label, row, code in zip(labels, codes, rounded)
    ]
    ex, ey, ez = _cube_edges()
    corners = np.array(list(itertools.product((0, 1), repeat=3)))
    font = 16 if large else 12
    data = [
        {
            "type": "scatter3d",
            "x": ex,
            "y": ey,
            "z": ez,
            "mode": "lines",
            "line": {"color": "#a0a0a0", "width": 3},
            "hoverinfo": "skip",
            "showlegend": False,
        },
        {
            "type": "scatter3d",
            "x": corners[:, 0].tolist(),
            "y": corners[:, 1].tolist(),
            "z": corners[:, 2].tolist(),
            "mode": "markers+text",
            "text": ["".join(map(str, c)) for c in corners],
            "textposition": "bottom center",  # below, as codes sit near corners
            "textfont": {"size": font - 2, "color": "rgba(140,140,140,0.8)"},
            "marker": {"size": 2, "color": "rgba(140,140,140,0.6)"},
            "hoverinfo": "skip",
            "showlegend": False,
        },
        {
            "type": "scatter3d",
            "x": safe[:, 0].tolist(),
            "y": safe[:, 1].tolist(),
            "z": safe[:, 2].tolist(),
            "mode": "markers+text",
            "text": labels,
            "textposition": "top center",
            "textfont": {"size": font, "color": LABEL_GREY},
            "marker": {
                "size": 8 if large else 6,
                "color": [POINT_COLOURS[n % len(POINT_COLOURS)] for n in range(len(codes))],
                "line": {"color": "#333333", "width": 1},
            },
            "hovertext": hover,
            "hoverinfo": "text",
            "customdata": labels,
            "showlegend": False,
        },
    ]
    lo = min(0.0, float(safe.min(initial=0.0))) - 0.08
    hi = max(1.0, float(safe.max(initial=1.0))) + 0.08
    axis = {
        "range": [lo, hi],
        "tickvals": [0, 0.5, 1],
        "backgroundcolor": "rgba(0,0,0,0)",
        "gridcolor": "#c8c8c8",
        "showbackground": False,
        "zeroline": False,
    }
    layout = _base_layout(520 if large else 420)
    layout["font"]["size"] = font
    layout["scene"] = {
        "xaxis": {**axis, "title": {"text": "h1"}},
        "yaxis": {**axis, "title": {"text": "h2"}},
        "zaxis": {**axis, "title": {"text": "h3"}},
        "aspectmode": "cube",
        "camera": {"eye": {"x": 1.6, "y": 1.5, "z": 1.1}},
    }
    return go.Figure(data=data, layout=layout, _validate=validate)
