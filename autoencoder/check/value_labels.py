"""Label a printout's arrays by their shape, order and value, where their names do not say.

The starting parameters are the first arrays of their shapes (8x3 W1, 3 b1, 3x8 W2, 8 b2;
the first 8 bits are the input). From them every phase's arrays are computed by the rule
and by each catalogued mistake (:mod:`autoencoder.check.mistakes`), phase by phase on the
student's own arrays of the earlier phases, as the checker judges them; each array left is
labelled by what it matches: exactly (the rule's before a mistake's, the first printed
first), else nearly (most of its numbers, or all to 1 %), the nearest. An updated parameter
is looked for only among the arrays printed after everything its update uses. A learning
rate the text does not state is inferred from an updated parameter: its change divided by
the rule's step, rounded to the fewest digits that reproduce it. What is still unlabelled
is compared with the starting values and a few intermediates (``x W1``, ``d_o W2^T``).
Pure numpy; nothing here raises on odd numbers (they just match nothing).
"""

from dataclasses import dataclass

import numpy as np

from autoencoder.check.conventions import factors_for
from autoencoder.check.mistakes import mistakes_for
from autoencoder.check.name_families import is_gradient_name
from autoencoder.check.phase_arrays import (
    REFERENCE,
    STUDENT_KEYS,
    SUPPORTING,
    PhaseInputs,
    again_tolerance,
    array_tolerance,
    carried_forward,
    tolerance,
)
from autoencoder.core.class_notebook import NOTEBOOK_LR
from autoencoder.core.model import SHAPES
from autoencoder.core.phases import PHASE_ARRAYS, PHASE_NAMES, UPDATES, update_direction
from autoencoder.io.notebook_text import Sighting

NEAR_FRACTION = 0.01  # "nearly": every number within 1 % of the array's size ...
DEFAULT_LR = NOTEBOOK_LR  # where neither the text nor the numbers say
RULE = "the rule"  # the candidate that is the rule's own value
SCALED = ("error", "output_delta", "hidden_delta")  # where a convention may scale the rule's
# Which start values and which phases' arrays an update uses (its boundary).
USES = {
    "update_output": ("input", *SHAPES, *PHASE_NAMES[:6], "slope_out"),
    "update_hidden": ("input", *SHAPES, *PHASE_NAMES[:7], "slope_out", "slope_hidden"),
}


@dataclass
class Label:
    """What one array the names left was taken for (``key`` None: not used)."""

    item: Sighting
    key: str | None = None  # the check input's key: "W1", "hidden_z", "after.W2", ...
    by: str | None = None  # "shape", "value", "nearly", "name" (a later printing)
    matches: str | None = None  # what it matches, in words

    @property
    def array_name(self) -> str:
        return self.item.name or f"array {self.item.seq + 1}"

    def as_dict(self) -> dict:
        shape = list(self.item.array.shape)
        return {"array": self.array_name, "cell": self.item.cell, "shape": shape}


def flat(array) -> np.ndarray:
    return np.squeeze(np.asarray(array, dtype=float))


def is_bits(array) -> bool:
    return bool(np.isin(array, (0.0, 1.0)).all())


def same_values(a, b, tol) -> bool:
    a, b = flat(a), flat(b)
    return a.shape == b.shape and bool(np.all(np.abs(a - b) <= tol))


def _nearness(a, b, tol) -> float | None:
    """How near ``a`` is to ``b`` (smaller is nearer), or None if not nearly equal: at
    least half its numbers (and two) exact, or every number within 1 % of b's size."""
    a, b = flat(a), flat(b)
    if a.shape != b.shape or a.size < 2:
        return None
    diff = np.abs(a - b)
    size = float(np.max(np.abs(b)))
    if np.all(diff <= NEAR_FRACTION * size + tol) or np.sum(diff <= tol) * 2 >= a.size:
        return float(np.max(diff)) / max(size, tol)
    return None


def unlabelled(labels, after=-1):
    return [label for label in labels if label.key is None and label.item.seq > after]


def by_shape(values: dict, labels: list[Label], biases: bool = True) -> None:
    """The starting W1 b1 W2 b2 (and the input) the names did not give: the first array of
    each shape (bias rows may be 1xn; the first 8 bits are the input, not b2, unless all
    are 0: biases start at zero in many courses; a batch's input is (P, 8) bits). Without
    ``biases``, only the weights and the input."""
    wanted = [(k, s) for k, s in SHAPES.items() if k not in values]
    wanted = [(k, s) for k, s in wanted if biases or k.startswith("W")]
    wanted += [("input", (8,))] if "input" not in values else []
    for key, shape in wanted:
        for label in unlabelled(labels):
            array = flat(label.item.array)
            if key == "input" and _batch_input(array):
                shape = array.shape
            # the input is 8 bits (not all 0: that is a bias set to zeros), a bias is not
            if array.shape == shape and (key == "input") == (is_bits(array) and array.any()):
                what = "8 bits" if key == "input" else "x".join(map(str, shape))
                label.key, label.by, label.matches = key, "shape", f"the first {what}"
                values[key] = array
                break


