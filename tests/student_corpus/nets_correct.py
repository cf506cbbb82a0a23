"""Correct students' steps, each written and printed in a style real course code uses (our
own code, written for these tests). Each prints as its author would and returns the
:class:`~judge.Run` the referee judges it by."""

import numpy as np

from .judge import Run, sigmoid

X = np.array([1, 0, 1, 1, 0, 1, 0, 0], dtype=float)


def tutorial_style():
    """The numpy tutorial: wh bh wout bout, 1xn rows, e = y - output, += updates."""
    rng = np.random.default_rng(11)
    X_ = X[None, :]
    y = X_
    lr = 0.5
    wh, bh = rng.uniform(size=(8, 3)), rng.uniform(size=(1, 3))
    wout, bout = rng.uniform(size=(3, 8)), rng.uniform(size=(1, 8))
    run = Run(X, {"W1": wh.copy(), "b1": bh[0].copy(), "W2": wout.copy(), "b2": bout[0].copy()}, lr)
    print("wh", wh)
    print("bh", bh)
    print("wout", wout)
    print("bout", bout)
    hidden_layer_input = np.dot(X_, wh) + bh
    hiddenlayer_activations = sigmoid(hidden_layer_input)
    output = sigmoid(np.dot(hiddenlayer_activations, wout) + bout)
    print("hiddenlayer_activations", hiddenlayer_activations)
    print("output", output)
    E = y - output
    d_output = E * output * (1 - output)
    d_hiddenlayer = d_output.dot(wout.T) * hiddenlayer_activations * (1 - hiddenlayer_activations)
    print("d_output", d_output)
    print("d_hiddenlayer", d_hiddenlayer)
    wout += hiddenlayer_activations.T.dot(d_output) * lr
    bout += np.sum(d_output, axis=0, keepdims=True) * lr
    wh += X_.T.dot(d_hiddenlayer) * lr
    bh += np.sum(d_hiddenlayer, axis=0, keepdims=True) * lr
    print("wout", wout)
    print("bout", bout)
    print("wh", wh)
    print("bh", bh)
    run.printed = {
        "hidden_a": hiddenlayer_activations,
        "output_a": output,
        "output_delta": d_output,
        "hidden_delta": d_hiddenlayer,
        "after.W2": wout,
        "after.b2": bout[0],
        "after.W1": wh,
        "after.b1": bh[0],
    }
    return run


def descent_convention():
    """e = a - t, delta = dE/dz, W -= lr a^T delta: course notation W1 b1 z1 a1 z2 a2."""
    rng = np.random.default_rng(12)
    lr = 0.3
    W1, b1 = rng.normal(size=(8, 3)) * 0.5, np.zeros(3)
    W2, b2 = rng.normal(size=(3, 8)) * 0.5, np.zeros(8)
    run = Run(X, {"W1": W1.copy(), "b1": b1.copy(), "W2": W2.copy(), "b2": b2.copy()}, lr)
    print(f"lr = {lr}")
    print(f"x = {X}")
    for name, value in (("W1", W1), ("b1", b1), ("W2", W2), ("b2", b2)):
        print(f"{name} = {value}")
    z1 = X @ W1 + b1
    a1 = sigmoid(z1)
    z2 = a1 @ W2 + b2
    a2 = sigmoid(z2)
    e = a2 - X
    delta2 = e * a2 * (1 - a2)
    delta1 = (delta2 @ W2.T) * a1 * (1 - a1)
    W2 -= lr * np.outer(a1, delta2)
    b2 -= lr * delta2
    W1 -= lr * np.outer(X, delta1)
    b1 -= lr * delta1
    shown = {"z1": z1, "a1": a1, "z2": z2, "a2": a2, "e": e, "delta2": delta2, "delta1": delta1}
    for name, value in (*shown.items(), ("W2", W2), ("b2", b2), ("W1", W1), ("b1", b1)):
        print(f"{name} = {value}")
    run.printed = {
        "hidden_z": z1,
        "hidden_a": a1,
        "output_z": z2,
        "output_a": a2,
        "error": e,
        "output_delta": delta2,
        "hidden_delta": delta1,
        "after.W2": W2,
        "after.b2": b2,
        "after.W1": W1,
        "after.b1": b1,
    }
    return run


