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

from autoencoder.figures.ids import ALL_IDS

from . import actions, lecture, sharing
from .stepview_data import (
    read_held,
    read_pasts,
    read_position,
    step_data,
    step_key,
    step_list,
    view_payload,
    without_held,
)
from .store import session

ASSETS = Path(__file__).with_name("stepview")
PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
KEY = "stepview"
ACK_KEY = "ae_stepview_ack"  # the number of the last position message applied
STEPS_KEY = "ae_stepview_steps"  # this session's prepared steps, by what they depend on
HAVE_KEY = "ae_stepview_have"  # the prepared steps the browser said it holds


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
    session().move_to(step, phase)  # absolute: applying a copy again changes nothing
    st.session_state[ACK_KEY] = seq  # the view's own numbering (a view drawn anew restarts)
    st.session_state[HAVE_KEY] = read_held(_state("position").get("held"))


def on_need():
    """The browser lacks steps it was told it holds (it was drawn anew): send them all."""
    st.session_state[HAVE_KEY] = set()


UNDOS_KEY = "ae_stepview_undos"  # undo presses the view has counted so far
MAX_UNDOS_AT_ONCE = 20


def on_undo():
    """Undo presses past a step's start. The view counts them, so presses that reach the
    server in one message are all applied (a count lower than the last: a new view)."""
    count = _state("undo")
    if type(count) is not int or count < 1:
        return
    last = st.session_state.get(UNDOS_KEY, 0)
    presses = count - last if count > last else 1
    st.session_state[UNDOS_KEY] = count
    for _ in range(min(presses, MAX_UNDOS_AT_ONCE)):
        actions.prev_phase()


def on_restore():
    """A reloaded tab brings back its earlier states: they become the undo history of
    this new session (only one that has none yet); anything unusable is ignored whole."""
    s = session()
    pasts = read_pasts(_state("restore"))
    if pasts is not None and not s.history:
        s.adopt_history(pasts)


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


PATTERN_KEY = "batch_pattern"  # the pattern of a batch step the graph shows (1-based)


def chosen_pattern(s) -> int | None:
    """The batch step's pattern the graph shows on its nodes (0-based), or None online."""
    if s.settings.mode != "batch":
        return None
    chosen = st.session_state.get(PATTERN_KEY)
    n = len(s.patterns)
    return chosen - 1 if type(chosen) is int and 1 <= chosen <= n else 0


def pattern_picker(s):
    """Batch mode with more than one pattern: which pattern the nodes show."""
    n = len(s.patterns)
    if s.settings.mode != "batch" or n < 2:
        return
    if st.session_state.get(PATTERN_KEY) not in range(1, n + 1):
        st.session_state[PATTERN_KEY] = 1
    st.segmented_control(
        "Batch step: the graph's nodes show pattern",
        list(range(1, n + 1)),
        key=PATTERN_KEY,
        format_func=lambda k: f"{k}",
        required=True,
        help="The weights and their updates are the whole batch's; the numbers on the "
        "nodes are one pattern's row of the batch. The caption under the graph says which.",
    )


def look(s=None) -> dict:
    s = s or session()
    return {
        "theme": lecture.theme(),
        "large": lecture.presenting(),
        "selected": st.session_state.get(actions.SELECTED_KEY),
        "pattern": chosen_pattern(s),
    }


def prepared_steps(s, appearance: dict) -> list[dict]:
    """The steps at hand, each prepared once (kept while it is at hand). While Play trains,
    each tick moves the network on: only the step in progress, up to its position, is
    prepared (the whole step, and the next, once Play stops)."""
    cache = st.session_state.get(STEPS_KEY, {})
    keep, out = {}, []
    listed = step_list(s)
    if st.session_state.get("play"):
        listed = [entry for entry in listed if entry[0] is s.start]
        appearance = {**appearance, "upto": s.step.done + 1}
    unselected = {**appearance, "selected": None}
    for start, counters, settings in listed:
        key = step_key(start, counters, settings, appearance)
        plain_key = step_key(start, counters, settings, unselected)
        plain = cache.get(plain_key) or step_data(start, counters, settings, unselected)
        keep[plain_key] = plain  # kept: clearing or changing the selection reuses it
        data = cache.get(key) or step_data(start, counters, settings, appearance, plain)
        keep[key] = data
        out.append(data)
    st.session_state[STEPS_KEY] = keep
    return out


def stepping_view(controls: bool = True):
    s = session()
    pattern_picker(s)
    appearance = look(s)
    steps = prepared_steps(s, appearance)
    payload = view_payload(s, steps, st.session_state.get(ACK_KEY, 0), appearance)
    payload = without_held(payload, st.session_state.get(HAVE_KEY, set()))
    payload["controls"] = controls
    payload["url"] = sharing.wanted_url_params()
    STEPVIEW(
        key=KEY,
        data=payload,
        on_position_change=on_position,
        on_undo_change=on_undo,
        on_select_change=on_select,
        on_need_change=on_need,
        on_restore_change=on_restore,
    )
