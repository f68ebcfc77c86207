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
SAFE_STEP = 1e-3  # Newton steps this small (standardised units) skip the likelihood check
WARM_START = 200_000  # births in the subsample that starts Newton on very large inputs
C_SAMPLE = 1_000_000  # births used for the C statistic and decile cuts (they need sorting)


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
        return self.predict_matrix(self.design(covariates, n))

    def predict_matrix(self, x: np.ndarray) -> np.ndarray:
        """Predicted probabilities from a design matrix in original units (``x`` of a
        ``CaseMixDesign`` with the same terms); an intercept-only model ignores ``x``."""
        eta = self.intercept + (x[:, : len(self.terms)] @ self.coefficients if self.terms else 0.0)
        return _clip(_expit(np.broadcast_to(eta, (x.shape[0],)).astype(np.float64)))

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
    out = np.clip(eta, -40.0, 40.0)
    np.negative(out, out=out)
    np.exp(out, out=out)
    out += 1.0
    np.reciprocal(out, out=out)
    return out


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


@dataclass(slots=True)
class CaseMixDesign:
    """The covariate matrix of a set of births, built once and shared by every outcome's fit.

    ``x`` (births × terms) is in original units, for prediction; ``z`` (1 + terms × births,
    row-major so that every product in Newton's iteration is a contiguous BLAS call) is
    centred and scaled with a leading intercept row, for a well-conditioned Hessian.
    """

    terms: list[str]
    means: dict[str, float]
    x: np.ndarray
    z: np.ndarray
    centre: np.ndarray
    scale: np.ndarray

    @classmethod
    def build(cls, covariates: dict[str, np.ndarray], n: int) -> CaseMixDesign:
        terms, means = _terms(covariates)
        x = _design(covariates, terms, means, n)
        centre = x.mean(axis=0) if n else np.zeros(len(terms))
        scale = x.std(axis=0) if n else np.ones(len(terms))
        scale[scale == 0] = 1.0
        z = np.empty((len(terms) + 1, n))
        z[0] = 1.0
        z[1:] = ((x - centre) / scale).T
        return cls(terms, means, x, z, centre, scale)


def fit_logistic(
    y: np.ndarray,
    covariates: dict[str, np.ndarray],
    outcome: str = "outcome",
    max_iter: int = 50,
    tol: float = 1e-10,
    design: CaseMixDesign | None = None,
) -> LogisticModel:
    """Maximum-likelihood logistic regression of a 0/1 ``y`` on ``covariates`` (Newton–IRLS).

    Covariates are centred and scaled internally for a well-conditioned Hessian and the
    estimates mapped back to original units. With no events (or no non-events) there is no
    likelihood maximum; the model then predicts the Jeffreys-smoothed rate
    ``(events + 0.5) / (n + 1)`` for every birth, so the charts stay defined. Pass a prebuilt
    ``design`` when fitting several outcomes of the same births.
    """
    y = np.asarray(y, dtype=np.float64)
    n = int(y.size)
    events = int(y.sum())
    if events == 0 or events == n:
        rate = (events + 0.5) / (n + 1.0)
        return LogisticModel(
            outcome,
            float(np.log(rate / (1 - rate))),
            [],
            np.zeros(0),
            np.zeros(1),
            {},
            0,
            True,
            float("nan"),
            n,
            events,
        )
    design = design or CaseMixDesign.build(covariates, n)
    terms, means, centre, scale, z = (
        design.terms,
        design.means,
        design.centre,
        design.scale,
        design.z,
    )
    beta = np.zeros(z.shape[0])
    beta[0] = np.log(events / (n - events))
    if n > 4 * WARM_START:
        # Newton from a fit on a systematic subsample: the full-data iterations that follow
        # (usually two or three) land on the same maximum, at a fraction of the cost.
        stride = n // WARM_START
        sample = np.ascontiguousarray(z[:, ::stride])
        beta, _, _, _, _ = _newton(sample, y[::stride], beta, max_iter, 1e-6)
    beta, loglik, iterations, converged, hessian = _newton(z, y, beta, max_iter, tol)
    covariance_z = np.linalg.inv(hessian)
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


