"""The short link: a state named by its settings, seed and recipe, and replayed.

A session reached from its seed's fresh network only by stepping and training (see
:mod:`autoencoder.io.recipe`) is named by a few query parameters a class can type from a
slide, e.g. ``?seed=3&lr=0.5&go=p14.t200.p3``: the settings that are not the defaults, the
seed, and ``go``, the recipe. Opening it replays those actions, which is bit-exact: the
same operations on the same numbers. Anything else (an imported or pasted network) has no
recipe and keeps the full link (:mod:`autoencoder.io.url`).
:func:`autoencoder.session.transfer.session_from_query` reads both forms: a query with
``go`` and no ``p`` is a short link.
"""

from dataclasses import fields, replace
from functools import lru_cache

from autoencoder.core.settings import FLOAT_SETTINGS, Settings, StateError
from autoencoder.io.numbers import full_precision
from autoencoder.io.recipe import Recipe
from autoencoder.session.session import Session

SHORT_KEYS = ("seed", "go")  # always written; the other settings only when not the default


def replay(settings: Settings, recipe: Recipe) -> Session:
    """The session that ``recipe`` reaches from ``settings``' fresh network, with an empty
    history. StateError if a step of it blows up (the link then names no sane state)."""
    session = Session(settings=settings)
    for token in recipe.tokens:
        if token[0] == "p":
            for _ in range(int(token[1:])):
                session.next_phase()
        else:
            session.train(until_learned=True) if token == "u" else session.train(int(token[1:]))
        if session.warning:
            raise StateError("go: the numbers blow up on the way; this link names no state")
    session.history.clear()
    session.recipe = replace(recipe, checked=True)
    return session


@lru_cache(maxsize=64)
def _replayed_key(settings: Settings, tokens: tuple, losses: int) -> tuple | None:
    """The state key the replay of ``tokens`` reaches (immutable; cached across sessions
    because the replay of a long training run takes a moment)."""
    try:
        return replay(settings, Recipe(tokens)).to_state(max_losses=losses).key()
    except StateError:
        return None


def check_recipe(session: Session, losses: int = 100) -> Recipe | None:
    """The session's recipe once its replay has been seen to give this very state (the
    last ``losses`` epochs' losses included), else None; the session keeps the verdict."""
    recipe = session.recipe
    if recipe is None or recipe.checked:
        return recipe
    if not recipe.fits():
        return None
    same = _replayed_key(session.settings, recipe.tokens, losses)
    session.recipe = (
        replace(recipe, checked=True) if same == session.to_state(max_losses=losses).key() else None
    )
    return session.recipe


def short_query(session: Session) -> dict[str, str] | None:
    """The short link's query parameters for ``session``, or None when it has no
    (replayable) recipe: then only the full link describes it."""
    recipe = check_recipe(session)
    if recipe is None or not recipe.fits():
        return None
    defaults, s = Settings(), session.settings
    query = {}
    for f in fields(Settings):
        value = getattr(s, f.name)
        if f.name == "seed" or value != getattr(defaults, f.name):
            query[f.name] = full_precision(value) if f.name in FLOAT_SETTINGS else str(value)
    query["go"] = recipe.text()
    return query
