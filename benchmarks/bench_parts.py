"""Where a click's browser time goes: the app with one part of the page left out at a time.

    python benchmarks/bench_parts.py [--clicks 20] [graph detail latex outside ...]

Each variant is app.py with some page functions replaced by no-ops (see PARTS). All pages
are clicked in turn ("next phase"), and for each the script prints the median click latency
and the median main-thread busy time per click (Chrome's Performance.getMetrics
TaskDuration), and what leaving the part out saved against the whole app. The floor page
(with this repository's config) is the reference. Nothing is asserted; with several pages
open on 2 cores the absolute figures are higher than bench_page.py's, compare within a run.
"""

import argparse
import asyncio
import contextlib
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.async_api import async_playwright  # noqa: E402

from benchmarks.bench_page import click, open_page  # noqa: E402
from benchmarks.pagebench import (  # noqa: E402
    CHROMIUM_ARGS,
    ROOT,
    floor_script,
    require_chromium,
    streamlit_server,
)

PARTS = {  # part -> the (module, function) pairs that draw it
    "graph": [("autoencoder.page.panels", "network")],
    "detail": [("autoencoder.page.panels", "phase_detail")],
    "latex": [("streamlit", "latex")],
    "keys": [("autoencoder.page.lecture", "key_legend"), ("autoencoder.page.lecture", "clicker_keys")],
    "outside": [
        ("autoencoder.page.learning", "learning_tabs"),
        ("autoencoder.page.check", "check_section"),
        ("autoencoder.page.controls", "settings_sidebar"),
        ("autoencoder.page.controls", "training_controls"),
        ("autoencoder.page.controls", "timeline"),
    ],
}  # fmt: skip

VARIANT = """import importlib, os, runpy, sys
sys.path.insert(0, {root!r})
for module, name in {off!r}:
    setattr(importlib.import_module(module), name, lambda *a, **k: None)
runpy.run_path(os.path.join({root!r}, "app.py"), run_name="__main__")
"""


def variant_script(tmp: Path, part: str) -> Path:
    path = tmp / f"without_{part}.py"
    path.write_text(VARIANT.format(root=str(ROOT), off=PARTS[part]))
    return path


async def busy_ms(cdp) -> float:
    metrics = (await cdp.send("Performance.getMetrics"))["metrics"]
    return next(m["value"] for m in metrics if m["name"] == "TaskDuration") * 1000


async def main(args):
    exe = require_chromium()
    with contextlib.ExitStack() as stack:
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        scripts = {"floor*": floor_script(tmp), "app": ROOT / "app.py"}
        scripts |= {f"app without {p}": variant_script(tmp, p) for p in args.parts}
        servers = {name: stack.enter_context(streamlit_server(s)) for name, s in scripts.items()}
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS)
            pages, cdps = {}, {}
            for name, (url, _) in servers.items():
                pages[name] = await open_page(browser, url)
                for _ in range(3):  # warm up (fonts, first equations)
                    await click(pages[name])
                cdps[name] = await pages[name].context.new_cdp_session(pages[name])
                await cdps[name].send("Performance.enable")
            latency = {name: [] for name in servers}
            busy = {name: [] for name in servers}
            for _ in range(args.clicks):
                for name, page in pages.items():
                    before = await busy_ms(cdps[name])
                    latency[name].append(await click(page) * 1000)
                    busy[name].append(await busy_ms(cdps[name]) - before)
            await browser.close()
    med = {
        name: (statistics.median(latency[name]), statistics.median(busy[name])) for name in servers
    }
    print(f"median of {args.clicks} interleaved clicks: latency, main-thread busy time")
    for name, (lat, task) in med.items():
        saved = ""
        if name.startswith("app without"):
            saved = f"   saves {med['app'][0] - lat:6.1f} ms latency, {med['app'][1] - task:6.1f} ms busy"
        print(f"   {name:22s} {lat:7.1f} ms {task:7.1f} ms{saved}")


DEFAULT_PARTS = ("graph", "detail", "outside")


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clicks", type=int, default=20)
    parser.add_argument("parts", nargs="*", metavar="part",
                        help=f"one of {', '.join(PARTS)} (default: {' '.join(DEFAULT_PARTS)})")  # fmt: skip
    args = parser.parse_args(argv)
    # Checked here: Python 3.11's argparse refuses an empty "*" list when it has choices.
    unknown = [part for part in args.parts if part not in PARTS]
    if unknown:
        parser.error(f"unknown part {unknown[0]!r}: choose from {', '.join(PARTS)}")
    args.parts = args.parts or list(DEFAULT_PARTS)
    return args


if __name__ == "__main__":
    asyncio.run(main(parse_args()))
