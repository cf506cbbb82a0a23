"""More bugs, each in another convention or layout, so that no convention hides a bug:
deltas twice the gradient of a printed E = 1/2 sum(e^2), a forgotten bias update with (out,
in) weights and e = a - t, Ng's notation carrying the deltas back through W1, f' kept with
a printed cross-entropy, tanh's slope taken at the activation."""

import numpy as np

from .judge import Run, sigmoid

X = np.array([1, 1, 0, 0, 0, 1, 0, 1.0])


def _start(seed):
    rng = np.random.default_rng(seed)
    return (
        rng.normal(size=(8, 3)),
        rng.normal(size=3) * 0.3,
        rng.normal(size=(3, 8)),
        rng.normal(size=8) * 0.3,
    )


def double_delta_stated_half():
    W1, b1, W2, b2 = _start(61)
    lr = 0.2
    run = Run(X, dict(W1=W1.copy(), b1=b1.copy(), W2=W2.copy(), b2=b2.copy()), lr)
    print(f"W1 = {W1}\nb1 = {b1}\nW2 = {W2}\nb2 = {b2}\nx = {X}")
    h = sigmoid(X @ W1 + b1)
    y = sigmoid(h @ W2 + b2)
    E = 0.5 * np.sum((X - y) ** 2)
    d2 = 2 * (X - y) * y * (1 - y)
    d1 = d2 @ W2.T * h * (1 - h)
    print(f"h = {h}\ny = {y}\nE = {E}\nd2 = {d2}\nd1 = {d1}")
    W2 += lr * np.outer(h, d2)
    b2 += lr * d2
    W1 += lr * np.outer(X, d1)
    b1 += lr * d1
    print(f"W2 = {W2}\nb2 = {b2}\nW1 = {W1}\nb1 = {b1}")
    run.printed = dict(
        hidden_a=h,
        output_a=y,
        output_delta=d2,
        hidden_delta=d1,
        **{"after.W2": W2, "after.b2": b2, "after.W1": W1, "after.b1": b1},
    )
    return run


def out_in_bias_forgotten():
    W1, b1, W2, b2 = _start(62)
    lr = 0.5
    A, a, B, b = W1.T.copy(), b1[:, None].copy(), W2.T.copy(), b2[:, None].copy()
    run = Run(X, dict(W1=W1.copy(), b1=b1.copy(), W2=W2.copy(), b2=b2.copy()), lr)
    print("w_ih:\n", A)
    print("b_h:\n", a)
    print("w_ho:\n", B)
    print("b_o:\n", b)
    x = X[:, None]
    h = sigmoid(A @ x + a)
    o = sigmoid(B @ h + b)
    err = o - x
    do = err * o * (1 - o)
    dh = (B.T @ do) * h * (1 - h)
    print("hidden_outputs:\n", h)
    print("final_outputs:\n", o)
    print("output_errors:\n", err)
    B -= lr * do @ h.T
    b -= lr * do
    A -= lr * dh @ x.T
    print("w_ho:\n", B)
    print("b_o:\n", b)
    print("w_ih:\n", A)
    print("b_h:\n", a)
    run.printed = {
        "hidden_a": h[:, 0],
        "output_a": o[:, 0],
        "error": err[:, 0],
        "after.W2": B.T,
        "after.b2": b[:, 0],
        "after.W1": A.T,
        "after.b1": a[:, 0],
    }
    return run


def ng_w1_for_w2():
    rng = np.random.default_rng(63)
    lr = 1.0
    W1, W2 = rng.standard_normal((8, 3)), rng.standard_normal((3, 8))
    run = Run(X, dict(W1=W1.copy(), b1=np.zeros(3), W2=W2.copy(), b2=np.zeros(8)), lr, biases=False)
    y = X[None]
    print("W1", W1)
    print("W2", W2)
    z2 = y @ W1
    a2 = sigmoid(z2)
    z3 = a2 @ W2
    yHat = sigmoid(z3)
    print("z2", z2)
    print("a2", a2)
    print("z3", z3)
    print("yHat", yHat)
    delta3 = -(y - yHat) * yHat * (1 - yHat)
    delta2 = (delta3 @ W1) * a2 * (1 - a2)
    print("delta3", delta3)
    print("delta2", delta2)
    W1 = W1 - lr * y.T @ delta2
    W2 = W2 - lr * a2.T @ delta3
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


