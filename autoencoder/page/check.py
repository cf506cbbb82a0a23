"""The page's "Check my notebook" section, and "take this step home" as a Jupyter notebook.

A student pastes their notebook's printed text (or a check JSON) into ``check_input`` and
sees the verdict per phase in ``check_report`` (docs/design.md, "Checking a notebook"); the
first phase that is not a match is drawn on their own network, beside the rule's equation
with their numbers. The pasted text is user text: it reaches the page only through tables,
``st.code``/``st.text`` and escaped markdown, and it is parsed, never evaluated.
"""

import pandas as pd
import streamlit as st

from autoencoder.check.checker import SUPPORTING, check_read, covered, diff_lines
from autoencoder.check.student_step import student_steps
from autoencoder.core.model import bits_to_str
from autoencoder.core.phases import one_pattern
from autoencoder.figures import network_figure
from autoencoder.io.ipynb import export_ipynb
from autoencoder.io.notebook_text import example_text
from autoencoder.io.numbers import notebook_number, short
from autoencoder.io.text_limits import MAX_NOTEBOOK_CHARS

from .check_recognised import (
    conventions_box,
    recognised_expander,
    settings_box,
    unrecognised_box,
)
from .markdown import escape_markdown
from .panels import network_chart
from .phase_text import TITLES, phase_arrays, phase_latex
from .store import memo, session

INPUT_KEY = "check_input"
VERDICT_WORDS = {
    "match": "✓ match",
    "known-mistake": "⚠ known mistake",
    "mismatch": "✗ mismatch",
    "missing": "– not given",
}
PLACEHOLDER = (
    "Paste your notebook's printed text here: cells like `In [64]: hidden_weight` and their "
    "outputs, or any printout of your arrays, named as you like (wh, W1, w_ih, ...) or not "
    "at all; or a check JSON with W1, b1, W2, b2, input, lr and your arrays."
)


# --- callbacks (run before the script draws the text area) ----------------------------


def load_example():
    """Put the class notebook's own text into the text area."""
    st.session_state[INPUT_KEY] = example_text()


def clear_input():
    st.session_state[INPUT_KEY] = ""


# --- reading and judging (cached per text) --------------------------------------------


def evaluate(text: str) -> dict:
    """``{"report", "theirs", "correct"}`` for the pasted text, or ``{"error": message}``.
    ``theirs``/``correct`` are the student's step at the first phase that is not a match
    (None when every given phase matches)."""
    try:
        report, check_input = check_read(text)
        first = report["first_mismatch"]
        theirs, correct = student_steps(check_input, first) if first else (None, None)
    except (ValueError, TypeError, KeyError, OverflowError, RecursionError) as exc:
        return {"error": str(exc) or type(exc).__name__}
    return {"report": report, "theirs": theirs, "correct": correct}


def _where(verdict: dict, array: str) -> str:
    """A mismatch's first differing element with both values (or the wrong shape)."""
    if verdict["status"] != "mismatch":
        return ""
    if "index" in verdict:
        element = f"{verdict.get('array', array)}[{', '.join(map(str, verdict['index']))}]"
        return f"{element}: yours {notebook_number(verdict['got'])}, expected {notebook_number(verdict['expected'])}"
    return f"{verdict.get('array', array)}: {verdict.get('why', 'differs')}"


def code(line: str) -> str:
    """One line of our own code as a Markdown code span (the table renders Markdown)."""
    return f"`{line}`"


def mistake_text(verdict: dict) -> str:
    """A known mistake in plain words first, its name (the slug) second."""
    if verdict["status"] != "known-mistake":
        return ""
    return f"{verdict.get('sentence') or verdict.get('why', '')} ({code(verdict['mistake'])})"


def change_text(verdict: dict) -> str:
    """What to change in the student's code: the line a known mistake writes its own way
    and the rule's line for it; for a mismatch, the element and the rule's lines."""
    if verdict["status"] == "known-mistake":
        said = []
        for change in verdict.get("fix", []):
            yours, rule = change["yours"], change["rule"]
            if yours and rule:
                said.append(f"Change {code(yours)} to {code(rule)}.")
            elif rule:
                said.append(f"Add {code(rule)}.")
            else:
                said.append(f"Remove {code(yours)}.")
        return " ".join(said)
    if verdict["status"] == "mismatch":
        lines = " and ".join(code(line) for line in verdict.get("rule_code", []))
        return _where(verdict, "") + (f"; compare your line with {lines}" if lines else "")
    return ""


def report_rows(report: dict) -> pd.DataFrame:
    """One row per phase: number, phase, verdict (icon and word), the mistake in plain
    words (then its name), and what to change in the student's code. The slopes shown
    beside a delta are reported in that delta's row (unless its fix covers them)."""
    rows = []
    for number, (phase, verdict) in enumerate(report["phases"].items(), 1):
        details = [change_text(verdict)]
        for name in SUPPORTING.get(phase, ()):
            own = verdict["arrays"][name]
            if own["status"] in ("missing", "match") or covered(own, verdict):
                continue
            own = {**own, "array": name}
            said = mistake_text(own) or _where(own, name)
            details.append(f"{name}: {VERDICT_WORDS[own['status']]}: {said} {change_text(own)}")
        rows.append(
            {
                "#": str(number),
                "phase": phase,
                "verdict": VERDICT_WORDS[verdict["status"]],
                "mistake": mistake_text(verdict),
                "what to change": " · ".join(d.strip() for d in details if d),
            }
        )
    return pd.DataFrame(rows)


