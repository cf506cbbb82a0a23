"""Shared helpers for the page benchmarks and the browser tests: start `streamlit run`
servers, find the system Chromium, click and time. Used by bench_page.py, bench_replicas.py
and tests/conftest.py."""

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# The reference: one button, one line of text, with the app's keys.
FLOOR_PAGE = """
import streamlit as st
st.session_state.setdefault("clicks", 0)
def click():
    st.session_state.clicks += 1
st.button("Next", key="next_phase", on_click=click)
with st.container(key="status"):
    st.write(f"Step {st.session_state.clicks}")
"""

SETTLED = (
    "[data-testid=stApp][data-test-connection-state=CONNECTED][data-test-script-state=notRunning]"
)


def chromium_path() -> str | None:
    """The system Chromium (Debian package `chromium`), or None."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found:
        return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


def require_chromium() -> str:
    """The system Chromium, or exit with how to get it (for the benchmark scripts)."""
    found = chromium_path()
    if not found:
        sys.exit("no chromium found (Debian package: chromium)")
    return found


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def streamlit_server(script: Path, port: int | None = None, cwd: Path = ROOT):
    """Run `streamlit run script` on a loopback port; yields (url, process).

    Streamlit reads `.streamlit/config.toml` from ``cwd``: the repository's by default, none
    when ``cwd`` is a directory without one (Streamlit's defaults)."""
    port = port or free_port()
    cmd = [
        sys.executable, "-m", "streamlit", "run", str(script),
        "--server.headless", "true", "--server.port", str(port),
        "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
        "--server.fileWatcherType", "none",
    ]  # fmt: skip
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, proc)
        yield url, proc
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()


def wait_healthy(url: str, proc: subprocess.Popen | None = None, timeout: float = 60):
    """Poll `/_stcore/health` until it answers ok (RuntimeError if the server died)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with status {proc.returncode}")
        with contextlib.suppress(OSError):
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as resp:
                if resp.read().strip() == b"ok":
                    return
        time.sleep(0.2)
    raise RuntimeError(f"streamlit at {url} did not become healthy")


def floor_script(tmpdir: Path) -> Path:
    path = Path(tmpdir) / "floor_page.py"
    path.write_text(FLOOR_PAGE)
    return path


def cpu_seconds(pid: int) -> float:
    """utime + stime of a process (and its threads), from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) / ticks


def rss_bytes(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0


def wait_settled(page, timeout_ms: int = 30_000):
    page.wait_for_selector(SETTLED, timeout=timeout_ms)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=stSkeleton]')", timeout=timeout_ms
    )


def status_text(page) -> str:
    return page.inner_text(".st-key-status")


def timed_click(page) -> float:
    """Click next_phase; seconds until the status changed, the script is idle and two
    animation frames have passed."""
    before = status_text(page)
    start = time.perf_counter()
    page.click(".st-key-next_phase button")
    page.wait_for_function(
        """([before, settled]) => {
            const s = document.querySelector('.st-key-status');
            return s && s.innerText !== before && document.querySelector(settled);
        }""",
        arg=[before, SETTLED],
        polling="raf",
        timeout=30_000,
    )
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    return time.perf_counter() - start


def median(values):
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def percentile(values, q):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))]
