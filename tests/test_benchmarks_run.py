"""Smoke test: the benchmark script runs in its CI-sized mode and prints its table."""

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
