"""What the network figure shows, independent of Plotly objects: colours, geometry,
which elements each phase works on, and which quantity each layer displays."""

import numpy as np
from plotly.colors import sample_colorscale

from autoencoder.core.model import N_HIDDEN, N_IN, N_OUT
from autoencoder.core.phases import PHASE_ARRAYS, Step
from autoencoder.core.rules import get_rule
from autoencoder.figures.ids import (
    B1_IDS,
    B2_IDS,
    HIDDEN_IDS,
    INPUT_IDS,
    OUTPUT_IDS,
    W1_IDS,
    W2_IDS,
)

WEIGHT_RANGE = 3.0  # the colour scale spans -3..3 whatever the weights; beyond is clipped
# Diverging red (negative) to blue (positive). Both ends have a contrast of at least 3:1
# against Streamlit's light (#ffffff) and dark (#0e1117) backgrounds, so the widest edges
# are the most visible in either theme; towards zero the colours fade to a neutral grey that
# suits the theme (small weights are also thin, so width carries the meaning as well).
WEIGHT_ENDS = ("#d7301f", "#2b7bba")
WEIGHT_MIDS = {"light": "#d0d0d0", "dark": "#5c5c5c", None: "#a8a8a8"}


def weight_scale(theme: str | None = None) -> list:
    """The weight colour scale for ``theme`` ('light', 'dark'; None: either)."""
    neg, pos = WEIGHT_ENDS
    mid = WEIGHT_MIDS.get(theme, WEIGHT_MIDS[None])
    return [[0.0, neg], [0.25, "#e7785f"], [0.5, mid], [0.75, "#6aa6d6"], [1.0, pos]]


WEIGHT_SCALE = weight_scale()
ACTIVATION_SCALE = [[0.0, "#f7f7f7"], [1.0, "#8c6bb1"]]  # node fill, 0..1
NOT_COMPUTED = "#dcdcdc"  # opaque, so edges never run through a number
HIGHLIGHT = "#E69F00"  # Okabe-Ito orange: what the current phase works on
SELECTED = "#009E73"  # Okabe-Ito bluish green: the element the user picked
LABEL_GREY = "#8a8a8a"  # readable on Streamlit's light and dark backgrounds
NODE_TEXT = "#111111"  # on the light node fills

# --- geometry -------------------------------------------------------------------------
X_COL = {"x": 0.0, "h": 1.0, "o": 2.0}
Y_IN = np.arange(N_IN - 1, -1, -1, dtype=float)  # 7 .. 0, x1 at the top
Y_HID = np.array([5.5, 3.5, 1.5])
Y_OUT = np.arange(N_OUT - 1, -1, -1, dtype=float)
_I, _J = np.divmod(np.arange(N_IN * N_HIDDEN), N_HIDDEN)  # W1 edges, row-major
_J2, _K = np.divmod(np.arange(N_HIDDEN * N_OUT), N_OUT)  # W2 edges, row-major
EDGE_X0 = np.r_[np.zeros(24), np.ones(24)]
EDGE_Y0 = np.r_[Y_IN[_I], Y_HID[_J2]]
EDGE_Y1 = np.r_[Y_HID[_J], Y_OUT[_K]]
# Hover/click/label points: along each edge at a fraction that depends on the hidden unit
# it touches, so the 48 points stand in six columns and no two of them (nor their labels)
# coincide, as midpoints would.
_T = np.r_[0.16 + 0.14 * _J, 0.58 + 0.14 * _J2]
EDGE_PX = EDGE_X0 + _T
EDGE_PY = EDGE_Y0 + _T * (EDGE_Y1 - EDGE_Y0)
EDGE_IDS = W1_IDS + W2_IDS
EDGE_NAMES = [f"x{i + 1} → h{j + 1}" for i, j in zip(_I, _J)] + [
    f"h{j + 1} → o{k + 1}" for j, k in zip(_J2, _K)
]
NODE_X = np.r_[np.zeros(N_IN), np.ones(N_HIDDEN), np.full(N_OUT, 2.0)]
NODE_Y = np.r_[Y_IN, Y_HID, Y_OUT]
BIAS_X = np.r_[np.ones(N_HIDDEN), np.full(N_OUT, 2.45)]
BIAS_Y = np.r_[Y_HID - 0.72, Y_OUT]
BIAS_IDS = B1_IDS + B2_IDS
X_RANGE = [-0.45, 2.9]
Y_RANGE = [-0.75, 8.0]

