"""Watch end to end: case-mix models, chart design, CUSUM, funnels and rules → alerts.

The false-alarm budget is set per clinician, not per chart: ``arl0`` births between false
alarms of one clinician's k charts together, so each chart is designed for ``arl0 × k``
(a Bonferroni-style split of the rate). Across the network the expected number of false
CUSUM alarms per year is then about ``births per year × Σ_j 1/ARL_j``, reported with the
thresholds so that an inspectorate can size its review team before switching Watch on.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import numpy as np

from cradlewatch.watch.alerts import Alert
from cradlewatch.watch.births import OUTCOME_FLAGS, BirthTable
from cradlewatch.watch.casemix import CaseMixDesign, LogisticModel, calibrate, fit_logistic
from cradlewatch.watch.cusum import monitor_blocks
from cradlewatch.watch.design import patient_mix, run_length, smallest_threshold, steiner_weights
from cradlewatch.watch.funnel import Funnel, funnel
from cradlewatch.watch.rules import check_records

CUSTODY_LOSS = "custody_loss"
LOSS_FLAGS = ("relinquished", "transferred_out", "death_reported")
WORKERS = max(1, min(2, os.cpu_count() or 1))
MIX_SAMPLE = 250_000
# Newton converges quadratically: after a step of 1e-4 (standardised units) the estimate is
# within about 1e-8 of the maximum, far below anything a risk or a threshold can show.
NEWTON_TOL = 1e-4  # births used to describe the pooled case mix for chart design
Progress = Callable[[str], None]


@dataclass(slots=True)
class ChartDesign:
    """Threshold of one outcome's chart and the run length it achieves in control."""

    outcome: str
    threshold: float
    target_arl: float
    arl: float
    scaling: float
    odds_ratio: float


@dataclass(slots=True)
class WatchResult:
    """Everything Watch computed: alerts first, then the material for charts and reports."""

    births: BirthTable
    charts: list[str]
    events: np.ndarray
    risk: np.ndarray
    models: dict[str, LogisticModel]
    designs: list[ChartDesign]
    funnels: list[Funnel]
    alerts: list[Alert]
    births_per_year: float
    expected_false_alarms_per_year: float
    odds_ratio: float
    arl0: float
    summary: dict[str, float] = field(default_factory=dict)

    def weights(self, chart: int, rows: slice) -> np.ndarray:
        """CUSUM weights of one chart over a block of rows (for drawing a clinician's chart)."""
        survive, fail = steiner_weights(self.risk[rows, chart], self.odds_ratio)
        return np.where(self.events[rows, chart] == 1, fail, survive)


def outcome_matrix(births: BirthTable) -> tuple[list[str], np.ndarray]:
    """The monitored outcomes present in the input, as a (births × charts) 0/1 matrix."""
    charts = [name for name in OUTCOME_FLAGS if name in births.outcomes]
    columns = [births.outcomes[name] for name in charts]
    losses = [births.outcomes[name] for name in LOSS_FLAGS if name in births.outcomes]
    if losses:
        loss = (births.outcomes["severe_diagnosis"] == 1) & np.logical_or.reduce(
            [flag == 1 for flag in losses]
        )
        charts.append(CUSTODY_LOSS)
        columns.append(loss.astype(np.int8))
    return charts, np.column_stack(columns).astype(np.int8)


