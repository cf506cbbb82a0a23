"""More layouts real code prints: a dict of parameters printed whole, Ng's Theta matrices (out, in + 1) with the bias's 1 put
first, arrays printed as lists without a label, a class's attributes printed bare."""

import numpy as np

from .judge import Run, sigmoid

X = np.array([0, 0, 1, 1, 0, 1, 1, 0.0])


def ng_theta_bias_first():
    """Theta1 (3, 9), Theta2 (8, 4); a1 = [1, x], a2 = [1, g(z2)]; delta3 = a3 - y times
    g'(z3); Theta -= lr delta a^T."""
    rng = np.random.default_rng(51)
    lr = 0.5
    Theta1, Theta2 = rng.uniform(-0.5, 0.5, (3, 9)), rng.uniform(-0.5, 0.5, (8, 4))
    start = {
        "W1": Theta1[:, 1:].T.copy(),
        "b1": Theta1[:, 0].copy(),
        "W2": Theta2[:, 1:].T.copy(),
        "b2": Theta2[:, 0].copy(),
    }
    run = Run(X, start, lr)
    print("Theta1 =", Theta1)
    print("Theta2 =", Theta2)
    a1 = np.r_[1, X]
    z2 = Theta1 @ a1
    a2 = np.r_[1, sigmoid(z2)]
    z3 = Theta2 @ a2
    a3 = sigmoid(z3)
    for name, value in (("a1", a1), ("z2", z2), ("a2", a2), ("z3", z3), ("a3", a3)):
        print(name, "=", value)
    d3 = (a3 - X) * a3 * (1 - a3)
    d2 = (Theta2[:, 1:].T @ d3) * sigmoid(z2) * (1 - sigmoid(z2))
    print("delta3 =", d3)
    print("delta2 =", d2)
    Theta2 -= lr * np.outer(d3, a2)
    Theta1 -= lr * np.outer(d2, a1)
    print("Theta1 =", Theta1)
    print("Theta2 =", Theta2)
    run.printed = {
        "hidden_z": z2,
        "hidden_a": a2[1:],
        "output_z": z3,
        "output_a": a3,
        "output_delta": d3,
        "hidden_delta": d2,
        "after.W2": Theta2[:, 1:].T,
        "after.b2": Theta2[:, 0],
        "after.W1": Theta1[:, 1:].T,
        "after.b1": Theta1[:, 0],
    }
    return run


def bare_lists():
    """print(a.tolist()) of each array in the order computed: commas, no labels."""
    rng = np.random.default_rng(52)
    lr = 0.3
    W1, b1 = rng.normal(size=(8, 3)), rng.normal(size=3)
    W2, b2 = rng.normal(size=(3, 8)), rng.normal(size=8)
    run = Run(X, {"W1": W1.copy(), "b1": b1.copy(), "W2": W2.copy(), "b2": b2.copy()}, lr)
    for array in (W1, b1, W2, b2, X):
        print(array.tolist())
    h = sigmoid(X @ W1 + b1)
    y = sigmoid(h @ W2 + b2)
    d2 = (X - y) * y * (1 - y)
    d1 = d2 @ W2.T * h * (1 - h)
    for array in (h, y, d2, d1):
        print(array.tolist())
    W2 += lr * np.outer(h, d2)
    b2 += lr * d2
    W1 += lr * np.outer(X, d1)
    b1 += lr * d1
    for array in (W2, b2, W1, b1):
        print(array.tolist())
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


class _Layers:
    pass


def class_attributes_bare():
    """A class keeping z1 a1 z2 a2 as attributes, print(nn.a1) without labels, 1xn rows,
    dz = dE/dz and W -= lr dW."""
    rng = np.random.default_rng(53)
    lr = 0.9
    nn = _Layers()
    nn.W1, nn.b1 = rng.normal(size=(8, 3)), rng.normal(size=(1, 3))
    nn.W2, nn.b2 = rng.normal(size=(3, 8)), rng.normal(size=(1, 8))
    start = {"W1": nn.W1.copy(), "b1": nn.b1[0].copy(), "W2": nn.W2.copy(), "b2": nn.b2[0].copy()}
    run = Run(X, start, lr)
    x = X[None]
    for array in (nn.W1, nn.b1, nn.W2, nn.b2):
        print(array)
    nn.z1 = x @ nn.W1 + nn.b1
    nn.a1 = sigmoid(nn.z1)
    nn.z2 = nn.a1 @ nn.W2 + nn.b2
    nn.a2 = sigmoid(nn.z2)
    for array in (nn.z1, nn.a1, nn.z2, nn.a2):
        print(array)
    dz2 = (nn.a2 - x) * nn.a2 * (1 - nn.a2)
    dz1 = dz2 @ nn.W2.T * nn.a1 * (1 - nn.a1)
    print(dz2)
    print(dz1)
    nn.W2 -= lr * nn.a1.T @ dz2
    nn.b2 -= lr * dz2.sum(axis=0, keepdims=True)
    nn.W1 -= lr * x.T @ dz1
    nn.b1 -= lr * dz1.sum(axis=0, keepdims=True)
    for array in (nn.W2, nn.b2, nn.W1, nn.b1):
        print(array)
    run.printed = {
        "hidden_z": nn.z1,
        "hidden_a": nn.a1,
        "output_z": nn.z2,
        "output_a": nn.a2,
        "output_delta": dz2,
        "hidden_delta": dz1,
        "after.W2": nn.W2,
        "after.b2": nn.b2[0],
        "after.W1": nn.W1,
        "after.b1": nn.b1[0],
    }
    return run


