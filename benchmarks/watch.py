"""Benchmark: Watch on 5,000,000 synthetic births (target ≤ 30 s), beside a per-row loop.

Headline: seconds to read, validate and monitor the births CSV end to end (case-mix models,
Markov-chain chart design, CUSUM on five outcomes for every clinician, record rules, yearly
funnels). Baseline in the same process: the straightforward Python way of doing the two
per-birth stages — ``csv.DictReader`` with per-row validation and a sort by clinician, date
and id, then the textbook CUSUM recursion as a loop per birth and chart — timed on a slice
and scaled linearly to all births, against our vectorised reader plus CUSUM stage.

    .venv/bin/python benchmarks/watch.py [--births 5000000] [--csv births.csv]
"""

from __future__ import annotations

import argparse
import csv
import itertools
import tempfile
import time
from datetime import date
from pathlib import Path

import numpy as np

from cradlewatch.scenario.births import write_births
from cradlewatch.watch.births import read_births
from cradlewatch.watch.design import steiner_weights
from cradlewatch.watch.monitor import watch

BIRTHS_AT_SCALE_ONE = 240_000
SLICE = 300_000
FLAGS = ("severe_diagnosis", "relinquished", "transferred_out", "death_reported")


def _row_reader(path: Path, limit: int) -> int:
    """Read, validate and order ``limit`` rows one at a time, as a plain Python reader would."""
    seen: set[str] = set()
    keys: list[tuple[str, str, str]] = []
    with open(path, newline="", encoding="utf-8") as handle:
        for row in itertools.islice(csv.DictReader(handle), limit):
            try:
                date.fromisoformat(row["date"])
                if any(row[name] not in ("0", "1") for name in FLAGS):
                    continue
                if row["confirmed"] not in ("", "0", "1") or row["birth_id"] in seen:
                    continue
                for name in ("maternal_age", "gestation_weeks", "birth_weight_g"):
                    if row[name]:
                        float(row[name])
            except ValueError:
                continue
            seen.add(row["birth_id"])
            keys.append((row["clinician"], row["date"], row["birth_id"]))
    keys.sort()  # each clinician's births by date, then birth_id (CONTRACTS §5)
    return len(keys)


def _loop_cusum(weights: np.ndarray, h: np.ndarray, starts: np.ndarray) -> int:
    signals = 0
    for begin, end in zip(starts[:-1], starts[1:], strict=True):
        for chart in range(weights.shape[1]):
            value, limit = 0.0, float(h[chart])
            for w in weights[begin:end, chart].tolist():
                value = max(0.0, value + w)
                if value >= limit:
                    signals += 1
                    value = 0.0
    return signals


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--births", type=int, default=5_000_000)
    parser.add_argument("--csv", type=Path, help="reuse a births CSV instead of generating one")
    args = parser.parse_args()
    scale = args.births / BIRTHS_AT_SCALE_ONE
    with tempfile.TemporaryDirectory() as folder:
        began = time.perf_counter()
        csv_path = args.csv or write_births(Path(folder), seed=5, scale=scale)[0]
        generated = time.perf_counter() - began
        _run(csv_path, generated)


def _run(csv_path: Path, generated: float) -> None:
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

    # Baseline: per-row Python reader and per-birth CUSUM loop, on a slice, scaled up.
    began = time.perf_counter()
    _row_reader(csv_path, SLICE)
    reader_seconds = (time.perf_counter() - began) * n / SLICE
    survive, fail = steiner_weights(result.risk, result.odds_ratio)
    weights = np.where(result.events == 1, fail, survive)
    cut = int(np.searchsorted(table.starts, SLICE))
    starts = table.starts[: cut + 1]
    thresholds = np.array([d.threshold for d in result.designs])
    began = time.perf_counter()
    _loop_cusum(weights, thresholds, starts)
    loop_seconds = (time.perf_counter() - began) * n / int(starts[-1])
    cusum_seconds = stages.get("CUSUM", float("nan"))

    print(
        f"births: {n:,} accepted, {len(rejects):,} rejected, {table.clinicians.size:,} clinicians "
        f"(CSV {size / 1e6:,.0f} MB, generated in {generated:.1f} s)"
    )
    print(
        f"HEADLINE  read + monitor {n:,} births: {total:.1f} s (target <= 30 s) "
        f"= {n / total:,.0f} births/s"
    )
    print(
        f"  read and validate CSV {read:.1f} s; watch {monitored:.1f} s: "
        + ", ".join(f"{k} {v:.1f} s" for k, v in stages.items())
    )
    print(
        f"BASELINE  row-by-row Python: csv reader {reader_seconds:.1f} s + per-birth CUSUM loop "
        f"{loop_seconds:.1f} s = {reader_seconds + loop_seconds:.1f} s "
        f"(scaled from {SLICE:,} rows)"
    )
    ours = read + cusum_seconds
    print(
        f"RATIO     vectorised read + CUSUM {ours:.1f} s vs row-by-row "
        f"{reader_seconds + loop_seconds:.1f} s: {(reader_seconds + loop_seconds) / ours:.1f}x"
    )
    print(
        f"alerts: {len(result.alerts):,}; expected false CUSUM alarms "
        f"{result.expected_false_alarms_per_year:.2f}/year; thresholds "
        + ", ".join(f"{d.outcome} {d.threshold:.3f}" for d in result.designs)
    )


if __name__ == "__main__":
    main()
