"""Batch mode in headless Chromium against `streamlit run app.py` (see conftest.py)."""

import pytest
from browser_helpers import OVERLAPS, PHASES, click_and_wait, open_page, settle, status, wait_status

pytestmark = pytest.mark.browser

MATRIX_ROWS = """() => [...document.querySelectorAll('.st-key-phase_detail mrow.matrix > mtable')]
  .map(t => t.querySelectorAll(':scope > mtr').length)"""


@pytest.mark.parametrize("width", [390, 1400])
def test_a_batch_step_shows_matrices_and_the_page_never_scrolls_sideways(
    browser, app_url, artifacts, width
):
    page = open_page(browser, app_url + "?mode=batch", viewport={"width": width, "height": 1000})
    assert "nodes show pattern 1 of 8" in page.inner_text(".sv-mount")
    for name in PHASES:
        page.click(".st-key-next_phase button")
        wait_status(page, f"Phase: {name}")
        page.evaluate(
            "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
        )
        rows = page.evaluate(MATRIX_ROWS)
        assert rows, name
        if name in ("hidden_z", "output_delta", "update_hidden"):
            assert rows[0] == 8, (name, rows)  # Z_h, D_o, ΔW1: a row per pattern / input
        found = page.evaluate(OVERLAPS)
        assert found["scroll"] <= 0, (width, name)
        assert not found["wide"], (width, name, found["wide"])
        if name == "output_delta":
            page.screenshot(path=str(artifacts / f"batch-{width}.png"))
    settle(page)
    assert "Epoch 1 · Step 1 · Phase: update_hidden" in status(page)
    click_and_wait(page, "next_phase", "Epoch 1 · Step 1 · Phase: hidden_z")  # the next batch
    click_and_wait(page, "prev_phase", "Epoch 1 · Step 1 · Phase: update_hidden")
    page.locator(".st-key-phase_scrubber input").fill("4")
    wait_status(page, "Epoch 0 · Step 0 · Phase: output_a")
    settle(page)
    assert "mode=batch" in page.url and "pos=4.0.0.0" in page.url
    page.context.close()
