"""The vectorised CUSUM equals the textbook recursion, restarts included."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from cradlewatch.watch.cusum import cusum_path, monitor


def _recursion(weights: np.ndarray, h: float) -> tuple[list[float], list[int]]:
    value, path, signals = 0.0, [], []
    for t, w in enumerate(weights):
        value = max(0.0, value + w)
        path.append(value)
        if value >= h:
            signals.append(t)
            value = 0.0
    return path, signals


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.integers(-8, 8), min_size=1, max_size=200),
    st.integers(0, 24),
)
def test_closed_form_equals_recursion(steps: list[int], level: int) -> None:
    # Multiples of 1/8 add up exactly in binary floating point, so both forms must agree
    # to the bit, ties at the threshold included.
    weights = np.array(steps) / 8.0
    h = (level + 1) / 8.0
    path, signals = cusum_path(weights, h)
    expected_path, expected_signals = _recursion(weights, h)
    assert signals == expected_signals
    np.testing.assert_allclose(path, expected_path, atol=1e-9)


def test_monitor_finds_every_signal_of_every_clinician_and_chart() -> None:
    rng = np.random.default_rng(7)
    sizes = [50, 400, 1, 300]
    starts = np.r_[0, np.cumsum(sizes)]
    weights = np.where(rng.random((starts[-1], 2)) < 0.1, 0.69, -0.07)
    h = np.array([1.5, 2.5])
    found = {(s.chart, s.row, s.restart_row) for s in monitor(weights, h, starts)}
    expected = set()
    for begin, end in zip(starts[:-1], starts[1:], strict=True):
        for chart in range(2):
            _, signals = _recursion(weights[begin:end, chart], float(h[chart]))
            restart = begin
            for row in signals:
                expected.add((chart, begin + row, restart))
                restart = begin + row + 1
    assert found == expected
    assert len(found) > 10  # the case exercises restarts
