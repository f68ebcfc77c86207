"""Funnel plots of observed/expected ratios with exact and overdispersion-adjusted limits.

For a clinician with ``E`` expected events (from the case-mix model) and ``O`` observed, the
exact Poisson limits of ``O/E`` at coverage ``1 − α`` are (Spiegelhalter 2005; FunnelPlotR)

    lower = χ²_{α/2}(2E) / 2E,      upper = χ²_{1−α/2}(2(E+1)) / 2E.

Real clinicians differ by more than Poisson noise (unmodelled case mix, recording habits),
so limits that ignore it flag too many. Spiegelhalter's adjustment works on the
square-root scale ``y = √(O/E)`` with ``s = 1/(2√E)`` (the "CQC" method of FunnelPlotR, which
stays defined when ``O = 0``, common for rare outcomes): z-scores are winsorised at 10 % each
end, ``φ = Σz²/n``, and when ``nφ > n − 1`` a between-clinician variance

    τ² = (nφ − (n − 1)) / (Σw − Σw²/Σw),   w = 1/s²

widens the limits to ``(1 ± z_α √(s² + τ²))²``. Without overdispersion the exact limits are
used. One-sided p-values (high ratios only: fabricated diagnoses raise losses of custody)
are turned into Benjamini–Hochberg q-values across the clinicians of the year.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import stats


def poisson_limits(expected: np.ndarray | float, coverage: float) -> tuple[np.ndarray, np.ndarray]:
    """Exact Poisson limits of O/E at ``coverage`` (two-sided) for ``expected`` events."""
    e = np.asarray(expected, dtype=np.float64)
    alpha = 1.0 - coverage
    lower = stats.chi2.ppf(alpha / 2.0, 2.0 * e) / 2.0 / e
    upper = stats.chi2.ppf(1.0 - alpha / 2.0, 2.0 * (e + 1.0)) / 2.0 / e
    return lower, upper


def overdispersion(
    observed: np.ndarray, expected: np.ndarray, trim: float = 0.1
) -> tuple[float, float]:
    """Spiegelhalter's dispersion ratio ``φ`` and between-unit variance ``τ²`` (√ scale)."""
    o = np.asarray(observed, dtype=np.float64)
    e = np.asarray(expected, dtype=np.float64)
    n = o.size
    if n < 2:
        return 1.0, 0.0
    s = 1.0 / (2.0 * np.sqrt(e))
    z = (np.sqrt(o / e) - 1.0) / s
    low, high = np.quantile(z, [trim, 1.0 - trim])
    phi = float(np.mean(np.clip(z, low, high) ** 2))
    if n * phi < n - 1:
        return phi, 0.0
    w = 1.0 / s**2
    tau2 = max(0.0, (n * phi - (n - 1)) / (w.sum() - (w**2).sum() / w.sum()))
    return phi, float(tau2)


def adjusted_limits(
    expected: np.ndarray | float, tau2: float, coverage: float
) -> tuple[np.ndarray, np.ndarray]:
    """Limits of O/E at ``coverage``: exact when ``τ² = 0``, else overdispersion-adjusted."""
    e = np.asarray(expected, dtype=np.float64)
    if tau2 <= 0.0:
        return poisson_limits(e, coverage)
    z = stats.norm.ppf(1.0 - (1.0 - coverage) / 2.0)
    spread = z * np.sqrt(1.0 / (4.0 * e) + tau2)
    return np.maximum(1.0 - spread, 0.0) ** 2, (1.0 + spread) ** 2


def q_values(p: np.ndarray) -> np.ndarray:
    """Benjamini–Hochberg adjusted p-values (false discovery rate)."""
    p = np.asarray(p, dtype=np.float64)
    if p.size == 0:
        return p
    order = np.argsort(p)
    ranked = p[order] * p.size / np.arange(1, p.size + 1)
    adjusted = np.minimum.accumulate(ranked[::-1])[::-1]
    out = np.empty_like(p)
    out[order] = np.minimum(adjusted, 1.0)
    return out


@dataclass(slots=True)
class Funnel:
    """One year's funnel: per clinician observed, expected, limits, p- and q-values."""

    year: int
    clinicians: np.ndarray
    observed: np.ndarray
    expected: np.ndarray
    lower: np.ndarray
    upper: np.ndarray
    p_value: np.ndarray
    q_value: np.ndarray
    phi: float
    tau2: float
    coverage: float

    @property
    def outside(self) -> np.ndarray:
        """Clinicians above the upper limit."""
        return np.asarray(self.observed / self.expected > self.upper)


def funnel(
    year: int,
    clinicians: np.ndarray,
    observed: np.ndarray,
    expected: np.ndarray,
    coverage: float = 0.998,
) -> Funnel:
    """Build one year's funnel for the given clinicians (``expected`` must be > 0)."""
    o = np.asarray(observed, dtype=np.float64)
    e = np.asarray(expected, dtype=np.float64)
    phi, tau2 = overdispersion(o, e)
    lower, upper = adjusted_limits(e, tau2, coverage)
    if tau2 > 0.0:
        z = (np.sqrt(o / e) - 1.0) / np.sqrt(1.0 / (4.0 * e) + tau2)
        p = stats.norm.sf(z)
    else:
        p = stats.poisson.sf(o - 1.0, e)
    return Funnel(year, clinicians, o, e, lower, upper, p, q_values(p), phi, tau2, coverage)
