"""Shared pieces of the page: its base stylesheet, one-time messages, and how every
network figure outside the stepping view is drawn (the notebook checker's)."""

import streamlit as st

from . import actions
from .store import session

# How Plotly draws the page's charts: no mode bar; the network figure neither zooms on a
# scroll nor waits for Plotly's own resizing; the loss curve, for a slide, has one button
# (a PNG at twice the pixels).
CHART_CONFIG = {"displayModeBar": False}
NETWORK_CHART_CONFIG = {**CHART_CONFIG, "scrollZoom": False, "responsive": True}
LOSS_CHART_CONFIG = {
    "displayModeBar": True,
    "displaylogo": False,
    "modeBarButtons": [["toImage"]],
    "toImageButtonOptions": {"format": "png", "filename": "loss-curve", "scale": 2},
}
# A Plotly graph that finds its box 0 px wide or high when first drawn is drawn twice
# (see figures/network.network_figure); a 1 px minimum keeps it to once.
STYLE = """<style>
[data-testid="stPlotlyChart"] > div { min-width: 1px; min-height: 1px; }
</style>"""


def style():
    st.html(STYLE)


def message():
    """Show (once) what the last action left to say."""
    s = session()  # first: a session started from a refused link leaves a message
    kind_text = st.session_state.pop(actions.MESSAGE_KEY, None)
    if kind_text:
        kind, text = kind_text
        getattr(st, kind)(text)
    if s.warning:
        st.warning(s.warning)


def network_chart(fig, key: str, **kwargs):
    """Draw a figure from ``figures_network.network_figure``. Without Streamlit's theme: the
    figure styles itself, and only so does Streamlit's second ``Plotly.react`` find nothing
    changed, which keeps it to one draw per click (see ``network_figure``)."""
    return st.plotly_chart(fig, key=key, config=NETWORK_CHART_CONFIG, theme=None, **kwargs)
