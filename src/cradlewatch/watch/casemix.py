"""Case-mix model: the expected risk of each birth's outcome given its covariates.

A clinician who delivers many preterm, low-weight babies will see more severe diagnoses
without doing anything wrong; the CUSUM and the funnel plots must compare each clinician
with what *their* births predict. We fit an unpenalised logistic regression by Newton's
method (iteratively reweighted least squares) so that the coefficients are the maximum
likelihood estimates published for the reference data (Steiner et al. 2000 use plain
``glm``); scikit-learn's default L2 penalty would shrink them.

Missing covariates are imputed by the column mean with a missing-indicator term, so that a
hospital that never records maternal age is neither dropped nor mistaken for average.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from scipy import stats

PROBABILITY_FLOOR = 1e-6  # keeps CUSUM weights finite when a covariate pattern is extreme


@dataclass(slots=True)
class Calibration:
    """How well the predicted risks match what happened (on the births the model was fit on).

    ``deciles`` rows are (births, observed, expected) per decile of predicted risk;
    ``hosmer_lemeshow`` is the Hosmer–Lemeshow chi-square with ``groups - 2`` degrees of
    freedom and ``hl_p_value`` its p-value; ``c_statistic`` is the area under the ROC curve.
    """

    observed: int
    expected: float
    o_over_e: float
    c_statistic: float
    hosmer_lemeshow: float
    hl_p_value: float
    deciles: list[tuple[int, int, float]] = field(default_factory=list)


@dataclass(slots=True)
class LogisticModel:
    """A fitted logistic model ``logit p = intercept + Σ coef_j x_j`` on original units.

    ``terms`` names the covariates (``name`` or ``name_missing`` indicators); ``means`` holds
    the imputation value of each covariate that had missing values.
    """

    outcome: str
    intercept: float
    terms: list[str]
    coefficients: np.ndarray
    std_errors: np.ndarray
    means: dict[str, float]
    iterations: int
    converged: bool
    log_likelihood: float
    n: int
    events: int
    calibration: Calibration | None = None

    def design(self, covariates: dict[str, np.ndarray], n: int) -> np.ndarray:
        """The design matrix (without intercept) of births with these covariate columns."""
        return _design(covariates, self.terms, self.means, n)

    def predict(self, covariates: dict[str, np.ndarray], n: int) -> np.ndarray:
        """Predicted probabilities, clipped to [1e-6, 1 - 1e-6]."""
        eta = self.intercept + self.design(covariates, n) @ self.coefficients
        return _clip(_expit(eta))

    def as_dict(self) -> dict[str, object]:
        """A JSON-ready summary for reports."""
        out: dict[str, object] = {
            "outcome": self.outcome,
            "n": self.n,
            "events": self.events,
            "intercept": self.intercept,
            "coefficients": dict(zip(self.terms, map(float, self.coefficients), strict=True)),
            "std_errors": dict(
                zip(["intercept", *self.terms], map(float, self.std_errors), strict=True)
            ),
            "imputed_means": self.means,
            "iterations": self.iterations,
            "converged": self.converged,
            "log_likelihood": self.log_likelihood,
        }
        if self.calibration is not None:
            cal = self.calibration
            out["calibration"] = {
                "observed": cal.observed,
                "expected": cal.expected,
                "o_over_e": cal.o_over_e,
                "c_statistic": cal.c_statistic,
                "hosmer_lemeshow": cal.hosmer_lemeshow,
                "hl_p_value": cal.hl_p_value,
                "deciles": [list(row) for row in cal.deciles],
            }
        return out


def _expit(eta: np.ndarray) -> np.ndarray:
    return np.asarray(1.0 / (1.0 + np.exp(-np.clip(eta, -40.0, 40.0))))


def _clip(p: np.ndarray) -> np.ndarray:
    return np.clip(p, PROBABILITY_FLOOR, 1.0 - PROBABILITY_FLOOR)


def _terms(covariates: dict[str, np.ndarray]) -> tuple[list[str], dict[str, float]]:
    terms: list[str] = []
    means: dict[str, float] = {}
    for name, values in covariates.items():
        present = ~np.isnan(values)
        if not present.any():
            continue
        terms.append(name)
        if not present.all():
            means[name] = float(values[present].mean())
            terms.append(f"{name}_missing")
    return terms, means


def _design(
    covariates: dict[str, np.ndarray], terms: list[str], means: dict[str, float], n: int
) -> np.ndarray:
    x = np.empty((n, len(terms)), dtype=np.float64)
    for j, term in enumerate(terms):
        if term.endswith("_missing"):
            x[:, j] = np.isnan(covariates[term.removesuffix("_missing")])
        else:
            values = covariates[term]
            x[:, j] = np.where(np.isnan(values), means.get(term, 0.0), values)
    return x


def fit_logistic(
    y: np.ndarray,
    covariates: dict[str, np.ndarray],
    outcome: str = "outcome",
    max_iter: int = 50,
    tol: float = 1e-10,
) -> LogisticModel:
    """Maximum-likelihood logistic regression of a 0/1 ``y`` on ``covariates`` (Newton–IRLS).

    Covariates are centred and scaled internally for a well-conditioned Hessian and the
    estimates mapped back to original units. With no events (or no non-events) there is no
    likelihood maximum; the model then predicts the Jeffreys-smoothed rate
    ``(events + 0.5) / (n + 1)`` for every birth, so the charts stay defined.
    """
    y = np.asarray(y, dtype=np.float64)
    n = int(y.size)
    events = int(y.sum())
    terms, means = _terms(covariates)
    if events == 0 or events == n:
        rate = (events + 0.5) / (n + 1.0)
        return LogisticModel(
            outcome, float(np.log(rate / (1 - rate))), [], np.zeros(0), np.zeros(1), {}, 0,
            True, float("nan"), n, events,
        )
    x = _design(covariates, terms, means, n)
    centre = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale == 0] = 1.0
    z = np.column_stack([np.ones(n), (x - centre) / scale])
    beta = np.zeros(z.shape[1])
    beta[0] = np.log(events / (n - events))
    loglik = -np.inf
    converged = False
    iterations = 0
    for iterations in range(1, max_iter + 1):
        p = _expit(z @ beta)
        w = p * (1.0 - p)
        gradient = z.T @ (y - p)
        hessian = z.T @ (z * w[:, None])
        step = np.linalg.solve(hessian, gradient)
        for _ in range(30):  # step halving keeps Newton monotone near separation
            trial = beta + step
            eta = z @ trial
            new = float(np.sum(y * eta - np.logaddexp(0.0, eta)))
            if new >= loglik - 1e-9:
                break
            step /= 2.0
        beta, loglik = trial, new
        if np.max(np.abs(step)) < tol:
            converged = True
            break
    p = _expit(z @ beta)
    covariance_z = np.linalg.inv(z.T @ (z * (p * (1 - p))[:, None]))
    # Map the standardised fit back to original units: b_j = beta_j / s_j.
    jacobian = np.zeros_like(covariance_z)
    jacobian[0, 0] = 1.0
    jacobian[0, 1:] = -centre / scale
    jacobian[1:, 1:] = np.diag(1.0 / scale)
    original = jacobian @ beta
    covariance = jacobian @ covariance_z @ jacobian.T
    return LogisticModel(
        outcome=outcome,
        intercept=float(original[0]),
        terms=terms,
        coefficients=original[1:],
        std_errors=np.sqrt(np.diag(covariance)),
        means=means,
        iterations=iterations,
        converged=converged,
        log_likelihood=loglik,
        n=n,
        events=events,
    )


def c_statistic(y: np.ndarray, p: np.ndarray) -> float:
    """Area under the ROC curve with ties counted one half (Mann–Whitney form)."""
    values, inverse = np.unique(p, return_inverse=True)
    positives = np.bincount(inverse, weights=y, minlength=values.size)
    totals = np.bincount(inverse, minlength=values.size).astype(np.float64)
    negatives = totals - positives
    n_pos, n_neg = positives.sum(), negatives.sum()
    if n_pos == 0 or n_neg == 0:
        return float("nan")
    below = np.cumsum(negatives) - negatives
    return float(np.sum(positives * (below + 0.5 * negatives)) / (n_pos * n_neg))


def calibrate(y: np.ndarray, p: np.ndarray, groups: int = 10) -> Calibration:
    """Calibration in the large, by decile (Hosmer–Lemeshow) and discrimination (C)."""
    y = np.asarray(y, dtype=np.float64)
    order = np.argsort(p, kind="stable")
    rows: list[tuple[int, int, float]] = []
    chi2 = 0.0
    for chunk in np.array_split(order, groups):
        if chunk.size == 0:
            continue
        observed, expected = float(y[chunk].sum()), float(p[chunk].sum())
        rows.append((int(chunk.size), int(observed), expected))
        variance = expected * (1.0 - expected / chunk.size)
        if variance > 0:
            chi2 += (observed - expected) ** 2 / variance
    dof = max(len(rows) - 2, 1)
    expected_total = float(p.sum())
    observed_total = int(y.sum())
    return Calibration(
        observed=observed_total,
        expected=expected_total,
        o_over_e=observed_total / expected_total if expected_total > 0 else float("nan"),
        c_statistic=c_statistic(y, p),
        hosmer_lemeshow=chi2,
        hl_p_value=float(stats.chi2.sf(chi2, dof)),
        deciles=rows,
    )
