"""Split a notebook's printed text into cells: code lines, and the arrays printed under them.

Cells start at ``In [N]:`` headers; without headers, each run of code lines followed by
printed arrays is a cell. A printed array may carry a label, as ``print(name, array)`` and
``print(f"name: {array}")`` print them: ``wh [[...]]``, ``W1: [[...]]``, ``W1 = [[...]]`` (the
last only where an output is expected: at the start of a line of code it is an assignment,
read as one), or the label alone on the line before (``W1:``). A cell's code is read as
statements (:func:`logical_lines`). Nothing is evaluated.
"""

import keyword
import re
from dataclasses import dataclass, field

HEADER = re.compile(r"^\s*In\s*\[\s*(\d*)\s*\]\s*:\s*(.*)$")
_OUT_PREFIX = re.compile(r"^\s*Out\s*\[\s*\d*\s*\]\s*:\s*")
_WORDS = r"[A-Za-z_]\w*(?:[ \t]+[A-Za-z_]\w*)*"
_ARRAY_START = r"(?:array\(|\[)"
_LABELLED = re.compile(
    rf"^(?P<label>{_WORDS})(?:[ \t]*(?P<sep>[:=])[ \t]*|[ \t]+)(?P<rest>{_ARRAY_START}.*)$"
)
_LABEL_ALONE = re.compile(rf"^(?P<label>{_WORDS})[ \t]*(?P<colon>[:=]?)$")
# A single number a cell echoes: 0.53, np.float64(0.53)
_SCALAR = re.compile(r"^(?:np\.float(?:32|64)\()?[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?\)?$")
# A single number printed after a label: ``loss 0.53``, ``bce loss: 0.53``, ``lr: 0.5``
# (``loss = 0.53`` is an assignment, which the code reader takes)
_LABELLED_SCALAR = re.compile(
    rf"^(?P<label>{_WORDS})(?:[ \t]*(?P<sep>:)[ \t]*|[ \t]+)(?P<rest>{_SCALAR.pattern[1:-1]})$"
)
# A numbered heading such as the command line's ``[1] hidden_z``: not an array.
_HEADING = re.compile(r"^\[\s*\d+\s*\]\s+[A-Za-z_]\w*\s*$")


@dataclass
class Cell:
    label: str
    number: int | None
    code: list[str] = field(default_factory=list)
    outputs: list[str] = field(default_factory=list)  # the text of each printed array
    labels: list[str | None] = field(default_factory=list)  # the label printed before each


def top_level_arrays(text: str) -> tuple[list[str], int | None, bool]:
    """The arrays printed one after another in ``text`` (``[...]`` or ``array(...)`` at
    depth 0, between spaces and commas): ``(arrays, where other text starts or None,
    whether the last array is left open)``. Nothing is evaluated."""
    arrays, depth, start, pos = [], 0, None, 0
    while pos < len(text):
        char = text[pos]
        if depth == 0 and start is None:
            word = re.match(r"(?:np\.|numpy\.)?array\(", text[pos:])
            if word or char == "[":
                start, depth = pos, 1
                pos += word.end() if word else 1
                continue
            if not (char.isspace() or char == ","):
                return arrays, pos, False
        elif char in "[(":
            depth += 1
        elif char in "])":
            depth -= 1
            if depth == 0:
                arrays.append(text[start : pos + 1])
                start = None
        pos += 1
    return arrays, None, start is not None


def split_top_level(text: str) -> list[str]:
    """``text`` as the arrays printed one after another in it (``[[1 2]] [3 4]``, as
    print(W1, b1) prints them); ``[text]`` unless it is only arrays, spaces and commas."""
    arrays, other, open_ = top_level_arrays(text)
    return arrays if len(arrays) > 1 and other is None and not open_ else [text]


def bracket_balance(line: str) -> int:
    return line.count("[") + line.count("(") - line.count("]") - line.count(")")


def _is_label(text: str) -> bool:
    words = text.split()
    return bool(words) and not any(keyword.iskeyword(w) or w == "print" for w in words)


def _labelled(stripped: str, in_output: bool):
    """(label, the array's first line) if ``stripped`` is a labelled printed array (or a
    labelled single number: ``loss 0.53``, ``lr: 0.5``; not valid code but as an output)."""
    match = _LABELLED.match(stripped) or _LABELLED_SCALAR.match(stripped)
    if not match or not _is_label(match["label"]):
        return None
    if match["sep"] == "=" and not in_output:
        return None  # ``W1 = [[...]]`` in code: an assignment
    return " ".join(match["label"].split()), match["rest"]


