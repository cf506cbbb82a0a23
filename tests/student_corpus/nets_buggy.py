"""Students' steps with one bug each, of the kinds real course code holds (our own code,
written for these tests): np.sum(delta) without an axis, f' at the activations with the
dE/dz convention, a consistent convention that still climbs, W1 where W2^T belongs, a
missing f' under a stated squared error, a forgotten bias update."""

import numpy as np

from .judge import Run, sigmoid
from .nets_correct import X


def _start(seed, scale=0.6):
    rng = np.random.default_rng(seed)
    W1, b1 = rng.normal(size=(8, 3)) * scale, rng.uniform(size=(1, 3))
    W2, b2 = rng.normal(size=(3, 8)) * scale, rng.uniform(size=(1, 8))
    return W1, b1, W2, b2


def _run(W1, b1, W2, b2, lr, **kw):
    return Run(
        X, {"W1": W1.copy(), "b1": b1[0].copy(), "W2": W2.copy(), "b2": b2[0].copy()}, lr, **kw
    )


def bias_sum_without_axis():
    """bout += np.sum(d_output) * lr: every bias gets the sum of all the deltas."""
    wh, bh, wout, bout = _start(31)
    lr = 0.5
    run = _run(wh, bh, wout, bout, lr)
    X_ = X[None, :]
    for name, value in (("wh", wh), ("bh", bh), ("wout", wout), ("bout", bout)):
        print(name, value)
    hiddenlayer_activations = sigmoid(X_ @ wh + bh)
    output = sigmoid(hiddenlayer_activations @ wout + bout)
    d_output = (X_ - output) * output * (1 - output)
    d_hiddenlayer = d_output @ wout.T * hiddenlayer_activations * (1 - hiddenlayer_activations)
    print("output", output)
    print("d_output", d_output)
    print("d_hiddenlayer", d_hiddenlayer)
    wout += hiddenlayer_activations.T @ d_output * lr
    bout += np.sum(d_output) * lr
    wh += X_.T @ d_hiddenlayer * lr
    bh += np.sum(d_hiddenlayer) * lr
    for name, value in (("wout", wout), ("bout", bout), ("wh", wh), ("bh", bh)):
        print(name, value)
    run.printed = {
        "output_a": output,
        "output_delta": d_output,
        "hidden_delta": d_hiddenlayer,
        "after.W2": wout,
        "after.b2": bout[0],
        "after.W1": wh,
        "after.b1": bh[0],
    }
    return run


def slope_at_activation_descent():
    """e = a - t and delta = dE/dz, but f' taken at the activation: sig_prime(a)."""
    W1, b1, W2, b2 = _start(32)
    lr = 0.9
    run = _run(W1, b1, W2, b2, lr)

    def sig_prime(u):
        return sigmoid(u) * (1 - sigmoid(u))

    print(f"W1 = {W1}\nb1 = {b1}\nW2 = {W2}\nb2 = {b2}\nx = {X}")
    z1 = X @ W1 + b1[0]
    a1 = sigmoid(z1)
    z2 = a1 @ W2 + b2[0]
    a2 = sigmoid(z2)
    e = a2 - X
    delta2 = e * sig_prime(a2)
    delta1 = delta2 @ W2.T * sig_prime(a1)
    print(f"z1 = {z1}\na1 = {a1}\nz2 = {z2}\na2 = {a2}\ne = {e}\ndelta2 = {delta2}")
    print(f"delta1 = {delta1}")
    W2 -= lr * np.outer(a1, delta2)
    b2 -= lr * delta2
    W1 -= lr * np.outer(X, delta1)
    b1 -= lr * delta1
    print(f"W2 = {W2}\nb2 = {b2}\nW1 = {W1}\nb1 = {b1}")
    run.printed = {
        "hidden_z": z1,
        "hidden_a": a1,
        "output_z": z2,
        "output_a": a2,
        "error": e,
        "output_delta": delta2,
        "hidden_delta": delta1,
        "after.W2": W2,
        "after.b2": b2[0],
        "after.W1": W1,
        "after.b1": b1[0],
    }
    return run


def uphill():
    """e = a - t, delta = e f'(z), then W += lr a^T delta: the step climbs the loss."""
    W1, b1, W2, b2 = _start(33)
    lr = 0.5
    run = _run(W1, b1, W2, b2, lr)
    print(f"W1 = {W1}\nb1 = {b1}\nW2 = {W2}\nb2 = {b2}\nx = {X}")
    a1 = sigmoid(X @ W1 + b1[0])
    a2 = sigmoid(a1 @ W2 + b2[0])
    e = a2 - X
    delta2 = e * a2 * (1 - a2)
    delta1 = delta2 @ W2.T * a1 * (1 - a1)
    print(f"a1 = {a1}\na2 = {a2}\ne = {e}\ndelta2 = {delta2}\ndelta1 = {delta1}")
    W2 += lr * np.outer(a1, delta2)
    b2 += lr * delta2
    W1 += lr * np.outer(X, delta1)
    b1 += lr * delta1
    print(f"W2 = {W2}\nb2 = {b2}\nW1 = {W1}\nb1 = {b1}")
    run.printed = {
        "hidden_a": a1,
        "output_a": a2,
        "error": e,
        "output_delta": delta2,
        "hidden_delta": delta1,
        "after.W2": W2,
        "after.b2": b2[0],
        "after.W1": W1,
        "after.b1": b1[0],
    }
    return run


