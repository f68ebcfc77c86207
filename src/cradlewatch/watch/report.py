"""The Watch report: a self-contained folder an inspector can open or hand over.

``report.html`` (alerts grouped by clinician with their reasons, charts, the case-mix models
with their calibration, the chart design and the expected false alarms per year) and
``summary.json`` with the same figures for machines, and ``series.json`` with the numbers behind
the charts (``series.py``; the Workbench imports it to draw its own).
"""

from __future__ import annotations

import html
from collections import defaultdict
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import orjson

from cradlewatch.watch.alerts import Alert, flagged_clinicians
from cradlewatch.watch.charts import cusum_chart, funnel_chart, safe_name
from cradlewatch.watch.monitor import WatchResult
from cradlewatch.watch.series import write_series

MAX_CUSUM_CHARTS = 100  # a report with thousands of charts is read by nobody


def summary(result: WatchResult) -> dict[str, Any]:
    """Machine-readable figures of one run."""
    return {
        "births": len(result.births),
        "clinicians": int(result.births.clinicians.size),
        "arl0": result.arl0,
        "odds_ratio": result.odds_ratio,
        "births_per_year": result.births_per_year,
        "expected_false_alarms_per_year": result.expected_false_alarms_per_year,
        "charts": [
            {
                "outcome": d.outcome,
                "threshold": d.threshold,
                "target_arl": d.target_arl,
                "arl": d.arl,
                "scaling": d.scaling,
            }
            for d in result.designs
        ],
        "models": {name: model.as_dict() for name, model in result.models.items()},
        "funnels": [
            {
                "year": f.year,
                "clinicians": int(f.clinicians.size),
                "phi": f.phi,
                "tau2": f.tau2,
                "outside": int(f.outside.sum()),
            }
            for f in result.funnels
        ],
        "alerts": len(result.alerts),
        "flagged_clinicians": {
            name: alert.alert_date for name, alert in flagged_clinicians(result.alerts).items()
        },
        "alerted_clinicians": sorted({a.clinician for a in result.alerts}),
    }


