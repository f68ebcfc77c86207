"""Per-clinician risk-adjusted CUSUM monitoring, vectorised over births.

The Lindley recursion ``S_t = max(0, S_{t−1} + W_t)`` has the closed form
``S_t = C_t − min(0, min_{s≤t} C_s)`` with ``C`` the running sum of the weights, so one
clinician's whole chart is a ``cumsum`` and a ``minimum.accumulate`` — no Python loop per
birth. After a signal the chart restarts at 0 (CONTRACTS §5), which is the same closed form
applied again from the birth after the signal; signals are rare, so the extra passes cost
little. All charts of a clinician are scanned together as the columns of one matrix.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True, slots=True)
class CusumSignal:
    """One signal of one chart: the row that crossed, and the tallies since the last restart."""

    chart: int
    row: int
    restart_row: int
    statistic: float


def _crossings(weights: np.ndarray, h: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """First row where each column's CUSUM (from 0) reaches its ``h``; -1 when it never does.

    Also returns the CUSUM value there.
    """
    running = np.cumsum(weights, axis=0)
    lowest = np.minimum(np.minimum.accumulate(running, axis=0), 0.0)
    path = running - lowest
    over = path >= h
    hit = over.any(axis=0)
    first = np.where(hit, over.argmax(axis=0), -1)
    value = np.where(hit, path[np.maximum(first, 0), np.arange(path.shape[1])], np.nan)
    return first, value


def cusum_path(weights: np.ndarray, h: float) -> tuple[np.ndarray, list[int]]:
    """The chart values of one series with restart at 0 after each signal, and the signal rows."""
    weights = np.asarray(weights, dtype=np.float64)
    path = np.empty(weights.size)
    signals: list[int] = []
    start = 0
    while start < weights.size:
        running = np.cumsum(weights[start:])
        segment = running - np.minimum(np.minimum.accumulate(running), 0.0)
        over = np.flatnonzero(segment >= h)
        stop = weights.size if over.size == 0 else start + int(over[0]) + 1
        path[start:stop] = segment[: stop - start]
        if over.size == 0:
            break
        signals.append(stop - 1)
        start = stop
    return path, signals


def monitor(weights: np.ndarray, h: np.ndarray, starts: np.ndarray) -> list[CusumSignal]:
    """All signals of all clinicians' charts.

    ``weights`` is (births × charts), rows grouped by clinician and in time order within a
    clinician; ``starts`` the first row of each clinician's block followed by the total.
    """
    return monitor_blocks(lambda begin, end: weights[begin:end], h, starts)


def monitor_blocks(
    weights_of: Callable[[int, int], np.ndarray], h: np.ndarray, starts: np.ndarray
) -> list[CusumSignal]:
    """``monitor`` with each clinician's weights computed on demand by ``weights_of(begin,
    end)``: no (births × charts) weight matrix is ever held, which matters at millions of
    births."""
    h = np.asarray(h, dtype=np.float64)
    signals: list[CusumSignal] = []
    for begin, end in zip(starts[:-1].tolist(), starts[1:].tolist(), strict=True):
        block = weights_of(begin, end)
        first, value = _crossings(block, h)
        for chart in np.flatnonzero(first >= 0):
            restart = 0
            row, stat = int(first[chart]), float(value[chart])
            while True:
                signals.append(
                    CusumSignal(int(chart), int(begin + row), int(begin + restart), stat)
                )
                restart = row + 1
                if restart >= block.shape[0]:
                    break
                nxt, val = _crossings(block[restart:, chart : chart + 1], h[chart : chart + 1])
                if nxt[0] < 0:
                    break
                row, stat = restart + int(nxt[0]), float(val[0])
    return signals
