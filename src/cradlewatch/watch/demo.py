"""``make demo`` step for Watch: scenario births → Watch → named clinicians, charts, report."""

from __future__ import annotations

import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import orjson
from rich.console import Console

from cradlewatch.scenario.births import write_births
from cradlewatch.watch.alerts import write_alerts
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
    (folder / "evaluation.json").write_bytes(orjson.dumps(scores.as_dict(), option=orjson.OPT_INDENT_2))

    console.rule("[bold]Watch: clinicians who fabricate diagnoses")
    console.print(
        f"{len(table):,} synthetic births, {table.clinicians.size} clinicians; "
        f"{len(result.alerts)} alerts; expected false CUSUM alarms "
        f"{result.expected_false_alarms_per_year:.3g} per year across the network"
    )
    fraudulent = set(truth["fraudulent_clinicians"])
    flagged: dict[str, dict[str, Any]] = {}
    for alert in result.alerts:
        entry = flagged.setdefault(alert.clinician, {"first_alert": alert.alert_date, "signals": set()})
        entry["signals"].add(alert.signal)
    overall = scores.scores[0]
    for clinician, entry in flagged.items():
        chart = files["cusum_charts"].get(clinician)
        truth_note = "fraudulent (ground truth)" if clinician in fraudulent else "honest (false alarm)"
        delay = overall.delays.get(clinician)
        after = f", flagged after {delay} fabricated diagnosis(es)" if delay is not None else ""
        console.print(
            f"  [bold]{clinician}[/bold]: first alert {entry['first_alert']} "
            f"({', '.join(sorted(entry['signals']))}) — {truth_note}{after}; chart {chart}"
        )
        entry["signals"] = sorted(entry["signals"])
        entry["chart"] = str(chart) if chart else None
    console.print(f"  report: {files['report']}; alerts: {alerts_path}")
    seconds = time.perf_counter() - began
    return {
        "births": len(table),
        "rejected": len(rejects),
        "clinicians": int(table.clinicians.size),
        "alerts": len(result.alerts),
        "flagged": flagged,
        "fraudulent_detected": overall.detected,
        "fraudulent": overall.fraudulent,
        "worst_delay_events": overall.worst_delay,
        "false_alarm_clinicians": overall.false_alarm_clinicians,
        "expected_false_alarms_per_year": result.expected_false_alarms_per_year,
        "report": str(files["report"]),
        "funnel_charts": [str(path) for path in files["funnel_charts"].values()],
        "seconds": seconds,
    }
