"""Read the printed text of a notebook (like class-notebook.txt) into a check input.

The text is split into cells (``In [N]:`` headers; without headers, each run of code lines
followed by printed arrays is a cell). In each cell's code, only simple lines are read, never
evaluated: ``name`` as the last line (Jupyter echoes it), ``print(name)``, ``name = ...`` and
``name += ...`` (and which names the right side uses), ``name = <a number or array literal>``.
The arrays printed under a cell are matched in order to its ``print(name)`` calls and echo.

Cells are taken in execution order (their ``In [N]`` numbers). Where a variable is printed
more than once, the value used is the one printed last before a cell first used it; for a
parameter that a cell updates (``hidden_weight += ...``) the value printed after the update
is the updated parameter.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

from .textarrays import parse_array

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
PARAMETERS = ("W1", "b1", "W2", "b2")
MAX_CHARS = 500_000

_HEADER = re.compile(r"^\s*In\s*\[\s*(\d*)\s*\]\s*:\s*(.*)$")
_OUT_PREFIX = re.compile(r"^\s*Out\s*\[\s*\d*\s*\]\s*:\s*")
_NAME = r"[A-Za-z_]\w*"
_ECHO = re.compile(rf"^({_NAME})$")
_PRINT = re.compile(rf"^print\(\s*({_NAME})\s*\)$")
_ASSIGN = re.compile(rf"^({_NAME})\s*([-+*/]?)=(?!=)\s*(.+)$")
_USED = re.compile(rf"(?<![\w.]){_NAME}")
_ARRAY_CALL = re.compile(r"(?<![\w.])(?:np\.|numpy\.)?array(?=\()|dtype\s*=\s*\w+")
_SHIFTED = re.compile(r"expit\(\s*\w+\s*\+\s*1\s*\)|exp\(\s*-\s*\(\s*\w+\s*\+\s*1\s*\)\s*\)")


@dataclass
class Cell:
    label: str
    number: int | None
    code: list[str] = field(default_factory=list)
    outputs: list[str] = field(default_factory=list)  # the text of each printed array


@dataclass
class NotebookReading:
    """``values``: a check input (see :func:`autoencoder.checker.read_check_dict`), with
    numpy arrays. ``recognised``: one entry per value taken, ``{"variable", "as", "cell",
    "shape"}``. ``notes``: what was skipped and why, one line each."""

    values: dict
    recognised: list[dict]
    notes: list[str]


def _bracket_balance(line: str) -> int:
    return line.count("[") + line.count("(") - line.count("]") - line.count(")")


def split_cells(text: str) -> list[Cell]:
    """Cells with their code lines and printed arrays, in the order of the text."""
    has_headers = any(_HEADER.match(line) for line in text.splitlines())
    cells = [Cell("cell 1", None)]
    in_output, chunk, depth, code_depth = False, None, 0, 0
    for line in text.splitlines():
        if code_depth > 0 and not in_output:  # a code line continued in brackets
            cells[-1].code.append(line)
            code_depth += _bracket_balance(line)
            continue
        if chunk is not None:  # inside a printed array that spans lines
            chunk.append(line)
            depth += _bracket_balance(line)
            if depth <= 0:
                cells[-1].outputs.append("\n".join(chunk))
                chunk = None
            continue
        header = _HEADER.match(line)
        stripped = _OUT_PREFIX.sub("", line).strip()
        if header:
            number = int(header.group(1)) if header.group(1) else None
            cells.append(Cell(f"In [{header.group(1) or ' '}]", number))
            in_output = False
            if header.group(2).strip():
                cells[-1].code.append(header.group(2))
        elif stripped.startswith(("array(", "[")):
            in_output, chunk, depth = True, [stripped], _bracket_balance(stripped)
            if depth <= 0:
                cells[-1].outputs.append(stripped)
                chunk = None
        elif not stripped:
            in_output = in_output or bool(cells[-1].code)
        elif not in_output:
            cells[-1].code.append(line)
            code_depth = max(0, _bracket_balance(line.split("#", 1)[0]))
        elif not has_headers:  # a code line after printed arrays starts the next cell
            cells.append(Cell(f"cell {len(cells) + 1}", None, [line]))
            in_output = False
            code_depth = max(0, _bracket_balance(line.split("#", 1)[0]))
    if chunk is not None:
        cells[-1].outputs.append("\n".join(chunk))
    if has_headers:  # the text before the first header is not a cell
        cells.pop(0)
    return [cell for cell in cells if cell.code or cell.outputs]


def _logical_lines(code: list[str]) -> list[str]:
    """Code lines without comments, with bracketed continuations joined."""
    lines, pending, depth = [], "", 0
    for line in code:
        line = line.split("#", 1)[0].rstrip()
        pending = f"{pending} {line.strip()}" if pending else line.strip()
        depth += _bracket_balance(line)
        if depth <= 0 and pending:
            lines.append(pending)
            pending, depth = "", 0
    return lines + ([pending] if pending else [])


def _events(cell: Cell) -> tuple[list[tuple], str | None]:
    """The cell's events in order: ('read'|'write'|'update'|'shown', name[, value text])."""
    lines = _logical_lines(cell.code)
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
    note = None
    if len(shown) != len(cell.outputs):
        if cell.outputs:
            note = f"{cell.label}: {len(cell.outputs)} arrays printed for {len(shown)} names"
        events = [e for e in events if e[0] != "shown"]
    return events, note


