"""The floor page plus the network graph, and nothing else: what a Plotly graph redrawn on
every click costs by itself.

    python benchmarks/bench_page.py --app benchmarks/graph_page.py

Same button and status keys as the floor page; a click steps one phase, so the graph changes
as it does in the app. Drawn with the app's own figure and chart call.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import streamlit as st  # noqa: E402

from autoencoder.figures import network_figure  # noqa: E402
from autoencoder.page.panels import network_chart, style  # noqa: E402
from autoencoder.session.session import Session  # noqa: E402

session = st.session_state.setdefault("graph_page_session", Session())
style()
st.button("Next phase", key="next_phase", on_click=session.next_phase)
with st.container(key="status"):
    st.write(session.status_text())
network_chart(network_figure(session.step), "network_chart")
