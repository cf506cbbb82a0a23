"""What learning did: loss curve, hidden codes, notebook rule vs exact (and the race),
gradient check. The tabs are lazy: only the open one computes, cached per session state."""

from functools import partial

import numpy as np
import pandas as pd
import streamlit as st

from autoencoder.core.gradcheck import gradcheck
from autoencoder.core.model import bits_to_str, init_params
from autoencoder.core.phases import advance_through, finish_step, one_pattern, start_step
from autoencoder.core.training import codes_distinct, hidden_code_bits, is_learned, train
from autoencoder.figures import code_cube_figure, loss_figure
from autoencoder.io.numbers import fixed, loss_number, notebook_number, scientific, short

from .panels import CHART_CONFIG, LOSS_CHART_CONFIG
from .store import memo, session

TABS = ("Loss curve", "Hidden codes", "Notebook rule vs exact", "Gradient check")
RULE_ROWS = (
    ("1", "hidden_z", "z_h = x W1 + b1", "same"),
    ("2", "hidden_a", "a_h = f(z_h)", "same"),
    ("3", "output_z", "z_o = a_h W2 + b2", "same"),
    ("4", "output_a", "a_o = f(z_o)", "same"),
    ("5", "error", "e = x − a_o ; E = ½ Σ e²", "same"),
    ("6", "output_delta", "d_o = e · f′(z_o)", "d_o = e · f′(a_o)  (slope at the activation)"),
    ("7", "hidden_delta", "d_h = (d_o W2ᵀ) · f′(z_h)", "d_h = (d_o W1) · f′(a_h)  (W1 for W2ᵀ)"),
    ("8", "update_output", "W2 += η a_hᵀ d_o ; b2 += η d_o", "same"),
    ("9", "update_hidden", "W1 += η xᵀ d_h ; b1 += η d_h", "same"),
)


def learning_views():
    """The four views as a segmented control, only the chosen one drawn. Not ``st.tabs``:
    its block makes Streamlit commit the whole page again about six more times per rerun
    (measured: 9.5 commits per stepping click instead of 3.5, 14 ms more main-thread time)."""
    chosen = st.segmented_control(
        "What learning did",
        TABS,
        key="learning_tab",
        default=TABS[0],
        required=True,
        label_visibility="collapsed",
    )
    panels = dict(zip(TABS, (loss_panel, codes_panel, rules_panel, gradcheck_panel)))
    panels[chosen or TABS[0]]()


def loss_panel():
    s = session()
    if not s.losses:
        st.caption("No completed epoch yet: the curve shows the summed E of each epoch.")
        return
    fig = memo(
        "loss_figure", (len(s.losses), s.losses[-1]), lambda: loss_figure({"loss": list(s.losses)})
    )
    st.plotly_chart(fig, key="loss_chart", config=LOSS_CHART_CONFIG)
    st.caption(f"Last epoch: summed E = {loss_number(s.losses[-1])} after {len(s.losses)} epochs.")


def hidden_codes(params, patterns, activation):
    """(P, 3) hidden activations and (P, 8) outputs of each pattern: the core's forward
    phases, all patterns at once."""
    s = start_step(params, patterns, activation=activation, mode="batch")
    s = advance_through(s, "output_a")
    return s.hidden_a, s.output_a


def codes_panel():
    s = session()
    hidden, outputs = hidden_codes(s.params, s.patterns, s.settings.activation)
    bits = hidden_code_bits(hidden)
    table = pd.DataFrame(
        {
            "pattern": [bits_to_str(p) for p in s.patterns],
            "h1": hidden[:, 0],
            "h2": hidden[:, 1],
            "h3": hidden[:, 2],
            "code": ["".join(map(str, b)) for b in bits],
            "output": [bits_to_str(o) for o in outputs],
        }
    )
    st.table(table.style.format({h: partial(fixed, places=4) for h in ("h1", "h2", "h3")}))
    learned = bool(is_learned(outputs, s.patterns))
    st.markdown(
        f"Set learned (every output on the right side of 0.5): **{'yes' if learned else 'no'}**"
    )
    if s.settings.dataset == "onehot":
        distinct = codes_distinct(hidden)
        verdict = "distinct: the net found a 3-bit code" if distinct else "not yet distinct"
        st.markdown(f"The 8 codes rounded to bits are **{verdict}** (Mitchell, Figure 4.7).")
        labels = [f"{i + 1}" for i in range(len(hidden))]
        fig = memo("cube", (s.step.params,), lambda: code_cube_figure(hidden, labels))
        st.plotly_chart(fig, key="cube_chart", config=CHART_CONFIG)
    else:
        st.caption("The 8-code table and the cube are for the one-hot training set.")


