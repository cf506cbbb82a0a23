"""What a printout's names say, set right by order and shape before any value is read.

The reader (:func:`autoencoder.io.notebook_text.read_notebook_text`) takes each variable a
name family knows (:mod:`autoencoder.check.name_families`) by its name. Here that reading is
corrected where the names alone mislead: a text that numbers the layers its own way is read
again without the numbered names; weights printed the other way round are transposed; a
name whose array has a size its meaning cannot have is left to the values; a parameter
first printed after what was computed from it is its updated value; a single number under
a loss's name is the loss E.
"""

import numpy as np

from autoencoder.check.name_families import key_for, key_without_numbers, other_numbering
from autoencoder.check.phase_arrays import STUDENT_KEYS
from autoencoder.check.value_labels import flat
from autoencoder.core.model import SHAPES
from autoencoder.io.notebook_text import NotebookReading, Sighting, read_notebook_text


def read_by_names(text: str) -> NotebookReading:
    """The text's arrays taken by name, corrected as the module docstring says."""
    reading = read_notebook_text(text, key_for)
    names = [r["variable"] for r in reading.recognised] + [i.name for i in reading.items if i.name]
    if other_numbering(names):
        reading = read_notebook_text(text, key_without_numbers)
        reading.notes.append(
            "the names number the layers their own way (from 0, or z2 a2 for the hidden "
            "layer as Ng does): numbered names were read by shape, order and value"
        )
    _transpose_named(reading)
    _shape_decides(reading)
    _late_parameters(reading)
    _loss_value(reading)
    return reading


def _transpose_named(reading) -> None:
    """Weights a family names, printed the other way round, read transposed (their later
    printings too, only where the starting ones were)."""
    values = reading.values
    for key, shape in (("W1", (8, 3)), ("W2", (3, 8))):
        if key not in values or flat(values[key]).shape != shape[::-1]:
            continue
        values[key] = flat(values[key]).T
        after = values.get("after", {})
        if key in after and flat(after[key]).shape == shape[::-1]:
            after[key] = flat(after[key]).T
        for item in reading.items:
            if item.hint == key and flat(item.array).shape == shape[::-1]:
                item.array = flat(item.array).T
        name = next(r["variable"] for r in reading.recognised if r["as"] == key)
        reading.notes.append(
            f"{name} is printed {shape[1]}x{shape[0]} (a row per unit it "
            f"feeds): read transposed as {key}"
        )


# The arrays computed from W2 and b2 (W1 and b1: all of them).
FROM_OUTPUT_Z = ("output_z", "output_a", "error", "output_delta", "hidden_delta", "slope_out")


UNITS = {key: 3 for key in ("hidden_z", "hidden_a", "hidden_delta", "slope_hidden")}
UNITS |= {key: 8 for key in ("output_z", "output_a", "error", "output_delta", "slope_out")}


def _shape_decides(reading) -> None:
    """An array a name gives a meaning its size cannot have (``a2`` holding 3 numbers taken
    for the outputs) is read by shape, order and value instead, under its name."""
    values = reading.values
    for key, units in UNITS.items():
        array = values.get(key)
        if array is None or np.size(array) % units == 0:
            continue
        [entry] = [r for r in reading.recognised if r["as"] == key]
        reading.recognised.remove(entry)
        seq = reading.seqs.pop(key, -1)
        reading.items.append(Sighting(entry["variable"], entry["cell"], seq, values.pop(key)))
        reading.notes.append(
            f"{entry['variable']} holds {np.size(array)} numbers, not {key}'s {units}: "
            "read by its value"
        )
    reading.items.sort(key=lambda item: item.seq)


PARTNER = {"W1": "b1", "b1": "W1", "W2": "b2", "b2": "W2"}


def _late_parameters(reading) -> None:
    """A parameter named only after arrays computed from it (b1 first printed after the
    hidden activations), or after its layer's other parameter printed again, is its
    updated value: its start was not printed."""
    values, seqs = reading.values, reading.seqs
    for key in SHAPES:
        uses = STUDENT_KEYS if key in ("W1", "b1") else FROM_OUTPUT_Z
        computed = [seqs[k] for k in uses if k in seqs]
        partner = PARTNER[key]  # its layer's other parameter, printed again (updated) first
        computed += [seqs[f"after.{partner}"]] if f"after.{partner}" in seqs else []
        computed += [item.seq for item in reading.items if item.hint == partner]
        if key in values and key in seqs and computed and seqs[key] > min(computed):
            after = values.setdefault("after", {})
            if key not in after:
                after[key], seqs[f"after.{key}"] = values.pop(key), seqs.pop(key)
                for r in reading.recognised:
                    if r["as"] == key:
                        r["as"] = f"after.{key}"
            else:
                values.pop(key)
                seqs.pop(key)
                reading.recognised = [r for r in reading.recognised if r["as"] != key]


LOSS_NAMES = {"e", "loss", "cost", "j", "l", "mse", "sse", "total_error", "error_total"}


def _is_loss_name(name: str) -> bool:
    """A loss's name: ``loss``, ``J``, or words ending in loss or cost (``bce loss``)."""
    words = name.lower().split()
    return bool(words) and (" ".join(words) in LOSS_NAMES or words[-1] in ("loss", "cost"))


def _loss_value(reading) -> None:
    """A single number printed under a loss's name (``E = 0.53``, ``loss 0.53``) is the
    loss E: it says which loss the student computes (check/conventions.py)."""
    values = reading.values
    for key in [k for k, v in values.items() if isinstance(v, np.ndarray) and v.size == 1]:
        variable = next((r["variable"] for r in reading.recognised if r["as"] == key), "")
        if _is_loss_name(variable) and key not in ("lr", "input"):
            values.setdefault("loss_value", float(values.pop(key).item()))
            reading.recognised = [r for r in reading.recognised if r["as"] != key]
    for item in reading.items:
        if item.array.size == 1 and _is_loss_name(item.name or ""):
            values.setdefault("loss_value", float(item.array.item()))
