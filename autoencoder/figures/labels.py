"""Text and marks around the network graph: node names, column headers, the key line,
and the ring around the selected element."""

from autoencoder.figures.ids import NODE_IDS
from autoencoder.figures.layout import (
    BIAS_IDS,
    BIAS_X,
    BIAS_Y,
    EDGE_IDS,
    EDGE_PX,
    EDGE_PY,
    LABEL_GREY,
    NODE_X,
    NODE_Y,
    SELECTED,
    X_COL,
    node_text_quantities,
)


def name_trace(node_size, font) -> dict:
    """Node names beside the nodes (x left, h above, o right). The invisible markers have
    the nodes' size, so Plotly keeps the names clear of the nodes at any width."""
    pos = ["middle left"] * 8 + ["top center"] * 3 + ["middle right"] * 8
    return {
        "type": "scatter",
        "x": NODE_X.tolist(),
        "y": NODE_Y.tolist(),
        "mode": "markers+text",
        "marker": {"size": node_size, "opacity": 0},
        "text": list(NODE_IDS),
        "textposition": pos,
        "textfont": {"size": font, "color": LABEL_GREY},
        "hoverinfo": "skip",
        "showlegend": False,
    }


def selected_trace(selected, node_size, bias_size) -> dict | None:
    if selected in NODE_IDS:
        n, size = NODE_IDS.index(selected), node_size + 16
        x, y = NODE_X[n], NODE_Y[n]
    elif selected in BIAS_IDS:
        n, size = BIAS_IDS.index(selected), bias_size + 14
        x, y = BIAS_X[n], BIAS_Y[n]
    elif selected in EDGE_IDS:
        n, size = EDGE_IDS.index(selected), 22
        x, y = EDGE_PX[n], EDGE_PY[n]
    else:
        return None
    return {
        "type": "scatter",
        "x": [float(x)],
        "y": [float(y)],
        "mode": "markers",
        "marker": {"symbol": "circle-open", "size": size, "color": SELECTED, "line": {"width": 4}},
        "hoverinfo": "skip",
        "customdata": [selected],
        "name": "selected",
        "showlegend": False,
    }


HEADER_WORDS = {"z": "z net input", "a": "a = f(z)", "e": "e = t − a", "δ": "δ delta"}


def header_texts(step) -> list[str]:
    """The column headers: inputs, hidden, outputs (each naming the quantity its numbers
    show now) and bias."""
    shown = node_text_quantities(step)
    texts = []
    for layer, title in (("x", "inputs x"), ("h", "hidden"), ("o", "outputs")):
        q = shown[layer]
        texts.append(title if layer == "x" or not q else f"{title}  {HEADER_WORDS[q[0]]}")
    return texts + ["bias"]


def key_text(step, hl) -> str:
    """One line under the graph: what edges mean, or what the phase's edge labels are."""
    if step.phase == "hidden_delta" and hl["edges"] == "W1":  # the rule's back_weights
        return "notebook rule: δ_h reads W1 here, where the gradient needs W2ᵀ"
    if step.phase.startswith("update") and hl["edges"]:
        layer = hl["edges"]
        src = "x" if layer == "W1" else "a_h"
        change = f"μ v + η {src}·δ" if step.momentum else f"η {src}·δ"
        if getattr(step, "batch", False) and step.n_patterns > 1:
            n = step.n_patterns
            return f"labels on {layer}: the change Δw = {change}, summed over all {n} patterns"
        return f"labels on {layer}: the change Δw = {change}"
    return "edges: colour and width = weight, dashed if negative"


def headers(step, hl, font) -> list[dict]:
    """Column headers naming the quantity each layer's numbers show, and one key line
    at the bottom (what edges mean, or what the phase's edge labels are)."""
    *columns, bias = header_texts(step)
    notes = [note(BIAS_X[-1], 7.72, bias, font - 1)]
    for layer, label in zip("xho", columns):
        notes.append(note(X_COL[layer], 7.72, f"<b>{label}</b>", font))
    notes.append(note(1.0, -0.42, key_text(step, hl), font - 2))
    return notes


def note(x, y, text, size) -> dict:
    """A grey text annotation centred at data coordinates (x, y)."""
    return {
        "x": x,
        "y": y,
        "text": text,
        "showarrow": False,
        "font": {"size": size, "color": LABEL_GREY},
        "xanchor": "center",
    }
