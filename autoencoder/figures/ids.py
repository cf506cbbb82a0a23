"""Names of the network's elements as the figures, clicks and the inspector use them.

Nodes are numbered from 1, as the page labels them: ``"x1"``..``"x8"`` (inputs),
``"h1"``..``"h3"`` (hidden), ``"o1"``..``"o8"`` (outputs). Parameters use numpy's
0-based indices: ``"W1[i,j]"`` joins input x(i+1) to hidden h(j+1), ``"W2[j,k]"`` joins
h(j+1) to o(k+1), ``"b1[j]"`` is h(j+1)'s bias and ``"b2[k]"`` is o(k+1)'s.
"""

import re
from typing import NamedTuple

from autoencoder.core.model import N_HIDDEN, N_IN, N_OUT

LAYER_SIZE = {"x": N_IN, "h": N_HIDDEN, "o": N_OUT}
INPUT_IDS = tuple(f"x{i + 1}" for i in range(N_IN))
HIDDEN_IDS = tuple(f"h{j + 1}" for j in range(N_HIDDEN))
OUTPUT_IDS = tuple(f"o{k + 1}" for k in range(N_OUT))
NODE_IDS = INPUT_IDS + HIDDEN_IDS + OUTPUT_IDS
W1_IDS = tuple(f"W1[{i},{j}]" for i in range(N_IN) for j in range(N_HIDDEN))
W2_IDS = tuple(f"W2[{j},{k}]" for j in range(N_HIDDEN) for k in range(N_OUT))
B1_IDS = tuple(f"b1[{j}]" for j in range(N_HIDDEN))
B2_IDS = tuple(f"b2[{k}]" for k in range(N_OUT))
ALL_IDS = frozenset(NODE_IDS + W1_IDS + W2_IDS + B1_IDS + B2_IDS)

_NODE = re.compile(r"^([xho])([1-9])$")
_WEIGHT = re.compile(r"^(W[12])\[(\d),(\d)\]$")
_BIAS = re.compile(r"^(b[12])\[(\d)\]$")


class Element(NamedTuple):
    """A parsed element id. ``kind`` is 'node', 'weight' or 'bias'; ``name`` is the layer
    letter for nodes ('x', 'h', 'o') or the parameter name; ``index`` is a tuple of 0-based
    array indices."""

    kind: str
    name: str
    index: tuple


def parse_element_id(element_id) -> Element:
    """'x3' -> Element('node', 'x', (2,)); 'W2[1,7]' -> Element('weight', 'W2', (1, 7)).
    ValueError for anything that is not one of the 78 element ids."""
    if not isinstance(element_id, str) or element_id not in ALL_IDS:
        raise ValueError(f"unknown network element {element_id!r}")
    if m := _NODE.match(element_id):
        return Element("node", m[1], (int(m[2]) - 1,))
    if m := _WEIGHT.match(element_id):
        return Element("weight", m[1], (int(m[2]), int(m[3])))
    m = _BIAS.match(element_id)
    return Element("bias", m[1], (int(m[2]),))


def node_latex(element_id: str) -> str:
    """'h2' -> 'h_{2}' (1-based, as drawn)."""
    return f"{element_id[0]}_{{{element_id[1:]}}}"
