"""The stepping view in headless Chromium against `streamlit run app.py` (see conftest.py)."""

import pytest
from browser_helpers import (
    OVERLAPS,
    PHASES,
    click_and_wait,
    open_page,
    settle,
    status,
    wait_status,
)

from autoencoder.figures.layout import node_text_quantities
from autoencoder.io.numbers import label_number
from autoencoder.session.session import Session

pytestmark = pytest.mark.browser

GRAPH = ".st-key-network .js-plotly-plot"


@pytest.fixture
def page(browser, app_url):
    page = open_page(browser, app_url)
    yield page
    page.context.close()


def focus(page):
    page.click("h4")  # the page has the focus; keys go to the view


def test_nine_phases_drawn_in_place_then_train(page, artifacts):
    """Each click shows its phase with MathML, in the same graph element (never replotted)."""
    page.evaluate(f"() => {{ window.firstGraph = document.querySelector('{GRAPH}'); }}")
    for name in PHASES:
        page.click(".st-key-next_phase button")
        wait_status(page, f"Phase: {name}")
        assert page.locator(".st-key-phase_detail math").count() > 0
    settle(page)
    assert "Epoch 0 · Step 1 · Phase: update_hidden" in status(page)
    assert page.evaluate(f"() => document.querySelector('{GRAPH}') === window.firstGraph")
    page.screenshot(path=str(artifacts / "view-update-hidden.png"))
    click_and_wait(page, "next_phase", "Step 1 · Phase: hidden_z")  # into the next step
    click_and_wait(page, "prev_phase", "Step 1 · Phase: update_hidden")  # and back
    click_and_wait(page, "full_step", "Step 2 · Phase: update_hidden")  # the next whole step
    page.locator(".st-key-epochs input").fill("3")
    page.locator(".st-key-epochs input").press("Enter")
    settle(page)
    epochs = 3
    page.click(".st-key-train button")
    wait_status(page, f"Epoch {epochs} · Step {8 * epochs} · Phase: ready")
    settle(page)
    assert page.evaluate(f"() => document.querySelector('{GRAPH}') === window.firstGraph")


def test_a_burst_of_presses_loses_none_and_survives_a_reload(page):
    """11 → then 8 ← with no pause land exactly 3 phases on; a reload shows the same, and
    ← after it goes back one phase."""
    focus(page)
    for key in ["ArrowRight"] * 11 + ["ArrowLeft"] * 8:
        page.keyboard.press(key)
    wait_status(page, "Epoch 0 · Step 0 · Phase: output_z")
    settle(page)
    assert "Phase: output_z" in status(page)
    page.reload()
    settle(page)
    assert "Epoch 0 · Step 0 · Phase: output_z" in status(page)
    focus(page)
    page.keyboard.press("ArrowLeft")
    wait_status(page, "Phase: hidden_a")
    settle(page)
    page.reload()
    settle(page)
    assert "Phase: hidden_a" in status(page)


def test_numbers_drawn_at_every_position_are_the_cores(page):
    """The node labels at each of the ten positions (set with the scrubber) are the core's
    numbers, three decimals."""
    s = Session()
    for done in range(10):
        page.locator(".st-key-phase_scrubber input").fill(str(done))
        wait_status(page, f"Phase: {s.phase}")
        drawn = page.eval_on_selector_all(".sv-node-text", "els => els.map(e => e.textContent)")
        shown = node_text_quantities(s.step)
        expected = []
        for layer, n in (("x", 8), ("h", 3), ("o", 8)):
            q = shown[layer]
            expected += [label_number(v) for v in q[1]] if q else [""] * n
        assert drawn == expected, s.phase
        s.next_phase()
    settle(page)


@pytest.mark.parametrize("width", [390, 1400, 1920])
def test_no_graph_texts_overlap_and_the_panel_fits(browser, app_url, artifacts, width):
    page = open_page(
        browser, app_url + "?presentation=1", viewport={"width": width, "height": 1000}
    )
    page.locator(".st-key-weight_labels input").check()
    for done in range(10):
        page.locator(".st-key-phase_scrubber input").fill(str(done))
        page.wait_for_function(
            f"() => document.querySelector('.sv-mount').dataset.phase === '{done}'"
        )
        page.evaluate(
            "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
        )
        found = page.evaluate(OVERLAPS)
        assert not found["bad"], (width, done, found["bad"][:5])
        assert not found["wide"], (width, done, found["wide"])
        assert found["scroll"] <= 0, (width, done)
    page.screenshot(path=str(artifacts / f"view-{width}.png"))
    page.context.close()


