"""Funnel limits, overdispersion and false-discovery q-values."""

from __future__ import annotations

import numpy as np

from cradlewatch.watch.funnel import (
    adjusted_limits,
    funnel,
    overdispersion,
    poisson_limits,
    q_values,
)


def test_q_values_match_benjamini_hochberg_by_hand() -> None:
    p = np.array([0.01, 0.04, 0.03, 0.005])
    # sorted 0.005, 0.01, 0.03, 0.04 → ×4/rank: 0.02, 0.02, 0.04, 0.04
    np.testing.assert_allclose(q_values(p), [0.02, 0.04, 0.04, 0.02])


def test_no_overdispersion_for_poisson_counts_gives_exact_limits() -> None:
    rng = np.random.default_rng(3)
    expected = rng.uniform(5, 50, 400)
    observed = rng.poisson(expected)
    phi, tau2 = overdispersion(observed, expected)
    # winsorising the tails pulls an in-control φ below 1, so no τ² is added
    assert phi < 1.0 and tau2 == 0.0
    plot = funnel(2020, np.arange(400), observed, expected)
    _, high = poisson_limits(expected, 0.998)
    np.testing.assert_allclose(plot.upper, high)
    # about 0.1 % of in-control units fall above a 99.8 % limit
    assert plot.outside.sum() <= 3


def test_overdispersed_units_widen_the_limits_and_are_not_all_flagged() -> None:
    rng = np.random.default_rng(4)
    expected = rng.uniform(5, 50, 400)
    observed = rng.poisson(expected * rng.lognormal(0.0, 0.35, 400))
    phi, tau2 = overdispersion(observed, expected)
    assert phi > 1.5 and tau2 > 0
    _, exact_high = poisson_limits(expected, 0.998)
    _, plain_high = adjusted_limits(expected, 1e-15, 0.998)
    _, od_high = adjusted_limits(expected, tau2, 0.998)
    assert np.all(od_high > plain_high)
    plot = funnel(2021, np.arange(400), observed, expected)
    naive = (observed / expected > exact_high).sum()
    assert plot.outside.sum() < naive


def test_an_extreme_unit_is_flagged_with_a_small_q_value() -> None:
    rng = np.random.default_rng(5)
    expected = np.full(200, 2.0)
    observed = rng.poisson(expected)
    observed[17] = 14
    plot = funnel(2022, np.arange(200), observed, expected)
    assert plot.outside[17]
    assert plot.q_value[17] < 0.05
    assert plot.outside.sum() == 1