def _label_alone(stripped: str, in_output: bool, has_headers: bool) -> str | None:
    """A label on a line of its own before an array: ``W1:`` or ``W1 =``; a bare name only
    in a cell's output (in code it is Jupyter's echo, which the reader handles)."""
    match = _LABEL_ALONE.match(stripped)
    if not match or not _is_label(match["label"]):
        return None
    if match["colon"] or (in_output and has_headers):
        return " ".join(match["label"].split())
    return None


class _Splitter:
    def __init__(self, has_headers: bool):
        self.has_headers = has_headers
        self.cells = [Cell("cell 1", None)]
        self.in_output, self.chunk, self.depth, self.code_depth = False, None, 0, 0
        self.pending = None  # a label waiting for its array

    def start_array(self, first: str, label: str | None):
        cell = self.cells[-1]
        self.in_output, self.chunk, self.depth = True, [first], bracket_balance(first)
        cell.labels.append(label)
        if self.depth <= 0:
            self.emit(first)
            self.chunk = None

    def emit(self, text: str):
        """A printed output: one array, or several printed by one call (print(W1, b1))."""
        cell, arrays = self.cells[-1], split_top_level(text)
        cell.outputs.extend(arrays)
        cell.labels.extend([None] * (len(arrays) - 1))

    def code_line(self, line: str):
        self.cells[-1].code.append(line)
        self.code_depth = max(0, bracket_balance(line.split("#", 1)[0]))

    def feed(self, line: str):
        if self.code_depth > 0 and not self.in_output:  # a code line continued in brackets
            self.cells[-1].code.append(line)
            self.code_depth += bracket_balance(line)
            return
        if self.chunk is not None:  # inside a printed array that spans lines
            self.chunk.append(line)
            self.depth += bracket_balance(line)
            if self.depth <= 0:
                self.emit("\n".join(self.chunk))
                self.chunk = None
            return
        header = HEADER.match(line)
        stripped = _OUT_PREFIX.sub("", line).strip()
        pending, self.pending = self.pending, None
        if header:
            number = int(header.group(1)) if header.group(1) else None
            self.cells.append(Cell(f"In [{header.group(1) or ' '}]", number))
            self.in_output = False
            if header.group(2).strip():
                self.cells[-1].code.append(header.group(2))
        elif _HEADING.match(stripped):
            self.pending = None  # "[1] hidden_z": a heading, not an array
        elif stripped.startswith(("array(", "[")) or (
            self.in_output and self.has_headers and _SCALAR.match(stripped)
        ):
            self.start_array(stripped, pending)
        elif not stripped:
            self.pending = pending
            self.in_output = self.in_output or bool(self.cells[-1].code)
        elif found := _labelled(stripped, self.in_output):
            self.start_array(found[1], found[0])
        elif label := _label_alone(stripped, self.in_output, self.has_headers):
            self.pending = label
        elif not self.in_output:
            self.code_line(line)
        elif not self.has_headers:  # a code line after printed arrays starts the next cell
            self.cells.append(Cell(f"cell {len(self.cells) + 1}", None))
            self.in_output = False
            self.code_line(line)

    def finish(self) -> list[Cell]:
        if self.chunk is not None:
            self.emit("\n".join(self.chunk))
        if self.has_headers:  # the text before the first header is not a cell
            self.cells.pop(0)
        return [cell for cell in self.cells if cell.code or cell.outputs]


# A label or assigned name written as an expression at a line's start: self.W1,
# net['W1'], params[0]['weights'], model.layers[1].bias (then =, :, ) or the line's end).
_PART = r"""(?:\s*\.\s*[A-Za-z_]\w*|\s*\[\s*(?:'[^'\n]*'|"[^"\n]*"|\d+)\s*\])"""
_EXPRESSION = re.compile(
    rf"^(?P<lead>\s*(?:print\(\s*)?)(?P<expr>[A-Za-z_]\w*{_PART}+)"
    r"(?=\s*(?:[-+*/]?=(?!=)|:|\)|$|[ \t]+(?:\[|array\()))"
)
_PIECE = re.compile(r"""[A-Za-z_]\w*|'([^']*)'|"([^"]*)"|(\d+)""")
_NOT_LABELS = {"np", "numpy", "math", "plt", "torch", "scipy", "os", "sys"}
_ARRAY_ATTRIBUTES = {"T", "shape", "dtype", "size", "ndim", "real", "flat"}


