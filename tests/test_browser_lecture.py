"""Lecture mode in headless Chromium: keys, presentation type size, classroom links,
phones, and the inspector filled by a click on the graph (see conftest.py)."""

import re

import pytest
from test_browser import click_and_wait, settle, status

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
    before = {s: font_px(page, s) for s in (".st-key-status", ".st-key-status strong",
                                              ".st-key-phase_detail")}  # fmt: skip
    chart_before = page.locator(".st-key-network_chart").bounding_box()["height"]
    page.locator(".st-key-presentation label").click()
    page.wait_for_function(
        "() => parseFloat(getComputedStyle(document.documentElement).fontSize) > 18"
    )
    settle(page)
    for selector, size in before.items():
        assert font_px(page, selector) >= 1.25 * size, selector
    assert page.locator(".st-key-network_chart").bounding_box()["height"] > chart_before
    assert "presentation=1" in page.url
    page.wait_for_selector(
        "[data-testid=stSidebar][data-collapsed=true]", state="attached", timeout=10_000
    )
    click_and_wait(page, "full_step", "Step 1 · Phase: update_hidden")
    page.wait_for_timeout(300)  # let Plotly finish drawing before the picture
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
    page.wait_for_timeout(300)
    page.screenshot(path=artifacts / "lecture-projector-dark.png")
    context.close()


def test_phone_fits_width_with_buttons_in_reach(browser, app_url, artifacts):
    context, page = open_page(browser, app_url, PHONE, is_mobile=True, has_touch=True)
    click_and_wait(page, "next_phase", "Phase: hidden_z")
    click_and_wait(page, "next_phase", "Phase: hidden_a")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    main = page.locator("[data-testid=stMain]")
    assert main.evaluate("e => e.scrollWidth <= e.clientWidth")
    plot = page.locator(".st-key-network_chart .main-svg").first.bounding_box()
    assert plot["x"] >= 0 and plot["x"] + plot["width"] <= PHONE["width"]
    for key in ("prev_phase", "next_phase", "full_step"):
        box = page.locator(f".st-key-{key} button").bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], key
    assert page.locator("[data-testid=stSidebar][data-collapsed=false]").count() == 0
    page.screenshot(path=artifacts / "lecture-phone.png")
    context.close()


def node_point(page, index: int):
    """The centre of node ``index`` (0..18: x1..x8, h1..h3, o1..o8) on the screen."""
    nodes = page.locator(".st-key-network_chart g.scatterlayer g.trace").nth(2)
    box = nodes.locator("path.point").nth(index).bounding_box()
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2


def test_click_on_a_node_fills_the_inspector(browser, app_url, artifacts):
    context, page = open_page(browser, app_url, {"width": 1400, "height": 1000})
    click_and_wait(page, "full_step", "Step 1 · Phase: update_hidden")
    assert page.locator(".st-key-selected_element").count() == 0
    page.mouse.click(*node_point(page, 9))  # h2
    page.wait_for_selector(".st-key-selected_element", timeout=30_000)
    settle(page)
    text = page.inner_text(".st-key-selected_element")
    assert "h2" in text and "hidden node 2" in text
    assert "net input z" in text and "gradient δ" in text
    assert re.search(r"gradient δ \(delta\) = −∂E/∂z\s+-?\d\.\d{8}", text), text
    assert page.locator(".st-key-selected_element .katex").count() >= 3  # z, a, delta
    page.locator(".st-key-selected_element").screenshot(path=artifacts / "lecture-inspector.png")
    assert "Phase: update_hidden" in status(page)  # a click selects; it does not step
    context.close()
