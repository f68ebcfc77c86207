"""Loading Reunite and Watch results (CONTRACTS §4 and §5 CSV files) into the workspace.

Reunite and Watch stay stateless commands; the workspace takes their output files, so their
code never needs to know about the store. A re-import replaces the rows of the same key
(child and case; clinician, signal, outcome, date and birth), so re-running a round and
importing again updates the numbers without duplicating rows or losing decisions, which are
keyed by the same subjects.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
from sqlalchemy import select
from sqlalchemy.orm import Session

from cradlewatch.errors import UsageError
from cradlewatch.model import Reject
from cradlewatch.reunite.report import COLUMNS as REUNITE_COLUMNS
from cradlewatch.store import Store
from cradlewatch.store.records import utc_now
from cradlewatch.store.schema import AlertRow, MatchRow, WatchSeriesRow
from cradlewatch.watch.alerts import CONTRACT_COLUMNS as WATCH_COLUMNS

MATCH_COLUMNS = tuple(REUNITE_COLUMNS)  # CONTRACTS §4
ALERT_COLUMNS = WATCH_COLUMNS  # CONTRACTS §5


def _rows(path: Path, columns: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in columns if c not in (reader.fieldnames or [])]
            if missing:
                raise UsageError(f"{path}:1: missing column(s) {', '.join(missing)}")
            return [(number, row) for number, row in enumerate(reader, start=2)]
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise UsageError(f"{path}:0: cannot read: {error}") from error


def _details(path: Path | None) -> dict[tuple[str, str], dict[str, Any]]:
    """Reunite's ``--details`` JSON Lines by (child, case): per-locus LRs and reasons."""
    if path is None:
        return {}
    out: dict[tuple[str, str], dict[str, Any]] = {}
    try:
        lines = path.read_bytes().splitlines()
    except OSError as error:
        raise UsageError(f"{path}:0: cannot read: {error.strerror}") from error
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = orjson.loads(line)
            out[(str(record["child_id"]), str(record["case_id"]))] = record
        except (orjson.JSONDecodeError, KeyError, TypeError) as error:
            raise UsageError(f"{path}:{number}: not a reunite details record: {error}") from error
    return out


def import_reunite(
    store: Store, matches: Path, details: Path | None, on_reject: Callable[[Reject], None]
) -> int:
    """Load a reunite output CSV (and optionally its details); returns the rows stored.

    The per-locus detail is genetic information about a child and a family: it is stored
    sealed (see :mod:`cradlewatch.store.crypto`).
    """
    detail = _details(details)
    stored = 0
    now = utc_now()
    with store.session() as session:
        for number, row in _rows(matches, MATCH_COLUMNS):
            try:
                child, case = row["child_id"].strip(), row["case_id"].strip()
                values: dict[str, Any] = {
                    "child_id": child,
                    "case_id": case,
                    "references": row["references"].strip(),
                    "log10_lr": float(row["log10_lr"]),
                    "loci_used": int(row["loci_used"]),
                    "inconsistent_loci": int(row["inconsistent_loci"]),
                    "rank": int(row["rank"]),
                }
            except (TypeError, ValueError) as error:
                on_reject(Reject(str(matches), number, f"bad value: {error}"))
                continue
            if not child or not case:
                on_reject(Reject(str(matches), number, "child_id and case_id are required"))
                continue
            existing = session.scalar(
                select(MatchRow).where(MatchRow.child_id == child, MatchRow.case_id == case)
            )
            target = existing or MatchRow()
            for key, value in values.items():
                setattr(target, key, value)
            target.detail = detail.get((child, case))
            target.source, target.imported_at = str(matches), now
            if existing is None:
                session.add(target)
            stored += 1
    return stored


def _chart(report: Path | None, clinician: str, signal: str, alert_date: str) -> str | None:
    """The chart Watch's ``--report`` folder holds for this alert, if it wrote one."""
    if report is None:
        return None
    from cradlewatch.watch.charts import safe_name

    name = (
        f"funnel_{alert_date[:4]}.png"
        if signal == "funnel"
        else f"cusum_{safe_name(clinician)}.png"
    )
    path = report / "charts" / name
    return str(path.resolve()) if path.exists() else None


def import_watch(
    store: Store, alerts: Path, report: Path | None, on_reject: Callable[[Reject], None]
) -> int:
    """Load a watch output CSV (and the chart paths of its ``--report`` folder)."""
    stored = 0
    now = utc_now()
    with store.session() as session:
        for number, row in _rows(alerts, ALERT_COLUMNS):
            try:
                values: dict[str, Any] = {
                    key: (row[key] or "").strip() for key in ALERT_COLUMNS[:6]
                }
                values.update(
                    births_seen=int(row["births_seen"]),
                    events_seen=int(row["events_seen"]),
                    expected_events=float(row["expected_events"]),
                    statistic=float(row["statistic"]),
                    threshold=float(row["threshold"]) if row["threshold"].strip() else None,
                )
            except (TypeError, ValueError) as error:
                on_reject(Reject(str(alerts), number, f"bad value: {error}"))
                continue
            if not values["clinician"] or len(values["alert_date"]) != 10:
                on_reject(Reject(str(alerts), number, "clinician and alert_date are required"))
                continue
            existing = session.scalar(
                select(AlertRow).where(
                    *[
                        getattr(AlertRow, key) == values[key]
                        for key in (
                            "clinician",
                            "signal",
                            "outcome",
                            "alert_date",
                            "alert_birth_id",
                        )
                    ]
                )
            )
            target = existing or AlertRow()
            for key, value in values.items():
                setattr(target, key, value)
            target.chart = _chart(
                report, values["clinician"], values["signal"], values["alert_date"]
            )
            target.reason = (row.get("reason") or "").strip() or None
            target.source, target.imported_at = str(alerts), now
            if existing is None:
                session.add(target)
            stored += 1
        if report is not None:
            _import_series(session, report / "series.json", now, on_reject)
    return stored


def _import_series(
    session: Session, path: Path, now: str, on_reject: Callable[[Reject], None]
) -> None:
    """Load Watch's chart series (``watch/series.py``), replacing those of the same key.

    A report written before Watch wrote series has none, and an unreadable one is rejected:
    either way the alerts still load, and the Workbench says the chart data is missing.
    """
    if not path.exists():
        return
    try:
        data = orjson.loads(path.read_bytes())
        items = [("cusum", name, series) for name, series in data["cusum"].items()]
        items += [("funnel", str(plot["year"]), plot) for plot in data["funnels"]]
    except (OSError, orjson.JSONDecodeError, KeyError, TypeError, AttributeError) as error:
        on_reject(Reject(str(path), 1, f"not a Watch series file: {error}"))
        return
    for kind, key, series in items:
        existing = session.scalar(
            select(WatchSeriesRow).where(WatchSeriesRow.kind == kind, WatchSeriesRow.key == key)
        )
        target = existing or WatchSeriesRow(kind=kind, key=key)
        target.data, target.source, target.imported_at = series, str(path), now
        if existing is None:
            session.add(target)
