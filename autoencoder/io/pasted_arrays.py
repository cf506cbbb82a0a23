"""W1, b1, W2 and b2 pasted as one text, in whatever form a student's notebook printed them.

Read without evaluating anything (the arrays go through :mod:`autoencoder.io.textarrays`).
Accepted, tried in this order:

1. Labelled blocks: each array after its name, on the same line or the next ones::

       W1 = array([[...], ...])          hidden_weight
       b1: [0.1 0.2 0.3]                 [[-0.14 0.46 -0.20]
       print(output_weight)               [ 0.39 0.23 -0.30] ...]

   Names: ``W1 b1 W2 b2`` (any case) or the notebook's ``hidden_weight hidden_bias
   output_weight output_bias``.
2. Four bare arrays in any order: their shapes (8x3, 3, 3x8, 8; bias rows may be 1xn)
   say which is which.
3. The printed text of a whole notebook (``In [n]:`` cells, as the checker reads it): the
   starting values of the four parameters.

Every refusal is a :class:`WeightsError` (a ValueError) with a one-line message.
"""

import re

import numpy as np

from autoencoder.core.model import PARAM_NAMES, SHAPES, Params
from autoencoder.io.notebook_cells import top_level_arrays
from autoencoder.io.notebook_text import ALIASES, read_notebook_text
from autoencoder.io.state_file import params_from_pasted
from autoencoder.io.text_limits import MAX_PASTED_WEIGHTS_CHARS, refuse_longer
from autoencoder.io.textarrays import parse_array
from autoencoder.io.weights_file import WeightsError, params_from_dict

NAMES = PARAM_NAMES
# Labels, matched case-insensitively: W1 ... b2 and the class notebook's names for them.
LABELS = {name.lower(): name for name in NAMES}
LABELS.update({label: key for label, key in ALIASES.items() if key in NAMES})
_ALIAS = "|".join(sorted(LABELS, key=len, reverse=True))
# A label at the start of a line: NAME, print(NAME), NAME =, NAME:, optionally "Out[3]:".
_LABEL = re.compile(
    rf"^[ \t]*(?:Out\s*\[\s*\d*\s*\]\s*:\s*)?(?:print\s*\(\s*)?(?P<name>{_ALIAS})(?![\w.])"
    r"[ \t]*\)?[ \t]*(?:[=:](?!=)[ \t]*)?",
    re.IGNORECASE | re.MULTILINE,
)
_SHAPES = {(8, 3): "W1", (3,): "b1", (1, 3): "b1", (3, 8): "W2", (8,): "b2", (1, 8): "b2"}


def params_from_text(text: str) -> Params:
    """The four parameters in ``text`` (see the module docstring); WeightsError otherwise."""
    if not isinstance(text, str) or not text.strip():
        raise WeightsError("nothing pasted: paste W1, b1, W2 and b2")
    refuse_longer(text, MAX_PASTED_WEIGHTS_CHARS, WeightsError)
    try:
        return params_from_pasted(split_arrays(text))
    except WeightsError as first:
        if re.search(r"^\s*In\s*\[", text, re.MULTILINE) is None:
            raise
        found = _from_notebook(text)
        if found is None:
            raise first from None
        return found


def split_arrays(text: str) -> dict[str, str]:
    """{name: the printed text of that array} from labelled blocks or four bare arrays."""
    labels = list(_LABEL.finditer(text))
    if labels:
        return _labelled_blocks(text, labels)
    return _bare_arrays(text)


def _labelled_blocks(text: str, labels: list) -> dict[str, str]:
    before = text[: labels[0].start()].strip()
    if before:
        raise WeightsError(f"{_short(before)!r} before the first name (W1, b1, W2 or b2)")
    blocks = {}
    for label, following in zip(labels, [*labels[1:], None]):
        name = LABELS[label.group("name").lower()]
        if name in blocks:
            raise WeightsError(f"{name} is pasted twice")
        end = following.start() if following else len(text)
        blocks[name] = text[label.end() : end].strip()
    missing = [name for name in NAMES if name not in blocks]
    if missing:
        raise WeightsError(f"missing {', '.join(missing)}: paste each array after its name")
    return blocks


def _bare_arrays(text: str) -> dict[str, str]:
    """Four top-level arrays (``[...]`` or ``array(...)``), named by their shapes."""
    chunks = _top_level_chunks(text)
    if len(chunks) != 4:
        raise WeightsError(
            f"found {len(chunks)} unnamed array{'' if len(chunks) == 1 else 's'}: paste four "
            "(W1, b1, W2, b2), "
            "or write each name before its array"
        )
    named = {}
    for number, chunk in enumerate(chunks, start=1):
        try:
            shape = parse_array(chunk).shape
        except ValueError as exc:
            raise WeightsError(f"array {number}: {exc}") from None
        name = _SHAPES.get(shape)
        if name is None:
            got = "x".join(map(str, shape)) or "a single number"
            raise WeightsError(f"array {number} has shape {got}: not one of W1, b1, W2, b2")
        if name in named:
            raise WeightsError(f"arrays {named[name][0]} and {number} both have {name}'s shape")
        named[name] = (number, chunk)
    return {name: chunk for name, (_, chunk) in named.items()}


def _top_level_chunks(text: str) -> list[str]:
    """Split at depth 0 into array texts; anything else between them is refused."""
    chunks, other, open_ = top_level_arrays(text)
    if other is not None:
        raise WeightsError(f"unexpected {_short(text[other:])!r} outside the arrays")
    if open_:
        raise WeightsError("an array ends too early (missing ']'?)")
    return chunks


def _from_notebook(text: str) -> Params | None:
    """The starting W1 b1 W2 b2 in a whole notebook's printed text, or None."""
    try:
        values = read_notebook_text(text).values
    except ValueError:
        return None
    if not all(name in values for name in NAMES):
        return None
    arrays = {}
    for name, shape in SHAPES.items():
        array = np.asarray(values[name], dtype=float)
        if array.shape not in (shape, (1, *shape)):
            return None
        arrays[name] = array.reshape(shape).tolist()
    try:
        return params_from_dict(arrays)
    except WeightsError:
        return None


def _short(text: str) -> str:
    first = text.strip().splitlines()[0] if text.strip() else ""
    return first[:40]