def _batch_input(array) -> bool:
    """A batch of patterns, (P, 8) bits, P > 1 (e.g. np.eye(8), Mitchell's set)."""
    return array.ndim == 2 and array.shape[1] == 8 and array.shape[0] > 1 and is_bits(array)


def _pool(labels: list[Label], boundary: int, name: str) -> list[Label]:
    """The arrays left that may be ``name``'s: those printed after ``boundary``; for an
    array other than a parameter, not one printed under a parameter's name (a parameter's
    name printed again is that parameter)."""
    pool = unlabelled(labels, boundary)
    if name in SHAPES:
        return pool
    params = {label.item.name for label in labels if label.key in SHAPES} - {None}
    return [
        label for label in pool if label.item.hint not in SHAPES and label.item.name not in params
    ]


def _student(values: dict, key: str):
    if key.startswith("after."):
        return values.get("after", {}).get(key.removeprefix("after."))
    return values.get(key)


def _place(values, labels, seqs, key) -> int:
    """Where the array taken as ``key`` was printed (-1: not printed)."""
    places = [seqs[key]] if key in seqs else []
    places += [label.item.seq for label in labels if label.key == key]
    return max(places, default=-1)


def _pick(pool, candidates, tol):
    """(label, by, matches) for the best of ``pool`` against ``candidates`` [(what, array)],
    the rule's first; None if none matches even nearly."""
    rule, mistakes = candidates[0], candidates[1:]
    for what, value in [rule, *mistakes]:
        if what != rule[0] and same_values(value, rule[1], tol):
            continue  # a mistake that changes nothing here
        for label in pool:
            if same_values(label.item.array, value, array_tolerance(label.item.array, tol)):
                return label, "value", what
    near = []
    for what, value in candidates:
        for label in pool:
            nearness = _nearness(label.item.array, value, tol)
            if nearness is not None:
                near.append((nearness, label.item.seq, label, what))
    if near:
        _, _, label, what = min(near, key=lambda n: n[:2])
        return label, "nearly", what
    return None


def _said(name: str, by: str, what: str) -> str:
    if by in ("name", "shape"):
        return what
    if what.startswith(RULE):  # the rule's, or the rule's times a convention's factor
        said = f"the rule's {name}{what.removeprefix(RULE)}"
    else:
        said = f"{name} with the mistake {what}"
    return f"nearly {said}" if by == "nearly" else said


def _infer_lr(phase, c: PhaseInputs, arrays) -> tuple[float, str] | None:
    """The learning rate that makes one of ``arrays`` [(name, array)] the update of
    ``phase``'s weights (or bias) from ``c``, uphill or down; the fewest digits that
    reproduce it."""
    W_key, b_key, source_key, delta_key = UPDATES[phase]
    source, delta = getattr(c, source_key), getattr(c, delta_key)
    for key, step in zip((W_key, b_key), update_direction(source, delta), strict=True):
        start, denominator = getattr(c, key), float(np.sum(step * step))
        if not np.isfinite(denominator) or denominator < 1e-24:
            continue
        for name, array in arrays:
            if flat(array).shape != step.shape:
                continue
            change = flat(array) - start
            estimate = float(np.sum(change * step)) / denominator
            if not np.isfinite(estimate) or estimate == 0:
                continue
            sign = np.sign(estimate)
            for digits in range(1, 9):
                c.lr = float(f"{abs(estimate):.{digits}g}")
                tol = array_tolerance(array, tolerance(phase, c))  # printed rounded: its own
                if np.all(np.abs(change - sign * c.lr * step) <= tol):
                    said = f"the change in {key} ({name}) over the rule's step"
                    if np.ndim(c.x) == 2:  # a batch: the step is summed over its patterns
                        said += (
                            f" summed over the {len(c.x)} patterns (with the mean over the "
                            f"batch, 1/m, that is lr {c.lr * len(c.x):g})"
                        )
                    return c.lr, said
    return None