def test_on_a_phone_next_stays_in_reach_while_the_panel_is_read(browser, app_url, artifacts):
    page = open_page(browser, app_url, viewport={"width": 390, "height": 844}, is_mobile=True)
    click_and_wait(page, "next_phase", "Phase: hidden_z")
    page.locator(".st-key-phase_detail").scroll_into_view_if_needed()
    box = page.locator(".st-key-next_phase button").bounding_box()
    assert box and 0 <= box["y"] and box["y"] + box["height"] <= 844
    page.click(".st-key-next_phase button")
    wait_status(page, "Phase: hidden_a")
    page.screenshot(path=str(artifacts / "view-phone.png"))
    page.context.close()


def test_a_click_on_a_node_explains_it_beside_the_graph(page, artifacts):
    for _ in PHASES[:6]:
        page.click(".st-key-next_phase button")
    wait_status(page, "Phase: output_delta")
    settle(page)
    point = node_point(page, 2.0, 5.0)  # o3
    page.mouse.click(*point)
    page.wait_for_selector(".st-key-selected_element:not([hidden]) math", timeout=30_000)
    text = page.inner_text(".st-key-selected_element .sv-inspector")
    assert text.startswith("o3 (output)") and "delta" in text
    page.screenshot(path=str(artifacts / "view-inspector.png"))
    page.click(".st-key-clear_selected button")
    page.wait_for_selector(".st-key-selected_element[hidden]", state="attached", timeout=30_000)


def test_play_the_step_walks_the_phases_and_any_key_stops_it(page):
    page.select_option(".st-key-play_step select", "0.5")
    page.click(".st-key-play_step button")
    wait_status(page, "Phase: hidden_a")  # it walks by itself
    page.keyboard.press("x")  # any key stops it
    stopped = status(page)
    page.wait_for_selector(".st-key-play_step:not(.sv-playing)", timeout=5_000)  # timer off
    settle(page)
    assert status(page) == stopped and "Play the step" in page.inner_text(".st-key-play_step")
    page.click(".st-key-play_step button")
    wait_status(page, "Phase: update_hidden")  # to the end of the step, and stops there
    page.wait_for_selector(".st-key-play_step:not(.sv-playing)", timeout=5_000)
    settle(page)
    assert "Step 1 · Phase: update_hidden" in status(page)
    assert "Play the step" in page.inner_text(".st-key-play_step")


SHAPE_STYLES = """() => [...document.querySelectorAll('.st-key-network .shapelayer path[data-index]')]
  .map(e => [e.getAttribute('data-index'), e.style.stroke, e.style.strokeWidth,
             e.style.strokeDasharray.replace(/ /g, ''), e.style.opacity, e.style.fill])"""


def test_styles_drawn_in_place_are_what_plotly_draws(page):
    """At every position the shapes restyled in place (no Plotly call) look exactly as a
    full Plotly redraw of the same figure draws them."""
    for done in range(10):
        page.locator(".st-key-phase_scrubber input").fill(str(done))
        page.wait_for_function(
            f"() => document.querySelector('.sv-mount').dataset.phase === '{done}'"
        )
        in_place = page.evaluate(SHAPE_STYLES)
        page.evaluate(f"() => Plotly.redraw(document.querySelector('{GRAPH}'))")
        assert page.evaluate(SHAPE_STYLES) == in_place, done
    settle(page)