# --- drawing --------------------------------------------------------------------------


# The report's tables wrap their cells (code included) to the width there is: nothing is
# cut off on a phone (the lecture-screen tests check it).
REPORT_CSS = """<style>
.st-key-check_report [data-testid="stTable"] table { table-layout: fixed; width: 100%; }
.st-key-check_report [data-testid="stTable"] :is(th, td) { white-space: normal; overflow-wrap: anywhere; }
.st-key-check_report :not(pre) > code { white-space: normal; overflow-wrap: anywhere; }
</style>"""


def check_section():
    """Take this step home; paste a notebook; the verdict per phase."""
    st.html(REPORT_CSS)
    st.markdown("#### Check my notebook")
    take_home_button()
    st.text_area(
        "Your notebook's printed text, or a check JSON",
        key=INPUT_KEY,
        height=160,
        max_chars=MAX_NOTEBOOK_CHARS,
        placeholder=PLACEHOLDER,
    )
    with st.container(horizontal=True):
        st.button("Check", key="check_run", type="primary", icon=":material/fact_check:")
        st.button(
            "Load and check the class notebook",
            key="check_example",
            icon=":material/menu_book:",
            on_click=load_example,
        )  # no help tooltip: with one, Streamlit draws the button twice on narrow screens
        st.button("Clear", key="check_clear", icon=":material/clear:", on_click=clear_input)
    text = st.session_state.get(INPUT_KEY) or ""
    with st.container(key="check_report"):
        if not text.strip():
            st.caption(
                "Paste your arrays above and press Check (or Ctrl+Enter), or load the class "
                "notebook, which is checked at once: each of the nine phases is judged on "
                "your own inputs to it, so one slip does not fail the rest."
            )
            return
        result = memo("check_result", (text,), lambda: evaluate(text))
        if "error" in result:
            st.error(f"Could not check this text: {escape_markdown(result['error'])}")
            return
        report_panel(result)


def report_panel(result: dict):
    report = result["report"]
    s = report["settings"]
    st.markdown(
        f"Checked against the **{s['rule']}** rule: input `{s['input']}`, "
        f"η = {short(s['lr'])}, activation `{s['activation']}`."
    )
    conventions_box(report)
    settings_box(report)
    st.table(report_rows(report).set_index("#"))
    first, summary = report["first_mismatch"], report["summary"]
    verdict_box(summary)
    if first is not None:
        st.markdown(f"**First phase that is not a match: {first}**")
        fix = diff_lines(report["phases"][first].get("fix", []))
        if fix:
            st.caption(
                "What to change in your code: the line marked - is how this mistake "
                "writes it, the line marked + is the rule's."
            )
            st.code("\n".join(fix), language="diff", wrap_lines=True)
        first_wrong_phase(result["theirs"], result["correct"], first)
    unrecognised_box(report)
    recognised_expander(report)


def verdict_box(summary: dict):
    """The check's one verdict, as the command line says it: praise only for a step whose
    end was checked and found right; otherwise what to print, or what is wrong."""
    with st.container(key="check_verdict"):
        if summary["verdict"] == "correct":
            st.success(summary["text"])
        elif summary["verdict"] == "incomplete":
            st.warning(summary["text"])
        else:
            st.error(summary["text"])


def first_wrong_phase(theirs, correct, phase: str):
    """Their network at that phase (highlighted) beside the rule's equation with their
    numbers, and both arrays as a notebook prints them (a batch: its first pattern)."""
    if theirs.batch:
        st.caption(f"A batch of {theirs.n_patterns} patterns: drawn for the first.")
        theirs, correct = one_pattern(theirs, 0), one_pattern(correct, 0)
    graph, detail = st.columns(2, gap="medium")
    with graph:
        fig = memo("check_figure", (theirs,), lambda: network_figure(theirs))
        network_chart(fig, "check_chart")
        st.caption(f"Your network at phase {phase}, with your own numbers.")
    with detail, st.container(key="check_equation", border=True):
        st.markdown(f"**{TITLES[phase]}: the {correct.rule} rule, with your numbers**")
        st.latex(phase_latex(correct))
        yours = "\n".join(f"{n}\n{t}" for n, t in phase_arrays(theirs, phase))
        right = "\n".join(f"{n}\n{t}" for n, t in phase_arrays(correct, phase))
        st.caption("Yours")
        st.code(yours, language=None, wrap_lines=True)
        st.caption("The rule's, from your inputs to this phase")
        st.code(right, language=None, wrap_lines=True)


def take_home_button():
    """Download the current step, from its start, as a Jupyter notebook (built on click)."""
    start = session().start
    if start.batch:
        st.caption(
            "Take this step home (.ipynb) is for one example, as the class notebook trains: "
            "switch Mode to online for it."
        )
        return
    bits = bits_to_str(start.x)

    def build() -> str:
        return export_ipynb(
            start.params, start.x, start.lr, start.rule, start.activation, start.loss_name
        )

    with st.container(horizontal=True, vertical_alignment="center"):
        st.download_button(
            "Take this step home (.ipynb)",
            data=build,
            file_name=f"backprop-step-{bits}.ipynb",
            mime="application/x-ipynb+json",
            key="export_ipynb",
            icon=":material/download:",
            on_click="ignore",
        )
        momentum = " (without momentum)" if start.momentum else ""
        st.caption(
            f"The current step on x = {bits} as a notebook{momentum}: run it, then paste its "
            "printed text below to check it."
        )
