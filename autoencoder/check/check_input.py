"""What a check reads: the starting point and the arrays a student supplied, from a decoded
check JSON object (docs/design.md, "Checking a notebook"), validated with a message naming the
fault."""

from dataclasses import dataclass, field

import numpy as np

from autoencoder.check.phase_arrays import STUDENT_KEYS
from autoencoder.core.activations import get_activation
from autoencoder.core.losses import check_loss
from autoencoder.core.model import MAX_ABS, SHAPES, Params, parse_bits
from autoencoder.core.rules import DEFAULT_ACTIVATION, get_rule
from autoencoder.io.notebook_text import ALIASES
from autoencoder.io.textarrays import parse_array

MAX_ELEMENTS = 1000


@dataclass
class CheckInput:
    """What to check: the starting point and whichever arrays the student supplied.

    ``arrays`` holds phase arrays by phase name plus ``slope_out``/``slope_hidden``;
    ``after`` holds updated parameters by name (``W1 b1 W2 b2``). Any shape with the
    right numbers in it is accepted, e.g. the notebook's (1, 8) for an (8,) array.
    """

    start: Params
    x: np.ndarray  # (8,), or (P, 8): a batch of P patterns (every array gains a row each)
    lr: float
    activation: str = "sigmoid"
    rule: str = "exact"
    arrays: dict[str, np.ndarray] = field(default_factory=dict)
    after: dict[str, np.ndarray] = field(default_factory=dict)
    ignored: list[str] = field(default_factory=list)
    loss: str = "squared"  # or "cross-entropy" (sigmoid outputs): then d_o = e
    biases: bool = True  # False: a net without biases (b1, b2 zero and never updated)
    loss_stated: bool = False  # whether the input says which loss (else read off d_o)
    loss_value: float | None = None  # E as the student printed it (it says which loss)
    decimals: int | None = None  # printed with fewer decimals than numpy's 8 (None: 8)


def _numbers(name, value, depth=0):
    if depth > 4:
        raise ValueError(f"{name}: nested too deeply")
    if isinstance(value, list):
        for item in value:
            _numbers(name, item, depth + 1)
    elif isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"{name}: {str(value)[:20]!r} is not a number")


def to_array(name: str, value) -> np.ndarray:
    """A float array from JSON numbers/lists, a numpy array, or printed array text."""
    if isinstance(value, str):
        try:
            array = parse_array(value)
        except ValueError as exc:
            raise ValueError(f"{name}: {exc}") from None
    elif isinstance(value, np.ndarray):
        array = value.astype(float)
    else:
        _numbers(name, value)
        try:
            array = np.array(value, dtype=float)
        except ValueError:
            raise ValueError(f"{name}: the rows have different lengths") from None
    if array.size > MAX_ELEMENTS:
        raise ValueError(f"{name}: more than {MAX_ELEMENTS} numbers")
    if not np.isfinite(array).all():
        raise ValueError(f"{name}: not all numbers are finite")
    if array.size and np.abs(array).max() > MAX_ABS:
        raise ValueError(f"{name}: numbers beyond {MAX_ABS:g} in size are not a sane network")
    return array


def start_params(obj: dict) -> Params:
    """W1, b1, W2 and b2 of a check input (all there); ValueError naming the first that is
    not the right shape or not sane."""
    return Params(**{k: shaped(k, to_array(k, obj[k]), s) for k, s in SHAPES.items()})


def batch_or_one(name: str, array: np.ndarray) -> np.ndarray:
    """An input: one pattern (8,) (any shape with 8 numbers) or a batch (P, 8), P > 1."""
    if array.ndim == 2 and array.shape[1] == 8 and array.shape[0] > 1:
        return array
    if array.ndim == 2 and array.shape[0] == 8 and array.shape[1] > 1:  # X (8, m): columns
        raise ValueError(
            f"{name}: shape {array.shape}, a batch stored one pattern a column; the checker "
            f"reads one pattern a row: print X.T ({array.shape[1]}x8) and every array "
            "computed from it transposed (e.g. A1.T, dZ2.T), or one pattern's step"
        )
    return shaped(name, array, (8,))


def shaped(name: str, array: np.ndarray, shape) -> np.ndarray:
    if np.squeeze(array).shape != tuple(n for n in shape if n != 1):
        wanted = "x".join(map(str, shape))
        raise ValueError(f"{name}: expected {wanted} numbers, got shape {array.shape}")
    return array.reshape(shape)


def _canonical(obj: dict, where: str) -> dict:
    """Keys with the notebook's names replaced by the phase/parameter names."""
    out = {}
    for key, value in obj.items():
        name = ALIASES.get(key, key)
        if name in out:
            raise ValueError(f"{where}{name} is given twice (as {name} and as an alias)")
        out[name] = value
    return out


def read_check_dict(obj) -> CheckInput:
    """Validate a decoded check JSON object (docs/design.md); ValueError naming the fault."""
    if not isinstance(obj, dict):
        raise ValueError("expected a JSON object with W1, b1, W2, b2, input and lr")
    obj = _canonical(obj, "")
    missing = [k for k in (*SHAPES, "input", "lr") if k not in obj]
    if missing:
        raise ValueError(f"missing {', '.join(missing)} (the starting values are needed)")
    start = start_params(obj)
    if isinstance(obj["input"], str):
        x = parse_bits(obj["input"])
    else:
        x = batch_or_one("input", to_array("input", obj["input"]))
    lr = float(shaped("lr", to_array("lr", obj["lr"]), ()))
    rule = get_rule(obj.get("rule", "exact")).name
    activation = get_activation(obj.get("activation", DEFAULT_ACTIVATION[rule])).name
    arrays = {k: to_array(k, obj[k]) for k in STUDENT_KEYS if k in obj}
    after = obj.get("after", {})
    if not isinstance(after, dict):
        raise ValueError("after: expected an object with any of W1, b1, W2, b2")
    after = _canonical(after, "after.")
    ignored = [f"after.{k}" for k in after if k not in SHAPES]
    after = {k: to_array(f"after.{k}", v) for k, v in after.items() if k in SHAPES}
    known = {*SHAPES, *STUDENT_KEYS, "input", "lr", "rule", "activation", "after", "loss"}
    known |= {"loss_value", "biases", "decimals"}
    ignored += [k for k in obj if k not in known]
    loss = obj.get("loss", "squared")
    check_loss(loss, activation)
    value = obj.get("loss_value")
    value = (
        None if value is None else float(shaped("loss_value", to_array("loss_value", value), ()))
    )
    ci = CheckInput(start, x, lr, activation, rule, arrays, after, ignored, loss)
    ci.loss_stated, ci.loss_value = "loss" in obj, value
    ci.biases = obj.get("biases", True) is not False
    if obj.get("decimals") is not None:
        decimals = float(shaped("decimals", to_array("decimals", obj["decimals"]), ()))
        if decimals != int(decimals) or not 1 <= decimals <= 16:
            raise ValueError("decimals: expected a whole number from 1 to 16")
        ci.decimals = int(decimals)
    return ci
