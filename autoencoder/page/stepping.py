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


def outside_token(s, tab=None, timeline_open: bool = False) -> tuple:
    """What the parts of the page outside the fragment show of session ``s``: with a
    learning view that follows the step open (``tab``, all but the loss curve), the step's
    start and its parameters (new only when an update phase runs, so the forward phases
    still rerun just the fragment); with the timeline open, the history's length."""
    follows_step = tab not in (None, learning.TABS[0])
    return (
        s.settings,
        s.warning,
        len(s.losses),
        s.epoch,
        (s.start, s.step.params) if follows_step else None,
        len(s.history) if timeline_open else None,
    )


def _outside_now(s) -> tuple:
    timeline_open = bool(st.session_state.get("timeline_box"))
    return outside_token(s, st.session_state.get("learning_tab"), timeline_open)


def remember_outside():
    """Call in every full run, before the fragment is drawn."""
    st.session_state[DRAWN_KEY] = _outside_now(session())


@st.fragment
def stepping_area():
    s = session()
    if _outside_now(s) != st.session_state.get(DRAWN_KEY):
        st.rerun(scope="app")  # an action changed more than this part shows
    panels.message()
    stepview.stepping_view(controls=lecture.shows("step"))
    if lecture.shows("step"):
        lecture.key_legend()
