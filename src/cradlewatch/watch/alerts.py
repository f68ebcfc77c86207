"""Watch alerts and their CSV form (CONTRACTS §5 output).

The contract's columns come first, in its order; ``reason`` (why this alert, in words an
inspector can check against the records) and ``q_value`` (funnel false-discovery rate) are
optional extensions appended at the end, as the contract allows.
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from typing import TextIO

# The output columns of CONTRACTS §5, then this tool's optional ones.
CONTRACT_COLUMNS = (
    "clinician",
    "hospital",
    "signal",
    "outcome",
    "alert_date",
    "alert_birth_id",
    "births_seen",
    "events_seen",
    "expected_events",
    "statistic",
    "threshold",
)
COLUMNS = (*CONTRACT_COLUMNS, "reason", "q_value")


@dataclass(slots=True)
class Alert:
    """One alert: who, which signal on which outcome, when, and the evidence behind it."""

    clinician: str
    hospital: str
    signal: str
    outcome: str
    alert_date: str
    alert_birth_id: str
    births_seen: int
    events_seen: int
    expected_events: float
    statistic: float
    threshold: float | None
    reason: str
    q_value: float | None = None

    def row(self) -> dict[str, str]:
        """The CSV cells (numbers rounded for reading, blanks for not-applicable)."""
        cells = asdict(self)
        cells["expected_events"] = f"{self.expected_events:.4f}"
        cells["statistic"] = f"{self.statistic:.6g}"
        cells["threshold"] = "" if self.threshold is None else f"{self.threshold:.6g}"
        cells["q_value"] = "" if self.q_value is None else f"{self.q_value:.4g}"
        return {key: str(value) for key, value in cells.items()}


def flagged_clinicians(
    alerts: Iterable[Alert], corroboration: int = 2, window_days: int = 730
) -> dict[str, Alert]:
    """The alert at which each clinician becomes a suspect to investigate.

    A ``cusum`` or ``funnel`` alert flags at once: each is already a statistical test with
    controlled false alarms. A ``rule`` alert is a single record to review; honest records
    match a rule now and then (a relinquishment after an unconfirmed diagnosis happens), so a
    clinician is flagged on rules only when ``corroboration`` of them fall within
    ``window_days`` — the second fabricated diagnosis, not the seventh.
    """
    flagged: dict[str, Alert] = {}
    rule_days: dict[str, list[date]] = {}
    for alert in sorted(alerts, key=lambda a: (a.alert_date, a.alert_birth_id)):
        if alert.clinician in flagged:
            continue
        if alert.signal != "rule":
            flagged[alert.clinician] = alert
            continue
        day = date.fromisoformat(alert.alert_date)
        recent = [d for d in rule_days.get(alert.clinician, []) if (day - d).days <= window_days]
        recent.append(day)
        rule_days[alert.clinician] = recent
        if len(recent) >= corroboration:
            flagged[alert.clinician] = alert
    return flagged


def write_alerts(alerts: Iterable[Alert], out: Path | str | None) -> int:
    """Write alerts as CSV to ``out`` (``None`` or ``-``: stdout); returns how many."""
    if out is None or str(out) == "-":
        return _write(alerts, sys.stdout)
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8", newline="") as handle:
        return _write(alerts, handle)


def _write(alerts: Iterable[Alert], handle: TextIO) -> int:
    writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    count = 0
    for alert in alerts:
        writer.writerow(alert.row())
        count += 1
    return count
