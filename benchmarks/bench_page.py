"""Page speed at class scale, against a bare "floor" page measured in the same run.

    python benchmarks/bench_page.py [--clicks 20] [--sessions 4] [--memory-sessions 20]

Prints, for the floor page and app.py (the floor twice: with Streamlit's default config, as
anyone would run it, and with this repository's .streamlit/config.toml, as the app runs):
1. click -> page updated in headless Chromium (status changed, script idle, two animation
   frames): median over interleaved clicks, and the ratio app/floor;
2. server CPU per click (the streamlit process's utime+stime from /proc);
3. several sessions clicking at once: p95 latency, and whether every session ends in exactly
   the state its own clicks produce; then the same load from protocol clients
   (benchmarks/wsclient.py), which measures the server alone;
4. memory: RSS growth of the app's server over many sessions, and the in-process size of one
   Session with a full undo history.
Nothing is asserted: these are measurements.
"""

import argparse
import asyncio
import contextlib
import sys
import tempfile
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.async_api import async_playwright  # noqa: E402

from autoencoder.session import MAX_HISTORY, Session  # noqa: E402
from benchmarks.pagebench import (  # noqa: E402
    CHROMIUM_ARGS,
    ROOT,
    SETTLED,
    cpu_seconds,
    floor_script,
    median,
    percentile,
    require_chromium,
    rss_bytes,
    streamlit_server,
)
from benchmarks.wsclient import StreamlitSession  # noqa: E402

CLICK_DONE = """([before, settled]) => {
    const s = document.querySelector('.st-key-status');
    return s && s.innerText !== before && document.querySelector(settled);
}"""
TWO_FRAMES = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"


async def open_page(browser, url):
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    page = await context.new_page()
    await page.goto(url)
    await page.wait_for_selector(SETTLED, timeout=60_000)
    await page.wait_for_selector(".st-key-next_phase button", timeout=60_000)
    return page


async def click(page) -> float:
    loop = asyncio.get_running_loop()
    before = await page.inner_text(".st-key-status")
    start = loop.time()
    await page.click(".st-key-next_phase button")
    await page.wait_for_function(CLICK_DONE, arg=[before, SETTLED], polling="raf", timeout=60_000)
    await page.evaluate(TWO_FRAMES)
    return loop.time() - start


def expected_app_status(clicks: int) -> str:
    session = Session()
    for _ in range(clicks):
        session.next_phase()
    return session.status_text()


async def latency_and_cpu(browser, servers, clicks):
    pages = {name: await open_page(browser, url) for name, (url, _) in servers.items()}
    for page in pages.values():  # warm up
        for _ in range(3):
            await click(page)
    times = {name: [] for name in servers}
    cpu_before = {name: cpu_seconds(proc.pid) for name, (_, proc) in servers.items()}
    for _ in range(clicks):
        for name, page in pages.items():
            times[name].append(await click(page))
    cpu = {
        name: (cpu_seconds(proc.pid) - cpu_before[name]) / clicks
        for name, (_, proc) in servers.items()
    }
    for page in pages.values():
        await page.context.close()
    return times, cpu


async def concurrent(browser, url, sessions, clicks):
    pages = [await open_page(browser, url) for _ in range(sessions)]

    async def run(page):
        return [await click(page) for _ in range(clicks)]

    results = await asyncio.gather(*(run(p) for p in pages))
    statuses = [await p.inner_text(".st-key-status") for p in pages]
    for page in pages:
        await page.context.close()
    return [t for r in results for t in r], statuses


async def ws_clicks(url, sessions, clicks):
    """Latencies of ``sessions`` protocol clients clicking ``clicks`` times at once."""

    async def run():
        async with StreamlitSession(url) as session:
            return [await session.click() for _ in range(clicks)]

    results = await asyncio.gather(*(run() for _ in range(sessions)))
    return [t for r in results for t in r]


async def memory(browser, url, proc, sessions, clicks):
    base = rss_bytes(proc.pid)
    pages = []
    for _ in range(sessions):
        page = await open_page(browser, url)
        for _ in range(clicks):
            await click(page)
        pages.append(page)
    grown = rss_bytes(proc.pid) - base
    for page in pages:
        await page.context.close()
    return grown / sessions


def session_history_bytes() -> int:
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    session = Session()
    for i in range(MAX_HISTORY):
        session.next_phase() if i % 10 else session.train(2)
    size = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()
    return size


def row(values: dict, unit: str = "ms", scale: float = 1000.0) -> str:
    """One line: every server's figure, then app / floor and app / floor with the app's config."""
    cells = "   ".join(f"{name} {v * scale:7.1f} {unit}" for name, v in values.items())
    ratios = "   ".join(
        f"app/{ref} {values['app'] / values[ref]:.2f}x" for ref in values if ref != "app"
    )
    return f"   {cells}\n   {ratios}"


async def main(args):
    exe = require_chromium()
    with contextlib.ExitStack() as stack:
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        floor = floor_script(tmp)
        servers = {  # the floor as anyone would run it (Streamlit's defaults), and with ours
            "floor": stack.enter_context(streamlit_server(floor, cwd=tmp)),
            "floor*": stack.enter_context(streamlit_server(floor)),
            "app": stack.enter_context(streamlit_server(ROOT / args.app)),
        }
        print("floor: the bare page with Streamlit's default config; floor*: the same page")
        print("with this repository's .streamlit/config.toml, as the app runs.")
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS)
            times, cpu = await latency_and_cpu(browser, servers, args.clicks)
            print(f"1. click latency, median of {args.clicks} interleaved clicks")
            print(row({k: median(v) for k, v in times.items()}))
            print("2. server CPU per click")
            print(row(cpu))
            if args.sessions:
                p95, ws_p95, ok = {}, {}, True
                for name, (url, _) in servers.items():
                    lats, statuses = await concurrent(browser, url, args.sessions, args.clicks)
                    p95[name] = percentile(lats, 95)
                    # each session did warm-up-free `clicks` clicks from a fresh start
                    want = (
                        expected_app_status(args.clicks) if name == "app" else f"Step {args.clicks}"
                    )
                    ok &= all(want in s.replace("\n", " ") for s in statuses)
                    ws_p95[name] = percentile(await ws_clicks(url, args.sessions, args.clicks), 95)
                print(f"3. {args.sessions} browser sessions clicking at once, p95 latency")
                print(row(p95))
                print(f"   every session ended in the state its own clicks produce: {ok}")
                print(
                    f"   the same from {args.sessions} protocol clients (server only, no rendering)"
                )
                print(row(ws_p95))
            per_session = 0.0
            if args.memory_sessions:
                url, proc = servers["app"]
                per_session = await memory(browser, url, proc, args.memory_sessions, 10)
            await browser.close()
    history = session_history_bytes()
    print(
        f"4. memory: RSS growth per browser session (10 clicks each, {args.memory_sessions} sessions): {per_session / 2**20:.2f} MiB"
    )
    print(
        f"   one Session with a full undo history ({MAX_HISTORY} actions, in process): {history / 2**20:.2f} MiB"
    )
    print(f"   estimate per session with a full history: {(per_session + history) / 2**20:.2f} MiB")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--app", default="app.py", help="the page to measure (default app.py)")
    parser.add_argument("--clicks", type=int, default=20)
    parser.add_argument("--sessions", type=int, default=4)
    parser.add_argument("--memory-sessions", type=int, default=20)
    asyncio.run(main(parser.parse_args()))
