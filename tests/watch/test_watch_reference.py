"""Published values Watch must reproduce (listed in ../shared/data/README.md)."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest

from cradlewatch.watch.casemix import calibrate, fit_logistic
from cradlewatch.watch.design import (
    critical_value,
    exact_limit,
    patient_mix,
    run_length,
    smallest_threshold,
    steiner_weights,
)
from cradlewatch.watch.funnel import poisson_limits

SURVEILLANCE = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "surveillance"


def _phase_one() -> tuple[np.ndarray, np.ndarray]:
    """Steiner's phase I: operations before day 730, outcome 30-day death."""
    path = SURVEILLANCE / "cardiacsurgery.csv"
    if not path.is_file():
        pytest.skip(f"reference data not found: {path} (../shared/data/surveillance)")
    with open(path, newline="") as handle:
        rows = [row for row in csv.DictReader(handle) if float(row["date"]) < 730]
    score = np.array([float(row["Parsonnet"]) for row in rows])
    died = np.array(
        [float(row["status"]) == 1 and float(row["time"]) <= 30 for row in rows], dtype=float
    )
    return score, died


def test_steiner_weights_match_published_values() -> None:
    logit = -3.68 + 0.077 * np.array([0.0, 50.0])
    survive, fail = steiner_weights(1.0 / (1.0 + np.exp(-logit)), odds_ratio=2.0)
    np.testing.assert_allclose(survive, [-0.0243, -0.4333], atol=5e-5)
    np.testing.assert_allclose(fail, [0.6688, 0.2598], atol=5e-5)


def test_phase_one_model_reproduces_glm() -> None:
    score, died = _phase_one()
    assert score.size == 1766 and died.sum() == 108
    model = fit_logistic(died, {"Parsonnet": score}, outcome="death30")
    assert model.converged
    assert model.intercept == pytest.approx(-3.79, abs=0.005)
    assert model.coefficients[0] == pytest.approx(0.0798, abs=0.0005)
    calibration = calibrate(died, model.predict({"Parsonnet": score}, score.size))
    # maximum likelihood with an intercept reproduces the event count exactly
    assert calibration.o_over_e == pytest.approx(1.0, abs=1e-8)
    assert 0.75 < calibration.c_statistic < 0.85


def test_vlad_markov_chain_threshold_for_arl_370() -> None:
    score, died = _phase_one()
    model = fit_logistic(died, {"Parsonnet": score})
    mix = patient_mix(model.predict({"Parsonnet": score}, score.size), odds_ratio=2.0, scaling=600)
    assert critical_value(mix, 370.0) == pytest.approx(1.8592, abs=1e-9)
    assert run_length(mix, 2.75599) == pytest.approx(1150, rel=0.02)
    # the run length grows with the threshold (the search relies on it)
    assert run_length(mix, 1.8591) < 370.0 < run_length(mix, 1.8592)


def test_r_cusum_exact_limit() -> None:
    limit = exact_limit(failure_probability=0.1, n_patients=10, odds_multiplier=2, alpha=0.05)
    assert limit == pytest.approx(1.41227, abs=5e-6)


def test_funnelplotr_exact_poisson_limits_at_e_15() -> None:
    low95, high95 = poisson_limits(15.0, 0.95)
    low998, high998 = poisson_limits(15.0, 0.998)
    assert (float(low95), float(high95)) == pytest.approx((0.5596924, 1.649348), abs=5e-7)
    assert (float(low998), float(high998)) == pytest.approx((0.3862650, 2.082907), abs=5e-7)


def test_bisection_finds_the_grid_search_threshold() -> None:
    score, died = _phase_one()
    model = fit_logistic(died, {"Parsonnet": score})
    risk = model.predict({"Parsonnet": score}, score.size)
    for arl0, scaling in ((370.0, 600.0), (1150.0, 600.0), (5000.0, 150.0)):
        mix = patient_mix(risk, odds_ratio=2.0, scaling=scaling)
        grid = critical_value(mix, arl0)
        assert smallest_threshold(mix, arl0, guess=1.0) == grid
        assert smallest_threshold(mix, arl0, guess=grid * 3) == grid
