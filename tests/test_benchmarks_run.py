"""Smoke tests: the benchmark scripts run (or parse their arguments) as documented."""

import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[1] / "benchmarks" / "bench_core.py"


def test_bench_core_quick_runs_and_prints_the_ratios():
    run = subprocess.run(
        [sys.executable, str(SCRIPT), "--quick"], capture_output=True, text=True, timeout=300
    )
    assert run.returncode == 0, run.stderr
    for words in ("ratio train / plain", "throughput ratio", "median epochs", "median wall time"):
        assert words in run.stdout, run.stdout


def test_graph_page_steps_and_draws_the_network():
    from streamlit.testing.v1 import AppTest

    page = AppTest.from_file(str(SCRIPT.parent / "graph_page.py"), default_timeout=60).run()
    assert "Phase: ready" in page.markdown[0].value
    page.button(key="next_phase").click().run()
    assert not page.exception
    assert "Phase: hidden_z" in page.markdown[0].value
    assert len(page.get("plotly_chart")) == 1