def both_rules(s):
    """The current step done by each rule from the same start: {rule: complete Step}."""
    start = s.start
    return {
        rule: finish_step(
            start_step(
                start.params,
                start.x,
                lr=start.lr,
                rule=rule,
                activation=start.activation,
                momentum=0.0,
                loss=start.loss_name,
            )
        )
        for rule in ("exact", "notebook")
    }


def update_cosine(steps) -> float:
    """Cosine between the two rules' updates of all 59 parameters."""
    a, b = (steps[r].velocity.flat() for r in ("exact", "notebook"))
    denom = np.linalg.norm(a) * np.linalg.norm(b)
    return float(a @ b / denom) if denom else float("nan")


def rules_panel():
    s = session()
    rows = pd.DataFrame(RULE_ROWS, columns=["#", "phase", "exact rule", "notebook rule"])
    highlight = rows["#"].isin(["6", "7"])
    st.table(
        rows.style.apply(
            lambda row: (
                ["background-color: #ffe8a3; color: #111" if highlight[row.name] else ""] * len(row)
            ),
            axis=1,
        )
    )
    steps = memo("both_rules", (s.start,), lambda: both_rules(s))
    ex, nb = steps["exact"], steps["notebook"]
    where = f"x = {bits_to_str(ex.x)}"
    if ex.batch:  # the first pattern's deltas (the cosine below stays the whole batch's)
        ex, nb = one_pattern(ex, 0), one_pattern(nb, 0)
        where = f"pattern 1 of the batch, x = {bits_to_str(ex.x)}"
    deltas = pd.DataFrame(
        {
            "unit": [f"o{k + 1}" for k in range(8)] + [f"h{j + 1}" for j in range(3)],
            "row": ["6 δ_o"] * 8 + ["7 δ_h"] * 3,
            "exact": np.concatenate([ex.output_delta, ex.hidden_delta]),
            "notebook": np.concatenate([nb.output_delta, nb.hidden_delta]),
        }
    )
    deltas["difference"] = deltas["notebook"] - deltas["exact"]
    st.markdown(f"This step's deltas on {where}, from the same weights:")
    st.table(deltas.style.format(notebook_number, subset=["exact", "notebook", "difference"]))
    st.markdown(
        f"Cosine between the two rules' updates of all 59 parameters: "
        f"**{fixed(update_cosine(steps), 6)}** (1 = same direction)."
    )
    race_panel()


def run_race():
    """Train two copies of the seed's fresh network, one per rule (same settings otherwise),
    each until its set is learned or for at most ``race_epochs``; keep both loss curves."""
    s = session()
    epochs = int(st.session_state.get("race_epochs") or 500)
    kw = {
        "lr": s.settings.lr,
        "momentum": s.settings.momentum,
        "activation": s.settings.activation,
        "epochs": epochs,
        "until_learned": True,
    }
    start = init_params(s.settings.seed)
    results = {rule: train(start, s.patterns, rule=rule, **kw) for rule in ("exact", "notebook")}
    st.session_state["race_result"] = {
        "from": f"seed {s.settings.seed}, η = {short(s.settings.lr)}, {s.settings.activation}",
        "curves": {r: res.loss_history[:, 0].tolist() for r, res in results.items()},
        "learned_at": {r: res.learned_at[0] for r, res in results.items()},
    }


def race_panel():
    st.markdown(
        "**Race**: two copies of the seed's fresh network, one per rule, same settings; "
        "each stops when its set is learned."
    )
    with st.container(horizontal=True, vertical_alignment="bottom"):
        st.session_state.setdefault("race_epochs", 500)
        st.number_input(
            "Race: at most N epochs",
            min_value=1,
            max_value=5000,
            step=100,
            key="race_epochs",
            width=140,
        )
        st.button("Race the two rules", key="race", on_click=run_race)
    race = st.session_state.get("race_result")
    if race:
        fig = memo("race_figure", (id(race),), lambda: loss_figure(race["curves"]))
        st.plotly_chart(fig, key="race_chart", config=CHART_CONFIG)
        learned = ", ".join(
            f"{r}: learned after {e} epochs" if e is not None else f"{r}: not learned"
            for r, e in race["learned_at"].items()
        )
        st.caption(f"Raced from {race['from']}: {learned}.")


def gradcheck_panel():
    s = session()
    params, x, act = s.step.params, s.step.x, s.settings.activation
    err = memo("gradcheck", (params, act, x.tobytes()), lambda: gradcheck(params, x, act))
    ok = err < 1e-7
    on = f"all {len(x)} patterns (E summed)" if x.ndim == 2 else f"x = {bits_to_str(x)}"
    st.markdown(
        f"Largest relative error between the exact rule's gradient and central finite "
        f"differences of E on {on}: **{scientific(err, 2)}** "
        f"({'below' if ok else 'above'} 1e-7)."
    )
    st.caption("Checked on the current weights; recomputed when they change.")