def _newton(
    z: np.ndarray, y: np.ndarray, beta: np.ndarray, max_iter: int, tol: float
) -> tuple[np.ndarray, float, int, bool, np.ndarray]:
    """Newton–Raphson on the log-likelihood with step halving (monotone near separation).

    ``z`` is (parameters × births); returns the estimate, its log-likelihood, iterations,
    convergence and the last information matrix (for standard errors).
    """
    y = np.asarray(y, dtype=np.float64)
    eta = beta @ z
    scratch = np.empty_like(eta)
    weighted = np.empty_like(z)  # reused: fresh 100-MB temporaries cost more than the maths
    loglik = _loglik(y, eta, scratch)
    hessian = np.eye(beta.size)
    for iteration in range(1, max_iter + 1):
        p = _expit(eta)
        gradient = z @ (y - p)
        np.multiply(z, p * (1.0 - p), out=weighted)
        hessian = weighted @ z.T
        step = np.linalg.solve(hessian, gradient)
        for _ in range(30):
            trial = beta + step
            eta_trial = trial @ z
            if np.max(np.abs(step)) < SAFE_STEP:
                new = np.nan  # near the maximum the quadratic model is exact enough
                break
            if np.isnan(loglik):  # the previous step skipped the check
                loglik = _loglik(y, eta, scratch)
            new = _loglik(y, eta_trial, scratch)
            if new >= loglik - 1e-9 * max(1.0, abs(loglik)):
                break
            step /= 2.0
        beta, eta, loglik = trial, eta_trial, new
        if np.max(np.abs(step)) < tol:
            return beta, _loglik(y, eta, scratch), iteration, True, hessian
    return beta, _loglik(y, eta, scratch), max_iter, False, hessian


def _loglik(y: np.ndarray, eta: np.ndarray, scratch: np.ndarray) -> float:
    """Bernoulli log-likelihood Σ y·η − log(1 + e^η), without overflow, in place."""
    np.abs(eta, out=scratch)
    np.negative(scratch, out=scratch)
    np.exp(scratch, out=scratch)
    np.log1p(scratch, out=scratch)
    softplus = float(scratch.sum()) + float(eta[eta > 0].sum())
    return float(y @ eta) - softplus


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
    """Calibration in the large, by group of predicted risk (Hosmer–Lemeshow) and C.

    Groups are cut at the deciles of predicted risk (births with tied risks stay together);
    the cut points and the C statistic use a systematic sample of at most one million births,
    the observed and expected counts all births.
    """
    y = np.asarray(y, dtype=np.float64)
    stride = max(1, y.size // C_SAMPLE)
    edges = np.unique(np.quantile(p[::stride], np.linspace(0.0, 1.0, groups + 1)[1:-1]))
    group = np.searchsorted(edges, p, side="right")
    counts = np.bincount(group, minlength=edges.size + 1)
    observed = np.bincount(group, weights=y, minlength=edges.size + 1)
    expected = np.bincount(group, weights=p, minlength=edges.size + 1)
    rows = [
        (int(c), int(o), float(e))
        for c, o, e in zip(counts, observed, expected, strict=True)
        if c > 0
    ]
    chi2 = 0.0
    for size, obs, exp in rows:
        variance = exp * (1.0 - exp / size)
        if variance > 0:
            chi2 += (obs - exp) ** 2 / variance
    dof = max(len(rows) - 2, 1)
    expected_total = float(p.sum())
    observed_total = int(y.sum())
    return Calibration(
        observed=observed_total,
        expected=expected_total,
        o_over_e=observed_total / expected_total if expected_total > 0 else float("nan"),
        c_statistic=c_statistic(y[::stride], p[::stride]),
        hosmer_lemeshow=chi2,
        hl_p_value=float(stats.chi2.sf(chi2, dof)),
        deciles=rows,
    )
