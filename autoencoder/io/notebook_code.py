"""Each phase as lines of numpy code in the class notebook's names, under either rule.

The take-home notebook (:mod:`autoencoder.io.ipynb`) is written from these lines, and
the checker shows a student the line of theirs that differs from them (each known mistake
in :mod:`autoencoder.check.mistakes` says how it changes them).
"""

from autoencoder.core.losses import get_loss
from autoencoder.core.rules import get_rule

# The line inside the notebook's ``activation(x, dx=False)`` that makes it one sigmoid or
# the other (tanh has no ``sig``).
ACTIVATION_CODE = {
    "sigmoid": "sig = 1 / (1 + np.exp(-x))",
    "shifted-sigmoid": "sig = 1 / (1 + np.exp(-(x + 1)))",
}

# The two rules differ in rows 6 and 7 (docs/design.md): where f' is evaluated (the rule's
# slope_at), and which matrix carries the output deltas back (its back_weights); in the
# notebook's names:
SLOPE_AT = {"z": ("output_z", "hidden_z"), "a": ("output_activation", "hidden_activation")}
BACK_MATRIX = {"W2": "output_weight.T", "W1": "hidden_weight"}

# The names an update phase uses: weights, bias, the layer below's values, the deltas.
UPDATE_NAMES = {
    "update_output": ("output_weight", "output_bias", "hidden_activation", "delta_out"),
    "update_hidden": ("hidden_weight", "hidden_bias", "input_layer", "delta_hidden"),
}


def update_code(phase: str, weights: str, bias: str) -> dict[str, str]:
    """An update phase's two lines from templates naming ``{W} {b} {src} {d}``."""
    W, b, src, d = UPDATE_NAMES[phase]
    names = {"W": W, "b": b, "src": src, "d": d}
    return {W: weights.format(**names), b: bias.format(**names)}


def phase_code(
    phase: str, rule: str = "exact", activation: str = "sigmoid", loss: str = "squared"
) -> dict[str, str]:
    """The lines computing ``phase`` under ``rule`` and ``loss``, keyed by the variable
    each assigns (``sig``: the activation function's own line, for the two sigmoids)."""
    rule = get_rule(rule)
    out_at, hid_at = SLOPE_AT[rule.slope_at]
    sig = {"sig": ACTIVATION_CODE[activation]} if activation in ACTIVATION_CODE else {}
    code = {
        "hidden_z": {"hidden_z": "hidden_z = np.dot(input_layer, hidden_weight) + hidden_bias"},
        "hidden_a": {"hidden_activation": "hidden_activation = activation(hidden_z)", **sig},
        "output_z": {
            "output_z": "output_z = np.dot(hidden_activation, output_weight) + output_bias"
        },
        "output_a": {"output_activation": "output_activation = activation(output_z)", **sig},
        "error": {"error": "error = input_layer - output_activation"},
        "output_delta": {
            "slope_out": f"slope_out = activation({out_at}, dx=True)",
            "delta_out": "delta_out = error * slope_out",
        },
        "hidden_delta": {
            "slope_hidden": f"slope_hidden = activation({hid_at}, dx=True)",
            "delta_hidden": f"delta_hidden = np.dot(delta_out, {BACK_MATRIX[rule.back_weights]}) * slope_hidden",
        },
    }
    if not get_loss(loss).slope_factor:  # the loss cancels f': d_o = e, no slope line
        code["output_delta"] = {"delta_out": "delta_out = error"}
    if phase in UPDATE_NAMES:
        return update_code(phase, "{W} += np.dot({src}.T, {d}) * lr", "{b} += {d} * lr")
    return code[phase]


def for_batch(line: str | None, mean_over: int = 0) -> str | None:
    """An update line of :func:`phase_code` for a batch of patterns (deltas (P, n)): a
    bias takes its deltas summed over the patterns, ``np.sum(delta_out, axis=0)`` (a bare
    ``delta_out`` has the batch's shape, not the bias's); with ``mean_over`` P, both
    changes are divided by P (the mean over the batch). Other lines are returned as they are."""
    biases = [b for _, b, _, _ in UPDATE_NAMES.values()]
    if not line or not line.endswith(" * lr") or " += " not in line:
        return line
    target, change = line.removesuffix(" * lr").split(" += ", 1)
    if target in biases:
        change = f"np.sum({change}, axis=0)"
    if mean_over:
        change = f"{change} / {mean_over}"
    return f"{target} += {change} * lr"
