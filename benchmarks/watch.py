"""Benchmark: Watch on 5,000,000 synthetic births (target ≤ 30 s), beside a per-birth loop.

Headline: seconds to read, validate and monitor the births CSV end to end (case-mix models,
Markov-chain chart design, CUSUM on five outcomes for every clinician, record rules, yearly
funnels). Baseline in the same process: the textbook CUSUM recursion as a Python loop per
birth on the same weights (timed on a slice and scaled to all births), i.e. what a direct
translation of the R/C reference code would cost in Python.

    .venv/bin/python benchmarks/watch.py [--births 5000000]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import numpy as np

from cradlewatch.scenario.births import write_births
from cradlewatch.watch.births import read_births
from cradlewatch.watch.design import steiner_weights
from cradlewatch.watch.monitor import watch

BIRTHS_AT_SCALE_ONE = 240_000
LOOP_SLICE = 300_000


def _loop_cusum(weights: np.ndarray, h: float, starts: np.ndarray) -> int:
    signals = 0
    for begin, end in zip(starts[:-1], starts[1:], strict=True):
        value = 0.0
        for w in weights[begin:end].tolist():
            value = max(0.0, value + w)
            if value >= h:
                signals += 1
                value = 0.0
    return signals


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--births", type=int, default=5_000_000)
    parser.add_argument("--csv", type=Path, help="reuse a births CSV instead of generating one")
    args = parser.parse_args()
    scale = args.births / BIRTHS_AT_SCALE_ONE
    with tempfile.TemporaryDirectory() as folder:
        began = time.perf_counter()
        csv_path = args.csv or write_births(Path(folder), seed=5, scale=scale)[0]
        generated = time.perf_counter() - began
        size = csv_path.stat().st_size

        began = time.perf_counter()
        table, rejects = read_births(csv_path)
        read = time.perf_counter() - began
        stages: dict[str, float] = {}
        mark = [time.perf_counter(), ""]

        def lap(stage: str) -> None:
            now = time.perf_counter()
            if mark[1]:
                stages[str(mark[1])] = now - float(mark[0])
            mark[0], mark[1] = now, stage

        began = time.perf_counter()
        result = watch(table, progress=lap)
        lap("")
        monitored = time.perf_counter() - began
    n = len(table)
    total = read + monitored

    # Baseline: per-birth Python loop over the custody-loss chart's weights.
    j = result.charts.index("custody_loss")
    survive, fail = steiner_weights(result.risk[:, j], result.odds_ratio)
    weights = np.where(result.events[:, j] == 1, fail, survive)
    cut = int(np.searchsorted(table.starts, LOOP_SLICE))
    starts = table.starts[: cut + 1]
    began = time.perf_counter()
    _loop_cusum(weights, result.designs[j].threshold, starts)
    loop_seconds = (time.perf_counter() - began) * n / int(starts[-1]) * len(result.charts)

    print(f"births: {n:,} accepted, {len(rejects):,} rejected, {table.clinicians.size:,} clinicians "
          f"(CSV {size / 1e6:,.0f} MB, generated in {generated:.1f} s)")
    print(f"HEADLINE  read + monitor {n:,} births: {total:.1f} s (target <= 30 s) "
          f"= {n / total:,.0f} births/s")
    print(f"  read and validate CSV: {read:.1f} s; watch: {monitored:.1f} s "
          + ", ".join(f"{k} {v:.1f} s" for k, v in stages.items()))
    print(f"BASELINE  per-birth Python loop CUSUM, {len(result.charts)} charts (extrapolated from "
          f"{int(starts[-1]):,} births): {loop_seconds:.1f} s")
    cusum_seconds = stages.get("CUSUM", float("nan"))
    print(f"RATIO     vectorised CUSUM stage {cusum_seconds:.2f} s vs loop {loop_seconds:.1f} s: "
          f"{loop_seconds / cusum_seconds:.0f}x faster")
    print(f"alerts: {len(result.alerts):,}; expected false CUSUM alarms "
          f"{result.expected_false_alarms_per_year:.2f}/year; thresholds "
          + ", ".join(f"{d.outcome} {d.threshold:.3f}" for d in result.designs))


if __name__ == "__main__":
    main()