def ce_extra_slope():
    return _ce_extra_slope("loss = {}")


def ce_extra_slope_bce_loss_colon():
    """print("bce loss:", loss) and print("lr", lr): the loss under a label of two words."""
    return _ce_extra_slope("bce loss: {}", lr_line=True)


def ce_extra_slope_loss_space():
    """print("loss", loss): the loss after its name and a space."""
    return _ce_extra_slope("loss {}")


def _ce_extra_slope(loss_line: str, lr_line: bool = False):
    """Cross-entropy printed as its value, with the sigmoid's slope kept in d_o."""
    W1, b1, W2, b2 = _start(64)
    lr = 0.3
    run = Run(
        X,
        dict(W1=W1.copy(), b1=b1.copy(), W2=W2.copy(), b2=b2.copy()),
        lr,
        output_loss=lambda a, t: -np.sum(t * np.log(a) + (1 - t) * np.log(1 - a)),
    )
    print(f"W1 = {W1}\nb1 = {b1}\nW2 = {W2}\nb2 = {b2}\nx = {X}")
    h = sigmoid(X @ W1 + b1)
    y = sigmoid(h @ W2 + b2)
    loss = -np.sum(X * np.log(y) + (1 - X) * np.log(1 - y))
    d2 = (y - X) * y * (1 - y)
    d1 = d2 @ W2.T * h * (1 - h)
    if lr_line:
        print("lr", lr)
    print(f"h = {h}\ny = {y}\n" + loss_line.format(loss) + f"\nd2 = {d2}\nd1 = {d1}")
    W2 -= lr * np.outer(h, d2)
    b2 -= lr * d2
    W1 -= lr * np.outer(X, d1)
    b1 -= lr * d1
    print(f"W2 = {W2}\nb2 = {b2}\nW1 = {W1}\nb1 = {b1}")
    run.printed = dict(
        hidden_a=h,
        output_a=y,
        output_delta=d2,
        hidden_delta=d1,
        **{"after.W2": W2, "after.b2": b2, "after.W1": W1, "after.b1": b1},
    )
    return run


def tanh_slope_at_activation():
    W1, b1, W2, b2 = _start(65)
    lr = 0.1
    W1 *= 0.4
    W2 *= 0.4
    run = Run(X, dict(W1=W1.copy(), b1=b1.copy(), W2=W2.copy(), b2=b2.copy()), lr, act=np.tanh)
    print(f"W1 = {W1}\nb1 = {b1}\nW2 = {W2}\nb2 = {b2}\nx = {X}")

    def dtanh(u):
        return 1 - np.tanh(u) ** 2

    h = np.tanh(X @ W1 + b1)
    y = np.tanh(h @ W2 + b2)
    d2 = (X - y) * dtanh(y)
    d1 = d2 @ W2.T * dtanh(h)
    print(f"h = {h}\ny = {y}\nd2 = {d2}\nd1 = {d1}")
    W2 += lr * np.outer(h, d2)
    b2 += lr * d2
    W1 += lr * np.outer(X, d1)
    b1 += lr * d1
    print(f"W2 = {W2}\nb2 = {b2}\nW1 = {W1}\nb1 = {b1}")
    run.printed = dict(
        hidden_a=h,
        output_a=y,
        output_delta=d2,
        hidden_delta=d1,
        **{"after.W2": W2, "after.b2": b2, "after.W1": W1, "after.b1": b1},
    )
    return run
