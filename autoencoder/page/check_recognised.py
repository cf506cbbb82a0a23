"""What the checker read a pasted notebook as: the settings it inferred or assumed, the
arrays it did not recognise (and how to label them), and every array it took, and how.

Names and labels come from the student's text; they reach the page only as Markdown-inert
text: identifiers and labels are word characters and spaces (see
:mod:`autoencoder.io.notebook_cells`), and free text goes through ``escape_markdown``.
"""

import pandas as pd
import streamlit as st

from autoencoder.check.report import shape_text

from .markdown import escape_markdown

HOW = {"name": "by name", "shape": "by shape", "value": "by value", "nearly": "by value, nearly"}


def settings_box(report: dict):
    """The settings the text does not state: read off the numbers, or assumed."""
    inferred, assumed = report.get("inferred") or [], report.get("assumed") or []
    if not (inferred or assumed):
        return
    lines = [
        f"- **{i['setting']}** `{i['value']}`: inferred, {escape_markdown(i['from'])}"
        for i in inferred
    ]
    lines += [
        f"- **{a['setting']}** `{a['value']}`: assumed, {escape_markdown(a['why'])}"
        for a in assumed
    ]
    with st.container(key="check_inferred"):
        st.info(
            "Your text does not say these, so they were read off your numbers:\n\n"
            + "\n".join(lines)
        )


def conventions_box(report: dict):
    """The course's conventions read off the numbers: a consistent one is judged right."""
    said = report.get("conventions") or []
    if not said:
        return
    lines = [
        f"- **{escape_markdown(c['convention'])}**: {escape_markdown(c['value'])} "
        f"({escape_markdown(c['from'])})"
        for c in said
    ]
    with st.container(key="check_conventions"):
        st.info(
            "Your course's conventions, as your numbers show them (a consistent convention is "
            "not a mistake; only a departure from the gradient of your own loss is):\n\n"
            + "\n".join(lines)
        )


def unrecognised_box(report: dict):
    """The arrays that match nothing, with the names each could be printed under."""
    unrecognised = report.get("unrecognised") or []
    if not unrecognised:
        return
    with st.container(key="check_unrecognised"):
        one = len(unrecognised) == 1
        st.warning(
            f"{len(unrecognised)} array{'' if one else 's'} not recognised: "
            f"{'it matches' if one else 'they match'} nothing the rule or a known mistake "
            "computes from your other arrays. "
            'To have one checked, print it under a name the checker knows, e.g. `print("z1", '
            "z1)` or `z1 = ...`; the names for each size are in the table."
        )
        st.table(
            pd.DataFrame(
                {
                    "array": [u["array"] for u in unrecognised],
                    "cell": [u["cell"] for u in unrecognised],
                    "shape": [shape_text(u["shape"]) for u in unrecognised],
                    "print it under a name for what it is": [u["hint"] for u in unrecognised],
                }
            )
        )


def recognised_expander(report: dict):
    """Every array taken (by name, shape or value), every other array and what it is."""
    with st.expander("What was recognised"):
        rows = [
            {
                "variable": r["variable"],
                "cell": r["cell"],
                "used as": r["as"],
                "shape": "-" if r["variable"] == "activation" else shape_text(r["shape"]),
                "how": HOW.get(r.get("by"), "by name")
                + (f": {r['matches']}" if r.get("matches") else ""),
            }
            for r in report.get("recognised") or []
        ]
        rows += [
            {
                "variable": a["array"],
                "cell": a["cell"],
                "used as": "-",
                "shape": shape_text(a["shape"]),
                "how": a["matches"],
            }
            for a in report.get("labels") or []
            if a["as"] is None and a["matches"]
        ]
        if rows:
            st.table(pd.DataFrame(rows))
        else:
            st.caption("A check JSON: its keys were read as given.")
        for line in [f"Note: {n}" for n in report.get("notes", [])] + [
            f"Ignored: {k}" for k in report.get("ignored", [])
        ]:
            st.text(line)