def test_undo_reaches_back_past_a_reload(page):
    """After a reload Undo still goes back through a training run to the phases before it
    (the tab kept its earlier states; the server checked them)."""
    focus(page)
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    wait_status(page, "Phase: output_z")
    settle(page)
    page.locator(".st-key-epochs input").fill("2")
    page.locator(".st-key-epochs input").press("Enter")
    settle(page)
    page.click(".st-key-train button")
    wait_status(page, "Epoch 2 · Step 16 · Phase: ready")
    settle(page)
    page.reload()
    settle(page)
    assert "Epoch 2 · Step 16 · Phase: ready" in status(page)
    page.wait_for_function("() => !document.querySelector('.st-key-prev_phase button').disabled")
    page.click(".st-key-prev_phase button")  # undo the training run
    wait_status(page, "Epoch 0 · Step 0 · Phase: output_z")
    settle(page)
    page.click(".st-key-prev_phase button")
    wait_status(page, "Phase: hidden_a")
    settle(page)


def node_point(page, x: float, y: float):
    """Page coordinates of data point (x, y) of the network graph."""
    return page.evaluate(
        f"""([x, y]) => {{ const gd = document.querySelector('{GRAPH}'), s = gd._fullLayout._size;
        const r = gd.getBoundingClientRect(), xr = gd._fullLayout.xaxis.range,
              yr = gd._fullLayout.yaxis.range;
        return [r.left + s.l + (x - xr[0]) / (xr[1] - xr[0]) * s.w,
                r.top + s.t + (1 - (y - yr[0]) / (yr[1] - yr[0])) * s.h]; }}""",
        [x, y],
    )


def test_clicking_an_input_node_flips_a_bit_of_your_pattern(page):
    page.get_by_text("your pattern (click input nodes)").click()
    wait_status(page, "x = 11011101")
    settle(page)
    page.mouse.click(*node_point(page, 0.0, 6.0))  # x2
    wait_status(page, "x = 10011101")
    settle(page)
    assert "Phase: ready" in status(page)


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", data[:8]
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def test_pictures_for_slides_png_svg_and_the_nine_phases(page, tmp_path, artifacts):
    """A 16:9 slide of the phase shown (its title, the graph as drawn with its labels and
    colour key, the equation with its numbers) as PNG (1920x1080 and twice that) and SVG,
    and the nine phases of the step as nine numbered, dated slides in one zip."""
    import datetime
    import xml.etree.ElementTree as ET
    import zipfile

    for _ in PHASES[:3]:
        page.click(".st-key-next_phase button")
    wait_status(page, "Phase: output_z")
    settle(page)
    with page.expect_download() as png:
        page.click(".st-key-graph_png button")
    data = png.value.path().read_bytes()
    assert png.value.suggested_filename == "network-output_z.png"
    assert png_size(data) == (1920, 1080)
    (artifacts / "slide-output_z.png").write_bytes(data)
    with page.expect_download() as png2:
        page.click(".st-key-graph_png2 button")
    assert png_size(png2.value.path().read_bytes()) == (3840, 2160)
    with page.expect_download() as svg:
        page.click(".st-key-graph_svg button")
    tree = ET.parse(svg.value.path())
    assert tree.getroot().get("viewBox") == "0 0 1920 1080"
    texts = [t.text for t in tree.iter("{http://www.w3.org/2000/svg}text")]
    drawn = page.eval_on_selector_all(".sv-node-text", "els => els.map(e => e.textContent)")
    assert set(filter(None, drawn)) <= set(texts) and "x1" in texts and "o8" in texts
    title = page.inner_text(".st-key-phase_detail h4")
    assert title in texts and "weight" in texts and "≥3" in texts  # the title, the colour key
    numbers = [n.text for n in tree.iter("{http://www.w3.org/1998/Math/MathML}mn")]
    panel = page.eval_on_selector_all(
        ".st-key-phase_detail math mn", "els => els.map(e => e.textContent)"
    )
    assert numbers and set(panel) <= set(numbers)  # the equation with all its numbers
    with page.expect_download() as slides:
        page.click(".st-key-slides_zip button")
    today = datetime.date.today()
    with zipfile.ZipFile(slides.value.path()) as archive:
        names = archive.namelist()
        assert names == [f"{n:02d}-{name}.png" for n, name in enumerate(PHASES, start=1)]
        sizes = {png_size(archive.read(name)) for name in names}
        dates = {info.date_time[:3] for info in archive.infolist()}
    assert sizes == {(1920, 1080)}
    assert dates <= {(d.year, d.month, d.day) for d in (today, today - datetime.timedelta(1))}
    assert "Phase: output_z" in status(page)  # the view is back where it was
