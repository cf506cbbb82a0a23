"""Shared by the AppTest files: start the page (optionally from a URL query) and check it."""

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
