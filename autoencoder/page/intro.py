"""A first visit's short "how to read this page", in plain words, until dismissed."""

import streamlit as st

from . import lecture

DISMISSED_KEY = "ae_intro_dismissed"
INTRO = """**How to read this page.** The network copies its input: 8 inputs (left), 3 hidden
units (middle), 8 outputs (right). One training step is nine **phases**: four forward
(sums z, then activations a), the error, two deltas δ (how much each sum should move),
two updates of the weights. **Next phase** performs one; the panel explains it with the
numbers.

- **Nodes** fill purple as their value nears 1; the number on a node is the quantity its
  column's header names.
- **Edges** are the 48 weights: blue positive, red and dashed negative, wider when larger.
  The squares beside the units are their biases, coloured the same way.
- **Orange outlines** mark what the current phase reads and writes; everything else fades.
- Click a node, an edge or a bias for its exact numbers and how they were computed."""


def dismiss():
    st.session_state[DISMISSED_KEY] = True


# On a small screen (a phone) the guide is one line that opens on demand, so that the graph
# and Next phase are on the first screen; elsewhere it is open until dismissed.
STYLE = """<style>
.st-key-intro_line { display: none; }
@media (max-width: 640px) {
  .st-key-intro { display: none; }
  .st-key-intro_line { display: block; }
}
</style>"""


def first_visit():
    """The introduction (key ``intro``; on a phone, the one-line ``intro_line``), not in
    presentation mode and not once dismissed."""
    if st.session_state.get(DISMISSED_KEY) or lecture.presenting():
        return
    st.html(STYLE)
    with st.container(key="intro", border=True):
        st.markdown(INTRO)
        st.button("Got it", key="intro_dismiss", on_click=dismiss, type="tertiary")
    with st.container(key="intro_line"):
        with st.expander("How to read this page", icon=":material/help:"):
            st.markdown(INTRO)
            st.button("Got it", key="intro_line_dismiss", on_click=dismiss, type="tertiary")
