"""Shared by the AppTest files: start the page (optionally from a URL query) and check it."""

import json
from pathlib import Path

from streamlit.testing.v1 import AppTest

from autoencoder.session import Session

APP = str(Path(__file__).resolve().parent.parent / "app.py")


def new_app(query: dict | None = None, run: bool = True) -> AppTest:
    """The page in AppTest, with ``query`` as its URL parameters, after its first run."""
    app = AppTest.from_file(APP, default_timeout=60)
    for key, value in (query or {}).items():
        app.query_params[key] = value
    if run:
        app.run()
        assert_clean(app)
    return app


def assert_clean(app):
    assert not app.exception, [e.value for e in app.exception]


def sess(app) -> Session:
    """The page's Session (the per-browser-session state)."""
    return app.session_state["ae_session"]


def url_params(app) -> dict[str, str]:
    """The URL's parameters as the browser holds them after the last run: the link's, with
    what the page's script wrote over them (sharing.sync_url; AppTest runs no JavaScript).
    Fails unless the page wrote the URL exactly once."""
    params = {k: v[-1] if isinstance(v, list) else v for k, v in app.query_params.items()}
    scripts = [h.proto.body for h in app.get("html") if "history.replaceState" in h.proto.body]
    assert len(scripts) == 1, f"{len(scripts)} URL scripts"
    written = json.loads(scripts[0].split("Object.entries(", 1)[1].split(")) {", 1)[0])
    for name, value in written.items():
        if value is None:
            params.pop(name, None)
        else:
            params[name] = value
    return params
