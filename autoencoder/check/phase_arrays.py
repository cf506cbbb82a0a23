"""Which arrays each of the nine phases produces, and the tolerance they are judged to.

Shared by the checker (:mod:`autoencoder.check.checker`), which judges a student's arrays, and
the recogniser (:mod:`autoencoder.check.value_labels`), which finds them in a printout by value.
"""

from dataclasses import fields

import numpy as np

from autoencoder.check.mistakes import PhaseInputs
from autoencoder.core.phases import PHASE_NAMES

# The arrays each phase produces. The first group decides the phase's verdict; the
# slopes are shown beside their delta, judged, but do not decide it.
PHASE_ARRAYS = {name: (name,) for name in PHASE_NAMES[:7]}
PHASE_ARRAYS.update(update_output=("W2", "b2"), update_hidden=("W1", "b1"))
SUPPORTING = {"output_delta": ("slope_out",), "hidden_delta": ("slope_hidden",)}
STUDENT_KEYS = tuple(PHASE_NAMES[:7]) + ("slope_out", "slope_hidden")

# Tolerance. A number printed to 8 decimals is off by up to 5e-9. An element formed from n
# printed numbers of size up to M is off by about n * M * 5e-9 (two factors per product).
# The known mistakes differ from the rule by 1e-4 and more, far above this.
HALF_STEP = 5e-9
PRINTED_NUMBERS_PER_ELEMENT = {
    "hidden_z": 17,  # 8 inputs, 8 weights, 1 bias
    "hidden_a": 1,
    "output_z": 7,  # 3 activations, 3 weights, 1 bias
    "output_a": 1,
    "error": 1,
    "output_delta": 2,
    "hidden_delta": 17,  # 8 deltas, 8 weights, 1 activation
    "update_output": 3,
    "update_hidden": 3,
}


def tolerance(phase: str, c: PhaseInputs) -> float:
    """How far a printed array of ``phase`` may be from the exact value, given ``c``."""
    arrays = [getattr(c, f.name) for f in fields(c) if f.name not in ("lr", "act", "rule", "loss")]
    size = max(1.0, *(float(np.max(np.abs(a))) for a in arrays if a is not None))
    size *= max(1.0, abs(c.lr)) if phase.startswith("update") else 1.0
    return HALF_STEP * (1 + 2 * PRINTED_NUMBERS_PER_ELEMENT[phase] * size)
