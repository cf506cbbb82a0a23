"""The inspector below the graph: the clicked node, weight or bias, with its value, its
gradient and the equations that produced them in the current phase.

:func:`inspector_rows` is pure (tested directly); :func:`show` draws them.
"""

import streamlit as st

from autoencoder.figures import element_details

from . import actions

KIND_WORDS = {
    "input": "input node",
    "hidden": "hidden node",
    "output": "output node",
    "weight": "weight",
    "bias": "bias",
}
NOT_YET = "not computed yet"


def _num(value) -> str:
    return NOT_YET if value is None else f"{float(value):.8f}"


def describe(element_id: str, details: dict) -> str:
    """What the element is, in words: 'weight from x1 to h3', 'bias of o6', ..."""
    kind, index = details["kind"], details["index"]
    if kind == "weight":
        src, dst = ("x", "h") if element_id.startswith("W1") else ("h", "o")
        return f"weight from {src}{index[0] + 1} to {dst}{index[1] + 1}"
    if kind == "bias":
        return f"bias of {'h' if element_id.startswith('b1') else 'o'}{index[0] + 1}"
    return f"{KIND_WORDS[kind]} {index[0] + 1}"


def inspector_rows(details: dict, rule: str) -> list[tuple[str, str]]:
    """(quantity, value) rows: the value, the gradient, and what else is known."""
    kind, values = details["kind"], details.get("values") or {}
    exact = rule == "exact"
    if kind == "input":
        return [
            ("value x (also the target t)", _num(values.get("x"))),
            ("gradient", "none: inputs are data, not learned"),
        ]
    if kind in ("hidden", "output"):
        rows = [
            ("net input z", _num(values.get("z"))),
            ("value a = f(z)", _num(values.get("a"))),
        ]
        if kind == "output":
            rows += [
                ("target t", _num(values.get("t"))),
                ("error e = t − a", _num(values.get("e"))),
            ]
        name = "gradient δ (delta) = −∂E/∂z" if exact else "δ (delta, notebook rule: not −∂E/∂z)"
        return rows + [(name, _num(values.get("delta")))]
    source = "a·δ" if kind == "weight" else "δ"
    name = f"gradient −∂E/∂w = {source}" if exact else f"update direction {source} (notebook rule)"
    rows = [("value now", _num(details.get("value"))), (name, _num(details.get("gradient")))]
    if details.get("change") is None:
        rows.append(("change Δ = η·" + source, "not applied yet in this step"))
    else:
        rows += [
            ("before this step's update", _num(details.get("before"))),
            ("change Δ = η·" + source, _num(details["change"])),
        ]
    return rows


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
