"""The weights file of docs/design.md: {"W1": 8x3, "b1": 3, "W2": 3x8, "b2": 8}, finite numbers.

Reading validates and names what is wrong; extra keys (settings, history) are allowed.
"""

import json
import math

import numpy as np

from autoencoder.core.model import MAX_ABS, SHAPES, Params
from autoencoder.io.numbers import short
from autoencoder.io.text_limits import read_text_file

MAX_FILE_BYTES = 2_000_000


class WeightsError(ValueError):
    """A weights file or object that cannot be used; the message says why."""


def params_to_dict(params: Params) -> dict:
    return {name: value.tolist() for name, value in params.as_dict().items()}


def dumps(params: Params, **extra) -> str:
    return json.dumps({**params_to_dict(params), **extra}, indent=1)


def _array(name: str, value, shape) -> np.ndarray:
    def bad(why):
        return WeightsError(f"{name}: {why}")

    if len(shape) == 1:
        rows = [value]
        if not isinstance(value, list) or len(value) != shape[0]:
            raise bad(f"expected a list of {shape[0]} numbers")
    else:
        if not isinstance(value, list) or len(value) != shape[0]:
            raise bad(f"expected {shape[0]} rows of {shape[1]} numbers")
        rows = value
        for i, row in enumerate(rows):
            if not isinstance(row, list) or len(row) != shape[1]:
                raise bad(f"row {i} should be a list of {shape[1]} numbers")
    for row in rows:
        for v in row:
            if isinstance(v, bool) or not isinstance(v, (int, float)):
                raise bad(f"{v!r} is not a number")
            if isinstance(v, float) and not math.isfinite(v):
                raise bad(f"{v!r} is not a finite number")
            if abs(v) > MAX_ABS:  # also catches integers too large for a float
                raise bad(f"{str(v)[:20]} is larger than {short(MAX_ABS)} in size")
    return np.array(value, dtype=float).reshape(shape)


def params_from_dict(obj) -> Params:
    """Validate a decoded JSON object and build Params; WeightsError naming the fault."""
    if not isinstance(obj, dict):
        raise WeightsError("expected a JSON object with keys W1, b1, W2, b2")
    missing = [name for name in SHAPES if name not in obj]
    if missing:
        raise WeightsError(f"missing key(s): {', '.join(missing)}")
    return Params(**{name: _array(name, obj[name], shape) for name, shape in SHAPES.items()})


def loads(text) -> tuple[Params, dict]:
    """Parse weights JSON text (or bytes); returns (params, the whole decoded object)."""
    if isinstance(text, bytes):
        if len(text) > MAX_FILE_BYTES:
            raise WeightsError(f"file is larger than {MAX_FILE_BYTES // 1000} kB")
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError:
            raise WeightsError("file is not UTF-8 text") from None
    if len(text) > MAX_FILE_BYTES:
        raise WeightsError(f"file is larger than {MAX_FILE_BYTES // 1000} kB")
    try:
        obj = json.loads(text, parse_constant=_reject_constant)
    except WeightsError:
        raise
    except (ValueError, RecursionError) as exc:
        raise WeightsError(f"not valid JSON ({str(exc).splitlines()[0][:80]})") from None
    return params_from_dict(obj), obj


def _reject_constant(name):
    raise WeightsError(f"{name} is not a finite number")


def load(path) -> tuple[Params, dict]:
    """Read a weights file; WeightsError (never OSError) naming what is wrong."""
    return loads(read_text_file(path, MAX_FILE_BYTES, WeightsError))