def no_biases():
    """No biases at all (three of eight real nets): W1 and W2 only."""
    rng = np.random.default_rng(13)
    lr = 1.0
    W1, W2 = rng.normal(size=(8, 3)), rng.normal(size=(3, 8))
    zero3, zero8 = np.zeros(3), np.zeros(8)
    run = Run(X, {"W1": W1.copy(), "b1": zero3, "W2": W2.copy(), "b2": zero8}, lr, biases=False)
    print("W1:\n", W1)
    print("W2:\n", W2)
    print("input:", X)
    hidden = sigmoid(X @ W1)
    output = sigmoid(hidden @ W2)
    print("hidden:", hidden)
    print("output:", output)
    error = X - output
    d_out = error * output * (1 - output)
    d_hid = d_out @ W2.T * hidden * (1 - hidden)
    print("error:", error)
    print("d_out:", d_out)
    print("d_hid:", d_hid)
    W2 += lr * np.outer(hidden, d_out)
    W1 += lr * np.outer(X, d_hid)
    print("W2 after:\n", W2)
    print("W1 after:\n", W1)
    run.printed = {
        "hidden_a": hidden,
        "output_a": output,
        "error": error,
        "output_delta": d_out,
        "hidden_delta": d_hid,
        "after.W2": W2,
        "after.W1": W1,
    }
    return run


def constant_one_input():
    """No biases, but a constant 1 fed into every unit's sum: the shifted sigmoid."""
    rng = np.random.default_rng(14)
    lr = 0.8

    def f(u):
        return 1 / (1 + np.exp(-(u + 1)))

    W_in, W_out = rng.normal(size=(8, 3)) * 0.7, rng.normal(size=(3, 8)) * 0.7
    zero3, zero8 = np.zeros(3), np.zeros(8)
    run = Run(X, {"W1": W_in.copy(), "b1": zero3, "W2": W_out.copy(), "b2": zero8}, lr, act=f)
    run.biases = False
    print(W_in)
    print(W_out)
    print(X)
    h = f(X @ W_in)
    o = f(h @ W_out)
    print(h)
    print(o)
    d_o = (X - o) * o * (1 - o)
    d_h = (d_o @ W_out.T) * h * (1 - h)
    print(d_o)
    print(d_h)
    W_out += lr * np.outer(h, d_o)
    W_in += lr * np.outer(X, d_h)
    print(W_out)
    print(W_in)
    run.printed = {
        "hidden_a": h,
        "output_a": o,
        "output_delta": d_o,
        "hidden_delta": d_h,
        "after.W2": W_out,
        "after.W1": W_in,
    }
    return run


class Net:
    """Weights stored (out, in), column vectors, as a from-scratch book writes them."""

    def __init__(self, rng):
        self.W1 = rng.normal(size=(3, 8)) * 0.5  # hidden x input
        self.b1 = rng.normal(size=(3, 1)) * 0.5
        self.W2 = rng.normal(size=(8, 3)) * 0.5  # output x hidden
        self.b2 = rng.normal(size=(8, 1)) * 0.5


def out_in_layout():
    """(out, in) weights, column vectors, labels written as ``self.W1:``."""
    net, lr = Net(np.random.default_rng(15)), 0.4
    run = Run(
        X,
        {
            "W1": net.W1.T.copy(),
            "b1": net.b1[:, 0].copy(),
            "W2": net.W2.T.copy(),
            "b2": net.b2[:, 0].copy(),
        },
        lr,
    )
    for name in ("W1", "b1", "W2", "b2"):
        print(f"self.{name}:\n{getattr(net, name)}")
    x = X[:, None]
    z1 = net.W1 @ x + net.b1
    a1 = sigmoid(z1)
    z2 = net.W2 @ a1 + net.b2
    a2 = sigmoid(z2)
    print(f"x:\n{x}\nz1:\n{z1}\na2:\n{a2}")
    delta2 = (a2 - x) * a2 * (1 - a2)
    delta1 = (net.W2.T @ delta2) * a1 * (1 - a1)
    net.W2 -= lr * delta2 @ a1.T
    net.b2 -= lr * delta2
    net.W1 -= lr * delta1 @ x.T
    net.b1 -= lr * delta1
    for name in ("W2", "b2", "W1", "b1"):
        print(f"self.{name}:\n{getattr(net, name)}")
    run.printed = {
        "hidden_z": z1[:, 0],
        "output_a": a2[:, 0],
        "after.W2": net.W2.T,
        "after.b2": net.b2[:, 0],
        "after.W1": net.W1.T,
        "after.b1": net.b1[:, 0],
    }
    return run
