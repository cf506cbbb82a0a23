"""Shared by the browser test files: wait for the page, press, read what it shows."""

from serving import SETTLED

from autoencoder.core.phases import PHASE_NAMES

PHASES = tuple(PHASE_NAMES)  # the nine phases, as the status line names them
# Graph labels that overlap, panel children wider than the panel, and sideways scroll.
OVERLAPS = """() => {
  const boxes = [...document.querySelectorAll('.sv-label')]
    .filter(e => getComputedStyle(e).visibility === 'visible' && e.textContent)
    .map(e => [e.textContent, e.getBoundingClientRect()]);
  const bad = [];
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    const [ta, a] = boxes[i], [tb, b] = boxes[j];
    if (a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5)
      bad.push(ta + ' / ' + tb);
  }
  const panel = document.querySelector('.st-key-phase_detail').getBoundingClientRect();
  const wide = [...document.querySelectorAll('.st-key-phase_detail .sv-panel > *')]
    .filter(e => e.getBoundingClientRect().right > panel.right + 1).map(e => e.tagName);
  return {bad, wide, scroll: document.documentElement.scrollWidth - window.innerWidth};
}"""
TWO_FRAMES = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
VIEW_READY = ".sv-mount[data-graph=ready] .st-key-network .js-plotly-plot"


def settle(page):
    """Wait until the script is idle, connected, nothing is still loading, and the
    stepping view has drawn its graph; no exception on the page."""
    page.wait_for_selector(SETTLED, timeout=30_000)
    page.wait_for_function("!document.querySelector('[data-testid=stSkeleton]')", timeout=30_000)
    page.wait_for_selector(VIEW_READY, timeout=30_000)
    page.wait_for_function(  # drawn, and the server has applied the view's last move
        "() => { const s = document.querySelector('.st-key-status strong');"
        " const v = document.querySelector('.sv-mount');"
        " return s && s.textContent.includes('Phase:') && v.dataset.ack === v.dataset.seq; }",
        timeout=30_000,
    )
    page.wait_for_selector(SETTLED, timeout=30_000)
    assert page.locator("[data-testid=stException]").count() == 0


def wait_status(page, expect: str):
    page.wait_for_function(
        "want => { const s = document.querySelector('.st-key-status');"
        " return s && s.innerText.replace(/\\n/g, ' ').includes(want); }",
        arg=expect,
        timeout=30_000,
    )


def click_and_wait(page, key, expect: str):
    """Click the control ``key`` (a stepping view button or a Streamlit button); wait
    until the status shows ``expect`` and the server has caught up."""
    page.click(f".st-key-{key} button")
    wait_status(page, expect)
    settle(page)


def status(page) -> str:
    return page.inner_text(".st-key-status").replace("\n", " ")


def graph_text(page) -> str:
    """The numbers drawn on the network graph (HTML labels over the Plotly graph)."""
    return page.locator(".st-key-network .sv-labels").inner_text()


def open_page(browser, url: str, viewport=None, **options):
    context = browser.new_context(viewport=viewport or {"width": 1400, "height": 1100}, **options)
    page = context.new_page()
    page.goto(url)
    settle(page)
    return page