def write_report(
    result: WatchResult,
    out_dir: Path,
    marks: Mapping[str, Sequence[str]] | None = None,
) -> dict[str, Any]:
    """Write charts, ``report.html`` and ``summary.json`` into ``out_dir``; returns the paths.

    ``marks`` optionally maps a clinician to dates to highlight on their chart (the demo
    marks the scenario's fabricated diagnoses; a real run has none).
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    by_clinician: dict[str, list[Alert]] = defaultdict(list)
    for alert in result.alerts:
        by_clinician[alert.clinician].append(alert)
    ordered = sorted(by_clinician, key=lambda c: by_clinician[c][0].alert_date)
    cusum_files: dict[str, Path] = {}
    for clinician in ordered[:MAX_CUSUM_CHARTS]:
        target = out_dir / "charts" / f"cusum_{safe_name(clinician)}.png"
        cusum_files[clinician] = cusum_chart(
            result, clinician, target, (marks or {}).get(clinician, ())
        )
    funnel_files = {
        plot.year: funnel_chart(result, plot, out_dir / "charts" / f"funnel_{plot.year}.png")
        for plot in result.funnels
    }
    facts = summary(result)
    facts["cusum_charts"] = {
        name: str(path.relative_to(out_dir)) for name, path in cusum_files.items()
    }
    facts["funnel_charts"] = {
        str(year): str(path.relative_to(out_dir)) for year, path in funnel_files.items()
    }
    summary_path = out_dir / "summary.json"
    summary_path.write_bytes(
        orjson.dumps(facts, option=orjson.OPT_INDENT_2 | orjson.OPT_SERIALIZE_NUMPY)
    )
    report_path = out_dir / "report.html"
    report_path.write_text(
        _html(result, facts, ordered, by_clinician, cusum_files, funnel_files, out_dir),
        encoding="utf-8",
    )
    series_path = write_series(result, by_clinician, out_dir / "series.json")
    return {
        "report": report_path,
        "summary": summary_path,
        "series": series_path,
        "cusum_charts": cusum_files,
        "funnel_charts": funnel_files,
    }


def _html(
    result: WatchResult,
    facts: dict[str, Any],
    ordered: list[str],
    by_clinician: Mapping[str, list[Alert]],
    cusum_files: Mapping[str, Path],
    funnel_files: Mapping[int, Path],
    out_dir: Path,
) -> str:
    e = html.escape
    parts = [
        "<!doctype html><html lang='en'><meta charset='utf-8'><title>cradlewatch Watch report</title>",
        "<style>body{font-family:sans-serif;max-width:1100px;margin:auto}td,th{border:1px solid #ccc;"
        "padding:3px 6px;font-size:13px}table{border-collapse:collapse}img{max-width:100%}</style>",
        "<h1>Watch: clinicians' birth outcomes</h1>",
        f"<p>{facts['births']:,} births, {facts['clinicians']:,} clinicians, "
        f"{facts['births_per_year']:,.0f} births per year. In-control run length "
        f"{result.arl0:,.0f} births per clinician (all charts together); expected false CUSUM "
        f"alarms across the network: <b>{result.expected_false_alarms_per_year:.3g} per year</b>.</p>",
    ]
    suspects = flagged_clinicians(result.alerts)
    parts.append(
        f"<h2>Flagged clinicians ({len(suspects)})</h2><p>A CUSUM or funnel alert, or "
        "two record-level rule alerts within two years. Others had single records to "
        "review.</p>"
    )
    for clinician in sorted(ordered, key=lambda c: c not in suspects):
        status = (
            f"flagged on {suspects[clinician].alert_date}"
            if clinician in suspects
            else "records to review, not flagged"
        )
        parts.append(
            f"<h3>{e(clinician)} — {status}</h3><table><tr><th>date</th><th>signal</th><th>outcome"
            "</th><th>birth</th><th>reason</th></tr>"
        )
        for a in by_clinician[clinician]:
            parts.append(
                f"<tr><td>{a.alert_date}</td><td>{a.signal}</td><td>{a.outcome}</td>"
                f"<td>{e(a.alert_birth_id)}</td><td>{e(a.reason)}</td></tr>"
            )
        parts.append("</table>")
        if clinician in cusum_files:
            parts.append(f"<img src='{cusum_files[clinician].relative_to(out_dir)}'>")
    parts.append("<h2>Funnel plots of custody loss</h2>")
    parts += [f"<img src='{path.relative_to(out_dir)}'>" for path in funnel_files.values()]
    parts.append(
        "<h2>Chart design</h2><table><tr><th>outcome</th><th>threshold h</th>"
        "<th>target ARL</th><th>ARL at h</th></tr>"
    )
    parts += [
        f"<tr><td>{d.outcome}</td><td>{d.threshold:.4f}</td><td>{d.target_arl:,.0f}</td>"
        f"<td>{d.arl:,.0f}</td></tr>"
        for d in result.designs
    ]
    parts.append(
        "</table><h2>Case-mix models (logistic, maximum likelihood)</h2><table><tr>"
        "<th>outcome</th><th>events</th><th>coefficients</th><th>O/E</th><th>C</th>"
        "<th>Hosmer–Lemeshow (p)</th></tr>"
    )
    for name, model in result.models.items():
        cal = model.calibration
        terms = ", ".join(
            f"{t} {c:+.4g}" for t, c in zip(model.terms, model.coefficients, strict=True)
        )
        quality = (
            (
                f"<td>{cal.o_over_e:.3f}</td><td>{cal.c_statistic:.3f}</td>"
                f"<td>{cal.hosmer_lemeshow:.1f} ({cal.hl_p_value:.3g})</td>"
            )
            if cal
            else "<td colspan=3></td>"
        )
        parts.append(
            f"<tr><td>{name}</td><td>{model.events:,}</td><td>intercept "
            f"{model.intercept:+.4g}, {e(terms)}</td>{quality}</tr>"
        )
    parts.append("</table></html>")
    return "\n".join(parts)
