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

from autoencoder.session.session import MAX_HISTORY, Session  # noqa: E402
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

SHOWN = """before => {
    const s = document.querySelector('.st-key-status');
    return s && s.innerText !== before;
}"""
# The server has answered: the stepping view's last move is acknowledged (data-ack), or on
# a page without the view, the script is idle again.
SERVER_DONE = """settled => {
    const view = document.querySelector('.sv-mount');
    if (view) return view.dataset.ack === view.dataset.seq && document.querySelector(settled);
    return document.querySelector(settled);
}"""
TWO_FRAMES = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


async def open_page(browser, url, phone: bool = False):
    options = PHONE if phone else {"viewport": {"width": 1280, "height": 900}}
    context = await browser.new_context(**options)
    page = await context.new_page()
    page.cdp = await context.new_cdp_session(page)
    await page.cdp.send("Performance.enable")
    if phone:  # a mid-range phone: the CPU slowed 4x
        await page.cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
    await page.goto(url)
    await page.wait_for_selector(SETTLED, timeout=60_000)
    await page.wait_for_selector(".st-key-next_phase button", timeout=60_000)
    await page.wait_for_function(  # the stepping view has drawn its graph, where there is one
        "() => !document.querySelector('.sv-mount') || "
        "document.querySelector('.sv-mount').dataset.graph === 'ready'",
        timeout=60_000,
    )
    await page.wait_for_function(SERVER_DONE, arg=SETTLED, timeout=60_000)
    return page


async def busy_seconds(page) -> tuple[float, float]:
    """Main-thread time so far, from CDP Performance.getMetrics: (TaskDuration, ThreadTime).
    TaskDuration is the wall time of its tasks, so it grows when other processes take the
    CPU; ThreadTime is the thread's CPU time, which does not."""
    metrics = (await page.cdp.send("Performance.getMetrics"))["metrics"]
    values = {m["name"]: m["value"] for m in metrics}
    return values["TaskDuration"], values["ThreadTime"]


async def click_times(page) -> tuple[float, float, float, float]:
    """Click Next phase: seconds until the status shows the change (+2 frames), until the
    server has answered too (+2 frames), and main-thread busy and CPU seconds for the click."""
    loop = asyncio.get_running_loop()
    before = await page.inner_text(".st-key-status")
    busy = await busy_seconds(page)
    start = loop.time()
    await page.click(".st-key-next_phase button")
    await page.wait_for_function(SHOWN, arg=before, polling="raf", timeout=60_000)
    await page.evaluate(TWO_FRAMES)
    shown = loop.time() - start
    await page.wait_for_function(SERVER_DONE, arg=SETTLED, polling="raf", timeout=60_000)
    await page.evaluate(TWO_FRAMES)
    done = loop.time() - start
    task, thread = await busy_seconds(page)
    return shown, done, task - busy[0], thread - busy[1]


async def click(page) -> float:
    """Seconds until the click is shown and the server has answered."""
    return (await click_times(page))[1]


def expected_app_status(clicks: int) -> str:
    session = Session()
    for _ in range(clicks):
        session.next_phase()
    return session.status_text()


async def latency_and_cpu(browser, servers, clicks, phone=False):
    """Per server: [(shown, done, busy)] over interleaved clicks, and server CPU per click."""
    pages = {name: await open_page(browser, url, phone) for name, (url, _) in servers.items()}
    for page in pages.values():  # warm up
        for _ in range(3):
            await click(page)
    times = {name: [] for name in servers}
    cpu_before = {name: cpu_seconds(proc.pid) for name, (_, proc) in servers.items()}
    for _ in range(clicks):
        for name, page in pages.items():
            times[name].append(await click_times(page))
    cpu = {
        name: (cpu_seconds(proc.pid) - cpu_before[name]) / clicks
        for name, (_, proc) in servers.items()
    }
    for page in pages.values():
        await page.context.close()
    return times, cpu


def medians(times: dict, which: int) -> dict:
    return {name: median([t[which] for t in ts]) for name, ts in times.items()}


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


# (what the row measures, its index in click_times' tuple)
DESKTOP_ROWS = (
    ("click -> status shows the new phase (+2 frames)", 0),
    ("click -> the server has answered too (+2 frames)", 1),
    ("browser main-thread busy per click (CDP TaskDuration)", 2),
    ("browser main-thread CPU per click (CDP ThreadTime)", 3),
)
PHONE_ROWS = (
    ("click -> shown", 0),
    ("main-thread busy per click", 2),
    ("main-thread CPU per click", 3),
)


def print_rows(times: dict, rows, first: str):
    """Each row's medians, the first label after ``first``, the others indented."""
    for n, (label, which) in enumerate(rows):
        print((first if n == 0 else "   ") + label)
        print(row(medians(times, which)))


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
        if args.old:  # another version of the page (e.g. a git worktree of an older commit)
            servers["old"] = stack.enter_context(streamlit_server(Path(args.old).resolve()))
        print("floor: the bare page with Streamlit's default config; floor*: the same page")
        print("with this repository's .streamlit/config.toml, as the app runs.")
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS)
            times, cpu = await latency_and_cpu(browser, servers, args.clicks)
            print_rows(times, DESKTOP_ROWS, f"1. median of {args.clicks} clicks: ")
            print("   server CPU per click")
            print(row(cpu))
            phone, _ = await latency_and_cpu(browser, servers, args.clicks, phone=True)
            print_rows(
                phone,
                PHONE_ROWS,
                "2. 390x844, CPU slowed 4x (CDP Emulation.setCPUThrottlingRate): ",
            )
            if args.sessions:
                p95, ws_p95, ok = {}, {}, True
                for name, (url, _) in servers.items():
                    lats, statuses = await concurrent(browser, url, args.sessions, args.clicks)
                    p95[name] = percentile(lats, 95)
                    # each session did warm-up-free `clicks` clicks from a fresh start
                    want = (
                        expected_app_status(args.clicks)
                        if name in ("app", "old")
                        else f"Step {args.clicks}"
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
    parser.add_argument("--old", help="also measure this app.py (an older version), side by side")
    parser.add_argument("--clicks", type=int, default=20)
    parser.add_argument("--sessions", type=int, default=4)
    parser.add_argument("--memory-sessions", type=int, default=20)
    asyncio.run(main(parser.parse_args()))
