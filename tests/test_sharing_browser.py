"""Nothing lost, nothing broken, in headless Chromium: reload, a shared link, separate
sessions, export then import, a bad file, and hostile query strings."""

import base64
import json
import struct
from urllib.parse import parse_qs, urlsplit

import pytest
from browser_helpers import click_and_wait, graph_text, settle, status

pytestmark = pytest.mark.browser

VIEWPORT = {"width": 1400, "height": 1000}
NAN_PARAMS = base64.urlsafe_b64encode(struct.pack("<d", float("nan")) * 59).decode().rstrip("=")
HOSTILE = [  # (the query, the parameter the message must name, or None: no message)
    ("rule=%3Cscript%3Ealert(1)%3C/script%3E", "'rule'"),
    ("rule=%5Bclick%5D(http://example.com)%20www.example.org%20a@example.org", "'rule'"),
    ("lr=" + "9" * 5000, "'lr'"),
    ("p=" + NAN_PARAMS, "'p'"),
    ("activation=%E2%9C%93%F0%9F%A7%AE", "'activation'"),  # unicode
    ("lr=%EF%BC%91", "'lr'"),  # a fullwidth digit one
    ("foo=%00bar&%E2%9C%93=1", None),  # unknown keys are ignored
]  # more (p=garbage, lr=1e999, lr=nan, pos=9.9.9.9, seed=-1) in test_sharing_apptest.py


def open_page(browser, url: str):
    context = browser.new_context(viewport=VIEWPORT, accept_downloads=True)
    page = context.new_page()
    page.goto(url)
    settle(page)
    page.wait_for_selector(".st-key-network .main-svg", timeout=30_000)
    return page


def shown(page) -> tuple[str, str, str]:
    """What the page shows of the state: status, the graph's numbers, the phase panel."""
    detail = page.inner_text(".st-key-phase_detail")
    return status(page), graph_text(page), detail


def url_state(page) -> dict:
    """The URL's query parameters (one value each), once the page has written them."""
    page.wait_for_function("() => location.search.includes('p=')", timeout=30_000)
    return {k: v[-1] for k, v in parse_qs(urlsplit(page.url).query).items()}


def open_sharing(page):
    box = page.locator(".st-key-sharing_box")
    if box.locator(".st-key-import").is_hidden():
        box.locator("summary").click()
    page.wait_for_selector(".st-key-import", state="visible")


def test_reload_and_a_shared_link_restore_exactly_and_sessions_stay_separate(
    browser, app_url, artifacts
):
    lecturer = open_page(browser, app_url)
    click_and_wait(lecturer, "next_phase", "Phase: hidden_z")
    assert url_state(lecturer)["pos"] == "1.0.0.0"  # the position inside the step
    before = shown(lecturer)
    lecturer.reload()
    settle(lecturer)
    assert shown(lecturer) == before

    student = open_page(browser, lecturer.url)  # the link pasted into the chat
    assert shown(student) == before
    click_and_wait(student, "next_phase", "Phase: hidden_a")
    student.screenshot(path=artifacts / "sharing-student-own-way.png")
    lecturer.reload()
    settle(lecturer)
    assert shown(lecturer) == before  # the student's click changed only the student's page
    student.context.close()
    lecturer.context.close()


def test_clicks_rewrite_the_url_without_adding_browser_history(browser, app_url):
    """The URL follows every click, but Back still leaves the page (no entry per click)."""
    page = open_page(browser, app_url)
    entries = page.evaluate("history.length")
    for name in ("hidden_z", "hidden_a", "output_z"):
        click_and_wait(page, "next_phase", f"Phase: {name}")
    page.wait_for_function("() => location.search.includes('pos=3.0.0.0')", timeout=10_000)
    assert page.evaluate("history.length") == entries
    page.context.close()


def test_export_then_import_into_a_fresh_session_then_a_bad_file(browser, app_url, artifacts):
    source = open_page(browser, app_url)
    source.locator(".st-key-epochs input").fill("12")
    source.locator(".st-key-epochs input").press("Enter")
    settle(source)
    click_and_wait(source, "train", "Epoch 12 · Step 96 · Phase: ready")
    click_and_wait(source, "next_phase", "Phase: hidden_z")
    open_sharing(source)
    with source.expect_download() as download:
        source.click(".st-key-export button")
    exported = download.value.path().read_bytes()
    assert json.loads(exported)["position"]["step"] == 96
    wanted = shown(source)

    fresh = open_page(browser, app_url)
    assert shown(fresh) != wanted
    open_sharing(fresh)
    fresh.set_input_files(
        ".st-key-import input[type=file]",
        files=[{"name": "state.json", "mimeType": "application/json", "buffer": exported}],
    )
    fresh.wait_for_function(
        "() => document.querySelector('.st-key-status').innerText.includes('Step 96')"
    )
    settle(fresh)
    assert shown(fresh) == wanted
    # the same state; only the source can be named by its recipe (go=...): an import cannot
    source_state = {k: v for k, v in url_state(source).items() if k != "go"}
    assert url_state(fresh) == source_state and "go" not in url_state(fresh)
    fresh.screenshot(path=artifacts / "sharing-imported.png")

    url = fresh.url
    fresh.set_input_files(
        ".st-key-import input[type=file]",
        files=[{"name": "bad.json", "mimeType": "application/json", "buffer": b'{"W1": [[NaN]]}'}],
    )
    alert = fresh.locator("[data-testid=stAlertContentError]")
    alert.wait_for(timeout=30_000)
    settle(fresh)
    assert "bad.json was not imported" in alert.inner_text()
    assert "Nothing was changed" in alert.inner_text()
    assert shown(fresh) == wanted and fresh.url == url
    fresh.screenshot(path=artifacts / "sharing-bad-file.png")
    source.context.close()
    fresh.context.close()


def test_hostile_query_strings_give_a_working_page(browser, app_url, artifacts):
    context = browser.new_context(viewport=VIEWPORT)
    cases = [*HOSTILE, ("lr=0.5&lr=0.25&seed=3&seed=4", None)]  # repeated: the last counts
    pages = []
    for query, _ in cases:  # each tab is its own session; they load side by side
        page = context.new_page()
        page.goto(f"{app_url}/?presentation=1&{query}", wait_until="commit")
        pages.append(page)
    for page, (query, named) in zip(pages, cases):
        settle(page)  # also: no exception box
        page.wait_for_selector(".st-key-network .main-svg", timeout=30_000)
        alerts = page.locator("[data-testid=stAlertContentError]")
        if named is None:
            assert alerts.count() == 0, query
        else:
            text = alerts.first.inner_text()
            assert named in text and "fresh network" in text, (query, text)
            assert page.locator("[data-testid=stAlertContentError] a").count() == 0
        assert "Epoch 0 · Step 0 · Phase: ready" in status(page), query
        state = url_state(page)
        assert state["rule"] == "exact", query
        assert parse_qs(urlsplit(page.url).query)["presentation"] == ["1"], query
        if query.startswith("rule=%5B"):
            page.screenshot(path=artifacts / "sharing-hostile-link.png")
    assert (state["lr"], state["seed"]) == ("0.25", "4")
    context.close()
