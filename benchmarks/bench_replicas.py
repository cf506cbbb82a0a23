"""Clicks per second served by 1, 2, ... `streamlit run` processes behind nginx.

    python benchmarks/bench_replicas.py [--processes 1 2] [--sessions 8] [--seconds 15]
                                        [--client ws|browser]

Each run opens `sessions` sessions on the nginx address and lets every one click "next
phase" as fast as the page answers for `seconds`; it prints the clicks served per second,
the median click latency and the CPU each server process used. The default client speaks
Streamlit's websocket protocol (benchmarks/wsclient.py), light enough to leave the cores to
the servers; `--client browser` uses headless Chromium, which on 2 cores is itself the
bottleneck. Either shares this machine's cores with the servers, so the growth it shows is
a lower bound of what separate machines would give.
"""

import argparse
import asyncio
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.async_api import async_playwright  # noqa: E402

from benchmarks.bench_page import click, open_page  # noqa: E402
from benchmarks.pagebench import CHROMIUM_ARGS, cpu_seconds, median, require_chromium  # noqa: E402
from benchmarks.replicas import replica_cluster  # noqa: E402
from benchmarks.wsclient import load as ws_load  # noqa: E402


async def browser_load(url, sessions, seconds, exe):
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS)
        pages = [await open_page(browser, url) for _ in range(sessions)]
        loop = asyncio.get_running_loop()
        stop = loop.time() + seconds

        async def run(page):
            latencies = []
            while loop.time() < stop:
                latencies.append(await click(page))
            return latencies

        results = await asyncio.gather(*(run(p) for p in pages))
        await browser.close()
    return [t for r in results for t in r]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--processes", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--sessions", type=int, default=8)
    parser.add_argument("--client", choices=["ws", "browser"], default="ws")
    parser.add_argument("--seconds", type=float, default=15)
    args = parser.parse_args()
    exe = require_chromium() if args.client == "browser" else None
    rates = {}
    for n in args.processes:
        with replica_cluster(n) as (url, procs):
            cpu0 = [cpu_seconds(p.pid) for p in procs]
            if args.client == "ws":
                latencies = asyncio.run(ws_load(url, args.sessions, args.seconds))
            else:
                latencies = asyncio.run(browser_load(url, args.sessions, args.seconds, exe))
            busy = [cpu_seconds(p.pid) - c for p, c in zip(procs, cpu0, strict=True)]
        rates[n] = len(latencies) / args.seconds
        print(
            f"{n} process(es): {rates[n]:6.1f} clicks/s   median latency "
            f"{median(latencies) * 1000:6.1f} ms   server CPU s per process "
            + " ".join(f"{b:.1f}" for b in busy)
        )
    base = rates[args.processes[0]]
    print(
        "throughput relative to the first: "
        + "  ".join(f"{n}: {r / base:.2f}x" for n, r in rates.items())
    )


if __name__ == "__main__":
    main()
