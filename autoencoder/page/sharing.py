"""Save, load, share: the URL carries the whole state; export, import and pasted arrays.

- :func:`open_session` starts a new browser session (a first visit, a reload, a link
  opened elsewhere) from the query parameters (:mod:`autoencoder.io.url`). A link that
  cannot be used is refused as a whole, with a message naming the parameter, and the
  session starts fresh.
- :func:`wanted_url_params`: the parameters the address bar must carry (the state's and
  ``presentation``; other keys such as ``controls`` are left alone). The stepping view,
  drawn in every run, writes them with ``history.replaceState``, not ``st.query_params``:
  Streamlit keeps the query in its top component's state, so a change there re-renders the
  whole page (about 50 ms a click, measured) and pushes one history entry per click. So
  the Back button leaves the page; the Undo button undoes. Play reruns the whole page
  after each tick, so the URL follows play tick by tick.
- :func:`short_link`: the short form (:mod:`autoencoder.session.shortlink`), settings, seed and
  the recipe of steps and training runs, for a slide; offered only when the state was
  reached from the seed that way (an imported or pasted network keeps the full link).
- :func:`sharing_panel`: export (a JSON file built only when clicked), import of a state or
  weights file, and W1 b1 W2 b2 pasted as a notebook printed them. Each load is one
  undoable action; anything unusable gets a message and changes nothing.

Nothing a user supplies is evaluated; messages quote it with markdown switched off.
"""

import math
from urllib.parse import urlencode, urlsplit, urlunsplit

import streamlit as st

from autoencoder.core.settings import StateError
from autoencoder.io.pasted_arrays import params_from_text
from autoencoder.io.text_limits import MAX_PASTED_WEIGHTS_CHARS
from autoencoder.io.url import KEYS as URL_KEYS
from autoencoder.io.weights_file import MAX_FILE_BYTES, WeightsError
from autoencoder.session import shortlink, transfer
from autoencoder.session.session import Session

from . import actions, lecture
from .markdown import escape_markdown
from .store import SESSION_KEY, session

IMPORTED_KEY = "ae_imported_file_id"  # the uploaded file already applied (not again on rerun)
UPLOAD_MB = math.ceil(MAX_FILE_BYTES / 2**20)  # st.file_uploader counts whole megabytes
PASTE_EXAMPLE = """W1 = array([[-0.14596248,  0.46984296, -0.20284101],
       ... 8 rows of 3 ...])
b1 = [[0.2888758  0.14884696 0.20725632]]
W2 = ...  (3 rows of 8)
b2 = ...  (8 numbers)"""
# --- the URL ------------------------------------------------------------------------------


def open_session():
    """First of all on every run: a new browser session (a first visit, a reload, a link)
    gets the Session its URL describes."""
    if SESSION_KEY not in st.session_state:
        st.session_state[SESSION_KEY] = session_from_url()


def session_from_url() -> Session:
    """The Session the URL describes, or a fresh one (and a message) if it is unusable."""
    query = st.query_params
    try:
        return transfer.session_from_query({key: query.get_all(key) for key in query})
    except StateError as exc:
        actions.say(
            "error",
            escape_markdown(
                f"The link's state was not used ({exc}). Showing a fresh network instead."
            ),
        )
        return Session()


def wanted_url_params() -> dict[str, str | None]:
    """Every URL parameter the page writes: its value, or None where it must go."""
    wanted = dict.fromkeys(URL_KEYS) | transfer.query_of(session())
    wanted[lecture.PRESENTATION_KEY] = "1" if lecture.presenting() else None
    return wanted


def short_link(s: Session, page_url: str | None) -> str | None:
    """The short link to ``s`` on the page at ``page_url`` (its query dropped), or None."""
    query = shortlink.short_query(s)
    if query is None:
        return None
    parts = urlsplit(page_url or "")
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", urlencode(query), ""))


def _short_link_box(s: Session):
    with st.container(key="short_link"):
        link = short_link(s, getattr(st.context, "url", None))
        if link is None:
            st.caption(
                "No short link for this state: it was not reached from the seed by stepping "
                "and training alone (an imported or pasted network, or a setting changed "
                "after the first step). The full link above still holds all of it."
            )
            return
        st.markdown("**Short link** (replays the steps and training from the seed):")
        st.code(link, language=None, wrap_lines=True)


# --- loading (callbacks: one state change each) -------------------------------------------


def import_file(s: Session, data: bytes, name: str) -> tuple[str, str]:
    """Apply an uploaded file to ``s``; (message kind, plain message text)."""
    try:
        loaded = transfer.import_file(s, data)
    except (WeightsError, StateError) as exc:
        return "error", escape_markdown(f"{name} was not imported: {exc}. Nothing was changed.")
    return "success", escape_markdown(f"{name}: {loaded} Undo takes it back.")


def import_uploaded():
    """The uploader's on_change: apply a newly chosen file once."""
    uploaded = st.session_state.get("import")
    if uploaded is None or st.session_state.get(IMPORTED_KEY) == uploaded.file_id:
        return
    st.session_state[IMPORTED_KEY] = uploaded.file_id
    actions.say(*import_file(session(), uploaded.getvalue(), uploaded.name))


def load_pasted():
    """The Load button under the paste box."""
    try:
        params = params_from_text(st.session_state.get("paste_arrays") or "")
        session().load_params(params, label="paste")
    except (WeightsError, StateError) as exc:
        actions.say(
            "error",
            escape_markdown(f"The pasted arrays were not loaded: {exc}. Nothing was changed."),
        )
        return
    actions.say(
        "success",
        "Loaded your W1, b1, W2 and b2 with the current settings; the counters start again. "
        "Undo takes it back.",
    )


# --- the panel ----------------------------------------------------------------------------


def sharing_panel():
    """Sidebar section: share the link, export, import, paste arrays."""
    s = session()
    with st.sidebar.expander("Save, load, share", icon=":material/share:", key="sharing_box"):
        st.caption(
            "The address bar holds the whole state (settings, every weight, the phase, the "
            "counters): copy it to share this exact network. Whoever opens it gets their own "
            "copy; a reload comes back here."
        )
        _short_link_box(s)
        st.download_button(
            "Export state (JSON)",
            data=lambda: transfer.export_file(s),
            file_name=f"838-state-epoch{s.epoch}-step{s.step_count}.json",
            mime="application/json",
            key="export",
            on_click="ignore",
            icon=":material/download:",
        )
        st.file_uploader(
            "Import a state or weights file",
            type=["json"],
            key="import",
            max_upload_size=UPLOAD_MB,
            on_change=import_uploaded,
            help='An exported state, or a weights file {"W1": ..., "b1": ..., "W2": ..., '
            '"b2": ...}: then the current settings are kept and the counters start again.',
        )
        st.text_area(
            "Paste W1, b1, W2, b2 as your notebook printed them",
            key="paste_arrays",
            max_chars=MAX_PASTED_WEIGHTS_CHARS,
            height=140,
            placeholder=PASTE_EXAMPLE,
            help="Each array after its name (W1 or hidden_weight, b1 or hidden_bias, ...), "
            "or four bare arrays (told apart by their shapes), or a whole printed notebook. "
            "Read as numbers only, never run.",
        )
        st.button("Load pasted arrays", key="paste_load", on_click=load_pasted)
