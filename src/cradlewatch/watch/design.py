"""Risk-adjusted Bernoulli CUSUM weights and threshold design.

Steiner, Cook, Farewell & Treasure (2000) score each birth with the log-likelihood ratio of
"the clinician's odds of the outcome are ``R_A`` times the model's" against "they are the
model's":

    W = y·log R_A − log(1 − p + R_A·p)

and signal when ``S_t = max(0, S_{t−1} + W_t)`` reaches ``h``. The threshold ``h`` fixes the
in-control average run length (births between false alarms). We compute that run length by
the Markov-chain approximation of Brook & Evans (1972) on a lattice of ``scaling`` states per
unit of ``S``, with the paired rounding of Webster & Pettitt (2007), as R's ``vlad``
(``racusum_arl_mc``/``racusum_crit_mc``) does: the chain's transition matrix is Toeplitz
except at the reflecting barrier 0, so we solve the sequential-probability-ratio form
``ARL = φ₀ / (1 − ψ₀)`` (φ: expected steps to leave (0, h); ψ: probability of leaving below 0)
with scipy's Levinson solver in O(N²) instead of O(N³).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np
from scipy import linalg


def steiner_weights(p: np.ndarray, odds_ratio: float) -> tuple[np.ndarray, np.ndarray]:
    """The CUSUM weight of each birth if the outcome did not / did happen."""
    p = np.asarray(p, dtype=np.float64)
    denominator = np.log1p((odds_ratio - 1.0) * p)
    return -denominator, np.log(odds_ratio) - denominator


@dataclass(frozen=True, slots=True)
class PatientMix:
    """The in-control distribution of one birth's CUSUM increment on the chart's lattice.

    ``steps[i]`` (in lattice units) happens with probability ``probs[i]``; built from the
    risks of a reference population, each birth weighing equally (or by ``frequency``).
    """

    steps: np.ndarray
    probs: np.ndarray
    scaling: float


def patient_mix(
    risk: np.ndarray,
    odds_ratio: float,
    scaling: float = 600.0,
    frequency: np.ndarray | None = None,
    true_risk: np.ndarray | None = None,
) -> PatientMix:
    """Lattice increments of the chart for births with model ``risk`` (paired rounding).

    ``true_risk`` is the actual outcome probability (defaults to the model risk: in control).
    """
    risk = np.asarray(risk, dtype=np.float64)
    weight = np.full(risk.size, 1.0 / risk.size) if frequency is None else np.asarray(frequency)
    actual = risk if true_risk is None else np.asarray(true_risk, dtype=np.float64)
    survive, fail = steiner_weights(risk, odds_ratio)
    z = np.concatenate([survive, fail]) * scaling
    prob = np.concatenate([(1.0 - actual) * weight, actual * weight])
    low = np.floor(z)
    upper_share = z - low
    steps = np.concatenate([low, low + 1.0]).astype(np.int64)
    probs = np.concatenate([prob * (1.0 - upper_share), prob * upper_share])
    offset = int(steps.min())
    mass = np.bincount(steps - offset, weights=probs)
    keep = np.flatnonzero(mass > 0)
    return PatientMix(steps=keep + offset, probs=mass[keep], scaling=float(scaling))


def lattice_states(h: float, scaling: float) -> int:
    """Number of transient states for threshold ``h`` (C ``round``: half away from zero)."""
    return int(np.floor(h * scaling + 0.5))


def run_length(mix: PatientMix, h: float) -> float:
    """In-control average run length (births) of the chart with threshold ``h``."""
    return states_run_length(mix, lattice_states(h, mix.scaling))


def states_run_length(mix: PatientMix, n: int) -> float:
    """In-control average run length of the chart whose lattice has ``n`` transient states."""
    if n < 1:
        return 1.0
    offset = int(mix.steps.min())
    width = int(mix.steps.max()) - offset + 1
    mass = np.zeros(width)
    mass[mix.steps - offset] = mix.probs

    def step_probability(k: np.ndarray) -> np.ndarray:
        index = k - offset
        inside = (index >= 0) & (index < width)
        out = np.zeros(k.size)
        out[inside] = mass[index[inside]]
        return out

    lags = np.arange(n)
    column = -step_probability(-lags)  # (I − Q)[k, 0] = δ − P(step = −k)
    row = -step_probability(lags)  # (I − Q)[0, k] = δ − P(step = k)
    column[0] += 1.0
    row[0] = column[0]
    below = np.concatenate([[0.0], np.cumsum(mass)])  # below[m] = P(step < m + offset)
    exit_low = below[np.clip(-lags - offset, 0, width)]  # P(state + step < 0)
    solution = linalg.solve_toeplitz(
        (column, row), np.column_stack([np.ones(n), exit_low]), check_finite=False
    )
    return float(solution[0, 0] / (1.0 - solution[0, 1]))


def critical_value(
    mix: PatientMix, arl0: float, digits: int = 4, max_h: int = 200, start: int = 1
) -> float:
    """The threshold whose in-control run length first exceeds ``arl0`` (vlad's grid search).

    Integer steps up to the first ``h`` with ARL > ``arl0``, then alternately down and up in
    steps of 0.1, 0.01, …, to ``digits`` decimals, as ``racusum_crit_mc`` does, so that the
    published thresholds reproduce to the last digit. ``start`` skips integer steps already
    known to fall short (from a coarse pass), which leaves the result unchanged.
    """
    h1 = 1.0
    for whole in range(max(1, start), max_h + 1):
        h1 = float(whole)
        arl = run_length(mix, h1)
        if arl > arl0:
            break
    h = h1
    for j in range(1, digits + 1):
        for dh in range(1, 20):
            h = h1 + (-1) ** j * dh / 10**j
            arl = run_length(mix, h)
            if (j % 2 == 1 and arl < arl0) or (j % 2 == 0 and arl > arl0):
                break
        h1 = h
    if arl < arl0:
        h += 1.0 / 10**digits
    return round(h, digits)


def smallest_threshold(mix: PatientMix, arl0: float, guess: float, digits: int = 4) -> float:
    """The same threshold as ``critical_value``, found by bisection in ~12 run lengths.

    The chain's run length depends on ``h`` only through the number of lattice states
    ``N = round(h·scaling)`` and grows with it, so vlad's grid search returns the smallest
    ``digits``-decimal ``h`` whose ``N`` is the smallest with ARL > ``arl0``. We bisect on
    ``N`` from a ``guess`` and convert back; ``critical_value`` remains the reference.
    """
    low = max(1, lattice_states(guess, mix.scaling) // 2)
    while low > 1 and states_run_length(mix, low) > arl0:
        low //= 2
    high = max(low + 1, lattice_states(guess, mix.scaling))
    while states_run_length(mix, high) <= arl0:
        low, high = high, high * 2
    while high - low > 1:  # ARL(low) <= arl0 < ARL(high)
        middle = (low + high) // 2
        if states_run_length(mix, middle) > arl0:
            high = middle
        else:
            low = middle
    grid = 10.0**digits
    h = np.ceil((high - 0.5) / mix.scaling * grid - 1e-9) / grid
    while lattice_states(h, mix.scaling) < high:
        h += 1.0 / grid
    return round(float(h), digits)


def exact_limit(
    failure_probability: float, n_patients: int, odds_multiplier: float, alpha: float
) -> float:
    """Exact CUSUM limit for a short series (R ``cusum::cusum_limit_exact``).

    Enumerates all 2ⁿ outcome sequences of ``n_patients`` births with a constant
    ``failure_probability``, and returns the CUSUM value whose probability of being reached
    within the series is closest to ``alpha``. Meant for small units (n ≤ 20) where the
    Markov-chain run length is not the right question.
    """
    if not 1 <= n_patients <= 20:
        raise ValueError("exact enumeration needs 1 <= n_patients <= 20")
    p0 = min(failure_probability, 1.0 - failure_probability)
    odds = p0 / (1.0 - p0) * odds_multiplier
    p1 = odds / (1.0 + odds)
    outcomes = np.array(list(itertools.product((0, 1), repeat=n_patients)), dtype=np.int8)
    weights = outcomes * np.log(p1 / p0) + (1 - outcomes) * np.log((1 - p1) / (1 - p0))
    path = np.zeros(outcomes.shape[0])
    peak = np.zeros(outcomes.shape[0])
    values = []
    for t in range(n_patients):
        path = np.maximum(0.0, path + weights[:, t])
        peak = np.maximum(peak, path)
        values.append(path)
    probability = np.prod(outcomes * p0 + (1 - outcomes) * (1.0 - p0), axis=1)
    limits = np.unique(np.concatenate(values))
    reached = np.array([probability[peak >= limit].sum() for limit in limits])
    return float(limits[np.argmin(np.abs(alpha - reached))])
