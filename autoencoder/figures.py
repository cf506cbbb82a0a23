"""Pure figure builders for the page: state in, Plotly figure (or plain data) out.

The page imports everything from here; the code lives in small modules beside it:
:mod:`.figures_network` (the network graph), :mod:`.figures_layout` (its colours, geometry
and per-phase highlights), :mod:`.figures_ids` (element ids).
"""

from .figures_ids import ALL_IDS, parse_element_id
from .figures_layout import WEIGHT_RANGE, WEIGHT_SCALE, highlight_for
from .figures_network import network_figure

__all__ = [
    "ALL_IDS",
    "WEIGHT_RANGE",
    "WEIGHT_SCALE",
    "highlight_for",
    "network_figure",
    "parse_element_id",
]
