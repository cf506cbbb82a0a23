"""The stepping area as a fragment: a click on Undo, Next phase, Full step or the graph
reruns only this part of the page (status, buttons, graph, phase detail), not the sidebar,
the training controls, the learning tabs or the notebook checker.

Whenever an action changes something those other parts show (a setting restored by undo,
a completed epoch, a warning, the open timeline or a tab that follows the current step),
the fragment asks for a full rerun instead, so nothing on the page goes stale.
"""

import streamlit as st

from . import learning, lecture, panels, stepview
from .store import session

DRAWN_KEY = "ae_outside_drawn"  # what the last full run showed outside the fragment


def outside_token(s) -> tuple:
    """What the parts of the page outside the fragment show of the session."""
    tab = st.session_state.get("learning_tab")
    follows_step = tab not in (None, 0, learning.TABS[0])  # only the loss tab does not
    timeline_open = bool(st.session_state.get("timeline_box"))
    return (
        s.settings,
        s.warning,
        len(s.losses),
        s.epoch,
        s.step if follows_step else None,
        len(s.history) if timeline_open else None,
    )


def remember_outside():
    """Call in every full run, before the fragment is drawn."""
    st.session_state[DRAWN_KEY] = outside_token(session())


@st.fragment
def stepping_area():
    s = session()
    if outside_token(s) != st.session_state.get(DRAWN_KEY):
        st.rerun(scope="app")  # an action changed more than this part shows
    panels.message()
    stepview.stepping_view(controls=lecture.shows("step"))
    if lecture.shows("step"):
        lecture.key_legend()
