"""Bugs in the harder layouts, so that no layout hides a bug: f' at the activation with
(out, in) weights and column vectors, Ng's Theta with the bias column never updated, a
batch carrying its deltas back through W1."""

import numpy as np

from .judge import Run, sigmoid

X = np.array([0, 1, 0, 1, 1, 0, 0, 1.0])


def out_in_slope_at_a():
    rng = np.random.default_rng(91)
    lr = 0.7
    A, a, B, b = (
        rng.normal(size=(3, 8)),
        rng.normal(size=(3, 1)),
        rng.normal(size=(8, 3)),
        rng.normal(size=(8, 1)),
    )
    run = Run(X, dict(W1=A.T.copy(), b1=a[:, 0].copy(), W2=B.T.copy(), b2=b[:, 0].copy()), lr)
    print("self.W1:\n", A)
    print("self.b1:\n", a)
    print("self.W2:\n", B)
    print("self.b2:\n", b)
    x = X[:, None]
    h = sigmoid(A @ x + a)
    o = sigmoid(B @ h + b)

    def sp(u):
        return sigmoid(u) * (1 - sigmoid(u))

    do = (o - x) * sp(o)
    dh = (B.T @ do) * sp(h)
    print("o:\n", o)
    print("do:\n", do)
    print("dh:\n", dh)
    B -= lr * do @ h.T
    b -= lr * do
    A -= lr * dh @ x.T
    a -= lr * dh
    print("self.W2:\n", B)
    print("self.b2:\n", b)
    print("self.W1:\n", A)
    print("self.b1:\n", a)
    run.printed = {
        "output_a": o[:, 0],
        "output_delta": do[:, 0],
        "hidden_delta": dh[:, 0],
        "after.W2": B.T,
        "after.b2": b[:, 0],
        "after.W1": A.T,
        "after.b1": a[:, 0],
    }
    return run


def theta_bias_not_updated():
    rng = np.random.default_rng(92)
    lr = 0.5
    T1, T2 = rng.uniform(-1, 1, (3, 9)), rng.uniform(-1, 1, (8, 4))
    run = Run(
        X,
        dict(W1=T1[:, 1:].T.copy(), b1=T1[:, 0].copy(), W2=T2[:, 1:].T.copy(), b2=T2[:, 0].copy()),
        lr,
    )
    print("Theta1 =", T1)
    print("Theta2 =", T2)
    a1 = np.r_[1, X]
    z2 = T1 @ a1
    a2 = np.r_[1, sigmoid(z2)]
    a3 = sigmoid(T2 @ a2)
    print("a2 =", a2)
    print("a3 =", a3)
    d3 = (a3 - X) * a3 * (1 - a3)
    d2 = (T2[:, 1:].T @ d3) * a2[1:] * (1 - a2[1:])
    print("d3 =", d3)
    print("d2 =", d2)
    T2[:, 1:] -= lr * np.outer(d3, a2[1:])
    T1[:, 1:] -= lr * np.outer(d2, a1[1:])
    print("Theta1 =", T1)
    print("Theta2 =", T2)
    run.printed = {
        "hidden_a": a2[1:],
        "output_a": a3,
        "output_delta": d3,
        "hidden_delta": d2,
        "after.W2": T2[:, 1:].T,
        "after.b2": T2[:, 0],
        "after.W1": T1[:, 1:].T,
        "after.b1": T1[:, 0],
    }
    return run


def batch_w1_for_w2():
    rng = np.random.default_rng(93)
    lr = 0.5
    P = np.eye(8)
    W1, b1, W2, b2 = rng.normal(size=(8, 3)), np.zeros(3), rng.normal(size=(3, 8)), np.zeros(8)
    run = Run(P, dict(W1=W1.copy(), b1=b1.copy(), W2=W2.copy(), b2=b2.copy()), lr)
    print("lr =", lr)
    print("X =", P)
    print("W1 =", W1)
    print("W2 =", W2)
    H = sigmoid(P @ W1 + b1)
    Y = sigmoid(H @ W2 + b2)
    dY = (P - Y) * Y * (1 - Y)
    dH = (dY @ W1) * H * (1 - H)
    print("H =", H)
    print("Y =", Y)
    print("dY =", dY)
    print("dH =", dH)
    W2 += lr * H.T @ dY
    b2 += lr * dY.sum(0)
    W1 += lr * P.T @ dH
    b1 += lr * dH.sum(0)
    print("W2 =", W2)
    print("b2 =", b2)
    print("W1 =", W1)
    print("b1 =", b1)
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
