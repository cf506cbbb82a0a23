"""Say what each array the labelling left is, where it is something: a value already
taken, printed again, or an intermediate of the rule (``x W1``, ``d_o W2^T``, ...); the
rest stay unmatched, and the report lists them with the names to print them under."""

import numpy as np

from autoencoder.check.phase_arrays import PhaseInputs, again_tolerance
from autoencoder.check.value_labels import Label, same_values, unlabelled
from autoencoder.core.phases import update_direction


def leftovers(values: dict, labels: list[Label], c: PhaseInputs) -> None:
    """Say what each array still unlabelled is, where it is a value already taken (printed
    again) or an intermediate of the rule; the rest stay unmatched."""
    taken = [(k, v) for k, v in values.items() if isinstance(v, np.ndarray)]
    taken += [(f"after.{k}", v) for k, v in values.get("after", {}).items()]
    x, d_o = c.x, c.output_delta
    intermediates = {
        "x W1 (hidden_z before its bias)": c.x @ c.W1,
        "a_h W2 (output_z before its bias)": c.hidden_a @ c.W2,
        "d_o W2^T (the error carried back to the hidden layer)": d_o @ c.W2.T,
        "a_h^T d_o (W2's change before lr)": update_direction(c.hidden_a, d_o)[0],
        "x^T d_h (W1's change before lr)": update_direction(x, c.hidden_delta)[0],
    }
    for label in unlabelled(labels):
        array = label.item.array
        tol = again_tolerance(array)
        again = next((k for k, v in taken if same_values(array, v, tol)), None)
        if again:
            label.matches = f"{again} printed again"
            continue
        inside = next((w for w, v in intermediates.items() if same_values(array, v, tol)), None)
        if inside:
            label.matches = f"an intermediate: {inside}"
