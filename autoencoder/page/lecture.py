"""Lecture mode: presentation styling, classroom links that choose the controls students
see, and the keyboard (shortcuts and their legend).

The link carries two query parameters, both owned by this module:
``?presentation=1`` opens the page in presentation mode (large type, high contrast,
sidebar collapsed, bigger graph) and ``?controls=step,train`` shows only the named groups
of :data:`CONTROL_GROUPS` (without it, all of them). The stylesheets are fixed strings: no
user text ever reaches ``st.html``.
"""

import re
from urllib.parse import urlencode, urlsplit

import streamlit as st

PRESENTATION_KEY = "presentation"  # the toggle (docs/design.md page key) and the URL param
CONTROLS_PARAM = "controls"
_LINK_READ_KEY = "ae_lecture_link_read"
TRUE_WORDS = ("1", "true", "yes", "on")

CONTROL_GROUPS = {
    "step": "Undo / Next phase / Full step (and their keys)",
    "train": "Epochs, Train and Play",
    "settings": "Settings sidebar (and this link builder)",
    "timeline": "Timeline (go back to an earlier point)",
    "learning": "Learning tabs (loss, hidden codes, rule comparison)",
    "share": "Export / import / share",
    "check": "Check my notebook",
}

# Keys, beyond the Right/Left arrows of next_phase/prev_phase (controls.py). C and R are
# Streamlit's own. PageDown/PageUp are what a presentation clicker sends.
FULL_STEP_KEY = "S"
PLAY_KEY = "P"
KEY_LEGEND = (
    ("→", "or `PgDn` next phase"),
    ("←", "or `PgUp` undo"),
    (FULL_STEP_KEY, "full step"),
    (PLAY_KEY, "play / pause"),
)

# Always on: the keyboard-only buttons take no room (their shortcuts stay bound).
BASE_CSS = """<style>
.st-key-play_pause { display: none !important; }
@media (max-width: 640px), (pointer: coarse) { .st-key-key_legend { display: none; } }
</style>"""

# Presentation: the type follows the screen (2.6% of its height, so a 1280x720 projector
# and a 4K one show the same page, only sharper), the stepping view comes first and fills
# one screen (stepview.css, fit.js), the title row and everything else follow below it,
# captions in full contrast. Streamlit's header keeps only its two buttons (the sidebar's
# and the menu), in the corners the page leaves free.
PRESENTATION_CSS = """<style>
html { font-size: clamp(15px, min(2.6vh, 3.9vw), 84px); }
header[data-testid="stHeader"] { background: transparent; height: 2.6rem; }
header[data-testid="stHeader"], header[data-testid="stHeader"] * { pointer-events: none !important; }
header[data-testid="stHeader"] :is(button, a) { pointer-events: auto !important; }
[data-testid="stMainBlockContainer"] { padding: 0.5rem 2.6rem 2rem; max-width: none; }
[data-testid="stMainBlockContainer"] > [data-testid="stVerticalBlock"] > *,
[data-testid="stVerticalBlock"]:has(> .st-key-stepview) > * { order: 2; }
[data-testid="stMainBlockContainer"] > [data-testid="stVerticalBlock"] > :has(.st-key-stepview),
[data-testid="stVerticalBlock"] > .st-key-stepview { order: 1; }
.st-key-title_row h4 { font-size: 1rem; }
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] * {
  color: inherit !important; opacity: 1 !important; }
h1, h2, h3, h4 { font-weight: 800 !important; }
button[kind="primary"] { font-weight: 700; }
</style>"""
# A phone (or any small screen): the graph and Next phase on the first screen, the title
# one short line.
SMALL_SCREEN_CSS = """<style>
@media (max-width: 640px) {
  [data-testid="stMainBlockContainer"] { padding-top: 3.6rem; }
  .st-key-title_row h4 { font-size: 1.05rem; padding: 0; }
  .st-key-title_row .ae-subtitle { display: none; }
}
</style>"""


def _truthy(value) -> bool:
    return str(value).strip().lower() in TRUE_WORDS


def read_link():
    """Once per browser session, before ``st.set_page_config``: take presentation mode
    from the link (``?presentation=1``). Later the toggle decides (and writes the URL)."""
    if st.session_state.get(_LINK_READ_KEY):
        return
    st.session_state[_LINK_READ_KEY] = True
    st.session_state[PRESENTATION_KEY] = _truthy(st.query_params.get(PRESENTATION_KEY, ""))


def presenting() -> bool:
    return bool(st.session_state.get(PRESENTATION_KEY))


