"""How the stepping view redraws the graph on a phase change: two ways, side by side.

    python benchmarks/bench_view_draw.py [--rounds 5]

On the real page in headless Chromium, for every phase change of a step (ready -> hidden_z
... -> update_hidden), the view's ``Graph.show`` is timed with its shape changes applied
(A) by ``Plotly.relayout`` of the changed shape attributes, (B) directly on the SVG paths
Plotly drew (and into the figure's layout). Label texts change the same way in both.
Medians in ms at normal CPU and with the CPU slowed 4x (CDP), and the ratio B / A.
Nothing is asserted: these are measurements.
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.sync_api import sync_playwright  # noqa: E402

from benchmarks.pagebench import (  # noqa: E402
    CHROMIUM_ARGS,
    ROOT,
    median,
    require_chromium,
    streamlit_server,
    wait_settled,
)

TIME_SHOWS = """([relayout, rounds]) => {
  const view = document.querySelector('.sv-mount').stepview;
  const graph = view.graph, step = view.steps.get(view.at.id);
  graph.useRelayout = relayout;
  const times = [];
  for (let r = 0; r < rounds; r++) {
    graph.show(step.views[0]);
    for (let p = 1; p < step.views.length; p++) {
      const start = performance.now();
      graph.show(step.views[p]);
      document.body.offsetWidth; // the style and layout the change needs, now
      times.push(performance.now() - start);
    }
  }
  graph.useRelayout = false;
  return times;
}"""


def main(rounds: int):
    exe = require_chromium()
    with streamlit_server(ROOT / "app.py") as (url, _), sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        cdp = page.context.new_cdp_session(page)
        page.goto(url)
        wait_settled(page)
        page.wait_for_selector(".sv-mount[data-graph=ready] .js-plotly-plot")
        print("Graph.show per phase change, median ms (9 changes x rounds)")
        for rate in (1, 4):
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": rate})
            relayout = median(page.evaluate(TIME_SHOWS, [True, rounds]))
            direct = median(page.evaluate(TIME_SHOWS, [False, rounds]))
            print(
                f"   CPU x{rate}: A Plotly.relayout {relayout:6.1f} ms   "
                f"B direct on the SVG {direct:6.1f} ms   B/A {direct / relayout:.2f}"
            )
        browser.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    main(parser.parse_args().rounds)
