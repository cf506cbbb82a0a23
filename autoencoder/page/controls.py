"""The page's controls: stepping, training and play, settings, the undo timeline."""

import streamlit as st

from autoencoder.core.activations import ACTIVATIONS
from autoencoder.core.losses import LOSS_NAMES
from autoencoder.core.phases import MODES
from autoencoder.core.rules import RULES
from autoencoder.core.settings import SETTING_NAMES
from autoencoder.session.session import DATASETS, LIMITS, MAX_HISTORY

from . import actions
from .store import session

# The settings with a widget keyed by their name (the custom pattern has pills of its own).
SETTING_KEYS = tuple(name for name in SETTING_NAMES if name != "pattern")
RULE_LABELS = {"exact": "exact gradient", "notebook": "the notebook's rule"}
LOSS_LABELS = {
    "squared": "squared error ½Σe²",
    "cross-entropy": "cross-entropy",
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
            "until learned",
            key="until_learned",
            help="Train (or play) until every output of every pattern is on the right side "
            "of 0.5 (at most 20,000 epochs)",
        )
        st.toggle(
            "Play",
            key="play",
            help=f"Keep training ({actions.PLAY_EPOCHS} epochs per tick) and redrawing until "
            "switched off",
        )


def sync_setting_widgets():
    """Make the settings widgets show the Session's settings (undo can change them)."""
    settings = session().settings
    for key in SETTING_KEYS:
        value = getattr(settings, key)
        if st.session_state.get(key) != value:
            st.session_state[key] = value
    bits = [i + 1 for i, c in enumerate(settings.pattern) if c == "1"]
    if st.session_state.get("pattern_bits") != bits:
        st.session_state["pattern_bits"] = bits


def _setting(widget, label: str, name: str, *options, **more):
    """A settings widget keyed by the setting's name; a change goes to the Session."""
    widget(label, *options, key=name, args=(name,), on_change=actions.apply_setting, **more)


def _number_setting(bar, label: str, name: str, **more):
    """A number input for a setting within its LIMITS."""
    low, high = LIMITS[name]
    _setting(bar.number_input, label, name, min_value=low, max_value=high, **more)


def settings_sidebar():
    sync_setting_widgets()
    bar = st.sidebar
    bar.header("Settings")
    _number_setting(bar, "Learning rate η", "lr", step=0.1, format="%.4f")
    _number_setting(bar, "Seed", "seed", step=1)
    _setting(
        bar.selectbox,
        "Rule",
        "rule",
        list(RULES),
        format_func=RULE_LABELS.get,
        help="The notebook's rule differs in rows 6 and 7 (see 'Notebook rule vs exact')",
    )
    _setting(
        bar.selectbox,
        "Activation",
        "activation",
        list(ACTIVATIONS),
        help="The notebook used shifted-sigmoid: sigmoid(u + 1)",
    )
    _setting(
        bar.selectbox,
        "Loss",
        "loss",
        list(LOSS_NAMES),
        format_func=LOSS_LABELS.get,
        help="Squared error ½Σe² is the notebook's. Cross-entropy makes the output delta "
        "just e (no f' factor); it is offered only with sigmoid outputs (sigmoid or "
        "shifted-sigmoid), where that is exact",
    )
    _setting(bar.radio, "Training set", "dataset", list(DATASETS), format_func=DATASET_LABELS.get)
    _setting(
        bar.radio,
        "Mode",
        "mode",
        list(MODES),
        format_func=MODE_LABELS.get,
        help="Batch: each step runs the nine phases on the whole training set at once "
        "(matrices, a row per pattern) and its updates sum the patterns' updates",
    )
    if session().settings.dataset == "custom":
        bar.pills(
            "Your pattern: input bits set to 1",
            list(range(1, 9)),
            selection_mode="multi",
            key="pattern_bits",
            on_change=actions.apply_pattern_bits,
        )
    _number_setting(bar, "Momentum", "momentum", step=0.1, format="%.2f")
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
