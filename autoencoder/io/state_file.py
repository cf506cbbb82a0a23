"""A state as a JSON file (export and import), and parameters pasted as printed arrays.

The exported file is a superset of docs/design.md's weights file::

    {"format": "838-state/1",
     "W1": ..., "b1": ..., "W2": ..., "b2": ...,      the network as shown now
     "settings": {"lr", "momentum", "seed", "rule", "activation", "dataset", "pattern",
                  "loss", "mode"},            loss and mode added (a file without them:
                                              squared, online)
     "position": {"phase", "done", "step", "epoch", "example", "epoch_loss"},
     "losses": [summed E of each epoch, the last MAX_FILE_LOSSES],
     "step_start": {"W1", ...}   the parameters at the start of the step in progress,
                                 only when its update phases have run (done >= 8)
     "velocity": {"W1", ...}}    at the start of the step, only when momentum > 0

Import accepts that, or a plain weights file (no "format"): then the current settings are
kept, the network is loaded at phase ready and the counters start again. JSON floats are
written with ``repr``, so a file reads back bit for bit. Nothing is ever evaluated.
"""

import json

import numpy as np

from autoencoder.core.model import SHAPES, Params
from autoencoder.core.phases import PHASE_NAMES
from autoencoder.core.settings import SETTING_NAMES, Settings, State, StateError
from autoencoder.io.textarrays import parse_array
from autoencoder.io.weights_file import (
    MAX_FILE_BYTES,
    WeightsError,
    loads,
    params_from_dict,
    params_to_dict,
)

FORMAT = "838-state/1"
FIRST_UPDATE = PHASE_NAMES.index("update_output") + 1  # phases done once W2, b2 changed
MAX_FILE_LOSSES = 20_000

__all__ = ["FORMAT", "MAX_FILE_BYTES", "StateError", "WeightsError", "export_state"]
__all__ += ["import_state", "params_from_pasted"]


def export_state(state: State) -> str:
    """The state as JSON text (the network as shown: its done phases replayed)."""
    _, _, shown = state.shown()
    doc = {"format": FORMAT, **params_to_dict(shown.params)}
    doc["settings"] = {name: getattr(state.settings, name) for name in SETTING_NAMES}
    doc["position"] = {
        "phase": shown.phase,
        "done": state.done,
        "step": state.step_count,
        "epoch": state.epoch,
        "example": state.example,
        "epoch_loss": state.epoch_loss,
    }
    doc["losses"] = list(state.losses)
    if state.done >= FIRST_UPDATE:  # the update phases have changed the network
        doc["step_start"] = params_to_dict(state.params)
    if state.velocity is not None:
        doc["velocity"] = params_to_dict(state.velocity)
    return json.dumps(doc, indent=1)


def _section(obj: dict, name: str) -> dict:
    value = obj.get(name)
    if not isinstance(value, dict):
        raise StateError(f"{name}: expected a JSON object")
    return value


def _state_from_doc(obj: dict, shown: Params) -> State:
    """The State a state file describes; StateError/WeightsError naming what is wrong."""
    settings_doc = _section(obj, "settings")
    unknown = set(settings_doc) - set(SETTING_NAMES)
    if unknown:
        names = ", ".join(repr(name)[:40] for name in sorted(unknown)[:5])  # one line
        raise StateError(f"settings: unknown {names}")
    # a setting the file does not name (older files have no loss or mode) is the default
    settings = Settings(**{**Settings().__dict__, **settings_doc})
    pos = _section(obj, "position")
    counters = [pos.get(name, 0) for name in ("done", "step", "epoch", "example")]
    epoch_loss = pos.get("epoch_loss", 0.0)
    losses = obj.get("losses", [])
    if not isinstance(losses, list) or len(losses) > MAX_FILE_LOSSES:
        raise StateError(f"losses: expected a list of at most {MAX_FILE_LOSSES} numbers")
    for value in [epoch_loss, *losses]:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise StateError(f"losses: {str(value)[:40]!r} is not a number")
        if isinstance(value, int) and abs(value) > 10**300:
            raise StateError("losses: a number is too large")
    done = counters[0]
    start = shown
    if isinstance(done, int) and done >= FIRST_UPDATE:
        if "step_start" not in obj:
            raise StateError("step_start: needed once the update phases have run")
        start = params_from_dict(obj["step_start"])
    velocity = None
    if "velocity" in obj and settings.momentum != 0:
        velocity = params_from_dict(obj["velocity"])
    return State(settings, start, velocity, *counters, float(epoch_loss), tuple(losses))


def import_state(data: bytes | str, current: Settings | None = None) -> State:
    """The State in a state file, or for a plain weights file the State that shows its
    network with ``current`` settings (default settings if None) at phase ready with the
    counters at 0. WeightsError or StateError (both ValueError) naming what is wrong; at
    most MAX_FILE_BYTES are read, as UTF-8 JSON."""
    if not isinstance(data, (bytes, str)):
        raise StateError("expected the file's bytes or text")
    try:
        shown, obj = loads(data)
    except OverflowError:  # an integer too large for a float (JSON allows any)
        raise WeightsError("a number is too large to be a finite float") from None
    fmt = obj.get("format")
    if fmt is None:
        return State(current or Settings(), shown, None, 0, 0, 0, 0, 0.0, ())
    if fmt != FORMAT:
        raise StateError(f"format: unknown {str(fmt)[:40]!r} (this page reads {FORMAT})")
    state = _state_from_doc(obj, shown)
    _, _, step = state.shown()  # checks every part, replays the phases
    if not np.array_equal(step.params.flat(), shown.flat()):
        raise StateError("W1, b1, W2, b2: do not match step_start after the update phases")
    return state


def params_from_pasted(texts: dict[str, str]) -> Params:
    """W1, b1, W2, b2 from their printed forms (see :mod:`autoencoder.io.textarrays`; the
    notebook's (1, n) bias rows are accepted). WeightsError naming the array and what is
    wrong. Load the result with ``session.load_params(params, label="paste")``."""
    if not isinstance(texts, dict):
        raise WeightsError("expected the printed W1, b1, W2 and b2")
    arrays = {}
    for name, shape in SHAPES.items():
        text = texts.get(name)
        if not isinstance(text, str) or not text.strip():
            raise WeightsError(f"{name}: nothing pasted")
        try:
            array = parse_array(text)
        except ValueError as exc:
            raise WeightsError(f"{name}: {exc}") from None
        while array.ndim > len(shape) and array.shape[0] == 1:
            array = array[0]
        if array.shape != shape:
            got = "x".join(map(str, array.shape)) or "a single number"
            want = "x".join(map(str, shape))
            raise WeightsError(f"{name}: expected shape {want}, got {got}")
        arrays[name] = array.tolist()
    return params_from_dict(arrays)
