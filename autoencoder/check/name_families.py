"""The names other notebooks and tutorials give the network's arrays, by family.

Each family maps a variable name (compared case-insensitively) to the check input's key
(:func:`autoencoder.check.checker.read_check_dict`). No name means two things in two families.
The families:

- ``class notebook``: the class notebook's own names (``hidden_weight``, ``delta_out``, ...).
- ``check JSON``: the check input's keys themselves and docs/design.md's symbols (``z_h``, ``d_o``).
- ``tutorial``: the most-copied numpy tutorial (``wh, bh, wout, bout,
  hiddenlayer_activations, output, d_output, d_hiddenlayer``).
- ``W1, b1``: course notation (``W1 b1 W2 b2``, ``z1 a1 z2 a2``, ``delta2 delta1``).
- ``w_ih``: weights named by the layers they join (``w_ih, w_ho``, ``hidden_inputs``,
  ``final_outputs``); such weights are often stored the other way round (3x8 for
  input->hidden), which the recogniser allows for.
"""

import re

from autoencoder.io.notebook_text import NOTEBOOK_NAMES

_CHECK_KEYS = ("input", "lr", "W1", "b1", "W2", "b2", "hidden_z", "hidden_a", "output_z")
_CHECK_KEYS += ("output_a", "error", "slope_out", "slope_hidden", "output_delta", "hidden_delta")


def _family(**names: str) -> dict[str, str]:
    """``key="name other_name ..."`` -> {name: key}."""
    return {name: key for key, spelled in names.items() for name in spelled.split()}


FAMILIES: dict[str, dict[str, str]] = {
    "class notebook": dict(NOTEBOOK_NAMES),
    "check JSON": {
        **{key: key for key in _CHECK_KEYS},
        **_family(hidden_a="a_h", hidden_z="z_h", output_z="z_o", output_a="a_o"),
        **_family(error="e", output_delta="d_o delta_o", hidden_delta="d_h delta_h"),
    },
    "tutorial": _family(
        input="X",
        W1="wh",
        b1="bh",
        W2="wout",
        b2="bout",
        hidden_z="hidden_layer_input",
        hidden_a="hiddenlayer_activations hidden_layer_activations",
        output_z="output_layer_input",
        output_a="output",
        slope_out="slope_output_layer",
        slope_hidden="slope_hidden_layer",
        output_delta="d_output",
        hidden_delta="d_hiddenlayer d_hidden_layer",
    ),
    "W1, b1": _family(
        input="x inputs",
        lr="learning_rate eta alpha",
        hidden_z="z1 z_1",
        hidden_a="a1 a_1 h",
        output_z="z2 z_2",
        output_a="a2 a_2 y_hat yhat y_pred out",
        error="err",
        output_delta="delta2 delta_2 d2 dz2 delta_output",
        hidden_delta="delta1 delta_1 d1 dz1 delta_hidden_layer",
    ),
    "w_ih": _family(
        W1="w_ih wih w_input_hidden weights_input_hidden weights_ih weights1 w_hidden",
        b1="b_h b_ih bias_h bias_hidden b_hidden",
        W2="w_ho who w_hidden_output weights_hidden_output weights_ho weights2 w_output",
        b2="b_o b_ho bias_o bias_output b_output",
        hidden_z="hidden_inputs hidden_in",
        hidden_a="hidden_outputs hidden_out layer1",
        output_z="final_inputs output_in",
        output_a="final_outputs",
        error="output_errors output_error",
    ),
}

# Every family's names, lower case -> key.
ALL_NAMES = {name.lower(): key for names in FAMILIES.values() for name, key in names.items()}


def normalise(name: str) -> str:
    """A variable or printed label as it is looked up: lower case, spaces as ``_``."""
    return re.sub(r"[\s-]+", "_", name.strip()).lower()


def key_for(name: str) -> str | None:
    """The check input's key that ``name`` stands for in some family, or None."""
    return ALL_NAMES.get(normalise(name))


# A layer's number in a name: W1, b_2, z2, a_0, delta3, theta1, weights0, bias1, ...
INDEXED = re.compile(r"^(?:w|b|z|a|h|d|dz|delta|theta|weights?|bias(?:es)?)_?(\d)$")


# A gradient's or a change's name: dW2, db1, grad_W2, dJdW2, dL_dW1, W2_grad, delta_w, ...
# never the updated parameter, whatever its shape.
_PARAMETER = r"(?:w|b|weights?|bias(?:es)?|theta)_?\d?"
GRADIENT = re.compile(
    rf"^(?:d_?|grads?_?|gradient_?|nabla_?|delta_?|(?:dj|dl|de|dc|dloss|dcost)_?d_?){_PARAMETER}$"
    rf"|^{_PARAMETER}_?(?:grad|gradient|d)$"
)


def is_gradient_name(name: str | None) -> bool:
    """Whether ``name`` is a gradient's (or a change's): ``dW2``, ``grad_W2``, ``W2_grad``."""
    return bool(name) and bool(GRADIENT.match(normalise(name)))


def other_numbering(names) -> bool:
    """Whether ``names`` number the layers otherwise than W1 b1 z1 a1 (input->hidden is 1):
    from 0 (W0 b0, a_0) or as Ng does (a1 the input, z2 a2 hidden, z3 a3 the output)."""
    numbers = {
        (m.group(0).rstrip("0123456789_"), int(m.group(1)))
        for m in map(INDEXED.match, map(normalise, names))
        if m
    }
    return any(n == 0 or (n == 3 and p in ("z", "a", "delta", "d", "dz")) for p, n in numbers)


def key_without_numbers(name: str) -> str | None:
    """:func:`key_for`, except that a numbered name stands for nothing (its shape, order and
    value decide what it is, where a text numbers the layers its own way)."""
    return None if INDEXED.match(normalise(name)) else key_for(name)


# What each size of array can be, with the names to print it under (for the hint).
_BY_SIZE = {
    24: ("W1", "W2"),
    3: ("b1", "hidden_z", "hidden_a", "slope_hidden", "hidden_delta"),
    8: ("input", "b2", "output_z", "output_a", "error", "slope_out", "output_delta"),
}
_EXAMPLE_FAMILIES = ("class notebook", "W1, b1", "tutorial")


def names_for(key: str) -> list[str]:
    """Names ``key`` may be printed under: itself, then the first of a few families'."""
    firsts = [
        next((n for n, k in FAMILIES[f].items() if k == key), None) for f in _EXAMPLE_FAMILIES
    ]
    return list(dict.fromkeys([key, *filter(None, firsts)]))


def label_hint(size: int) -> str:
    """How to label an array of ``size`` numbers so that the checker knows it."""
    keys = _BY_SIZE.get(size)
    if keys is None:
        return f"{size} numbers is not an array of this 8-3-8 network"
    said = [f"{key} ({', '.join(names_for(key)[1:])})" for key in keys]
    return f"{size} numbers can be " + "; ".join(said)
