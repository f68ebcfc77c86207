"""Read-side queries for Reunite matches and Watch alerts, with the decisions in force.

Match detail (per-locus LRs) is only decrypted when the caller asks for it, which the
Workbench does only for roles holding ``view_dna``; listing matches never touches it.
"""

from __future__ import annotations

from typing import Any, Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from cradlewatch.store.history import decisions_in_force
from cradlewatch.store.records import AlertRecord, MatchRecord
from cradlewatch.store.schema import AlertRow, MatchRow, WatchSeriesRow

_MATCH_COLUMNS = (
    MatchRow.child_id,
    MatchRow.case_id,
    MatchRow.references,
    MatchRow.log10_lr,
    MatchRow.loci_used,
    MatchRow.inconsistent_loci,
    MatchRow.rank,
)


def list_matches(
    session: Session, child_id: str | None = None, with_detail: bool = False
) -> list[MatchRecord]:
    """Candidate matches by child then rank; ``with_detail`` decrypts per-locus detail."""
    columns = (*_MATCH_COLUMNS, MatchRow.detail) if with_detail else _MATCH_COLUMNS
    query = select(*columns).order_by(MatchRow.child_id, MatchRow.rank, MatchRow.case_id)
    if child_id is not None:
        query = query.where(MatchRow.child_id == child_id)
    rows = session.execute(query).all()
    decided = decisions_in_force(session, "match", (f"{r[0]}|{r[1]}" for r in rows))
    return [
        MatchRecord(
            row[0],
            row[1],
            row[2],
            row[3],
            row[4],
            row[5],
            row[6],
            decision=decided.get(f"{row[0]}|{row[1]}"),
            detail=row[7] if with_detail else None,
        )
        for row in rows
    ]


class _AlertFields(Protocol):
    @property
    def clinician(self) -> str: ...
    @property
    def signal(self) -> str: ...
    @property
    def outcome(self) -> str: ...
    @property
    def alert_date(self) -> str: ...
    @property
    def alert_birth_id(self) -> str: ...


def alert_key(row: _AlertFields) -> str:
    """The decision subject of an alert (a stored row or a record read from it): its natural key."""
    return "|".join((row.clinician, row.signal, row.outcome, row.alert_date, row.alert_birth_id))


def list_alerts(session: Session, clinician: str | None = None) -> list[AlertRecord]:
    """Alerts by clinician and date, each with the acknowledge/escalate decision in force."""
    query = select(AlertRow).order_by(AlertRow.clinician, AlertRow.alert_date, AlertRow.seq)
    if clinician is not None:
        query = query.where(AlertRow.clinician == clinician)
    rows = list(session.scalars(query))
    decided = decisions_in_force(session, "alert", (alert_key(r) for r in rows))
    return [
        AlertRecord(
            r.seq,
            r.clinician,
            r.hospital,
            r.signal,
            r.outcome,
            r.alert_date,
            r.alert_birth_id,
            r.births_seen,
            r.events_seen,
            r.expected_events,
            r.statistic,
            r.threshold,
            r.chart,
            decided.get(alert_key(r)),
            r.reason,
        )
        for r in rows
    ]


def watch_series(session: Session, kind: str, key: str) -> dict[str, Any] | None:
    """The imported chart series (``watch/series.py``) of a clinician (``kind`` cusum) or a
    year (``kind`` funnel), or ``None`` when Watch's report was not imported with it."""
    return session.scalar(
        select(WatchSeriesRow.data).where(WatchSeriesRow.kind == kind, WatchSeriesRow.key == key)
    )


def funnel_years(session: Session) -> list[str]:
    """The years whose funnel series were imported, oldest first."""
    query = select(WatchSeriesRow.key).where(WatchSeriesRow.kind == "funnel")
    return sorted(session.scalars(query))
