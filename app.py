"""The 8-3-8 backpropagation simulator: `streamlit run app.py`.

Composes the page from ``autoencoder.page``; each browser session has its own network.
"""

import streamlit as st

from autoencoder.page import (
    actions,
    check,
    controls,
    intro,
    learning,
    lecture,
    panels,
    play,
    sharing,
    stepping,
)

sharing.open_session()  # a new browser session gets the state its URL describes
lecture.read_link()  # before set_page_config: ?presentation=1 collapses the sidebar

st.set_page_config(
    page_title="8-3-8 backprop, one phase at a time",
    page_icon="🧮",
    layout="wide",
    initial_sidebar_state=lecture.sidebar_state(),
)
play.begin_run()
panels.style()
lecture.style()
actions.run_pending_training(st.empty())
if lecture.shows("settings"):
    controls.settings_sidebar()
    lecture.classroom_link_builder()
if lecture.shows("share"):
    sharing.sharing_panel()

lecture.title_row("8-3-8 autoencoder · backpropagation one phase at a time")
intro.first_visit()
stepping.remember_outside()
stepping.stepping_area()  # a fragment: stepping clicks rerun only this part
if lecture.shows("train"):
    lecture.play_pause_key()
    controls.training_controls()
if lecture.shows("timeline"):
    controls.timeline()
if lecture.shows("learning"):
    learning.learning_views()
if lecture.shows("check"):
    check.check_section()
play.ticker()