def design_chart(
    risk: np.ndarray, outcome: str, target: float, odds_ratio: float, max_states: int = 3000
) -> ChartDesign:
    """Threshold for ``target`` in-control ARL on the pooled case mix ``risk``.

    The lattice resolution starts at vlad's 600 states per unit and is lowered for high
    thresholds so that the chain has at most ``max_states`` states (the cost is O(N²)); a
    coarse pass finds the threshold's order of magnitude first. The search is the bisection
    equivalent of vlad's grid search (``smallest_threshold``).
    """
    stride = max(1, risk.size // MIX_SAMPLE)
    sample = risk[::stride]
    rough = smallest_threshold(patient_mix(sample, odds_ratio, scaling=50.0), target, 5.0, 1)
    scaling = float(min(600.0, max_states / (rough + 1.0)))
    mix = patient_mix(sample, odds_ratio, scaling=scaling)
    h = smallest_threshold(mix, target, rough)
    return ChartDesign(outcome, h, target, run_length(mix, h), scaling, odds_ratio)


def _running_total(values: np.ndarray, births: BirthTable, rows: np.ndarray) -> np.ndarray:
    """Each clinician's running total of ``values`` up to and including each of ``rows``."""
    total = np.concatenate([[0.0], np.cumsum(values, dtype=np.float64)])
    first = births.starts[births.clinician[rows]]
    return np.asarray(total[rows + 1] - total[first])


def watch(
    births: BirthTable,
    arl0: float = 1_000_000.0,
    odds_ratio: float = 2.0,
    coverage: float = 0.998,
    progress: Progress | None = None,
) -> WatchResult:
    """Run every Watch signal over ``births`` and return the alerts with their material."""
    say = progress or (lambda _stage: None)
    n = len(births)
    if n == 0:
        raise ValueError("no births to watch")
    charts, events = outcome_matrix(births)
    say("case-mix models")
    design = CaseMixDesign.build(births.covariates, n)
    risk = np.empty(events.shape, dtype=np.float64)

    def fit(j: int) -> LogisticModel:
        # numpy releases the GIL in its array loops, so outcomes fit in parallel threads
        model = fit_logistic(
            events[:, j], births.covariates, outcome=charts[j], tol=NEWTON_TOL, design=design
        )
        risk[:, j] = model.predict_matrix(design.x)
        model.calibration = calibrate(events[:, j], risk[:, j])
        return model

    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        models = dict(zip(charts, pool.map(fit, range(len(charts))), strict=True))
    say("chart design")
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        designs = list(
            pool.map(
                lambda j: design_chart(risk[:, j], charts[j], arl0 * len(charts), odds_ratio),
                range(len(charts)),
            )
        )
    span_years = (int(births.day.max()) - int(births.day.min()) + 1) / 365.25
    per_year = n / span_years
    false_alarms = per_year * sum(1.0 / design.arl for design in designs)
    say("CUSUM")
    thresholds = np.array([design.threshold for design in designs])
    alerts = _cusum_alerts(births, charts, events, risk, odds_ratio, thresholds)
    say("record checks")
    alerts += _rule_alerts(births, charts, events, risk)
    say("funnel plots")
    funnels, funnel_alerts = _funnels(births, charts, events, risk, coverage)
    alerts += funnel_alerts
    alerts.sort(key=lambda a: (a.alert_date, a.clinician, a.signal, a.outcome))
    return WatchResult(
        births,
        charts,
        events,
        risk,
        models,
        designs,
        funnels,
        alerts,
        per_year,
        false_alarms,
        odds_ratio,
        arl0,
    )


def _cusum_alerts(
    births: BirthTable,
    charts: list[str],
    events: np.ndarray,
    risk: np.ndarray,
    odds_ratio: float,
    thresholds: np.ndarray,
) -> list[Alert]:
    def weights_of(begin: int, end: int) -> np.ndarray:
        survive, fail = steiner_weights(risk[begin:end], odds_ratio)
        return np.where(events[begin:end] == 1, fail, survive)

    alerts = []
    for signal in monitor_blocks(weights_of, thresholds, births.starts):
        rows = slice(signal.restart_row, signal.row + 1)
        seen = signal.row - signal.restart_row + 1
        observed = int(events[rows, signal.chart].sum())
        expected = float(risk[rows, signal.chart].sum())
        name = charts[signal.chart]
        reason = (
            f"risk-adjusted CUSUM of {name} reached {signal.statistic:.3f} >= "
            f"{thresholds[signal.chart]:.4f}: {observed} events in {seen} births where the "
            f"case mix predicts {expected:.2f} (testing odds ratio above 1)"
        )
        alerts.append(
            _alert(
                births,
                signal.row,
                "cusum",
                name,
                seen,
                observed,
                expected,
                signal.statistic,
                float(thresholds[signal.chart]),
                reason,
            )
        )
    return alerts


def _rule_alerts(
    births: BirthTable, charts: list[str], events: np.ndarray, risk: np.ndarray
) -> list[Alert]:
    loss = charts.index(CUSTODY_LOSS) if CUSTODY_LOSS in charts else None
    severe = charts.index("severe_diagnosis")
    hits = check_records(
        births.outcomes, births.confirmed, risk[:, severe], births.clinician, births.day
    )
    if not hits:
        return []
    tally = loss if loss is not None else severe
    rows = np.array([hit.row for hit in hits], dtype=np.int64)
    seen = rows - births.starts[births.clinician[rows]] + 1
    observed = _running_total(events[:, tally], births, rows)
    expected = _running_total(risk[:, tally], births, rows)
    return [
        _alert(
            births,
            hit.row,
            "rule",
            charts[tally],
            int(seen[k]),
            int(round(observed[k])),
            float(expected[k]),
            hit.statistic,
            hit.threshold,
            hit.reason,
        )
        for k, hit in enumerate(hits)
    ]


def _funnels(
    births: BirthTable, charts: list[str], events: np.ndarray, risk: np.ndarray, coverage: float
) -> tuple[list[Funnel], list[Alert]]:
    if CUSTODY_LOSS not in charts:
        return [], []
    j = charts.index(CUSTODY_LOSS)
    years = births.day.astype("datetime64[D]").astype("datetime64[Y]").astype(np.int64) + 1970
    funnels: list[Funnel] = []
    alerts: list[Alert] = []
    m = births.clinicians.size
    for year in np.unique(years):
        rows = np.flatnonzero(years == year)
        who = births.clinician[rows]
        count = np.bincount(who, minlength=m)
        observed = np.bincount(who, weights=events[rows, j], minlength=m)
        expected = np.bincount(who, weights=risk[rows, j], minlength=m)
        last = np.zeros(m, dtype=np.int64)
        last[who] = rows  # rows ascend within a clinician, so the last write is the last birth
        present = np.flatnonzero(count > 0)
        plot = funnel(int(year), present, observed[present], expected[present], coverage)
        funnels.append(plot)
        limit = (
            "exact Poisson" if plot.tau2 == 0 else f"overdispersion-adjusted (tau2={plot.tau2:.4g})"
        )
        for k in np.flatnonzero(plot.outside):
            c = int(present[k])
            ratio = plot.observed[k] / plot.expected[k]
            reason = (
                f"custody losses in {int(year)}: {int(plot.observed[k])} observed where the case "
                f"mix predicts {plot.expected[k]:.2f} (O/E {ratio:.2f}), above the "
                f"{coverage:.1%} {limit} funnel limit {plot.upper[k]:.2f}; "
                f"one-sided p={plot.p_value[k]:.3g}, FDR q={plot.q_value[k]:.3g} "
                f"across {present.size} clinicians"
            )
            alert = _alert(
                births,
                int(last[c]),
                "funnel",
                CUSTODY_LOSS,
                int(count[c]),
                int(plot.observed[k]),
                float(plot.expected[k]),
                float(ratio),
                float(plot.upper[k]),
                reason,
            )
            alert.q_value = float(plot.q_value[k])
            alerts.append(alert)
    return funnels, alerts


def _alert(
    births: BirthTable,
    row: int,
    signal: str,
    outcome: str,
    seen: int,
    observed: int,
    expected: float,
    statistic: float,
    threshold: float | None,
    reason: str,
) -> Alert:
    return Alert(
        clinician=str(births.clinicians[births.clinician[row]]),
        hospital=str(births.hospitals[births.hospital[row]]),
        signal=signal,
        outcome=outcome,
        alert_date=births.date(row),
        alert_birth_id=births.id(row),
        births_seen=seen,
        events_seen=observed,
        expected_events=expected,
        statistic=statistic,
        threshold=threshold,
        reason=reason,
    )
