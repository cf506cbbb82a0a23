"""Lecture mode in headless Chromium: keys, presentation type size, classroom links,
phones, and the inspector filled by a click on the graph (see conftest.py)."""

import re

import pytest
from browser_helpers import TWO_FRAMES, click_and_wait, settle

pytestmark = pytest.mark.browser

PROJECTOR = {"width": 1920, "height": 1080}
PHONE = {"width": 390, "height": 844}


def open_page(browser, url, viewport=PROJECTOR, **options):
    context = browser.new_context(viewport=viewport, **options)
    page = context.new_page()
    page.goto(url)
    settle(page)
    page.wait_for_selector(".st-key-status")
    return context, page


def press_and_wait(page, key, expect: str):
    """Press ``key`` (the page has focus); wait until the status shows ``expect``."""
    page.keyboard.press(key)
    page.wait_for_function(
        "want => document.querySelector('.st-key-status').innerText"
        ".replace(/\\n/g, ' ').includes(want)",
        arg=expect,
        timeout=30_000,
    )
    settle(page)


def font_px(page, selector) -> float:
    return page.evaluate(
        f"parseFloat(getComputedStyle(document.querySelector('{selector}')).fontSize)"
    )


def test_keys_step_undo_full_step_and_play(browser, app_url):
    context, page = open_page(browser, app_url, {"width": 1400, "height": 1000})
    legend = page.inner_text(".st-key-key_legend")
    assert "next phase" in legend and "full step" in legend and "play / pause" in legend
    page.locator(".st-key-status").click()  # focus the page
    press_and_wait(page, "ArrowRight", "Phase: hidden_z")
    press_and_wait(page, "PageDown", "Phase: hidden_a")
    press_and_wait(page, "ArrowLeft", "Phase: hidden_z")
    press_and_wait(page, "PageUp", "Phase: ready")
    press_and_wait(page, "PageDown", "Phase: hidden_z")
    press_and_wait(page, "s", "Step 1 · Phase: update_hidden")
    play = page.locator(".st-key-play input")
    assert not play.is_checked()
    page.keyboard.press("p")
    page.wait_for_function("() => document.querySelector('.st-key-play input').checked")
    page.wait_for_function(  # play trains: the epoch counter moves
        "() => /Epoch [1-9]/.test(document.querySelector('.st-key-status').innerText)",
        timeout=30_000,
    )
    page.locator(".st-key-status").click()
    page.keyboard.press("p")
    page.wait_for_function("() => !document.querySelector('.st-key-play input').checked")
    settle(page)
    context.close()


def test_presentation_toggle_enlarges_text_and_collapses_sidebar(browser, app_url, artifacts):
    context, page = open_page(browser, app_url)
    assert page.locator("[data-testid=stSidebar][data-collapsed=false]").count() == 1
    before = {
        s: font_px(page, s)
        for s in (".st-key-status", ".st-key-status strong", ".st-key-phase_detail")
    }
    chart_before = page.locator(".st-key-network .js-plotly-plot").bounding_box()["height"]
    page.locator(".st-key-presentation label").click()
    page.wait_for_function(
        "() => parseFloat(getComputedStyle(document.documentElement).fontSize) > 18"
    )
    settle(page)
    for selector, size in before.items():
        assert font_px(page, selector) >= 1.25 * size, selector
    page.wait_for_function("() => document.querySelector('.sv-root.sv-large')")
    page.wait_for_function(  # the graph follows its box (a ResizeObserver)
        "before => document.querySelector('.st-key-network .js-plotly-plot')"
        ".getBoundingClientRect().height > before",
        arg=chart_before,
        timeout=10_000,
    )
    assert "presentation=1" in page.url
    page.wait_for_selector(
        "[data-testid=stSidebar][data-collapsed=true]", state="attached", timeout=10_000
    )
    click_and_wait(page, "full_step", "Step 1 · Phase: update_hidden")
    page.evaluate(TWO_FRAMES)  # the last drawing painted before the picture
    page.screenshot(path=artifacts / "lecture-projector.png")
    page.locator(".st-key-presentation label").click()
    page.wait_for_function("() => !location.search.includes('presentation')")
    settle(page)
    assert font_px(page, ".st-key-status") == pytest.approx(before[".st-key-status"])
    context.close()


def test_classroom_link_in_dark_theme(browser, app_url, artifacts):
    """?presentation=1&controls=step: big type, only the stepping buttons, dark theme."""
    url = f"{app_url}/?presentation=1&controls=step"
    context, page = open_page(browser, url, color_scheme="dark")
    assert page.locator(".st-key-presentation input").is_checked()
    assert page.locator(".st-key-next_phase button").count() == 1
    for hidden in ("train", "play", "lr", "timeline_box"):
        assert page.locator(f".st-key-{hidden}").count() == 0, hidden
    assert page.locator("[data-testid=stSidebar]").count() == 0  # no settings: no sidebar
    background = page.evaluate("getComputedStyle(document.querySelector('.stApp')).backgroundColor")
    assert sum(map(int, re.findall(r"\d+", background)[:3])) < 150, background  # dark
    for name in ("hidden_z", "hidden_a", "output_z", "output_a", "error"):
        click_and_wait(page, "next_phase", f"Phase: {name}")
    page.evaluate(TWO_FRAMES)
    page.screenshot(path=artifacts / "lecture-projector-dark.png")
    context.close()
