"""Infer the input a printout does not state, from its forward arrays.

Every hypothesis (each of the 256 inputs, under each activation) runs the forward pass
from the starting parameters; it scores one point for each printed array that it
reproduces (a named forward array as itself, an unnamed array of 3 or 8 numbers as any
forward array of its size). The input is inferred when every best-scoring hypothesis agrees
on it and at least one array is reproduced; failing that (a slip in the forward pass), when
exactly one output + error pair adds up to 8 bits (the error is x - a_o). Vectorised: 768
forward passes, for any number of arrays (only the first MAX_ARRAYS are scored)."""

import itertools

import numpy as np

from autoencoder.check.phase_arrays import half_step
from autoencoder.core.activations import ACTIVATIONS
from autoencoder.core.model import Params, bits_to_str
from autoencoder.core.phases import PHASE_NAMES, advance_through, start_step

FORWARD = PHASE_NAMES[:5]  # hidden_z .. error
ALL_INPUTS = np.array(list(itertools.product((0.0, 1.0), repeat=8)))
MAX_ARRAYS = 200
RELATIVE_TOL = 1e-6  # printed arrays reproduce to ~1e-7 of their size; chance never does


def _forward(p: Params, X: np.ndarray, activation: str) -> dict[str, np.ndarray]:
    """Each forward array for every row of X, (H, n): the core's phases, all rows at once."""
    s = advance_through(start_step(p, X, activation=activation, mode="batch"), "error")
    return {phase: getattr(s, phase) for phase in FORWARD}


def _reproduces(rows: np.ndarray, array: np.ndarray) -> np.ndarray:
    """For each row: whether it is ``array``, to the printed precision."""
    tol = max(RELATIVE_TOL, 4 * half_step()) * max(1.0, float(np.max(np.abs(array))))
    return np.all(np.abs(rows - array) <= tol, axis=1)


def _scores(p: Params, arrays: list) -> tuple[np.ndarray, dict]:
    """Per (activation, input): how many of ``arrays`` [(key or None, name, array)] the
    forward pass reproduces; and which forward array each reproduces where it does."""
    scores, matched = [], {}
    for act in ACTIVATIONS:
        quantities = _forward(p, ALL_INPUTS, act)
        score = np.zeros(len(ALL_INPUTS), dtype=int)
        for key, name, array in arrays:
            hit = np.zeros(len(ALL_INPUTS), dtype=bool)
            for q in [key] if key else FORWARD:
                if quantities[q].shape[1] == array.size:
                    found = _reproduces(quantities[q], array)
                    matched.update({(act, int(i), name): q for i in np.flatnonzero(found)})
                    hit |= found
            score += hit
        scores.append(score)
    return np.array(scores), matched


def _from_error(arrays: list) -> tuple[np.ndarray, str] | None:
    """The input as output_a + error (x - a_o), where exactly one input comes out of the
    8-number arrays so: a named pair, or an unnamed output printed before an error."""
    eights = [(key, name, a) for key, name, a in arrays if a.size == 8]
    if len(eights) < 2:
        return None
    keys = [key for key, _, _ in eights]
    values = np.array([a for _, _, a in eights])
    totals = values[:, None, :] + values[None, :, :]  # [output, error]
    bits = np.round(totals)
    ok = np.all(np.isin(bits, (0.0, 1.0)) & (np.abs(totals - bits) <= 1e-6), axis=2)
    n = len(eights)
    out_ok = np.array([k in (None, "output_a") for k in keys])
    err_ok = np.array([k in (None, "error") for k in keys])
    unnamed = np.array([k is None for k in keys])
    later = np.arange(n)[None, :] > np.arange(n)[:, None]
    ok &= out_ok[:, None] & err_ok[None, :] & ~np.eye(n, dtype=bool)
    ok &= later | ~(unnamed[:, None] & unnamed[None, :])
    found = {bits_to_str(bits[i, j]): (i, j) for i, j in np.argwhere(ok)}
    if len(found) != 1:
        return None
    i, j = next(iter(found.values()))
    names = f"{eights[i][1]} + {eights[j][1]}"
    return bits[i, j], f"the only 8 bits that {names} (output + error) add up to"


def infer_input(p: Params, named: dict, unnamed: list) -> tuple[np.ndarray, str] | None:
    """``(x, how)``: the one input the arrays determine, or None. ``named``: forward arrays
    by key; ``unnamed``: [(its name in words, array)]. The forward pass from each of the
    256 inputs under each activation; failing that, output + error."""
    arrays = [(key, key, np.ravel(named[key])) for key in FORWARD if key in named]
    arrays += [(None, name, np.ravel(a)) for name, a in unnamed[:MAX_ARRAYS] if a.size in (3, 8)]
    if not arrays:
        return None
    with np.errstate(all="ignore"):
        scores, matched = _scores(p, arrays)
    best = int(scores.max())
    winners = np.argwhere(scores == best)
    if best > 0 and len(set(winners[:, 1])) == 1:
        act, row = list(ACTIVATIONS)[winners[0, 0]], winners[0, 1]
        names = [
            n if n == q else f"{n} as {q}"
            for (a, i, n), q in matched.items()
            if a == act and i == int(row)
        ]
        return ALL_INPUTS[row], "the only input that reproduces " + ", ".join(names)
    with np.errstate(all="ignore"):
        return _from_error(arrays)
