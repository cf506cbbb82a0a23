"""How a session got where it is, when it got there from its seed only by stepping and
training: the recipe that the short link names (:mod:`autoencoder.session.shortlink`).

A recipe is a tuple of tokens, each one kind of action from the seed's fresh network with
the session's settings: ``"p12"`` twelve phases (Next phase and Full step, which perform the
same phases), ``"t100"`` one Train click of 100 epochs, ``"u"`` one Train until learned.
Replaying the same actions from the same state repeats every floating-point operation, so
the replay is bit-exact. Anything else (an imported or pasted network, a setting changed
after the first phase) ends the recipe: the session then has none (None) and only the full
link describes it. ``checked`` says the replay has been seen to give this very state (a
recipe the session built itself, or one read from a link and then replayed).
"""

import re
from dataclasses import dataclass, replace

from autoencoder.core.training import MAX_EPOCHS

MAX_TOKENS = 24  # more alternations than this and the short link is no longer short
MAX_PHASES = 5000  # the replay's bounds, so that a link cannot ask for unbounded work
MAX_TRAIN_EPOCHS = 2 * MAX_EPOCHS  # "u" counts as MAX_EPOCHS
_TOKEN = re.compile(r"p[1-9]\d{0,4}|t[1-9]\d{0,4}|u", re.ASCII)


@dataclass(frozen=True)
class Recipe:
    tokens: tuple = ()
    checked: bool = True

    def text(self) -> str:
        return ".".join(self.tokens)

    def fits(self) -> bool:
        """Within the bounds that :func:`parse` accepts."""
        return (
            len(self.tokens) <= MAX_TOKENS
            and _phases(self) <= MAX_PHASES
            and (_epochs(self) <= MAX_TRAIN_EPOCHS)
        )


def _phases(r: Recipe) -> int:
    return sum(int(t[1:]) for t in r.tokens if t[0] == "p")


def _epochs(r: Recipe) -> int:
    return sum(MAX_EPOCHS if t == "u" else int(t[1:]) for t in r.tokens if t[0] in "tu")


def add_phases(r: Recipe | None, n: int) -> Recipe | None:
    if r is None or n <= 0:
        return r
    if r.tokens and r.tokens[-1][0] == "p":
        return replace(r, tokens=(*r.tokens[:-1], f"p{int(r.tokens[-1][1:]) + n}"))
    return replace(r, tokens=(*r.tokens, f"p{n}"))


def add_training(r: Recipe | None, epochs: int | None) -> Recipe | None:
    """One Train click: ``epochs`` as asked, or None for until learned."""
    if r is None:
        return None
    return replace(r, tokens=(*r.tokens, "u" if epochs is None else f"t{int(epochs)}"))


def back_phases(r: Recipe | None, n: int) -> Recipe | None:
    """The recipe ``n`` phases earlier (within the last run of phases), or None."""
    if r is None or n <= 0:
        return r
    if not r.tokens or r.tokens[-1][0] != "p" or int(r.tokens[-1][1:]) < n:
        return None
    left = int(r.tokens[-1][1:]) - n
    return replace(r, tokens=(*r.tokens[:-1], *([f"p{left}"] if left else [])))


def parse(text: str) -> Recipe:
    """A recipe from its text (unchecked); ValueError naming what is wrong."""
    if not isinstance(text, str) or len(text) > 8 * MAX_TOKENS:
        raise ValueError("not a recipe")
    tokens = tuple(text.split(".")) if text else ()
    for token in tokens:
        if not _TOKEN.fullmatch(token):
            raise ValueError(f"{token[:12]!r} is not p<phases>, t<epochs> or u")
    recipe = Recipe(tokens, checked=False)
    if not recipe.fits():
        raise ValueError(
            f"more than {MAX_TOKENS} parts, {MAX_PHASES} phases or {MAX_TRAIN_EPOCHS} epochs"
        )
    return recipe
