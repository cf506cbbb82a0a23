"""Steps printed with np.set_printoptions(precision=3): every number to 3 decimals, as a
newcomer's test printouts were. A hidden delta 4 times the rule's must not pass as
rounding (the tolerance is half the last decimal, carried through the phase's own
inputs, not a blanket bound)."""

import numpy as np

from .judge import Run, sigmoid

X = np.array([[0, 0, 0, 1, 1, 1, 0, 1]])


def _three_decimals(slope_at_activation: bool):
    """z_h/a_h/z_o/a_o names, e = t - a, W += eta a^T delta; with the bug the hidden slope
    is sigmoid_prime(a_h) (the slope of the activation's own value)."""
    rng = np.random.RandomState(12)
    W1, b1 = rng.randn(8, 3), rng.randn(1, 3)
    W2, b2 = rng.randn(3, 8), rng.randn(1, 8)
    eta = 0.2
    run = Run(X[0], {"W1": W1.copy(), "b1": b1[0].copy(), "W2": W2.copy(), "b2": b2[0].copy()}, eta)

    def sigmoid_prime(u):
        return sigmoid(u) * (1 - sigmoid(u))

    with np.printoptions(precision=3):
        print("x", X)
        for name, value in (("W_ih", W1), ("b_h", b1), ("W_ho", W2), ("b_o", b2)):
            print(name, value)
        print("eta", eta)
        z_h = X @ W1 + b1
        a_h = sigmoid(z_h)
        z_o = a_h @ W2 + b2
        a_o = sigmoid(z_o)
        e = X - a_o
        delta_o = e * sigmoid_prime(z_o)
        delta_h = delta_o @ W2.T * sigmoid_prime(a_h if slope_at_activation else z_h)
        W2 += eta * a_h.T @ delta_o
        b2 += eta * delta_o
        W1 += eta * X.T @ delta_h
        b1 += eta * delta_h
        for name, value in (("z_h", z_h), ("a_h", a_h), ("z_o", z_o), ("a_o", a_o), ("e", e)):
            print(name, value)
        for name, value in (("delta_o", delta_o), ("delta_h", delta_h)):
            print(name, value)
        for name, value in (("W_ho", W2), ("b_o", b2), ("W_ih", W1), ("b_h", b1)):
            print(name, value)
    run.printed = {
        "hidden_z": z_h[0],
        "hidden_a": a_h[0],
        "output_z": z_o[0],
        "output_a": a_o[0],
        "error": e[0],
        "output_delta": delta_o[0],
        "hidden_delta": delta_h[0],
        "after.W2": W2,
        "after.b2": b2[0],
        "after.W1": W1,
        "after.b1": b1[0],
    }
    return run


def three_decimals():
    """Every number to 3 decimals, the exact rule: correct."""
    return _three_decimals(slope_at_activation=False)


def three_decimals_hidden_slope_at_activation():
    """The same with the hidden slope taken at a_h: its delta is 0.040 for the rule's
    0.010, far outside half the last decimal."""
    return _three_decimals(slope_at_activation=True)
