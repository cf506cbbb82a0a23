"""Play: keep training and redrawing until switched off, with a timed fragment (no sleep
loop). Each tick trains a few epochs, then reruns the whole page so everything redraws."""

import streamlit as st

from . import actions
from .store import session

FULL_RUN_KEY = "ae_full_run"
STOP_KEY = "ae_stop_play"


def begin_run():
    """Call first in every full run of the page (before the play toggle is drawn)."""
    st.session_state[FULL_RUN_KEY] = True
    if st.session_state.pop(STOP_KEY, False):
        st.session_state["play"] = False


def ticker():
    """While play is on, a fragment that reruns every PLAY_INTERVAL seconds and trains."""
    if not st.session_state.get("play"):
        return

    @st.fragment(run_every=actions.PLAY_INTERVAL)
    def tick():
        if st.session_state.pop(FULL_RUN_KEY, False):
            return  # drawn as part of a full run: the tick comes with the timer
        until = bool(st.session_state.get("until_learned"))
        if actions.play_tick(session(), actions.PLAY_EPOCHS, until):
            st.session_state[STOP_KEY] = True
            actions.say("success", f"Learned at epoch {session().epoch}: play stopped.")
        st.rerun()

    tick()
