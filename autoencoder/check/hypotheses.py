"""The layouts a printout's starting parameters may be in, tried before giving up.

A printout that does not name its parameters is read under each hypothesis that its arrays
allow, and the one under which most arrays are the rule's is taken (and said):

- biases: the first 3 and 8 numbers are b1 and b2; or the net has none (three in eight
  real nets; with the shifted sigmoid that is a constant 1 fed into every sum); or they
  start at zero, not printed (np.zeros, as many courses start them);
- weights as printed (8x3 input->hidden, rows are the inputs); or stored (out, in), a row
  per unit they feed: every unnamed 3x8 or 8x3 array is read transposed;
- a bias folded into the weights as a constant-1 input: 9x3 (or 3x9) and 4x8 (or 8x4)
  weights are split into W and b (the constant's row last, or first as Ng's Theta has it),
  and the 9 and 4 numbers of the inputs with their 1 lose it.

Pure numpy, on copies: each hypothesis gets its own values and labels.
"""

from dataclasses import dataclass, replace

import numpy as np

from autoencoder.check.value_labels import Label, by_shape, flat

WEIGHT_SHAPES = ((3, 8), (8, 3))
FOLDED = {(9, 3): ("W1", "b1"), (4, 8): ("W2", "b2")}  # a weight matrix with its bias row


@dataclass(frozen=True)
class Hypothesis:
    biases: bool = True
    transposed: bool = False
    folded: str | None = None  # where a folded bias's constant 1 is: "last" or "first"
    zero_biases: bool = False  # biases that start at 0 and are not printed before the step

    def said(self) -> list[dict]:
        """What this hypothesis assumes, as the report's ``inferred`` entries."""
        out = []
        if self.folded:
            out.append(
                {
                    "setting": "biases",
                    "value": "folded into the weights",
                    "from": f"9x3 and 4x8 weights: a constant 1 put {self.folded} in the "
                    f"input and the hidden layer; their {self.folded} rows are read as b1, b2",
                }
            )
        elif self.zero_biases:
            out.append(
                {
                    "setting": "biases",
                    "value": "start at 0",
                    "from": "not printed before the step; the arrays are the rule's with "
                    "b1 = b2 = 0 at the start",
                }
            )
        elif not self.biases:
            out.append(
                {
                    "setting": "biases",
                    "value": "none",
                    "from": "the arrays are the rule's for a net without biases (b1 = b2 = 0, "
                    "not updated)",
                }
            )
        if self.transposed:
            out.append(
                {
                    "setting": "layout",
                    "value": "(out, in)",
                    "from": "the weights are printed a row per unit they feed (3x8 for W1): "
                    "read transposed",
                }
            )
        return out


def hypotheses(values: dict, labels: list[Label]) -> list[Hypothesis]:
    """The hypotheses the arrays allow, the plainest first."""
    shapes = {np.shape(label.item.array) for label in labels if label.key is None}
    shapes |= {np.shape(values[k]) for k in ("W1", "W2") if k in values}
    folds = ("last", "first") if any(_folded_shape(s) for s in shapes) else ()
    folded = [Hypothesis(folded=where) for where in folds]
    named_biases = "b1" in values or "b2" in values
    biases = (True,) if named_biases else (True, False)
    layouts = (False, True) if shapes & set(WEIGHT_SHAPES) else (False,)
    plain = [Hypothesis(b, t) for t in layouts for b in biases]
    zeros = [] if named_biases else [Hypothesis(True, t, zero_biases=True) for t in layouts]
    return plain + zeros + folded


def _folded_shape(shape) -> tuple | None:
    """(rows, cols) of a folded weight matrix in either orientation, or None."""
    if shape in FOLDED:
        return shape
    if tuple(shape[::-1]) in FOLDED:
        return tuple(shape[::-1])
    return None


def apply(hyp: Hypothesis, values: dict, labels: list[Label]) -> tuple[dict, list[Label]]:
    """Copies of ``values`` and ``labels`` read under ``hyp``, the starting parameters
    taken by shape where the names did not give them."""
    values = {**values, "after": dict(values.get("after", {}))}
    labels = [replace(label, item=replace(label.item)) for label in labels]
    if hyp.transposed:
        for label in labels:
            if label.key is None and np.shape(label.item.array) in WEIGHT_SHAPES:
                label.item.array = label.item.array.T
    if hyp.folded:
        labels = _unfold(values, labels, hyp.folded == "first")
    by_shape(values, labels, biases=hyp.biases and not hyp.zero_biases)
    if hyp.zero_biases:
        values["b1"], values["b2"] = np.zeros(3), np.zeros(8)
    if not hyp.biases:
        values["b1"], values["b2"], values["biases"] = np.zeros(3), np.zeros(8), False
    return values, labels


def _unfold(values: dict, labels: list[Label], first: bool) -> list[Label]:
    """Folded weights split into W and b; an input or hidden layer with its constant 1
    (appended, or put ``first``) loses it."""
    for key in ("W1", "W2"):
        for where in (values, values["after"]):
            if key in where and _folded_shape(np.shape(where[key])):
                W, b = _split(flat(where[key]), first)
                where[key], where[f"b{key[1]}"] = W, b
    out = []
    for label in labels:
        array = flat(label.item.array)
        shape = _folded_shape(array.shape) if array.ndim == 2 else None
        if shape:
            W, b = _split(array, first)
            out.append(replace(label, item=replace(label.item, array=W)))
            out.append(replace(label, item=replace(label.item, array=b)))
        elif array.shape in ((9,), (4,)) and array[0 if first else -1] == 1.0:
            rest = array[1:] if first else array[:-1]
            out.append(replace(label, item=replace(label.item, array=rest)))
        else:
            out.append(label)
    return out


def _split(array: np.ndarray, first: bool) -> tuple[np.ndarray, np.ndarray]:
    """A folded (n + 1, m) weight matrix (or its transpose) as W (n, m) and b (m,), the
    bias's row ``first`` or last."""
    if tuple(array.shape) not in FOLDED:
        array = array.T
    return (array[1:], array[0]) if first else (array[:-1], array[-1])
