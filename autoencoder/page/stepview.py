"""The stepping view as one ``st.components.v2`` component, mounted once and updated in
place: status, Undo / Next phase / Full step, the scrubber, play-the-step, the network
graph (plotly.js from the installed plotly package) and the phase panel.

The browser draws every position of the step at hand by itself and tells the server the
absolute position it shows; :func:`on_position` applies it to the Session (the source of
truth: undo history, URL, counters) with ``Session.move_to``. What the component is handed
is :func:`autoencoder.page.stepview_data.view_payload`, a pure function of the session.
"""

import shutil
from pathlib import Path

import plotly
import streamlit as st

from autoencoder.figures_ids import ALL_IDS
from autoencoder.session import step_id

from . import actions, lecture
from .state import session
from .stepview_data import step_data, step_list, view_payload

ASSETS = Path(__file__).with_name("stepview")
PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
KEY = "stepview"
ACK_KEY = "ae_stepview_ack"  # the number of the last position message applied
STEPS_KEY = "ae_stepview_steps"  # this session's prepared steps, by what they depend on
ID_CHARS = set("0123456789abcdef")


def ensure_plotly_asset() -> Path:
    """plotly.js beside the component's code, copied from the installed plotly package
    (git-ignored; never a copy in the repository, never a CDN)."""
    target = ASSETS / "plotly.min.js"
    if not target.exists() or target.stat().st_size != PLOTLY_JS.stat().st_size:
        shutil.copyfile(PLOTLY_JS, target)
    return target


ensure_plotly_asset()
STEPVIEW = st.components.v2.component(
    "autoencoder.stepview", js="stepview.js", css="stepview.css", isolate_styles=False
)


def read_position(value) -> tuple[str, int, int] | None:
    """(step id, phase, message number) from what the browser sent, or None if it is not
    one (anything a browser sends is checked like any other input)."""
    if not isinstance(value, dict):
        return None
    step, phase, seq = value.get("step"), value.get("phase"), value.get("seq")
    if not (isinstance(step, str) and len(step) == 16 and set(step) <= ID_CHARS):
        return None
    if type(phase) is not int or not 0 <= phase <= 9 or type(seq) is not int or seq < 0:
        return None
    return step, phase, seq


def _state(name: str):
    value = st.session_state.get(KEY)
    try:
        return value[name]
    except (KeyError, TypeError):
        return getattr(value, name, None)


def on_position():
    """The browser shows a new position: the session goes there (or, if the step is not
    one it knows, stays, and its answer pulls the view back)."""
    position = read_position(_state("position"))
    if position is None:
        return
    step, phase, seq = position
    session().move_to(step, phase)
    st.session_state[ACK_KEY] = max(seq, st.session_state.get(ACK_KEY, 0))


def on_undo():
    actions.prev_phase()


def on_select():
    """A click on the graph: select an element (or flip an input bit), or clear."""
    element = _state("select")
    if element in (None, ""):
        st.session_state.pop(actions.SELECTED_KEY, None)
        return
    if not isinstance(element, str):
        return
    if element in ALL_IDS:
        st.session_state[actions.SELECTED_KEY] = actions.handle_click(session(), element)


def look() -> dict:
    return {
        "theme": lecture.theme(),
        "large": lecture.presenting(),
        "selected": st.session_state.get(actions.SELECTED_KEY),
    }


def prepared_steps(s, appearance: dict) -> list[dict]:
    """The steps at hand, each prepared once (kept while it is at hand)."""
    cache = st.session_state.get(STEPS_KEY, {})
    keep, out = {}, []
    for start, counters, settings in step_list(s):
        key = (step_id(start, counters[0]), counters, settings, *appearance.values())
        data = cache.get(key) or step_data(start, counters, settings, appearance)
        keep[key] = data
        out.append(data)
    st.session_state[STEPS_KEY] = keep
    return out


def stepping_view(controls: bool = True):
    s = session()
    appearance = look()
    payload = view_payload(
        s, prepared_steps(s, appearance), st.session_state.get(ACK_KEY, 0), appearance
    )
    payload["controls"] = controls
    STEPVIEW(
        key=KEY,
        data=payload,
        on_position_change=on_position,
        on_undo_change=on_undo,
        on_select_change=on_select,
    )
