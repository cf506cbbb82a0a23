"""The 8-3-8 backpropagation simulator: `streamlit run app.py`.

Composes the page from ``autoencoder.page``; each browser session has its own network.
"""

import streamlit as st

from autoencoder.page import actions, check, controls, learning, panels, play, sharing

st.set_page_config(page_title="8-3-8 backprop, one phase at a time", page_icon="🧮", layout="wide")
play.begin_run()
panels.style()
actions.run_pending_training(st.empty())
controls.settings_sidebar()
sharing.sharing_panel()

st.markdown("#### 8-3-8 autoencoder · backpropagation one phase at a time")
panels.message()
panels.status()
controls.stepping_buttons()
graph, detail = st.columns(2, gap="medium")
with graph:
    panels.network()
with detail:
    panels.phase_detail()
controls.training_controls()
controls.timeline()
learning.learning_tabs()
check.check_section()
play.ticker()
sharing.sync_url()  # last: the URL carries the state this run shows
