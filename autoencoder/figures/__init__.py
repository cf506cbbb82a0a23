"""Pure figure builders for the page: state in, Plotly figure, MathML or plain data out.
None of the modules here imports streamlit.

- :mod:`.network` the network graph as a Plotly figure; :mod:`.stepview` the same for the
  in-browser stepping view (drawn once, then restyled per position);
- :mod:`.layout` its colours, geometry and per-phase highlights; :mod:`.labels` its text;
  :mod:`.ids` the element ids that clicks and the inspector use;
- :mod:`.inspector` what a click picked and everything known about it, and
  :mod:`.inspector_equations` its equations;
- :mod:`.equations` and :mod:`.batch` each phase's equation as MathML (one example, or the
  whole set as matrices), built from :mod:`.math_parts`;
- :mod:`.charts` the loss curves and the hidden-code cube.

The names below are the ones the page imports from here.
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
