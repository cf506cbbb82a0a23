"""Median build times of the figures (run: python benchmarks/bench_figures.py).

Prints, per case, the median ms of network_figure(...) and of fig.to_plotly_json() (the
serialisation st.plotly_chart does on every rerun), plus the other figure builders.
"""

import pathlib
import statistics
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402

from autoencoder.core.model import NOTEBOOK_PATTERN, init_params  # noqa: E402
from autoencoder.core.phases import next_phase, start_step  # noqa: E402
from autoencoder.figures import (  # noqa: E402
    code_cube_figure,
    element_details,
    loss_figure,
    network_figure,
)

REPEATS = 40


def median_ms(fn) -> float:
    fn()  # warm up
    times = []
    for _ in range(REPEATS):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def main():
    step = start_step(init_params(0), NOTEBOOK_PATTERN, lr=2.0)
    steps = [step]
    for _ in range(9):
        steps.append(next_phase(steps[-1]))
    cases = {
        "ready": (steps[0], {}),
        "output_z": (steps[3], {}),
        "update_output": (steps[8], {}),
        "labels+selected": (steps[8], {"weight_labels": True, "selected": "W2[1,7]"}),
        "large": (steps[5], {"large": True}),
    }
    print(f"{'case':<18}{'network_figure ms':>20}{'to_plotly_json ms':>20}")
    for name, (s, kw) in cases.items():
        build = median_ms(lambda s=s, kw=kw: network_figure(s, **kw))
        fig = network_figure(s, **kw)
        dump = median_ms(fig.to_plotly_json)
        print(f"{name:<18}{build:>20.2f}{dump:>20.2f}")
    losses = list(np.geomspace(5, 0.01, 5000))
    print(f"loss_figure (5000 epochs): {median_ms(lambda: loss_figure({'loss': losses})):.2f} ms")
    codes = np.random.default_rng(0).uniform(size=(8, 3))
    print(f"code_cube_figure: {median_ms(lambda: code_cube_figure(codes)):.2f} ms")
    print(f"element_details(h2): {median_ms(lambda: element_details(steps[7], 'h2')):.3f} ms")


if __name__ == "__main__":
    main()