def _after_arrays(values, labels, phase, boundary):
    """The printed arrays that may be ``phase``'s updated parameters, as (name, array)."""
    names = PHASE_ARRAYS[phase]
    given = [(f"after.{n}", values["after"][n]) for n in names if n in values.get("after", {})]
    printed = [(label.array_name, label.item.array) for label in unlabelled(labels, boundary)]
    return given + printed


def _boundary(values, labels, seqs, phase) -> int:
    """Where the last array an update uses was printed (-1 for the other phases)."""
    if phase not in USES:
        return -1
    return max(_place(values, labels, seqs, key) for key in USES[phase])


def by_value(values: dict, labels: list[Label], seqs: dict, c: PhaseInputs):
    """Label the arrays left phase by phase; ``c`` holds the start (``c.lr`` None if the
    text does not state it). Puts each labelled array into ``values``; returns what was
    inferred, ``[{"setting", "value", "from"}]``, and the arrays after hidden_z (named or
    not) that match the rule or a known mistake exactly, as (name, whether the rule's): how
    well ``c.act`` fits."""
    inferred, lr_known, fitting = [], c.lr is not None, []
    for phase in PHASE_NAMES:
        boundary = _boundary(values, labels, seqs, phase)
        if phase in USES and not lr_known:
            for update in list(USES)[list(USES).index(phase) :]:  # this update, then the next
                after = _boundary(values, labels, seqs, update)
                arrays = _after_arrays(values, labels, update, after)
                found = _infer_lr(update, c, arrays)
                if found:
                    lr_known = True
                    inferred.append({"setting": "lr", "value": found[0], "from": found[1]})
                    values["lr"] = found[0]
                    break
        c.lr = c.lr if lr_known else DEFAULT_LR
        reference = REFERENCE[phase](c)
        tried = [(m.name, m.compute(c)) for m in mistakes_for(phase)]
        tol = tolerance(phase, c)
        for name in PHASE_ARRAYS[phase] + SUPPORTING.get(phase, ()):
            key = f"after.{name}" if name in SHAPES else name
            candidates = [(RULE, reference[name])]
            candidates += [(m, v[name]) for m, v in tried if v and name in v]
            if name in SCALED:  # a course's sign or scale convention (check/conventions.py)
                factors = factors_for(c.x)[1:]
                candidates += [(f"{w} x{k:g}", k * v) for w, v in candidates for k in factors]
            given = _student(values, key)
            if given is not None:
                own_tol = array_tolerance(given, tol)
                fits = [what for what, v in candidates if same_values(given, v, own_tol)]
                if phase != "hidden_z" and fits:
                    fitting.append((key, fits[0].startswith(RULE)))
                continue
            if name in SHAPES and not values.get("biases", True) and name.startswith("b"):
                continue  # a net without biases has no updated bias
            pool = _pool(labels, boundary, name)
            # printed again, after its update, under the name its start was taken from
            same = {label.item.name for label in labels if label.key == name} - {None}
            hinted = [label for label in pool if label.item.hint == name or label.item.name in same]
            if hinted and name in SHAPES:  # printed under its name again, after its update
                picked = hinted[0], "name", "its name printed again, after the update"
            else:
                picked = _pick(pool, candidates, tol)
            if not picked and name in SHAPES:
                picked = _updated_by_shape(pool, values, name)
            if picked:
                label, label.by, what = picked
                label.key, label.matches = key, _said(name, label.by, what)
                if label.by == "value" and phase != "hidden_z":
                    fitting.append((label.array_name, what.startswith(RULE)))
                if name in SHAPES:
                    values.setdefault("after", {})[name] = label.item.array
                else:
                    values[name] = label.item.array
        if phase in STUDENT_KEYS:
            setattr(c, phase, carried_forward(values.get(phase), reference[phase], tol))
    return inferred, fitting


def _updated_by_shape(pool, values, name):
    """An updated parameter that matches nothing, taken by its shape and place: the first
    array of its shape printed after everything its update uses that is not a value
    already taken printed again (so it is judged, a mismatch, not left unrecognised)."""
    shape = np.shape(values[name])
    taken = [v for k, v in values.items() if isinstance(v, np.ndarray)]
    taken += list(values.get("after", {}).values())
    for label in pool:
        if is_gradient_name(label.item.name):
            continue  # dW2, grad_W2: a gradient, not the updated W2 (left to be what it is)
        array = flat(label.item.array)
        tol = again_tolerance(array)
        if array.shape == flat(values[name]).shape and not any(
            same_values(array, v, tol) for v in taken
        ):
            said = f"the first {'x'.join(map(str, shape))} printed after its update's inputs"
            return label, "shape", said
    return None
