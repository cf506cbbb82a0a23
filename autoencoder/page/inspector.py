"""The inspector below the graph: the clicked node, weight or bias, with its value, its
gradient and the equations that produced them in the current phase.

:func:`inspector_rows` is pure (tested directly); :func:`show` draws them.
"""

import streamlit as st

from autoencoder.figures import element_details
from autoencoder.figures_inspect import describe, inspector_rows

from . import actions


def markdown_table(rows) -> str:
    lines = ["| quantity | value |", "|---|---:|"]
    return "\n".join(lines + [f"| {name} | {value} |" for name, value in rows])


def clear_selection():
    st.session_state.pop(actions.SELECTED_KEY, None)


def show(s, element_id: str):
    """The inspector panel (key ``selected_element``) for ``element_id`` of Session ``s``."""
    try:
        details = element_details(s.step, element_id)
    except (ValueError, KeyError, TypeError):
        return
    with st.container(key="selected_element", border=True):
        headline = (
            f"**{element_id}** ({details['kind']}): {describe(element_id, details)}, "
            f"after phase `{s.step.phase}`"
        )
        st.markdown(headline + "\n\n" + markdown_table(inspector_rows(details, s.settings.rule)))
        equations = details.get("equations") or []
        if equations:
            st.caption("How it was computed, in the order of the phases:")
            for equation in equations:
                st.latex(equation)
        else:
            st.caption(f"Nothing computed for {element_id} yet in this step: click Next phase.")
        st.button("Clear selection", key="clear_selected", icon=":material/close:",
                  on_click=clear_selection, type="tertiary")  # fmt: skip
