"""The student's own training step, rebuilt from a check, to draw and explain a judged phase.

The checker (:mod:`autoencoder.check.checker`) judges each phase on the student's own inputs to
it. This module rebuilds the same thing as :class:`~autoencoder.core.phases.Step` objects, so
the page can draw the student's network at that phase and write the rule's equation with
the student's numbers in it. Pure numpy: no streamlit, no plotly.
"""

from dataclasses import replace

import numpy as np

from autoencoder.check.checker import CheckInput
from autoencoder.core.model import Params
from autoencoder.core.phases import PHASE_NAMES, Step, next_phase, start_step

# The updated parameters each update phase writes.
UPDATED = {"update_output": ("W2", "b2"), "update_hidden": ("W1", "b1")}


def _fits(own, like: np.ndarray) -> bool:
    return own is not None and np.squeeze(own).shape == np.squeeze(like).shape


def with_students_arrays(step: Step, phase: str, ci: CheckInput) -> Step:
    """``step`` (just past ``phase``) with the student's own arrays of that phase put in
    wherever they supplied them in a usable shape; otherwise unchanged."""
    if phase in UPDATED:
        params, velocity = step.params.as_dict(), step.velocity.as_dict()
        before = ci.start.as_dict()
        for name in UPDATED[phase]:
            own = ci.after.get(name)
            if _fits(own, params[name]):
                params[name] = np.reshape(own, params[name].shape).astype(float)
                velocity[name] = params[name] - before[name]
        return replace(step, params=Params(**params), velocity=Params(**velocity))
    own = ci.arrays.get(phase)
    computed = getattr(step, phase)
    if not _fits(own, computed):
        return step
    own = np.reshape(own, computed.shape).astype(float)
    changes = {phase: own}
    if phase == "error":
        changes["loss"] = float(0.5 * np.sum(own * own))
    return replace(step, **changes)


def student_steps(ci: CheckInput, phase: str) -> tuple[Step, Step]:
    """``(theirs, correct)``: the step from the check's starting values advanced to
    ``phase``, every earlier phase holding the student's arrays where they gave them (the
    rule's values where they did not). ``theirs`` holds the student's own arrays at
    ``phase``; ``correct`` holds what the checked rule computes from the student's inputs."""
    if phase not in PHASE_NAMES:
        raise ValueError(f"unknown phase {phase!r}")
    step = start_step(ci.start, ci.x, lr=ci.lr, rule=ci.rule, activation=ci.activation)
    correct = step
    for name in PHASE_NAMES[: PHASE_NAMES.index(phase) + 1]:
        correct = next_phase(step)
        step = with_students_arrays(correct, name, ci)
    return step, correct
