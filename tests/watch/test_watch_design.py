"""The Markov-chain run length agrees with simulated CUSUM charts, in and out of control."""

from __future__ import annotations

import numpy as np
import pytest

from cradlewatch.watch.design import patient_mix, run_length, steiner_weights


def _simulated_arl(risk: np.ndarray, h: float, odds_true: float, runs: int, seed: int) -> float:
    rng = np.random.default_rng(seed)
    odds = risk / (1 - risk) * odds_true
    true_p = odds / (1 + odds)
    survive, fail = steiner_weights(risk, 2.0)
    lengths = np.zeros(runs)
    value = np.zeros(runs)
    alive = np.ones(runs, dtype=bool)
    t = 0
    while alive.any():
        t += 1
        pick = rng.integers(0, risk.size, runs)
        event = rng.random(runs) < true_p[pick]
        value = np.where(
            alive, np.maximum(0.0, value + np.where(event, fail[pick], survive[pick])), value
        )
        crossed = alive & (value >= h)
        lengths[crossed] = t
        alive &= ~crossed
    return float(lengths.mean())


@pytest.mark.parametrize(("odds_true", "h"), [(1.0, 2.0), (2.0, 2.0)])
def test_markov_chain_run_length_matches_simulation(odds_true: float, h: float) -> None:
    rng = np.random.default_rng(1)
    risk = 1 / (1 + np.exp(-rng.normal(-2.5, 0.8, 500)))  # a varied case mix, 5-15 % risk
    odds = risk / (1 - risk) * odds_true
    mix = patient_mix(risk, 2.0, scaling=600, true_risk=odds / (1 + odds))
    chain = run_length(mix, h)
    simulated = _simulated_arl(risk, h, odds_true, runs=4000, seed=2)
    assert simulated == pytest.approx(chain, rel=0.06)


def test_run_length_grows_with_the_threshold_and_shrinks_out_of_control() -> None:
    risk = np.full(10, 0.05)
    in_control = patient_mix(risk, 2.0)
    worse = patient_mix(risk, 2.0, true_risk=np.full(10, 0.0952381))  # odds doubled
    lengths = [run_length(in_control, h) for h in (1.0, 2.0, 3.0, 4.0)]
    assert lengths == sorted(lengths)
    assert run_length(worse, 3.0) < run_length(in_control, 3.0) / 5
