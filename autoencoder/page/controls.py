"""The page's controls: stepping, training and play, settings, the undo timeline."""

import streamlit as st

from autoencoder.core.activations import ACTIVATIONS
from autoencoder.core.losses import LOSS_NAMES
from autoencoder.core.phases import MODES
from autoencoder.core.rules import RULES
from autoencoder.session.session import DATASETS, LIMITS, MAX_HISTORY

from . import actions
from .state import session

LOSS_LABELS = {
    "squared": "squared error ½Σe² (the notebook's)",
    "cross-entropy": "cross-entropy (sigmoid outputs only)",
}
MODE_LABELS = {
    "online": "online: one pattern per step (the notebook's)",
    "batch": "batch: all patterns in one step (an epoch)",
}
DATASET_LABELS = {
    "onehot": "8 one-hot patterns (one per step)",
    "notebook": "the notebook's pattern 11011101",
    "custom": "your pattern (click input nodes)",
}


def training_controls():
    """Epochs, Train, until learned, Play."""
    st.session_state.setdefault("epochs", 100)
    with st.container(horizontal=True, vertical_alignment="bottom", key="training"):
        st.number_input(
            "Epochs",
            min_value=LIMITS["epochs"][0],
            max_value=LIMITS["epochs"][1],
            step=10,
            key="epochs",
            width=130,
        )
        st.button(
            "Train",
            key="train",
            on_click=actions.request_training,
            icon=":material/model_training:",
        )
        st.checkbox(
            "until learned", key="until_learned",
            help="Train (or play) until every output of every pattern is on the right side "
            "of 0.5 (at most 20,000 epochs)",
        )  # fmt: skip
        st.toggle(
            "Play", key="play",
            help=f"Keep training ({actions.PLAY_EPOCHS} epochs per tick) and redrawing until "
            "switched off",
        )  # fmt: skip


def sync_setting_widgets():
    """Make the settings widgets show the Session's settings (undo can change them)."""
    settings = session().settings
    for key in actions.SETTING_KEYS:
        value = getattr(settings, key)
        if st.session_state.get(key) != value:
            st.session_state[key] = value
    bits = [i + 1 for i, c in enumerate(settings.pattern) if c == "1"]
    if st.session_state.get("pattern_bits") != bits:
        st.session_state["pattern_bits"] = bits


def settings_sidebar():
    sync_setting_widgets()
    bar = st.sidebar
    bar.header("Settings")
    kw = {"on_change": actions.apply_setting}
    bar.number_input(
        "Learning rate η", min_value=LIMITS["lr"][0], max_value=LIMITS["lr"][1], step=0.1, format="%.4f",
        key="lr", args=("lr",), **kw,
    )  # fmt: skip
    bar.number_input(
        "Seed",
        min_value=LIMITS["seed"][0],
        max_value=LIMITS["seed"][1],
        step=1,
        key="seed",
        args=("seed",),
        **kw,
    )
    bar.selectbox(
        "Rule", list(RULES), key="rule", args=("rule",),
        format_func=lambda r: {"exact": "exact gradient", "notebook": "the notebook's rule"}[r],
        help="The notebook's rule differs in rows 6 and 7 (see 'Notebook rule vs exact')",
        **kw,
    )  # fmt: skip
    bar.selectbox(
        "Activation", list(ACTIVATIONS), key="activation", args=("activation",),
        help="The notebook used shifted-sigmoid: sigmoid(u + 1)", **kw,
    )  # fmt: skip
    bar.selectbox(
        "Loss", list(LOSS_NAMES), key="loss", args=("loss",), format_func=LOSS_LABELS.get,
        help="Cross-entropy makes the output delta just e (no f' factor); it is offered only "
        "with sigmoid outputs (sigmoid or shifted-sigmoid), where that is exact", **kw,
    )  # fmt: skip
    bar.radio(
        "Training set", list(DATASETS), key="dataset", args=("dataset",),
        format_func=DATASET_LABELS.get, **kw,
    )  # fmt: skip
    bar.radio(
        "Mode", list(MODES), key="mode", args=("mode",), format_func=MODE_LABELS.get,
        help="Batch: each step runs the nine phases on the whole training set at once "
        "(matrices, a row per pattern) and its updates sum the patterns' updates", **kw,
    )  # fmt: skip
    if session().settings.dataset == "custom":
        bar.pills(
            "Your pattern: input bits set to 1", list(range(1, 9)), selection_mode="multi",
            key="pattern_bits", on_change=actions.apply_pattern_bits,
        )  # fmt: skip
    bar.number_input(
        "Momentum", min_value=LIMITS["momentum"][0], max_value=LIMITS["momentum"][1], step=0.1, format="%.2f",
        key="momentum", args=("momentum",), **kw,
    )  # fmt: skip
    bar.caption(
        "A new seed gives a fresh network (as Reset). Any other change restarts the current "
        "training step from its first phase with the new setting, keeping the weights. "
        "Undo takes a change back."
    )
    bar.button("Reset: fresh network from the seed", key="reset", on_click=actions.reset)


def timeline():
    """The undo history: go back to any earlier point (later points are dropped)."""
    s = session()
    with st.expander(
        "Timeline: go back to any earlier point", on_change="rerun", key="timeline_box"
    ) as box:
        if not box.open:
            return
        if not s.history:
            st.caption("Nothing done yet.")
            return
        options = list(range(len(s.history) - 1, -1, -1))
        labels = {
            i: f"{i + 1}. before {snap.label} — epoch {snap.epoch}, step {snap.step_count}, "
            f"{snap.done} phases done"
            for i, snap in enumerate(s.history)
        }
        if st.session_state.get("timeline") not in labels:
            st.session_state["timeline"] = options[0]
        st.selectbox("Point", options, key="timeline", format_func=labels.get)
        st.button("Go back there", key="jump", on_click=actions.jump)
        st.caption(
            f"Undo reaches back through the session's last {MAX_HISTORY} actions "
            "(a phase, a step, a training run, a setting); older ones are forgotten."
        )
