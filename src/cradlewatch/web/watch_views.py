"""One clinician's Watch alerts with the evidence drawn: CUSUM charts and a funnel plot.

An inspector deciding whether to escalate needs to see *when* the record turned (the CUSUM
path crossing its limit ``h``) and *how far* the clinician stands from peers with a similar
case mix (the funnel). The numbers come from the series Watch wrote next to its alerts and
``workspace import-watch`` stored (``watch/series.py``); the funnel's limits are recomputed
with Watch's own ``adjusted_limits`` from the stored ``τ²`` and coverage, so the Workbench
draws exactly what Watch tested. See docs/watch.md for the formulas.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from markupsafe import Markup
from sqlalchemy.orm import Session

from cradlewatch.store.records import AlertRecord
from cradlewatch.store.results import funnel_years, watch_series
from cradlewatch.watch.funnel import adjusted_limits
from cradlewatch.web.charts import (
    FunnelPoint,
    LimitCurve,
    cusum_chart,
    day_of,
    funnel_plot,
    iso_of,
)

PEER_COVERAGE = 0.95  # the inner funnel drawn beside Watch's own (99.8 % by default)
GRID_POINTS = 120


def cusum_data(series: dict[str, Any] | None) -> list[dict[str, Any]]:
    """Each CUSUM chart of the clinician: dates, values, limit and alarms; charts that
    signalled first (they are why the clinician is on this page)."""
    if series is None:
        return []
    start = day_of(series["start"])
    dates = [iso_of(start + d) for d in series["days"]]
    charts = []
    for chart in series["charts"]:
        values = chart["values"]
        alarms = [
            {"index": i, "date": dates[i], "birth_id": birth, "value": values[i]}
            for i, birth in zip(chart["signals"], chart["signal_births"], strict=True)
        ]
        charts.append(
            {
                "outcome": chart["outcome"],
                "threshold": chart["threshold"],
                "odds_ratio": series["odds_ratio"],
                "dates": dates,
                "values": values,
                "alarms": alarms,
            }
        )
    charts.sort(key=lambda c: not c["alarms"])
    return charts


def cusum_svgs(charts: Sequence[dict[str, Any]], clinician: str) -> list[Markup]:
    """One chart per outcome, alarm points with their date, birth and value."""
    out = []
    for chart in charts:
        days = [day_of(d) for d in chart["dates"]]
        alarms = [
            (
                alarm["index"],
                f"alarm on {alarm['date']} at birth {alarm['birth_id']}: CUSUM "
                f"{alarm['value']:.3f} ≥ h {chart['threshold']:.3f}",
            )
            for alarm in chart["alarms"]
        ]
        title = (
            f"{clinician}: risk-adjusted CUSUM of {chart['outcome']} "
            f"(odds ratio {chart['odds_ratio']:g} vs 1)"
        )
        out.append(cusum_chart(days, chart["values"], chart["threshold"], alarms, title))
    return out


def default_year(alerts: Sequence[AlertRecord], years: Sequence[str]) -> str | None:
    """The funnel to show first: the latest year of a funnel alert on this clinician, else
    of any of their alerts, else the latest year imported."""
    for signals in ({"funnel"}, None):
        chosen = [
            a.alert_date[:4]
            for a in alerts
            if (signals is None or a.signal in signals) and a.alert_date[:4] in years
        ]
        if chosen:
            return max(chosen)
    return years[-1] if years else None


def funnel_data(plot: dict[str, Any], clinician: str) -> dict[str, Any]:
    """One year's funnel: every clinician's point, the limit curves, this clinician's place."""
    expected = np.asarray(plot["expected"], dtype=np.float64)
    observed = np.asarray(plot["observed"], dtype=np.float64)
    keep = expected > 0
    names = [n for n, k in zip(plot["clinicians"], keep, strict=True) if k]
    expected, observed = expected[keep], observed[keep]
    tau2, coverage = float(plot["tau2"]), float(plot["coverage"])
    _, upper = adjusted_limits(expected, tau2, coverage)
    outside = observed / expected > upper
    points = [
        {
            "clinician": name,
            "observed": int(o),
            "expected": float(e),
            "ratio": float(o / e),
            "upper": float(u),
            "outside": bool(out),
        }
        for name, o, e, u, out in zip(names, observed, expected, upper, outside, strict=True)
    ]
    limits = []
    if expected.size:
        grid = np.round(
            np.linspace(max(expected.min() * 0.8, 0.05), expected.max() * 1.05, GRID_POINTS), 4
        )
        for level in sorted({PEER_COVERAGE, coverage}):
            low, high = adjusted_limits(grid, tau2, level)
            limits.append(
                {
                    "coverage": level,
                    "expected": grid.tolist(),
                    "lower": np.round(low, 4).tolist(),
                    "upper": np.round(high, 4).tolist(),
                }
            )
    return {
        "year": int(plot["year"]),
        "outcome": plot["outcome"],
        "coverage": coverage,
        "tau2": tau2,
        "phi": float(plot["phi"]),
        "clinician": next((p for p in points if p["clinician"] == clinician), None),
        "points": points,
        "limits": limits,
    }


def funnel_svg(data: dict[str, Any], clinician: str) -> Markup:
    points = [
        FunnelPoint(p["clinician"], p["observed"], p["expected"], p["outside"])
        for p in data["points"]
    ]
    curves = [
        LimitCurve(c["coverage"], c["expected"], c["lower"], c["upper"]) for c in data["limits"]
    ]
    kind = (
        "exact Poisson"
        if data["tau2"] == 0
        else f"overdispersion-adjusted, τ² = {data['tau2']:.3g}"
    )
    title = f"{data['outcome']} {data['year']}: observed / expected per clinician ({kind})"
    return funnel_plot(points, curves, clinician, title)


def clinician_view(
    session: Session, clinician: str, alerts: Sequence[AlertRecord], year: str | None
) -> dict[str, Any]:
    """The data of the clinician's page (the JSON twin): charts' series and the funnel."""
    years = funnel_years(session)
    shown = year if year is not None else default_year(alerts, years)
    plot = watch_series(session, "funnel", shown) if shown is not None else None
    return {
        "clinician": clinician,
        "cusum": cusum_data(watch_series(session, "cusum", clinician)),
        "funnel": funnel_data(plot, clinician) if plot is not None else None,
        "funnel_years": years,
    }