def dict_of_parameters():
    """deeplearning.ai's layout: a parameters dict printed whole, W1 (n_h, n_x), b1 (n_h, 1),
    X (n_x, m) columns, the cache and the grads dicts printed too, cross-entropy cost / m,
    W = W - lr dW."""
    rng = np.random.default_rng(71)
    lr = 1.2
    parameters = {
        "W1": rng.normal(size=(3, 8)) * 0.01,
        "b1": np.zeros((3, 1)),
        "W2": rng.normal(size=(8, 3)) * 0.01,
        "b2": np.zeros((8, 1)),
    }
    start = {
        "W1": parameters["W1"].T.copy(),
        "b1": np.zeros(3),
        "W2": parameters["W2"].T.copy(),
        "b2": np.zeros(8),
    }
    run = Run(
        X, start, lr, output_loss=lambda a, t: -np.sum(t * np.log(a) + (1 - t) * np.log(1 - a))
    )
    print(parameters)
    x, m = X[:, None], 1
    Z1 = parameters["W1"] @ x + parameters["b1"]
    A1 = sigmoid(Z1)
    Z2 = parameters["W2"] @ A1 + parameters["b2"]
    A2 = sigmoid(Z2)
    print({"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2})
    cost = -np.sum(x * np.log(A2) + (1 - x) * np.log(1 - A2)) / m
    print("cost = " + str(cost))
    dZ2 = A2 - x
    dZ1 = parameters["W2"].T @ dZ2 * A1 * (1 - A1)
    grads = {
        "dW1": dZ1 @ x.T / m,
        "db1": np.sum(dZ1, axis=1, keepdims=True) / m,
        "dW2": dZ2 @ A1.T / m,
        "db2": np.sum(dZ2, axis=1, keepdims=True) / m,
    }
    print(grads)
    for key in ("W1", "b1", "W2", "b2"):
        parameters[key] = parameters[key] - lr * grads["d" + key]
    print(parameters)
    run.printed = {
        "hidden_z": Z1[:, 0],
        "hidden_a": A1[:, 0],
        "output_z": Z2[:, 0],
        "output_a": A2[:, 0],
        "after.W2": parameters["W2"].T,
        "after.b2": parameters["b2"][:, 0],
        "after.W1": parameters["W1"].T,
        "after.b1": parameters["b1"][:, 0],
    }
    return run


def welch_without_z3():
    """Welch's names with only a2 (the hidden layer: 3 numbers, which course notation
    would take for the outputs) and yHat printed: the shape decides."""
    rng = np.random.default_rng(81)
    lr = 3.0
    W1, W2 = rng.standard_normal((8, 3)), rng.standard_normal((3, 8))
    start = {"W1": W1.copy(), "b1": np.zeros(3), "W2": W2.copy(), "b2": np.zeros(8)}
    run = Run(X, start, lr, biases=False)
    y = X[None]
    print("W1", W1)
    print("W2", W2)
    a2 = sigmoid(y @ W1)
    yHat = sigmoid(a2 @ W2)
    print("a2", a2)
    print("yHat", yHat)
    delta3 = -(y - yHat) * yHat * (1 - yHat)
    delta2 = delta3 @ W2.T * a2 * (1 - a2)
    W1 = W1 - lr * y.T @ delta2
    W2 = W2 - lr * a2.T @ delta3
    print("W1", W1)
    print("W2", W2)
    run.printed = {"hidden_a": a2, "output_a": yHat, "after.W1": W1, "after.W2": W2}
    return run


def weights_list_repr():
    """weights = [W1, W2], biases = [b1, b2] from a layer loop, printed as
    print("weights[0] =", repr(weights[0])): labels that index a list."""
    rng = np.random.default_rng(110)
    weights = [rng.normal(size=(8, 3)), rng.normal(size=(3, 8))]
    biases = [rng.normal(size=3), rng.normal(size=8)]
    lr = 1.0
    x = X.astype(float)
    start = {"W1": weights[0], "b1": biases[0], "W2": weights[1], "b2": biases[1]}
    run = Run(X, {key: value.copy() for key, value in start.items()}, lr)
    print("training_input =", repr(x))
    for i in range(2):
        print(f"weights[{i}] =", repr(weights[i]))
        print(f"biases[{i}] =", repr(biases[i]))
    h = sigmoid(x @ weights[0] + biases[0])
    y = sigmoid(h @ weights[1] + biases[1])
    d_out = (x - y) * y * (1 - y)
    d_hid = (d_out @ weights[1].T) * h * (1 - h)
    weights[1] += lr * np.outer(h, d_out)
    biases[1] += lr * d_out
    weights[0] += lr * np.outer(x, d_hid)
    biases[0] += lr * d_hid
    print("hidden_layer_output =", repr(h))
    print("predicted_output =", repr(y))
    print("output_layer_delta =", repr(d_out))
    print("hidden_layer_delta =", repr(d_hid))
    for i in (1, 0):
        print(f"weights[{i}] =", repr(weights[i]))
        print(f"biases[{i}] =", repr(biases[i]))
    run.printed = {
        "hidden_a": h,
        "output_a": y,
        "output_delta": d_out,
        "hidden_delta": d_hid,
        **{"after.W2": weights[1], "after.b2": biases[1]},
        **{"after.W1": weights[0], "after.b1": biases[0]},
    }
    return run
