"""A session to and from text: its URL query and its state file.

The formats know only states (:mod:`autoencoder.io.url`, :mod:`autoencoder.io.state_file`);
this module makes them of a session, and a session of them: a full link or a file is shown
as it was (its phases replayed), a short link is replayed from the seed
(:mod:`autoencoder.session.shortlink`). Every failure is a StateError (or, for a file, a
WeightsError) with a one-line message, and changes nothing.
"""

from collections.abc import Mapping

from autoencoder.core.settings import StateError, check_settings
from autoencoder.io import state_file, url
from autoencoder.io.url import MAX_URL_LOSSES, URL_LOSSES
from autoencoder.session.session import Session
from autoencoder.session.shortlink import replay


def query_of(session: Session, max_losses: int = URL_LOSSES) -> dict[str, str]:
    """The URL query that :func:`session_from_query` turns back into this session's state
    (the last ``max_losses`` epochs' losses; the recipe when it fits a link)."""
    state = session.to_state(max_losses=min(max_losses, MAX_URL_LOSSES))
    recipe = session.recipe
    return url.encode(state, recipe.text() if recipe is not None and recipe.fits() else None)


def session_from_query(query: Mapping) -> Session:
    """A new session, with an empty history, from a URL query; StateError naming the
    parameter otherwise."""
    link = url.decode(query)
    try:
        if link.state is None:  # the short link
            return replay(check_settings(link.settings), link.recipe)
        session = Session.from_state(link.state)
    except StateError as exc:
        raise StateError(f"URL parameter {url.url_name(str(exc))}") from None
    session.recipe = link.recipe  # unchecked: shortlink.check_recipe replays it before use
    return session


def export_file(session: Session) -> str:
    """The session (without its undo history) as the state file's JSON text."""
    return state_file.export_state(session.to_state(max_losses=state_file.MAX_FILE_LOSSES))


def import_file(session: Session, data: bytes | str) -> str:
    """Import a state or weights file into ``session`` as one undoable action; returns
    what was loaded, for the page to show. WeightsError or StateError, and nothing
    changed, if the file cannot be used."""
    state = state_file.import_state(data, current=session.settings)
    session.load_state(state, label="import")
    if state.step_count or state.epoch or state.done:
        return f"Loaded the state file: {session.status_text()}."
    return "Loaded the weights; the counters start again."
