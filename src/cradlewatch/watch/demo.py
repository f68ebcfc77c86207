"""``make demo`` step for Watch: scenario births → Watch → named clinicians, charts, report."""

from __future__ import annotations

import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import orjson
from rich.console import Console

from cradlewatch.scenario.births import write_births
from cradlewatch.watch.alerts import flagged_clinicians, write_alerts
from cradlewatch.watch.births import read_births
from cradlewatch.watch.evaluate import evaluate
from cradlewatch.watch.monitor import watch
from cradlewatch.watch.report import write_report


def run_demo(workdir: Path, console: Console) -> dict[str, Any]:
    """Generate the births scenario in ``workdir/watch``, run Watch, name whom it flags.

    Returns summary figures (births, flagged clinicians with their chart files, detection
    delays, false-alarm clinicians, seconds taken).
    """
    began = time.perf_counter()
    folder = Path(workdir) / "watch"
    births_path, truth_path = write_births(folder)
    truth = orjson.loads(truth_path.read_bytes())
    table, rejects = read_births(births_path)
    result = watch(table)
    alerts_path = folder / "alerts.csv"
    write_alerts(result.alerts, alerts_path)
    marks: dict[str, list[str]] = defaultdict(list)
    for event in truth["fraud_events"]:
        marks[event["clinician"]].append(event["date"])
    files = write_report(result, folder / "report", marks)
    scores = evaluate(result, truth)
    (folder / "evaluation.json").write_bytes(
        orjson.dumps(scores.as_dict(), option=orjson.OPT_INDENT_2)
    )

    console.print(
        f"{len(table):,} synthetic births, {table.clinicians.size} clinicians; "
        f"{len(result.alerts)} alerts; expected false CUSUM alarms "
        f"{result.expected_false_alarms_per_year:.3g} per year across the network"
    )
    fraudulent = set(truth["fraudulent_clinicians"])
    suspects = flagged_clinicians(result.alerts)
    overall = scores.scores[0]
    flagged: dict[str, dict[str, Any]] = {}
    console.print(f"[bold]Flagged clinicians ({len(suspects)})[/bold]")
    for clinician, alert in suspects.items():
        chart = files["cusum_charts"].get(clinician)
        signals = sorted({a.signal for a in result.alerts if a.clinician == clinician})
        truth_note = (
            "fraudulent (ground truth)" if clinician in fraudulent else "honest (false alarm)"
        )
        delay = overall.delays.get(clinician)
        after = f", after {delay} fabricated diagnoses" if delay is not None else ""
        console.print(
            f"  [bold]{clinician}[/bold] flagged {alert.alert_date} by {alert.signal} "
            f"(signals: {', '.join(signals)}) — {truth_note}{after}; chart {chart}"
        )
        flagged[clinician] = {
            "flagged_on": alert.alert_date,
            "by": alert.signal,
            "signals": signals,
            "chart": str(chart) if chart else None,
        }
    review = sorted({a.clinician for a in result.alerts} - set(suspects))
    if review:
        console.print(f"  single records to review (not flagged): {', '.join(review)}")
    console.print(f"  report: {files['report']}; alerts: {alerts_path}")
    seconds = time.perf_counter() - began
    return {
        "births": len(table),
        "rejected": len(rejects),
        "clinicians": int(table.clinicians.size),
        "alerts": len(result.alerts),
        "flagged": flagged,
        "records_to_review": review,
        "fraudulent_detected": overall.detected,
        "fraudulent": overall.fraudulent,
        "worst_delay_events": overall.worst_delay,
        "false_alarm_clinicians": overall.false_alarm_clinicians,
        "expected_false_alarms_per_year": result.expected_false_alarms_per_year,
        "report": str(files["report"]),
        "funnel_charts": [str(path) for path in files["funnel_charts"].values()],
        "seconds": seconds,
    }
