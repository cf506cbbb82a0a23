"""The real page in headless Chromium against `streamlit run app.py` (see conftest.py)."""

import pytest

from autoencoder.figures import network_figure
from autoencoder.session import Session
from benchmarks.pagebench import SETTLED

pytestmark = pytest.mark.browser

PHASES = (
    "hidden_z", "hidden_a", "output_z", "output_a", "error",
    "output_delta", "hidden_delta", "update_output", "update_hidden",
)  # fmt: skip


def settle(page):
    """Wait until the script is idle, connected, and nothing is still loading."""
    page.wait_for_selector(SETTLED, timeout=30_000)
    page.wait_for_function("!document.querySelector('[data-testid=stSkeleton]')", timeout=30_000)
    assert page.locator("[data-testid=stException]").count() == 0


def click_and_wait(page, key, expect: str):
    """Click the button ``key``; wait until the status shows ``expect`` and all is idle."""
    page.click(f".st-key-{key} button")
    page.wait_for_function(
        "want => { const s = document.querySelector('.st-key-status');"
        " return s && s.innerText.replace(/\\n/g, ' ').includes(want); }",
        arg=expect,
        timeout=30_000,
    )
    settle(page)


def status(page) -> str:
    return page.inner_text(".st-key-status").replace("\n", " ")


def graph_text(page) -> str:
    """The numbers drawn in the network graph (Plotly renders them as SVG text)."""
    page.wait_for_selector(".st-key-network .main-svg", timeout=30_000)
    return page.locator(".st-key-network").inner_text()


@pytest.fixture
def page(browser, app_url):
    context = browser.new_context(viewport={"width": 1400, "height": 1100})
    page = context.new_page()
    page.goto(app_url)
    settle(page)
    page.wait_for_selector(".st-key-next_phase button")
    yield page
    context.close()


def test_step_nine_phases_undo_and_train(page, artifacts):
    assert "Epoch 0 · Step 0 · Phase: ready" in status(page)
    graphs = [graph_text(page)]
    for name in PHASES:
        click_and_wait(page, "next_phase", f"Phase: {name}")
        graphs.append(graph_text(page))
        if name == "error":
            page.screenshot(path=artifacts / "page-error-phase.png")
    assert "Epoch 0 · Step 1 · Phase: update_hidden" in status(page)
    assert len(set(graphs)) >= 5, "the graph should change as the phases fill it in"
    assert page.locator(".st-key-phase_detail .katex").count() > 0
    page.screenshot(path=artifacts / "page-after-nine-phases.png")

    click_and_wait(page, "prev_phase", "Step 0 · Phase: update_output")

    page.locator(".st-key-epochs input").fill("30")
    page.locator(".st-key-epochs input").press("Enter")
    settle(page)
    click_and_wait(page, "train", "Epoch 30 · Step 240 · Phase: ready")
    page.screenshot(path=artifacts / "page-after-training.png")

    page.locator(".st-key-status").click()  # focus the page, then the Right arrow steps
    page.keyboard.press("ArrowRight")
    page.wait_for_function(
        "() => document.querySelector('.st-key-status').innerText.includes('Phase: hidden_z')",
        timeout=30_000,
    )
    settle(page)


def test_phone_width_no_sideways_scroll(browser, app_url, artifacts):
    context = browser.new_context(viewport={"width": 390, "height": 2400}, is_mobile=True)
    page = context.new_page()
    page.goto(app_url)
    settle(page)
    page.wait_for_selector(".st-key-next_phase button")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    click_and_wait(page, "next_phase", "Phase: hidden_z")
    click_and_wait(page, "next_phase", "Phase: hidden_a")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=artifacts / "page-phone.png")
    context.close()


# Records, for each Plotly graph the page mounts, the events it emits in order.
WATCH_PLOTS = """() => {
  window.plotEvents = [];
  const seen = new WeakSet();
  const watch = () => document.querySelectorAll('.st-key-network .js-plotly-plot').forEach(gd => {
    if (seen.has(gd) || !gd.on) return;
    seen.add(gd);
    const events = [];
    window.plotEvents.push(events);
    for (const name of ['beforeplot', 'afterplot']) gd.on('plotly_' + name, () => events.push(name));
  });
  new MutationObserver(watch).observe(document.body,
    {subtree: true, childList: true, attributes: true, attributeFilter: ['class']});
}"""


NODE_TEXTS = """() => [...document.querySelectorAll(
  '.st-key-network_chart g.scatterlayer g.trace:nth-child(3) text')].map(t => t.textContent)"""


def test_each_click_draws_the_graph_once(page):
    """Every changed figure is a new chart; Streamlit hands it to Plotly.react twice. The
    figure is built so that the second call finds nothing changed: a second draw would show
    as a 'beforeplot' after the chart's first 'afterplot' (measured: 40-60 ms a click).
    Each drawn graph shows the node numbers of the state the click produced."""
    for name in PHASES[:2]:  # the first equations load KaTeX's fonts: Plotly redraws once then
        click_and_wait(page, "next_phase", f"Phase: {name}")
    page.wait_for_timeout(500)
    page.evaluate(WATCH_PLOTS)
    session = Session()
    for _ in PHASES[:2]:
        session.next_phase()
    for name in PHASES[2:6]:
        click_and_wait(page, "next_phase", f"Phase: {name}")
        session.next_phase()  # the numbers drawn on the nodes are those of the new state
        drawn = [t for t in network_figure(session.step).data[2].text if t]  # no text if ""
        page.wait_for_function(f"want => ({NODE_TEXTS})().join() === want.join()", arg=drawn)
    page.wait_for_timeout(500)
    charts = [events for events in page.evaluate("window.plotEvents") if events]
    assert len(charts) >= 3, charts  # a new chart per click
    for events in charts:
        redraws = events[events.index("afterplot") :].count("beforeplot")
        assert redraws == 0, charts
