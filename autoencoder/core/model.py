"""The 8-3-8 network's parameters, their initialisation, and the training sets.

Shapes (rows index the source layer, as in the class notebook):
``W1`` (8, 3) input->hidden, ``b1`` (3,), ``W2`` (3, 8) hidden->output, ``b2`` (8,).
"""

from dataclasses import dataclass

import numpy as np

N_IN, N_HIDDEN, N_OUT = 8, 3, 8
SHAPES = {"W1": (N_IN, N_HIDDEN), "b1": (N_HIDDEN,), "W2": (N_HIDDEN, N_OUT), "b2": (N_OUT,)}
PARAM_NAMES = tuple(SHAPES)
N_PARAMS = sum(int(np.prod(s)) for s in SHAPES.values())  # 59
MAX_ABS = 1e6  # parameters beyond this are not a sane network


@dataclass(frozen=True, eq=False)
class Params:
    """The 59 parameters. Treat as immutable: every update makes a new Params."""

    W1: np.ndarray
    b1: np.ndarray
    W2: np.ndarray
    b2: np.ndarray

    def as_dict(self) -> dict[str, np.ndarray]:
        return {name: getattr(self, name) for name in PARAM_NAMES}

    def copy(self) -> "Params":
        return Params(**{k: np.array(v, dtype=float) for k, v in self.as_dict().items()})

    def flat(self) -> np.ndarray:
        """All 59 numbers in the order W1, b1, W2, b2 (row-major)."""
        return np.concatenate([v.ravel() for v in self.as_dict().values()])

    @classmethod
    def from_flat(cls, flat: np.ndarray) -> "Params":
        flat = np.asarray(flat, dtype=float)
        parts, start = {}, 0
        for name, shape in SHAPES.items():
            size = int(np.prod(shape))
            parts[name] = flat[start : start + size].reshape(shape).copy()
            start += size
        return cls(**parts)

    def allclose(self, other: "Params", **kw) -> bool:
        return bool(np.allclose(self.flat(), other.flat(), **kw))


def init_params(seed: int) -> Params:
    """A fresh network drawn as the notebook draws it, from ``default_rng(seed)``.

    Order of draws as in the notebook: hidden bias U(0,1), output bias U(0,1), then
    W1 and W2 ~ N(0,1) * sqrt(2/8).
    """
    rng = np.random.default_rng(seed)
    b1 = rng.uniform(size=N_HIDDEN)
    b2 = rng.uniform(size=N_OUT)
    scale = np.sqrt(2.0 / 8)
    W1 = rng.standard_normal((N_IN, N_HIDDEN)) * scale
    W2 = rng.standard_normal((N_HIDDEN, N_OUT)) * scale
    return Params(W1=W1, b1=b1, W2=W2, b2=b2)


def zeros_like_params() -> Params:
    return Params(**{name: np.zeros(shape) for name, shape in SHAPES.items()})


# --- training sets -------------------------------------------------------------------

ONE_HOT = np.eye(N_IN)
NOTEBOOK_PATTERN = np.array([1, 1, 0, 1, 1, 1, 0, 1], dtype=float)


def parse_bits(text: str) -> np.ndarray:
    """'11011101' -> array of 8 floats; ValueError naming what is wrong."""
    text = str(text).strip()
    if len(text) != N_IN or any(c not in "01" for c in text):
        raise ValueError(f"expected {N_IN} bits of 0 and 1, got {text!r}")
    return np.array([float(c) for c in text])


def bits_to_str(x: np.ndarray) -> str:
    return "".join("1" if v > 0.5 else "0" for v in np.asarray(x).ravel())


def patterns_for(name: str) -> np.ndarray:
    """Training set by name: 'onehot', 'notebook', or comma-separated bit strings. (P, 8)."""
    if name == "onehot":
        return ONE_HOT.copy()
    if name == "notebook":
        return NOTEBOOK_PATTERN[None, :].copy()
    rows = [parse_bits(part) for part in str(name).split(",") if part.strip()]
    if not rows:
        raise ValueError("expected 'onehot', 'notebook' or a list of 8-bit patterns")
    return np.array(rows)
