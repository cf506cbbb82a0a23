"""The stepping area's panels: status line, network graph, the current phase explained."""

import streamlit as st

from autoencoder.model import bits_to_str

from . import actions, inspector, lecture
from .phase_text import TITLES, phase_arrays, phase_latex, step_printout
from .state import memo, session

CHART_CONFIG = {"displayModeBar": False, "scrollZoom": False, "responsive": True}
# Long equations scroll inside their box instead of being cut off or widening the page.
# A Plotly graph that finds its box 0 px wide or high when first drawn is drawn twice
# (see figures_network.network_figure); a 1 px minimum keeps it to once. The URL script
# (sharing.sync_url) takes no room.
STYLE = """<style>
.st-key-phase_detail .katex-display { overflow-x: auto; overflow-y: hidden; padding: 2px 0; }
[data-testid="stPlotlyChart"] > div { min-width: 1px; min-height: 1px; }
[data-testid="stElementContainer"]:has([data-testid="stHtml"] script) { display: none; }
</style>"""


def style():
    st.html(STYLE)


def message():
    """Show (once) what the last action left to say."""
    s = session()  # first: a session started from a refused link leaves a message
    kind_text = st.session_state.pop(actions.MESSAGE_KEY, None)
    if kind_text:
        kind, text = kind_text
        getattr(st, kind)(text)
    if s.warning:
        st.warning(s.warning)


def status():
    s = session()
    with st.container(key="status"):
        st.markdown(f"**{s.status_text()}**")
        st.caption(status_caption(s))


def status_caption(s) -> str:
    """Which example the step trains on, what comes next, the rule and rate."""
    n = len(s.patterns)
    settings = f"rule: {s.settings.rule} · η = {s.settings.lr:g}"
    if s.step.complete:
        upcoming = bits_to_str(s.patterns[s.example % n])
        return f"Step done on x = {s.example_bits}; next step: x = {upcoming} · {settings}"
    where = f" (example {s.example % n + 1} of {n})" if n > 1 else ""
    return f"Training on x = {s.example_bits}{where} · next: {s.step.next_name} · {settings}"


def network_chart(fig, key: str, **kwargs):
    """Draw a figure from ``figures_network.network_figure``. Without Streamlit's theme: the
    figure styles itself, and only so does Streamlit's second ``Plotly.react`` find nothing
    changed, which keeps it to one draw per click (see ``network_figure``)."""
    return st.plotly_chart(fig, key=key, config=CHART_CONFIG, theme=None, **kwargs)


def network():
    s = session()
    selected = st.session_state.get(actions.SELECTED_KEY)
    labels = bool(st.session_state.get("weight_labels"))
    with st.container(key="network"):
        large, theme = lecture.presenting(), lecture.theme()
        fig = memo(
            "network_figure",
            (s.step, selected, labels, large, theme),
            lambda: lecture.network_graph(s.step, labels, selected, large=large, theme=theme),
        )
        network_chart(
            fig, "network_chart", on_select=actions.on_network_select, selection_mode=("points",)
        )
        with st.container(horizontal=True):
            st.checkbox("Weight values on the edges", key="weight_labels")
            hint = (
                "Click an input node to flip its bit."
                if s.settings.dataset == "custom"
                else "Click a node or an edge for its numbers."
            )
            st.caption(
                "Edges: colour and width show the weight (red and dashed: negative; blue and "
                f"solid: positive). {hint}"
            )
        if selected:
            inspector.show(s, selected)


def phase_detail():
    s = session()
    step = s.step
    with st.container(key="phase_detail", border=True):
        latex, arrays, printout = memo(
            "phase_text",
            (step,),
            lambda: (phase_latex(step), phase_arrays(step, step.phase), step_printout(step)),
        )
        st.markdown(f"#### {TITLES[step.phase]}")
        st.latex(latex)
        if step.phase == "ready":
            st.caption("The input is also the target: it is an autoencoder.")
        if arrays:
            st.code("\n".join(f"{name}\n{text}" for name, text in arrays), language=None)
        if step.complete:
            st.caption(
                "Step complete: the next click starts the next step on "
                f"x = {bits_to_str(s.patterns[s.example % len(s.patterns)])}."
            )
        with st.expander("Every array of this step, as the notebook prints them"):
            st.code(printout, language=None)
