"""Shared helpers for the page benchmarks: the floor page, clicking and timing, and the
process figures; serving the page and finding Chromium come from ``tests/serving.py``
(shared with the browser tests). Used by bench_page.py, bench_replicas.py and
bench_view_draw.py."""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.serving import (  # noqa: E402, F401  (re-exported for the benchmark scripts)
    CHROMIUM_ARGS,
    ROOT,
    SETTLED,
    chromium_path,
    free_port,
    streamlit_server,
    wait_healthy,
)

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


def require_chromium() -> str:
    """The system Chromium, or exit with how to get it (for the benchmark scripts)."""
    found = chromium_path()
    if not found:
        sys.exit("no chromium found (Debian package: chromium)")
    return found


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


def median(values):
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def percentile(values, q):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))]
