"""Correct steps under other conventions and notations: Ng/Welch's z2 a2 (hidden) z3 yHat
(output), zero-indexed W0 b0 W1 b1 with E = sum(e^2), cross-entropy, a mean over the
outputs, L2 weight decay, and a bias folded into the weights as a constant-1 input."""

import numpy as np

from .judge import Run, sigmoid
from .nets_correct import X


def ng_welch():
    """Welch Labs' Neural_Network: no biases, z2/a2 hidden, z3/yHat output, J = 1/2 sum,
    delta3 = -(y - yHat) f'(z3), dJdW = a^T delta, W -= lr dJdW."""
    rng = np.random.default_rng(21)
    lr = 2.0
    W1, W2 = rng.standard_normal((8, 3)), rng.standard_normal((3, 8))
    run = Run(X, {"W1": W1.copy(), "b1": np.zeros(3), "W2": W2.copy(), "b2": np.zeros(8)}, lr)
    run.biases = False

    def sigmoidPrime(z):
        return np.exp(-z) / ((1 + np.exp(-z)) ** 2)

    y = X[None, :]
    print("W1", W1)
    print("W2", W2)
    z2 = np.dot(y, W1)
    a2 = sigmoid(z2)
    z3 = np.dot(a2, W2)
    yHat = sigmoid(z3)
    print("z2", z2)
    print("a2", a2)
    print("z3", z3)
    print("yHat", yHat)
    delta3 = np.multiply(-(y - yHat), sigmoidPrime(z3))
    dJdW2 = np.dot(a2.T, delta3)
    delta2 = np.dot(delta3, W2.T) * sigmoidPrime(z2)
    dJdW1 = np.dot(y.T, delta2)
    print("delta3", delta3)
    print("delta2", delta2)
    W1 = W1 - lr * dJdW1
    W2 = W2 - lr * dJdW2
    print("W1", W1)
    print("W2", W2)
    run.printed = {
        "hidden_z": z2,
        "hidden_a": a2,
        "output_z": z3,
        "output_a": yHat,
        "output_delta": delta3,
        "hidden_delta": delta2,
        "after.W1": W1,
        "after.W2": W2,
    }
    return run


def zero_indexed_sum_squared():
    """net['W0'] ... net['b1'] (W0 input->hidden), a_0 hidden, a_1 output, E = sum(e^2):
    its gradient is 2e, so the step is twice as long as with 1/2 sum(e^2)."""
    rng = np.random.default_rng(22)
    lr = 0.1
    net = {
        "W0": rng.normal(size=(8, 3)),
        "b0": rng.normal(size=3) * 0.1,
        "W1": rng.normal(size=(3, 8)),
        "b1": rng.normal(size=8) * 0.1,
    }
    start = {
        "W1": net["W0"].copy(),
        "b1": net["b0"].copy(),
        "W2": net["W1"].copy(),
        "b2": net["b1"].copy(),
    }
    run = Run(X, start, lr, output_loss=lambda a, t: np.sum((t - a) ** 2))
    for key, value in net.items():
        print(f"net['{key}'] = {value!r}")
    a_0 = sigmoid(X @ net["W0"] + net["b0"])
    a_1 = sigmoid(a_0 @ net["W1"] + net["b1"])
    print("a_0 =", repr(a_0))
    print("a_1 =", repr(a_1))
    grad_a1 = 2 * (a_1 - X)
    d_1 = grad_a1 * a_1 * (1 - a_1)
    d_0 = (d_1 @ net["W1"].T) * a_0 * (1 - a_0)
    print("d_1 =", repr(d_1))
    print("d_0 =", repr(d_0))
    net["W1"] -= lr * np.outer(a_0, d_1)
    net["b1"] -= lr * d_1
    net["W0"] -= lr * np.outer(X, d_0)
    net["b0"] -= lr * d_0
    for key in ("W1", "b1", "W0", "b0"):
        print(f"net['{key}'] = {net[key]!r}")
    run.printed = {
        "hidden_a": a_0,
        "output_a": a_1,
        "output_delta": d_1,
        "hidden_delta": d_0,
        "after.W2": net["W1"],
        "after.b2": net["b1"],
        "after.W1": net["W0"],
        "after.b1": net["b0"],
    }
    return run


def cross_entropy():
    """Cross-entropy with sigmoid outputs: delta_o = a - t exactly; params[i]['weights']."""
    rng = np.random.default_rng(23)
    lr = 0.25
    params = [
        {"weights": rng.normal(size=(8, 3)), "bias": np.zeros(3)},
        {"weights": rng.normal(size=(3, 8)), "bias": np.zeros(8)},
    ]

    def ce(a, t):
        return -np.sum(t * np.log(a) + (1 - t) * np.log(1 - a))

    start = {
        "W1": params[0]["weights"].copy(),
        "b1": np.zeros(3),
        "W2": params[1]["weights"].copy(),
        "b2": np.zeros(8),
    }
    run = Run(X, start, lr, output_loss=ce)
    for i, layer in enumerate(params):
        print(f"params[{i}]['weights'] = {layer['weights']}")
        print(f"params[{i}]['bias'] = {layer['bias']}")
    h = sigmoid(X @ params[0]["weights"] + params[0]["bias"])
    out = sigmoid(h @ params[1]["weights"] + params[1]["bias"])
    print("loss =", ce(out, X))
    print("h =", h)
    print("out =", out)
    delta_o = out - X
    delta_h = (delta_o @ params[1]["weights"].T) * h * (1 - h)
    print("delta_o =", delta_o)
    print("delta_h =", delta_h)
    params[1]["weights"] -= lr * np.outer(h, delta_o)
    params[1]["bias"] -= lr * delta_o
    params[0]["weights"] -= lr * np.outer(X, delta_h)
    params[0]["bias"] -= lr * delta_h
    for i in (1, 0):
        print(f"params[{i}]['weights'] = {params[i]['weights']}")
        print(f"params[{i}]['bias'] = {params[i]['bias']}")
    run.printed = {
        "hidden_a": h,
        "output_a": out,
        "output_delta": delta_o,
        "hidden_delta": delta_h,
        "after.W2": params[1]["weights"],
        "after.b2": params[1]["bias"],
        "after.W1": params[0]["weights"],
        "after.b1": params[0]["bias"],
    }
    return run


