"""The student's own training step: each phase on the student's own inputs to it.

Walking the nine phases from a check's starting values, each phase is performed by the
checked rule on the step as the student has it so far (their arrays of the earlier phases
where they supplied them in a usable shape, the rule's values where they did not). The
checker (:mod:`autoencoder.check.checker`) judges every phase on this walk, and the page
draws the student's network at a judged phase from it. Pure numpy.
"""

from collections.abc import Iterator
from dataclasses import replace

import numpy as np

from autoencoder.check.check_input import CheckInput
from autoencoder.check.phase_arrays import carried_forward, inputs_of, tolerance
from autoencoder.core.model import Params
from autoencoder.core.phases import PHASE_NAMES, UPDATES, Step, next_phase, start_step


def with_students_arrays(step: Step, phase: str, ci: CheckInput) -> Step:
    """``step`` (just past ``phase``) with the student's own arrays of that phase put in
    wherever they supplied them in a usable shape; otherwise unchanged."""
    if phase in UPDATES:
        params, velocity = step.params.as_dict(), step.velocity.as_dict()
        before = ci.start.as_dict()
        for name in UPDATES[phase][:2]:
            own = carried_forward(ci.after.get(name), params[name])
            if own is not params[name]:  # the student's, not the rule's
                params[name], velocity[name] = own, own - before[name]
        return replace(step, params=Params(**params), velocity=Params(**velocity))
    computed = getattr(step, phase)
    tol = tolerance(phase, inputs_of(step, ci.start))
    own = carried_forward(ci.arrays.get(phase), computed, tol)
    if own is computed:  # nothing usable supplied
        return step
    changes = {phase: own}
    if phase == "error" and step.loss_name == "squared":  # E = 1/2 sum(e^2) of their e
        changes["loss"] = float(0.5 * np.sum(own * own))  # (cross-entropy's E: from a_o)
    return replace(step, **changes)


def student_walk(ci: CheckInput) -> Iterator[tuple[str, Step, Step, Step]]:
    """For each phase in order, ``(phase, before, correct, theirs)``: the student's step
    before the phase, the phase performed on it by the checked rule, and that with the
    student's own arrays of the phase put in (which the next phase starts from)."""
    step = start_step(
        ci.start, ci.x, lr=ci.lr, rule=ci.rule, activation=ci.activation, loss=ci.loss
    )
    for phase in PHASE_NAMES:
        correct = next_phase(step)
        theirs = with_students_arrays(correct, phase, ci)
        yield phase, step, correct, theirs
        step = theirs


def student_steps(ci: CheckInput, phase: str) -> tuple[Step, Step]:
    """``(theirs, correct)``: the step from the check's starting values advanced to
    ``phase``, every earlier phase holding the student's arrays where they gave them (the
    rule's values where they did not). ``theirs`` holds the student's own arrays at
    ``phase``; ``correct`` holds what the checked rule computes from the student's inputs."""
    if phase not in PHASE_NAMES:
        raise ValueError(f"unknown phase {phase!r}")
    for name, _, correct, theirs in student_walk(ci):
        if name == phase:
            return theirs, correct