# --- what each phase works on ---------------------------------------------------------
_NODES = {"x": set(INPUT_IDS), "h": set(HIDDEN_IDS), "o": set(OUTPUT_IDS)}
_PHASE_PARTS = {  # phase -> (node layers, weight layer, bias layer)
    "ready": ("", None, None),
    "hidden_z": ("xh", "W1", "b1"),
    "hidden_a": ("h", None, None),
    "output_z": ("ho", "W2", "b2"),
    "output_a": ("o", None, None),
    "error": ("xo", None, None),  # e = x - a_o reads the target, which is the input
    "output_delta": ("o", None, None),
    "hidden_delta": ("oh", None, None),  # edges: the rule's (W2; the notebook's W1)
    "update_output": ("ho", *PHASE_ARRAYS["update_output"]),  # W2, b2
    "update_hidden": ("xh", *PHASE_ARRAYS["update_hidden"]),  # W1, b1
}


def highlight_for(step: Step) -> dict:
    """What the phase just performed (``step.phase``) reads and writes.

    Returns ``{"phase": name, "nodes": frozenset of node ids, "edges": "W1" | "W2" | None,
    "biases": frozenset of bias ids}``. For ``hidden_delta`` the notebook rule reads W1
    (where the gradient needs W2), so its edges are "W1".
    """
    layers, edges, bias = _PHASE_PARTS[step.phase]
    if step.phase == "hidden_delta":
        edges = get_rule(step.rule).back_weights
    nodes = frozenset().union(*(_NODES[c] for c in layers))
    biases = frozenset({"b1": B1_IDS, "b2": B2_IDS}.get(bias, ()))
    return {"phase": step.phase, "nodes": nodes, "edges": edges, "biases": biases}


def edge_opacity(hl: dict) -> np.ndarray:
    """The 48 edges' opacity for :func:`highlight_for`'s answer: the edges the phase works
    on in full, the others faded; all alike when it works on none."""
    if hl["edges"] is None:
        return np.full(48, 0.9 if hl["phase"] == "ready" else 0.3)
    active = np.r_[np.full(24, hl["edges"] == "W1"), np.full(24, hl["edges"] == "W2")]
    return np.where(active, 1.0, 0.18)


def node_text_quantities(step: Step) -> dict:
    """Which quantity each layer's nodes show as text now: layer letter -> (symbol, values)
    or None when nothing is computed yet. Inputs always show x."""
    d = step.done
    hidden = None
    if d >= 1:
        hidden = ("z", step.hidden_z) if d == 1 else ("a", step.hidden_a)
    if d in (7, 9):
        hidden = ("δ", step.hidden_delta)
    output = None
    if d >= 3:
        output = {3: ("z", step.output_z), 4: ("a", step.output_a), 5: ("e", step.error)}.get(
            d, ("a", step.output_a) if d == 9 else ("δ", step.output_delta)
        )
    return {"x": ("x", step.x), "h": hidden, "o": output}


def finite(a) -> np.ndarray:
    """As floats, with NaN as 0 and infinities as the largest floats (colours never fail)."""
    return np.nan_to_num(np.asarray(a, dtype=float), nan=0.0, posinf=1e308, neginf=-1e308)


def weight_colours(values: np.ndarray, scale: list = WEIGHT_SCALE) -> list[str]:
    """Colours of the weights on the fixed -3..3 scale (clipped), in ONE colour-scale call."""
    t = (np.clip(finite(values), -WEIGHT_RANGE, WEIGHT_RANGE) + WEIGHT_RANGE) / (2 * WEIGHT_RANGE)
    return sample_colorscale(scale, t.tolist())


def edge_widths(values, large: bool = False) -> np.ndarray:
    """Line width in px grows with |w| (1.2 px at 0, 7.2 px at |w| >= 3)."""
    mag = np.clip(np.abs(finite(values)), 0, WEIGHT_RANGE) / WEIGHT_RANGE
    return (1.2 + 6.0 * mag) * (1.4 if large else 1.0)


def activation_colours(values) -> list[str]:
    """Node fills for activations on the fixed 0..1 scale (clipped), in one call."""
    t = np.clip(finite(values), 0.0, 1.0)
    return sample_colorscale(ACTIVATION_SCALE, t.tolist())
