"""Read the printed text of a notebook (like autoencoder/data/class_notebook.txt) into a check input.

The text is split into cells (:mod:`autoencoder.io.notebook_cells`). In each cell's code, only
simple lines are read, never evaluated: ``name`` as the last line (Jupyter echoes it),
``print(name)`` and ``print("a label", name)``, ``name = ...`` and ``name += ...`` (and which
names the right side uses), ``name = <a number or array literal>``. The arrays printed
under a cell are matched in order to its ``print`` calls and echo; where they do not pair
up (or there is no code: a printout), each is taken by the label printed before it.

Cells are taken in execution order (their ``In [N]`` numbers). Where a variable is printed
more than once, the value used is the one printed last before a cell first used it; for a
parameter that a cell updates (``hidden_weight += ...``) the value printed after the update
is the updated parameter. A variable no code uses (a printout) is taken as first printed;
its later printings, the arrays printed without a name and those under names not known are
left, as :class:`Sighting` items, for the recogniser (:mod:`autoencoder.check.recognise`).
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from autoencoder.core.model import PARAM_NAMES
from autoencoder.io.notebook_cells import Cell, logical_lines, split_cells
from autoencoder.io.text_limits import MAX_NOTEBOOK_CHARS, refuse_longer
from autoencoder.io.textarrays import parse_array

# The class notebook's names -> the check input's keys.
NOTEBOOK_NAMES = {
    "input_layer": "input",
    "lr": "lr",
    "hidden_weight": "W1",
    "hidden_bias": "b1",
    "output_weight": "W2",
    "output_bias": "b2",
    "hidden_z": "hidden_z",
    "hidden_activation": "hidden_a",
    "output_z": "output_z",
    "output_activation": "output_a",
    "error": "error",
    "slope_out": "slope_out",
    "slope_hidden": "slope_hidden",
    "delta_out": "output_delta",
    "delta_hidden": "hidden_delta",
}
# ... and back: the check input's keys -> the class notebook's names.
NOTEBOOK_VARIABLES = {key: name for name, key in NOTEBOOK_NAMES.items()}
# The notebook's names that are not the key itself, accepted in place of the key.
ALIASES = {name: key for name, key in NOTEBOOK_NAMES.items() if name != key}

_NAME = r"[A-Za-z_]\w*"
_ECHO = re.compile(rf"^({_NAME})$")
# print(name), print("a label", name), print(f"a label", name)
_PRINT = re.compile(rf"^print\(\s*(?:f?(?:\"[^\"]*\"|'[^']*')\s*,\s*)?({_NAME})\s*\)$")
_ASSIGN = re.compile(rf"^({_NAME})\s*([-+*/]?)=(?!=)\s*(.+)$")
_USED = re.compile(rf"(?<![\w.]){_NAME}")
_ARRAY_CALL = re.compile(r"(?<![\w.])(?:np\.|numpy\.)?array(?=\()|dtype\s*=\s*\w+")
_SHIFTED = re.compile(r"expit\(\s*\w+\s*\+\s*1\s*\)|exp\(\s*-\s*\(\s*\w+\s*\+\s*1\s*\)\s*\)")


@dataclass
class Sighting:
    """A printed array the names did not place: a bare array, one under a name no family
    knows, or a later printing of a name already read (``hint``: that name's key)."""

    name: str | None
    cell: str
    seq: int  # its place among all the arrays read, in the order the cells ran
    array: np.ndarray
    hint: str | None = None


@dataclass
class NotebookReading:
    """``values``: a check input (see :func:`autoencoder.check.checker.read_check_dict`), with
    numpy arrays. ``recognised``: one entry per value taken, ``{"variable", "as", "cell",
    "shape", "by"}`` (``by``: "name" here). ``notes``: what was skipped and why, one line
    each. ``items``: the arrays left for :mod:`autoencoder.check.value_labels`. ``seqs``: the
    place (Sighting.seq) of each value taken, by its key in ``values`` (``after.W1``)."""

    values: dict
    recognised: list[dict]
    notes: list[str]
    items: list[Sighting] = field(default_factory=list)
    seqs: dict[str, int] = field(default_factory=dict)


def _events(cell: Cell) -> tuple[list[tuple], list[int], str | None]:
    """The cell's events in order: ('read'|'write'|'update', name[, right side]) and
    ('shown', name, the index of its printed array); the indices of its unnamed arrays."""
    lines = logical_lines(cell.code)
    events, shown = [], []
    for i, line in enumerate(lines):
        assign, printed = _ASSIGN.match(line), _PRINT.match(line)
        if printed:
            shown.append(printed.group(1))
            events.append(("shown", printed.group(1)))
        elif assign:
            name, op, right = assign.groups()
            used = set(_USED.findall(right)) | ({name} if op else set())
            events += [("read", n) for n in sorted(used)]
            kind = "update" if name in used else "write"
            events.append((kind, name, right))
        elif _ECHO.match(line) and i == len(lines) - 1:
            shown.append(line)
            events.append(("shown", line))
        elif not _ECHO.match(line):
            events += [("read", n) for n in sorted(set(_USED.findall(line)))]
    if len(shown) == len(cell.outputs):
        indices = iter(range(len(shown)))
        return [(*e, next(indices)) if e[0] == "shown" else e for e in events], [], None
    # The printed arrays do not pair with the names the code prints: take each by the
    # label printed before it, or else by its value.
    events = [e for e in events if e[0] != "shown"]
    events += [("shown", label, i) for i, label in enumerate(cell.labels) if label]
    bare = [i for i, label in enumerate(cell.labels) if not label]
    note = None
    if shown and cell.outputs:
        note = f"{cell.label}: {len(cell.outputs)} arrays printed for {len(shown)} names"
    return events, bare, note


def _is_literal(event) -> bool:
    return event[0] == "write" and not _USED.search(_ARRAY_CALL.sub("", event[2]))


def _timeline(cells: list[Cell]):
    """Per variable: its events, ("value", text, cell label, seq) among them; the unnamed
    arrays as (text, cell label, seq); notes. ``seq`` numbers the arrays in the order the
    cells ran: in a cell, the literals its code assigns, then what it printed, in order."""
    history, bare, notes = {}, [], []
    seq = 0
    for cell in cells:
        events, unnamed, note = _events(cell)
        if note:
            notes.append(note + "; they are read by their labels and values instead")
        literals = sum(map(_is_literal, events))
        first_output = seq + literals
        for event in events:
            kind, name = event[0], event[1]
            value = None
            if kind == "shown":
                value, place = cell.outputs[event[2]], first_output + event[2]
            elif _is_literal(event):
                value, place = event[2], seq  # a literal: lr = 0.1, W = np.array([...])
                seq += 1
            events_of = history.setdefault(name, [])
            if kind != "shown":
                events_of.append((kind, None, cell.label))
            if value is not None:
                events_of.append(("value", value, cell.label, place))
        bare += [(cell.outputs[i], cell.label, first_output + i) for i in unnamed]
        seq = first_output + len(cell.outputs)
    return history, bare, notes


def _pick(events):
    """(value before first use, value after the first update, the later values); each
    value a ("value", text, cell, seq) event. Code that never uses the variable (a
    printout, literal assignments): its first value, and the rest as the later ones. A
    variable first used before any value was printed: the last value printed before its
    update. Later: printed after the first use, other than after the update."""
    values = [e for e in events if e[0] == "value"]
    first_use = next((i for i, e in enumerate(events) if e[0] in ("read", "update")), None)
    if first_use is None:
        return (values[0] if values else None), None, values[1:]
    before = [e for e in events[:first_use] if e[0] == "value"]
    update = next((i for i, e in enumerate(events) if e[0] == "update"), None)
    if not before and update is not None:  # read, then printed, then updated: printed
        before = [e for e in events[:update] if e[0] == "value"]
    after = []
    if update is not None:
        after = [e for e in events[update:] if e[0] == "value"][:1]
    before, after = (before[-1] if before else None), (after[0] if after else None)
    later = [e for e in events[first_use:] if e[0] == "value" and e not in (before, after)]
    return before, after, later


def detect_activation(cells: list[Cell]) -> tuple[str, str] | None:
    """(activation name, cell label) from the first cell whose code computes a sigmoid:
    ``expit(x + 1)`` is the notebook's shifted sigmoid, ``expit(x)`` the plain one."""
    for cell in cells:
        code = "\n".join(cell.code)
        if _SHIFTED.search(code):
            return "shifted-sigmoid", cell.label
        if "expit(" in code or "exp(-" in code:
            return "sigmoid", cell.label
        if "tanh(" in code:
            return "tanh", cell.label
    return None


def detect_loss(cells: list[Cell]) -> tuple[str, str] | None:
    """("cross-entropy", cell label) from the first cell whose code takes a log (the
    cross-entropy's -sum(t log a + ...)), or None."""
    for cell in cells:
        if any("log(" in line and not line.lstrip().startswith("#") for line in cell.code):
            return "cross-entropy", cell.label
    return None


def _parsed(text: str, label: str, variable, notes: list) -> np.ndarray | None:
    try:
        return parse_array(text)
    except ValueError as exc:
        notes.append(f"{label}: {variable or 'an array'}: {exc}; not used")
        return None


def read_notebook_text(text: str, key_of=NOTEBOOK_NAMES.get) -> NotebookReading:
    """The notebook's arrays as a check input; ValueError if the text is too long.

    ``key_of(variable)`` gives the check input's key a variable stands for (None: not
    known); by default only the class notebook's names are known. Where several variables
    stand for one key, the first printed is taken.
    """
    refuse_longer(text, MAX_NOTEBOOK_CHARS)
    cells = split_cells(text)
    skipped = [c.label for c in cells if c.label.startswith("In [ ]")]
    cells = [c for c in cells if not c.label.startswith("In [ ]")]
    if all(c.number is not None for c in cells if c.label.startswith("In")):
        cells.sort(key=lambda c: -1 if c.number is None else c.number)
    history, bare, notes = _timeline(cells)
    notes += [f"{label}: never run; not used" for label in skipped]
    reading = NotebookReading({}, [], notes)
    taken_keys = set()
    for variable, events in history.items():
        key = key_of(variable)
        before, after, later = _pick(events)
        if before is None and after is None:  # printed only after a use: left to values
            key, others = None, [e for e in events if e[0] == "value"]
        elif key is None or key in taken_keys:  # its value before use (and after update)
            key, others = None, [e for e in (before, after) if e] + later
        else:
            taken_keys.add(key)
            _take(reading, variable, key, before, after)
            # a parameter printed again after use, not updated by any line read: perhaps
            # after an update the code does not show (or forgot); the values decide
            others = later if key in PARAM_NAMES and after is None else []
        for _, value, label, seq in others:
            array = _parsed(value, label, variable, notes)
            if array is not None:
                reading.items.append(Sighting(variable, label, seq, array, key))
    order = list(dict.fromkeys(NOTEBOOK_NAMES.values()))
    reading.recognised.sort(key=lambda r: order.index(r["as"].removeprefix("after.")))
    for value, label, seq in bare:
        array = _parsed(value, label, None, notes)
        if array is not None:
            reading.items.append(Sighting(None, label, seq, array))
    reading.items.sort(key=lambda item: item.seq)
    loss = detect_loss(cells)
    if loss:
        reading.values["loss_code"] = loss[0]
    found = detect_activation(cells)
    if found:
        reading.values["activation"], label = found
        reading.recognised.append(
            {"variable": "activation", "as": found[0], "cell": label, "shape": [], "by": "name"}
        )
    return reading


def _take(reading: NotebookReading, variable: str, key: str, before, after):
    """Put ``variable``'s value before use (and after its update) into the reading."""
    taken = [(key, before)]
    if key in PARAM_NAMES:
        taken.append((f"after.{key}", after))
    for target, found in taken:
        if found is None:
            continue
        _, text_value, label, seq = found
        array = _parsed(text_value, label, variable, reading.notes)
        if array is None:
            continue
        if target.startswith("after."):
            reading.values.setdefault("after", {})[key] = array
        else:
            reading.values[key] = array.item() if key == "lr" and array.size == 1 else array
        reading.seqs[target] = seq
        shape = list(array.shape)
        reading.recognised.append(
            {"variable": variable, "as": target, "cell": label, "shape": shape, "by": "name"}
        )


def example_text() -> str:
    """The class notebook's printed text (shipped in ``autoencoder/data``)."""
    return (Path(__file__).parent.parent / "data" / "class_notebook.txt").read_text(
        encoding="utf-8"
    )
