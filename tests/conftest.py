"""Fixtures for the page tests: a `streamlit run app.py` server and the system Chromium."""

import os
from pathlib import Path

import pytest
from serving import CHROMIUM_ARGS, ROOT, chromium_path, streamlit_server

ARTIFACTS = ROOT / "test-artifacts"


@pytest.fixture(scope="session")
def chromium_executable():
    path = chromium_path()
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("no Chromium found, and in CI the browser tests must run")
        pytest.skip("no Chromium found (install Debian's chromium)")
    return path


@pytest.fixture(scope="session")
def app_url(chromium_executable):
    """`streamlit run app.py` on a free loopback port for the whole test session."""
    with streamlit_server(ROOT / "app.py") as (url, _):
        yield url


@pytest.fixture(scope="session")
def browser(chromium_executable):
    if os.environ.get("CI"):
        import playwright.sync_api as sync_api  # in CI a missing Playwright is a failure
    else:
        sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def at():
    """The page in Streamlit's AppTest after its first run (tests/apptest_helpers.py)."""
    from apptest_helpers import new_app

    return new_app()


@pytest.fixture
def artifacts() -> Path:
    """Folder for screenshots kept after the run (gitignored)."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


def pytest_collection_modifyitems(items):
    """Every test that drives the real page carries the ``browser`` marker, so that
    ``pytest -m "not browser"`` is the fast loop (CI runs all)."""
    for item in items:
        if {"browser", "app_url"} & set(getattr(item, "fixturenames", ())):
            item.add_marker("browser")
