""" "Check my notebook" and "take this step home" in headless Chromium (see conftest.py)."""

import json

import pytest
from browser_helpers import settle

from autoencoder.core.class_notebook import notebook_input
from autoencoder.core.model import init_params
from autoencoder.core.phases import PHASE_NAMES, run_step

pytestmark = pytest.mark.browser

REPORT = ".st-key-check_report"


def wait_for_report(page, expect: str):
    page.wait_for_function(
        "([sel, want]) => { const r = document.querySelector(sel);"
        " return r && r.innerText.includes(want); }",
        arg=[REPORT, expect],
        timeout=30_000,
    )
    settle(page)


def paste(page, text: str):
    """Type into check_input the way a paste lands, then commit it (Ctrl+Enter)."""
    box = page.locator(".st-key-check_input textarea")
    box.fill(text)
    box.press("Control+Enter")


@pytest.fixture
def page(browser, app_url):
    context = browser.new_context(viewport={"width": 1400, "height": 1100}, accept_downloads=True)
    page = context.new_page()
    page.goto(app_url)
    settle(page)
    page.wait_for_selector(".st-key-check_example button")
    yield page
    context.close()


def test_class_notebook_verdicts_then_garbage_then_json(page, artifacts):
    page.locator(".st-key-check_example button").click()
    wait_for_report(page, "First phase that is not a match: output_delta")
    report = page.inner_text(REPORT)
    assert report.count("✓ match") == 7
    assert report.count("⚠ known mistake") >= 2
    assert "slope-at-activation" in report and "w1-for-w2-transpose" in report
    assert page.locator(f"{REPORT} .js-plotly-plot").count() == 1  # their network, phase 6
    assert page.locator(".st-key-check_equation .katex").count() > 0
    page.locator(".st-key-check_equation").scroll_into_view_if_needed()
    page.locator(REPORT).screenshot(path=artifacts / "check-class-notebook.png")

    paste(page, "this is not a notebook")
    wait_for_report(page, "Could not check this text")
    assert "no arrays found" in page.inner_text(REPORT)
    page.locator(REPORT).screenshot(path=artifacts / "check-garbage.png")

    step = run_step(init_params(5), notebook_input(), lr=0.1, rule="exact")
    obj = {k: v.tolist() for k, v in init_params(5).as_dict().items()}
    obj.update(input="11011101", lr=0.1, activation="sigmoid")
    obj.update({name: getattr(step, name).tolist() for name in PHASE_NAMES[:7]})
    paste(page, json.dumps(obj))
    # no updated parameters: nothing wrong, but the step is not judged (no praise)
    wait_for_report(page, "the step is not judged")
    report = page.inner_text(REPORT)
    assert report.count("✓ match") == 7 and report.count("– not given") == 2
    assert "Well done" not in report


def test_take_home_downloads_the_current_step_as_a_notebook(page, tmp_path):
    with page.expect_download(timeout=30_000) as info:
        page.locator(".st-key-export_ipynb button").click()
    download = info.value
    assert download.suggested_filename.endswith(".ipynb")
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    notebook = json.loads(path.read_text())
    sources = ["".join(cell["source"]) for cell in notebook["cells"]]
    bits = download.suggested_filename.removesuffix(".ipynb").rsplit("-", 1)[1]
    assert bits in page.inner_text(".st-key-status")  # the step the page is on
    assert any(s.startswith("hidden_weight = np.array") for s in sources)
    assert any("delta_hidden" in s for s in sources)
