"""What the page keeps per browser session: the Session and small caches.

Everything mutable lives in ``st.session_state`` (one per browser session); nothing mutable
is shared between sessions (no ``st.cache_resource``).
"""

from collections.abc import Callable

import streamlit as st

from autoencoder.session.session import Session

SESSION_KEY = "ae_session"
CACHE_KEY = "ae_cache"


def session() -> Session:
    """This browser session's Session (opened from the URL first of all, on the page's
    first run: :func:`autoencoder.page.sharing.open_session`)."""
    return st.session_state[SESSION_KEY]


def memo(name: str, key: tuple, compute: Callable):
    """``compute()`` cached per session under ``name`` while ``key`` stays the same
    (compared by identity for objects, by value otherwise). One entry per name."""
    cache = st.session_state.setdefault(CACHE_KEY, {})
    hit = cache.get(name)
    if hit is not None and _same(hit[0], key):
        return hit[1]
    value = compute()
    cache[name] = (key, value)
    return value


def _same(a: tuple, b: tuple) -> bool:
    return len(a) == len(b) and all(x is y or _eq(x, y) for x, y in zip(a, b))


def _eq(x, y) -> bool:
    try:
        return bool(x == y)
    except (TypeError, ValueError):  # numpy arrays, objects without equality
        return False
