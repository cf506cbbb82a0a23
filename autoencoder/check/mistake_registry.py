"""The registry of known mistakes: what a mistake is, how one is registered, and the lines of
code a student who made it has to change (:func:`fix_for`).

The catalogue itself is :mod:`autoencoder.check.mistakes`; import the registry's names from
there, so that every mistake is registered before it is looked up.
"""

from collections.abc import Callable
from dataclasses import dataclass

from autoencoder.check.phase_arrays import PhaseInputs
from autoencoder.core.phases import UPDATES
from autoencoder.io.notebook_code import phase_code, update_code

Code = dict[str, str | None]


@dataclass(frozen=True)
class Mistake:
    phase: str
    name: str  # the slug, e.g. "slope-at-activation"
    description: str  # in symbols: "f' evaluated at a_o instead of at z_o"
    compute: Callable[[PhaseInputs], dict | None]
    sentence: str = ""  # in plain words, for the student
    code: Callable[[str], Code] = lambda activation: {}  # changed lines, per activation


MISTAKES: list[Mistake] = []


def mistake(phase: str, name: str, description: str, sentence: str, code):
    """Register the decorated function as a known mistake in ``phase``; ``code`` is the
    changed lines, or a function of the activation's name giving them."""
    lines = code if callable(code) else lambda activation: code

    def register(compute):
        MISTAKES.append(Mistake(phase, name, description, compute, sentence, lines))
        return compute

    return register


def mistakes_for(phase: str) -> list[Mistake]:
    return [m for m in MISTAKES if m.phase == phase]


def fix_for(m: Mistake, rule: str, activation: str, loss: str = "squared") -> list[dict]:
    """What to change in a student's code who made ``m``, checked against ``rule``: each
    line that differs, ``{"yours": the line as the mistake writes it (None: left out),
    "rule": the rule's line (None: not in the rule)}``, in the phase's order."""
    right = phase_code(m.phase, rule, activation, loss)
    theirs = {**right, **m.code(activation)}
    keys = list(dict.fromkeys([*right, *theirs]))
    return [
        {"yours": theirs.get(k), "rule": right.get(k)}
        for k in keys
        if theirs.get(k) != right.get(k)
    ]


def update_mistake(name: str, description: str, sentence: str, weights: str, bias: str | None):
    """Register a mistake in both update phases; ``change(W, b, source, delta, lr) -> (W, b)``.
    ``weights`` and ``bias``: the mistake's two lines, naming ``{W} {b} {src} {d}``
    (:func:`autoencoder.io.notebook_code.update_code`; bias None: no bias update)."""

    def register(change):
        for phase, keys in UPDATES.items():

            def compute(c, keys=keys):
                W, b, source, delta = (getattr(c, k) for k in keys)
                new_W, new_b = change(W, b, source, delta, c.lr)
                return {keys[0]: new_W, keys[1]: new_b}

            lines = update_code(phase, weights, bias or "")
            if bias is None:
                lines[list(lines)[1]] = None
            code = dict(lines)
            MISTAKES.append(
                Mistake(phase, name, description, compute, sentence, lambda a, code=code: code)
            )
        return change

    return register
