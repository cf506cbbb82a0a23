"""More correct steps in styles the checker must read: a Jupyter notebook echoing a class's
attributes (biases started at zero and printed only after the update), numbers printed
with 4 decimals, tanh with E = sum(e^2) and free-text labels."""

import numpy as np

from .judge import Run, sigmoid
from .nets_correct import X as _X

X = _X[::-1].copy()


class _Net:
    def __init__(self, rng):
        self.W1, self.b1 = rng.normal(size=(8, 3)), np.zeros((1, 3))
        self.W2, self.b2 = rng.normal(size=(3, 8)), np.zeros((1, 8))


def jupyter_echoes():
    """In [n]: nn.W1 / Out[n]: array(...): zero biases, shown only after the update."""
    nn, lr = _Net(np.random.default_rng(41)), 0.5
    start = {"W1": nn.W1.copy(), "b1": nn.b1[0].copy(), "W2": nn.W2.copy(), "b2": nn.b2[0].copy()}
    run = Run(X, start, lr)
    cells = [("nn.W1", nn.W1.copy()), ("nn.W2", nn.W2.copy())]
    x = X[None]
    h = sigmoid(x @ nn.W1 + nn.b1)
    o = sigmoid(h @ nn.W2 + nn.b2)
    err = o - x
    do = err * o * (1 - o)
    dh = do @ nn.W2.T * h * (1 - h)
    cells += [("h", h), ("o", o), ("do", do), ("dh", dh)]
    nn.W2 -= lr * h.T @ do
    nn.b2 -= lr * do.sum(axis=0, keepdims=True)
    nn.W1 -= lr * x.T @ dh
    nn.b1 -= lr * dh.sum(axis=0, keepdims=True)
    cells += [("nn.W2", nn.W2), ("nn.b2", nn.b2), ("nn.W1", nn.W1), ("nn.b1", nn.b1)]
    print(f"In [1]:\nimport numpy as np\nlr = {lr}\nx = np.array([{X.astype(int).tolist()}])\n")
    for number, (code, value) in enumerate(cells, 2):
        print(f"In [{number}]:\n{code}\n\nOut[{number}]:\n{value!r}\n")
    run.printed = {
        "hidden_a": h,
        "output_a": o,
        "output_delta": do,
        "hidden_delta": dh,
        "after.W2": nn.W2,
        "after.b2": nn.b2[0],
        "after.W1": nn.W1,
        "after.b1": nn.b1[0],
    }
    return run


def four_decimals():
    """np.set_printoptions(precision=4, suppress=True): every number to 4 decimals."""
    rng = np.random.default_rng(42)
    lr = 1.0
    W1, b1 = rng.normal(size=(8, 3)), rng.normal(size=3)
    W2, b2 = rng.normal(size=(3, 8)), rng.normal(size=8)
    run = Run(X, {"W1": W1.copy(), "b1": b1.copy(), "W2": W2.copy(), "b2": b2.copy()}, lr)
    with np.printoptions(precision=4, suppress=True):
        for name, value in (("W1", W1), ("b1", b1), ("W2", W2), ("b2", b2), ("x", X)):
            print(name, value)
        a1 = sigmoid(X @ W1 + b1)
        a2 = sigmoid(a1 @ W2 + b2)
        d2 = (X - a2) * a2 * (1 - a2)
        d1 = d2 @ W2.T * a1 * (1 - a1)
        for name, value in (("a1", a1), ("a2", a2), ("d2", d2), ("d1", d1)):
            print(name, value)
        W2 += lr * np.outer(a1, d2)
        b2 += lr * d2
        W1 += lr * np.outer(X, d1)
        b1 += lr * d1
        for name, value in (("W2", W2), ("b2", b2), ("W1", W1), ("b1", b1)):
            print(name, value)
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


def tanh_free_labels():
    """tanh units, E = sum((y - t)^2), labels in words ("Weights input->hidden:")."""
    rng = np.random.default_rng(43)
    lr = 0.05
    W1, b1 = rng.normal(size=(8, 3)) * 0.5, rng.normal(size=3) * 0.1
    W2, b2 = rng.normal(size=(3, 8)) * 0.5, rng.normal(size=8) * 0.1
    start = {"W1": W1.copy(), "b1": b1.copy(), "W2": W2.copy(), "b2": b2.copy()}
    run = Run(X, start, lr, act=np.tanh, output_loss=lambda a, t: np.sum((a - t) ** 2))
    print("Weights input->hidden:\n", W1)
    print("Bias hidden:", b1)
    print("Weights hidden->output:\n", W2)
    print("Bias output:", b2)
    print("Input:", X)
    h = np.tanh(X @ W1 + b1)
    y = np.tanh(h @ W2 + b2)
    print("Hidden:", h)
    print("Output:", y)
    g = 2 * (y - X) * (1 - y**2)
    gh = g @ W2.T * (1 - h**2)
    print("Output gradient:", g)
    print("Hidden gradient:", gh)
    W2 -= lr * np.outer(h, g)
    b2 -= lr * g
    W1 -= lr * np.outer(X, gh)
    b1 -= lr * gh
    print("Weights hidden->output:\n", W2)
    print("Bias output:", b2)
    print("Weights input->hidden:\n", W1)
    print("Bias hidden:", b1)
    run.printed = {
        "hidden_a": h,
        "output_a": y,
        "output_delta": g,
        "hidden_delta": gh,
        "after.W2": W2,
        "after.b2": b2,
        "after.W1": W1,
        "after.b1": b1,
    }
    return run


