"""Pure figure builders for the page: state in, Plotly figure (or plain data) out.

The page imports everything from here; the code lives in small modules beside it:
:mod:`.figures_network` (the network graph), :mod:`.figures_layout` (its colours, geometry
and per-phase highlights), :mod:`.figures_labels` (its text), :mod:`.figures_ids` (element
ids), :mod:`.figures_inspect` (clicks and the inspector), :mod:`.figures_charts` (loss
curves, hidden-code cube). None of them imports streamlit.
"""

from autoencoder.figures.charts import code_cube_figure, loss_figure
from autoencoder.figures.ids import ALL_IDS, parse_element_id
from autoencoder.figures.inspector import element_details
from autoencoder.figures.layout import WEIGHT_RANGE, WEIGHT_SCALE, highlight_for
from autoencoder.figures.network import network_figure

__all__ = [
    "ALL_IDS",
    "WEIGHT_RANGE",
    "WEIGHT_SCALE",
    "code_cube_figure",
    "element_details",
    "highlight_for",
    "loss_figure",
    "network_figure",
    "parse_element_id",
]