def sidebar_state() -> str:
    """``initial_sidebar_state`` for st.set_page_config: out of the way when presenting."""
    return "collapsed" if presenting() else "auto"


def requested_controls() -> tuple[set[str] | None, list[str]]:
    """The groups named by ``?controls=`` (None: the link names none, show all) and the
    names in it that are not groups (already reduced to safe characters)."""
    values = st.query_params.get_all(CONTROLS_PARAM)
    if not values:
        return None, []
    names = {n.strip().lower() for v in values for n in v.split(",") if n.strip()}
    unknown = sorted(n for n in names if n not in CONTROL_GROUPS)
    safe = [n if re.fullmatch(r"[a-z0-9_-]{1,24}", n) else "(unreadable)" for n in unknown]
    return names & set(CONTROL_GROUPS), safe


def shows(group: str) -> bool:
    """Whether the link lets this page show the control group ``group``."""
    chosen, _ = requested_controls()
    return chosen is None or group in chosen


def style():
    """The fixed stylesheets: always the base one, and the presentation one when on."""
    st.html(BASE_CSS + SMALL_SCREEN_CSS + (PRESENTATION_CSS if presenting() else ""))


def title_row(title: str):
    """The page title with the presentation toggle beside it; a note on a bad link."""
    with st.container(horizontal=True, vertical_alignment="center", key="title_row"):
        head, _, rest = title.partition(" · ")
        rest = f"<span class='ae-subtitle'> · {rest}</span>" if rest else ""
        st.markdown(f"#### {head}{rest}", width="stretch", unsafe_allow_html=True)
        st.toggle(
            "Presentation mode",
            key=PRESENTATION_KEY,
            help="Large type and graph, high contrast, settings sidebar collapsed "
            "(for a projector). The link opens in it with ?presentation=1",
        )
    _, unknown = requested_controls()
    if unknown:
        st.warning(
            f"The link names controls this page does not have: {', '.join(unknown)}. "
            f"Known: {', '.join(CONTROL_GROUPS)}."
        )


def key_legend():
    """One line naming the keyboard shortcuts the visible controls have."""
    keys = list(KEY_LEGEND) if shows("train") else list(KEY_LEGEND[:3])
    items = " · ".join(f"`{k}` {what}" for k, what in keys)
    with st.container(key="key_legend"):
        st.caption(f"Keys: {items} (anywhere on the page but in a text field)")


def toggle_play():
    st.session_state["play"] = not st.session_state.get("play", False)


def play_pause_key():
    """The P key switches play on and off (st.toggle takes no shortcut in Streamlit 1.67).
    Draw it before the ``play`` toggle, so the toggle shows the new state."""
    st.button("Play / pause", key="play_pause", on_click=toggle_play, shortcut=PLAY_KEY)


def classroom_link(base_url: str, groups, presentation: bool) -> str:
    """The link that opens the page with only ``groups`` (in CONTROL_GROUPS' order)."""
    params = {}
    if presentation:
        params[PRESENTATION_KEY] = "1"
    chosen = [g for g in CONTROL_GROUPS if g in set(groups)]
    if len(chosen) < len(CONTROL_GROUPS):
        params[CONTROLS_PARAM] = ",".join(chosen)
    query = urlencode(params, safe=",")
    if base_url and not urlsplit(base_url).path:
        base_url += "/"  # st.context.url has no path at the server's root
    return f"{base_url}?{query}" if query else base_url


def classroom_link_builder():
    """A sidebar box that builds a classroom link (TensorFlow Playground's idea)."""
    st.session_state.setdefault("classroom_groups", ["step", "train"])
    st.session_state.setdefault("classroom_presentation", False)
    with st.sidebar.expander("Classroom link", icon=":material/school:"):
        groups = st.multiselect(
            "Controls students see",
            list(CONTROL_GROUPS),
            key="classroom_groups",
            help="; ".join(f"{g}: {what}" for g, what in CONTROL_GROUPS.items()),
        )
        presentation = st.checkbox("Open in presentation mode", key="classroom_presentation")
        base = st.context.url or ""
        st.code(classroom_link(base, groups, presentation), language=None, wrap_lines=True)
        st.caption(
            "Share this link (copy button at its right). Each student who opens it gets "
            "a fresh network of their own."
            if base
            else "Append this to the page's address and share it."
        )


def theme() -> str | None:
    """'light' or 'dark' as the browser reports it (None before it has)."""
    try:
        return st.context.theme.type
    except AttributeError:
        return None