def _timeline(cells: list[Cell]):
    """Per variable: a list of (position, kind, value or None, cell label)."""
    history, notes = {}, []
    for cell in cells:
        events, note = _events(cell)
        if note:
            notes.append(note + "; not used")
        outputs = iter(cell.outputs)
        for event in events:
            kind, name = event[0], event[1]
            value = None
            if kind == "shown":
                value = next(outputs)
            elif kind == "write" and not _USED.search(_ARRAY_CALL.sub("", event[2])):
                value = event[2]  # a literal: lr = 0.1, W = np.array([...])
            seq = history.setdefault(name, [])
            if kind != "shown":
                seq.append((kind, None, cell.label))
            if value is not None:
                seq.append(("value", value, cell.label))
    return history, notes


def _pick(events):
    """(value before first use, its cell), (value after the first update, its cell)."""
    first_use = next((i for i, e in enumerate(events) if e[0] in ("read", "update")), None)
    before = [e for e in events[:first_use] if e[0] == "value"]
    if first_use is None:
        before = before[-1:]
    update = next((i for i, e in enumerate(events) if e[0] == "update"), None)
    after = []
    if update is not None:
        after = [e for e in events[update:] if e[0] == "value"][:1]
    return (before[-1][1:] if before else None), (after[0][1:] if after else None)


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


def read_notebook_text(text: str) -> NotebookReading:
    """The notebook's arrays as a check input; ValueError if the text is too long."""
    if len(text) > MAX_CHARS:
        raise ValueError(f"the text is longer than {MAX_CHARS} characters")
    cells = split_cells(text)
    skipped = [c.label for c in cells if c.label.startswith("In [ ]")]
    cells = [c for c in cells if not c.label.startswith("In [ ]")]
    if all(c.number is not None for c in cells if c.label.startswith("In")):
        cells.sort(key=lambda c: -1 if c.number is None else c.number)
    history, notes = _timeline(cells)
    notes += [f"{label}: never run; not used" for label in skipped]
    values, recognised = {}, []
    for variable, key in NOTEBOOK_NAMES.items():
        before, after = _pick(history.get(variable, []))
        taken = [(key, before)]
        if key in PARAMETERS:
            taken.append((f"after.{key}", after))
        for target, found in taken:
            if found is None:
                continue
            text_value, label = found
            try:
                array = parse_array(text_value)
            except ValueError as exc:
                notes.append(f"{label}: {variable}: {exc}; not used")
                continue
            if target.startswith("after."):
                values.setdefault("after", {})[key] = array
            else:
                values[key] = float(array) if key == "lr" and array.size == 1 else array
            shape = list(array.shape)
            recognised.append({"variable": variable, "as": target, "cell": label, "shape": shape})
    found = detect_activation(cells)
    if found:
        values["activation"], label = found
        recognised.append({"variable": "activation", "as": found[0], "cell": label, "shape": []})
    return NotebookReading(values, recognised, notes)


def example_text() -> str:
    """The class notebook's printed text (shipped in ``autoencoder/data``)."""
    return (Path(__file__).parent / "data" / "class_notebook.txt").read_text(encoding="utf-8")