def mean_over_outputs():
    """E = np.mean((a - t)**2): the mean over the 8 outputs; its gradient is 2e/8."""
    rng = np.random.default_rng(24)
    lr = 4.0
    W1, b1 = rng.normal(size=(8, 3)), rng.uniform(size=3)
    W2, b2 = rng.normal(size=(3, 8)), rng.uniform(size=8)
    start = {"W1": W1.copy(), "b1": b1.copy(), "W2": W2.copy(), "b2": b2.copy()}
    run = Run(X, start, lr, output_loss=lambda a, t: np.mean((a - t) ** 2))
    print("W1", W1, "b1", b1, "W2", W2, "b2", b2, "x", X, sep="\n")
    h = sigmoid(X @ W1 + b1)
    y = sigmoid(h @ W2 + b2)
    dy = 2 * (y - X) / y.size
    dz2 = dy * y * (1 - y)
    dz1 = dz2 @ W2.T * h * (1 - h)
    print("h", h, "y", y, "dz2", dz2, "dz1", dz1, sep="\n")
    W2 -= lr * np.outer(h, dz2)
    b2 -= lr * dz2
    W1 -= lr * np.outer(X, dz1)
    b1 -= lr * dz1
    print("W2", W2, "b2", b2, "W1", W1, "b1", b1, sep="\n")
    run.printed = {
        "hidden_a": h,
        "output_a": y,
        "output_delta": dz2,
        "hidden_delta": dz1,
        "after.W2": W2,
        "after.b2": b2,
        "after.W1": W1,
        "after.b1": b1,
    }
    return run


def weight_decay():
    """L2 weight decay on the weights (not the biases): W += lr (a^T d - lam W)."""
    rng = np.random.default_rng(25)
    lr, lam = 0.5, 0.01
    W1, b1 = rng.normal(size=(8, 3)), rng.uniform(size=3)
    W2, b2 = rng.normal(size=(3, 8)), rng.uniform(size=8)
    start = {"W1": W1.copy(), "b1": b1.copy(), "W2": W2.copy(), "b2": b2.copy()}
    run = Run(X, start, lr, decay=lam)
    print(f"W1 = {W1}\nb1 = {b1}\nW2 = {W2}\nb2 = {b2}\nx = {X}")
    a1 = sigmoid(X @ W1 + b1)
    a2 = sigmoid(a1 @ W2 + b2)
    d2 = (X - a2) * a2 * (1 - a2)
    d1 = (d2 @ W2.T) * a1 * (1 - a1)
    print(f"a1 = {a1}\na2 = {a2}\nd2 = {d2}\nd1 = {d1}")
    W2 += lr * (np.outer(a1, d2) - lam * W2)
    b2 += lr * d2
    W1 += lr * (np.outer(X, d1) - lam * W1)
    b1 += lr * d1
    print(f"W2 = {W2}\nb2 = {b2}\nW1 = {W1}\nb1 = {b1}")
    run.printed = {
        "hidden_a": a1,
        "output_a": a2,
        "output_delta": d2,
        "hidden_delta": d1,
        "after.W2": W2,
        "after.b2": b2,
        "after.W1": W1,
        "after.b1": b1,
    }
    return run


def folded_bias():
    """The bias folded into the weights: a constant 1 appended to the input and to the
    hidden layer (W1 9x3, W2 4x8), as Ng's Theta matrices hold it."""
    rng = np.random.default_rng(26)
    lr = 0.7
    theta1, theta2 = rng.normal(size=(9, 3)) * 0.5, rng.normal(size=(4, 8)) * 0.5
    start = {
        "W1": theta1[:8].copy(),
        "b1": theta1[8].copy(),
        "W2": theta2[:3].copy(),
        "b2": theta2[3].copy(),
    }
    run = Run(X, start, lr)
    print("theta1:", theta1, sep="\n")
    print("theta2:", theta2, sep="\n")
    x1 = np.append(X, 1.0)
    print("x1:", x1)
    hidden = sigmoid(x1 @ theta1)
    h1 = np.append(hidden, 1.0)
    out = sigmoid(h1 @ theta2)
    print("hidden:", hidden)
    print("out:", out)
    d_out = (X - out) * out * (1 - out)
    d_hidden = (d_out @ theta2[:3].T) * hidden * (1 - hidden)
    print("d_out:", d_out)
    print("d_hidden:", d_hidden)
    theta2 += lr * np.outer(h1, d_out)
    theta1 += lr * np.outer(x1, d_hidden)
    print("theta2:", theta2, sep="\n")
    print("theta1:", theta1, sep="\n")
    run.printed = {
        "hidden_a": hidden,
        "output_a": out,
        "output_delta": d_out,
        "hidden_delta": d_hidden,
        "after.W2": theta2[:3],
        "after.b2": theta2[3],
        "after.W1": theta1[:8],
        "after.b1": theta1[8],
    }
    return run