def flat_name(expression: str) -> str:
    """An expression's name: its last attribute or key, its indices appended
    (``self.W1`` -> ``W1``, ``net['b0']`` -> ``b0``, ``params[0]['weights']`` ->
    ``weights0``, ``layers[1].bias`` -> ``bias1``)."""
    names, numbers = [], []
    for piece in _PIECE.finditer(expression):
        word, single, double, number = piece.group(0), piece[1], piece[2], piece[3]
        if number is not None:
            numbers.append(number)
        else:
            names.append(single if single is not None else double if double is not None else word)
    name = re.sub(r"\W+", "_", names[-1]).strip("_") or "value"
    return name + "".join(numbers)


# After ``weights[0]``: a printed array (a repr, ``array(``), not code setting a row.
_LIST_ITEM = re.compile(r"\s*(?:[:=]\s*|[ \t]+)array\(")


def flatten_label(line: str) -> str:
    """``line`` with an expression at its start (a label or an assigned name) written as one
    name (:func:`flat_name`); other lines unchanged. Nothing is evaluated."""
    match = _EXPRESSION.match(line)
    if not match or HEADER.match(line) or _OUT_PREFIX.match(line):
        return line
    base = match["expr"].split(".")[0].split("[")[0].strip()
    if base in _NOT_LABELS or keyword.iskeyword(base) or base in ("print", "In", "Out"):
        return line
    rest = line[match.end() :]
    if not re.search(r"""\.|\[\s*['"]""", match["expr"]) and not _LIST_ITEM.match(rest):
        return line  # wh[0]: an element, not a label (weights[0] = array(...): a list's item)
    if (
        re.search(r"\.\s*(\w+)\s*$", match["expr"])
        and match["expr"].rsplit(".", 1)[1].strip() in _ARRAY_ATTRIBUTES
    ):
        return line
    return match["lead"] + flat_name(match["expr"]) + line[match.end() :]


# A dict of arrays as Python prints it: {'W1': array([[...]]), 'b1': array([...])}
_DICT_KEY = re.compile(r"""(?:^|(?<=[{,]))\s*\{?\s*(['"])(\w+)\1:\s*(?=array\(|\[)""", re.MULTILINE)
_DICT_ITEM_END = re.compile(r"""(\]\s*\)|\])\s*,\s*(?=['"]\w+['"]:\s*(?:array\(|\[))""")


def dict_items_as_labels(text: str) -> str:
    """A printed dict of arrays written as one labelled array a line (``W1: array(...)``),
    so that each is read under its key; other text unchanged."""
    if "{" not in text or ":" not in text:
        return text
    text = _DICT_ITEM_END.sub(lambda m: m.group(1) + "\n", text)
    text = _DICT_KEY.sub(lambda m: f"\n{m.group(2)}: ", text)
    return re.sub(r"(\]\s*\)?)\s*\}[ \t]*$", r"\1", text, flags=re.MULTILINE)


def split_cells(text: str) -> list[Cell]:
    """Cells with their code lines and printed arrays, in the order of the text."""
    lines = [flatten_label(line) for line in dict_items_as_labels(text).splitlines()]
    splitter = _Splitter(any(HEADER.match(line) for line in lines))
    for line in lines:
        splitter.feed(line)
    return splitter.finish()


def _statements(line: str) -> list[str]:
    """``a = 1; b = 2`` -> its statements (``;`` outside brackets and quotes). A trailing
    ``;`` (which stops Jupyter's echo) stays, as a statement of its own."""
    parts, depth, quote, start = [], 0, None, 0
    for i, char in enumerate(line):
        if quote:
            quote = None if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char in "([{":
            depth += 1
        elif char in ")]}":
            depth -= 1
        elif char == ";" and depth == 0:
            parts.append(line[start:i])
            start = i + 1
    parts = [part.strip() for part in [*parts, line[start:]] if part.strip()]
    return parts + [";"] if start and not line[start:].strip() else parts


def logical_lines(code: list[str]) -> list[str]:
    """Code statements without comments, bracketed continuations joined, ``;`` split."""
    lines, pending, depth = [], "", 0
    for line in code:
        line = line.split("#", 1)[0].rstrip()
        pending = f"{pending} {line.strip()}" if pending else line.strip()
        depth += bracket_balance(line)
        if depth <= 0 and pending:
            lines += _statements(pending)
            pending, depth = "", 0
    return lines + _statements(pending)
