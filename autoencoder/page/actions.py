"""Callbacks: each turns one click into one call of the core (docs/design.md page keys).

Callbacks run before the script, so the page then draws the new state. Messages for the
user (a refused setting, a training result) are left in ``st.session_state`` and shown once.
"""

import streamlit as st

from autoencoder.core.settings import FLOAT_SETTINGS
from autoencoder.figures.ids import INPUT_IDS

from .store import session

MESSAGE_KEY = "ae_message"
PENDING_TRAIN_KEY = "ae_pending_train"
SELECTED_KEY = "ae_selected"
PLAY_EPOCHS = 20  # epochs per tick of play
PLAY_INTERVAL = 0.6  # seconds between ticks of play


def say(kind: str, text: str):
    """Leave a message ('info', 'success', 'warning', 'error') for the next draw."""
    st.session_state[MESSAGE_KEY] = (kind, text)


def prev_phase():
    if not session().undo():
        say("info", "Nothing to undo: this is the start of the session.")


def reset():
    session().reset()
    st.session_state.pop(SELECTED_KEY, None)


def jump():
    """Go back to the point chosen in the timeline."""
    index = st.session_state.get("timeline")
    if index is None:
        return
    try:
        session().jump_to(int(index))
    except IndexError as exc:
        say("error", str(exc))


def apply_setting(name: str):
    """A settings widget changed: hand the new value to the Session (which validates)."""
    value = st.session_state[name]
    if name == "seed":
        value = int(value)
    elif name in FLOAT_SETTINGS:
        value = float(value)
    try:
        session().update_settings(**{name: value})
    except (ValueError, TypeError) as exc:
        say("error", f"{name} not changed: {exc}")


def apply_pattern_bits():
    """The bit buttons of the custom pattern changed: train on that pattern."""
    chosen = set(st.session_state.get("pattern_bits") or [])
    pattern = "".join("1" if i + 1 in chosen else "0" for i in range(8))
    try:
        session().update_settings(dataset="custom", pattern=pattern)
    except ValueError as exc:
        say("error", str(exc))


def handle_click(s, element: str | None) -> str | None:
    """What a click on ``element`` does; returns the element to show as selected.
    An input node with the custom training set flips that bit (nothing stays selected)."""
    if element in INPUT_IDS and s.settings.dataset == "custom":
        s.toggle_input_bit(INPUT_IDS.index(element))
        return None
    return element


def request_training():
    """Train was clicked: the page runs it (with a progress bar) before drawing."""
    until = bool(st.session_state.get("until_learned"))
    st.session_state[PENDING_TRAIN_KEY] = (int(st.session_state.get("epochs") or 1), until)


def run_pending_training(where):
    """Run a requested training in ``where`` with a progress bar; one undo point for it."""
    request = st.session_state.pop(PENDING_TRAIN_KEY, None)
    if request is None:
        return
    epochs, until = request
    s = session()
    if until:
        with where, st.spinner("Training until the set is learned…"):
            result = s.train(until_learned=True)
        if result is None:
            return  # s.warning says what happened
        if result.learned_at[0] is None:
            say("warning", f"Not learned after {result.epochs_run} more epochs.")
        else:
            say("success", f"Learned: every output on the right side of 0.5 (epoch {s.epoch}).")
        return
    bar = where.progress(0.0, text=f"Training {epochs} epochs…")
    start_epoch = s.epoch

    def show(done):
        bar.progress(min(done / epochs, 1.0), text=f"Training: epoch {start_epoch + done}")

    s.train(epochs, progress=show)
    bar.empty()


def play_tick(s, epochs: int, until_learned: bool) -> bool:
    """One tick of play: train ``epochs`` epochs; True when play should stop (learned)."""
    result = s.train(epochs, until_learned=False)
    if result is None:  # the numbers blew up: s.warning says so
        return True
    return until_learned and result.learned_at[0] is not None