def w1_for_w2_transpose():
    """The hidden delta carried back through W1 (it runs: 8 inputs, 8 outputs)."""
    hidden_weight, hidden_bias, output_weight, output_bias = _start(34)
    lr = 0.2
    run = _run(hidden_weight, hidden_bias, output_weight, output_bias, lr)
    input_layer = X[None, :]
    for name in ("hidden_weight", "hidden_bias", "output_weight", "output_bias"):
        print(name)
        print(repr(locals()[name]))
    hidden_activation = sigmoid(input_layer @ hidden_weight + hidden_bias)
    output_activation = sigmoid(hidden_activation @ output_weight + output_bias)
    error = input_layer - output_activation
    delta_out = error * output_activation * (1 - output_activation)
    delta_hidden = delta_out @ hidden_weight * hidden_activation * (1 - hidden_activation)
    for name in ("hidden_activation", "output_activation", "error", "delta_out", "delta_hidden"):
        print(name)
        print(repr(locals()[name]))
    output_weight += hidden_activation.T @ delta_out * lr
    output_bias += delta_out * lr
    hidden_weight += input_layer.T @ delta_hidden * lr
    hidden_bias += delta_hidden * lr
    for name in ("output_weight", "output_bias", "hidden_weight", "hidden_bias"):
        print(name)
        print(repr(locals()[name]))
    run.printed = {
        "hidden_a": hidden_activation,
        "output_a": output_activation,
        "error": error,
        "output_delta": delta_out,
        "hidden_delta": delta_hidden,
        "after.W2": output_weight,
        "after.b2": output_bias[0],
        "after.W1": hidden_weight,
        "after.b1": hidden_bias[0],
    }
    return run


def missing_derivative_squared():
    """E = 1/2 sum(e^2), printed as the loss, and yet delta_o = e (no f')."""
    W1, b1, W2, b2 = _start(35)
    lr = 0.3
    run = _run(W1, b1, W2, b2, lr)
    print(f"W1 = {W1}\nb1 = {b1}\nW2 = {W2}\nb2 = {b2}\nx = {X}")
    a1 = sigmoid(X @ W1 + b1[0])
    a2 = sigmoid(a1 @ W2 + b2[0])
    e = X - a2
    E = 0.5 * np.sum(e**2)
    delta2 = e
    delta1 = delta2 @ W2.T * a1 * (1 - a1)
    print(f"a1 = {a1}\na2 = {a2}\ne = {e}\nE = {E}\ndelta2 = {delta2}\ndelta1 = {delta1}")
    W2 += lr * np.outer(a1, delta2)
    b2 += lr * delta2
    W1 += lr * np.outer(X, delta1)
    b1 += lr * delta1
    print(f"W2 = {W2}\nb2 = {b2}\nW1 = {W1}\nb1 = {b1}")
    run.printed = {
        "hidden_a": a1,
        "output_a": a2,
        "error": e,
        "output_delta": delta2,
        "hidden_delta": delta1,
        "after.W2": W2,
        "after.b2": b2[0],
        "after.W1": W1,
        "after.b1": b1[0],
    }
    return run


def forgot_hidden_bias_update():
    """The hidden weights updated, the hidden bias not (printed again unchanged)."""
    W1, b1, W2, b2 = _start(36)
    lr = 0.6
    run = _run(W1, b1, W2, b2, lr)
    print(f"W1 = {W1}\nb1 = {b1}\nW2 = {W2}\nb2 = {b2}\nx = {X}")
    a1 = sigmoid(X @ W1 + b1[0])
    a2 = sigmoid(a1 @ W2 + b2[0])
    delta2 = (X - a2) * a2 * (1 - a2)
    delta1 = delta2 @ W2.T * a1 * (1 - a1)
    print(f"a1 = {a1}\na2 = {a2}\ndelta2 = {delta2}\ndelta1 = {delta1}")
    W2 += lr * np.outer(a1, delta2)
    b2 += lr * delta2
    W1 += lr * np.outer(X, delta1)
    print(f"W2 = {W2}\nb2 = {b2}\nW1 = {W1}\nb1 = {b1}")
    run.printed = {
        "hidden_a": a1,
        "output_a": a2,
        "output_delta": delta2,
        "hidden_delta": delta1,
        "after.W2": W2,
        "after.b2": b2[0],
        "after.W1": W1,
        "after.b1": b1[0],
    }
    return run


def batch_bias_sum_without_axis():
    """A batch of the 8 one-hot patterns, summed updates, and the biases' np.sum without
    an axis: every bias gets the sum over all patterns and all units."""
    W1, b1, W2, b2 = _start(37)
    lr, patterns = 0.4, np.eye(8)
    run = Run(
        patterns, {"W1": W1.copy(), "b1": b1[0].copy(), "W2": W2.copy(), "b2": b2[0].copy()}, lr
    )
    print(f"lr = {lr}\nX = {patterns}\nW1 = {W1}\nb1 = {b1}\nW2 = {W2}\nb2 = {b2}")
    H = sigmoid(patterns @ W1 + b1)
    Y = sigmoid(H @ W2 + b2)
    E = patterns - Y
    dY = E * Y * (1 - Y)
    dH = dY @ W2.T * H * (1 - H)
    print(f"H = {H}\nY = {Y}\nE = {E}\ndY = {dY}\ndH = {dH}")
    W2 += lr * H.T @ dY
    b2 += lr * np.sum(dY)
    W1 += lr * patterns.T @ dH
    b1 += lr * np.sum(dH)
    print(f"W2 = {W2}\nb2 = {b2}\nW1 = {W1}\nb1 = {b1}")
    run.printed = {
        "hidden_a": H,
        "output_a": Y,
        "error": E,
        "output_delta": dY,
        "hidden_delta": dH,
        "after.W2": W2,
        "after.b2": b2[0],
        "after.W1": W1,
        "after.b1": b1[0],
    }
    return run