def batch_mean():
    """All 8 one-hot patterns at once (Mitchell's set), the updates averaged over the
    batch (1/m), e = y - t with W -= lr dW."""
    rng = np.random.default_rng(44)
    lr, patterns = 2.0, np.eye(8)
    m = len(patterns)
    W1, b1 = rng.normal(size=(8, 3)), rng.uniform(size=3)
    W2, b2 = rng.normal(size=(3, 8)), rng.uniform(size=8)
    start = {"W1": W1.copy(), "b1": b1.copy(), "W2": W2.copy(), "b2": b2.copy()}
    run = Run(patterns, start, lr, output_loss=lambda a, t: 0.5 * np.sum((a - t) ** 2) / len(a))
    print(f"lr = {lr}")
    print("X =", patterns, "W1 =", W1, "b1 =", b1, "W2 =", W2, "b2 =", b2, sep="\n")
    H = sigmoid(patterns @ W1 + b1)
    Y = sigmoid(H @ W2 + b2)
    dY = (Y - patterns) * Y * (1 - Y)
    dH = dY @ W2.T * H * (1 - H)
    print("H =", H, "Y =", Y, "dY =", dY, "dH =", dH, sep="\n")
    W2 -= lr * H.T @ dY / m
    b2 -= lr * dY.mean(axis=0)
    W1 -= lr * patterns.T @ dH / m
    b1 -= lr * dH.mean(axis=0)
    print("W2 =", W2, "b2 =", b2, "W1 =", W1, "b1 =", b1, sep="\n")
    run.printed = {
        "hidden_a": H,
        "output_a": Y,
        "output_delta": dY,
        "hidden_delta": dH,
        "after.W2": W2,
        "after.b2": b2,
        "after.W1": W1,
        "after.b1": b1,
    }
    return run


def _rounded_prints(slope_at_activation: bool):
    """The parameters printed whole, the activations rounded to 3 decimals and the deltas
    to 4 (np.round for the reader's sake), the step taken with the full values."""
    rng = np.random.default_rng(101)
    lr = 0.5
    W1, b1 = rng.normal(size=(8, 3)), rng.normal(size=3)
    W2, b2 = rng.normal(size=(3, 8)), rng.normal(size=8)
    run = Run(X, {"W1": W1.copy(), "b1": b1.copy(), "W2": W2.copy(), "b2": b2.copy()}, lr)
    print(f"W1 = {W1}\nb1 = {b1}\nW2 = {W2}\nb2 = {b2}\nx = {X}")
    h = sigmoid(X @ W1 + b1)
    y = sigmoid(h @ W2 + b2)
    slope = sigmoid(y) * (1 - sigmoid(y)) if slope_at_activation else y * (1 - y)
    d2 = (X - y) * slope
    d1 = d2 @ W2.T * h * (1 - h)
    print("h =", np.round(h, 3))
    print("y =", np.round(y, 3))
    print("d2 =", np.round(d2, 4))
    print("d1 =", np.round(d1, 4))
    W2 += lr * np.outer(h, d2)
    b2 += lr * d2
    W1 += lr * np.outer(X, d1)
    b1 += lr * d1
    print(f"W2 = {W2}\nb2 = {b2}\nW1 = {W1}\nb1 = {b1}")
    run.printed = {
        "hidden_a": h,
        "output_a": y,
        "output_delta": d2,
        "hidden_delta": d1,
        "after.W2": W2,
        "after.b2": b2,
        "after.W1": W1,
        "after.b1": b1,
    }
    return run


def rounded_prints():
    """Some arrays rounded when printed (np.round(h, 3)), the rest printed whole."""
    return _rounded_prints(slope_at_activation=False)


def rounded_prints_slope_at_activation():
    """The same, with f' taken at the output activations: still found."""
    return _rounded_prints(slope_at_activation=True)


def float32_step():
    """Everything in float32 (dtype=float32 in every repr): about 7 significant digits."""
    rng = np.random.default_rng(102)
    lr = np.float32(0.5)
    W1, b1 = rng.normal(size=(8, 3)).astype(np.float32), rng.normal(size=3).astype(np.float32)
    W2, b2 = rng.normal(size=(3, 8)).astype(np.float32), rng.normal(size=8).astype(np.float32)
    x = X.astype(np.float32)
    start = {
        "W1": W1.astype(float),
        "b1": b1.astype(float),
        "W2": W2.astype(float),
        "b2": b2.astype(float),
    }
    run = Run(X, start, float(lr))
    print("lr = 0.5")
    for name, value in (("W1", W1), ("b1", b1), ("W2", W2), ("b2", b2), ("x", x)):
        print(f"{name} = {value!r}")
    h = sigmoid(x @ W1 + b1)
    y = sigmoid(h @ W2 + b2)
    d2 = (x - y) * y * (1 - y)
    d1 = d2 @ W2.T * h * (1 - h)
    for name, value in (("a1", h), ("a2", y), ("delta2", d2), ("delta1", d1)):
        print(f"{name} = {value!r}")
    W2, b2 = W2 + lr * np.outer(h, d2), b2 + lr * d2
    W1, b1 = W1 + lr * np.outer(x, d1), b1 + lr * d1
    for name, value in (("W2", W2), ("b2", b2), ("W1", W1), ("b1", b1)):
        print(f"{name} = {value!r}")
    run.printed = {
        "hidden_a": h,
        "output_a": y,
        "output_delta": d2,
        "hidden_delta": d1,
        "after.W2": W2,
        "after.b2": b2,
        "after.W1": W1,
        "after.b1": b1,
    }
    return run
