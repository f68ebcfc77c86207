"""Reading the decisions: the one in force per subject, and the full chain.

Decisions are append-only rows (see :mod:`cradlewatch.workspace.decisions` for writing); the
latest row per ``(kind, subject)`` is in force unless it is a ``clear``.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cradlewatch.store.records import DecisionRecord
from cradlewatch.store.schema import DecisionRow

CLEAR = "clear"  # the decision action that withdraws the one before it


def decisions_in_force(session: Session, kind: str, subjects: Iterable[str]) -> dict[str, str]:
    """The latest decision action per subject (a ``clear`` withdraws it: no entry)."""
    wanted = sorted(set(subjects))
    latest: dict[str, str] = {}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        newest = (
            select(DecisionRow.subject, func.max(DecisionRow.seq).label("seq"))
            .where(DecisionRow.kind == kind, DecisionRow.subject.in_(chunk))
            .group_by(DecisionRow.subject)
            .subquery()
        )
        rows = session.execute(
            select(DecisionRow.subject, DecisionRow.action).join(
                newest, DecisionRow.seq == newest.c.seq
            )
        )
        latest.update({subject: action for subject, action in rows if action != CLEAR})
    return latest


def decision_history(
    session: Session, kind: str | None = None, subject: str | None = None
) -> list[DecisionRecord]:
    """Every decision (oldest first), optionally of one kind and subject: the full chain."""
    query = select(DecisionRow).order_by(DecisionRow.seq)
    if kind is not None:
        query = query.where(DecisionRow.kind == kind)
    if subject is not None:
        query = query.where(DecisionRow.subject == subject)
    return [_decision(row) for row in session.scalars(query)]


def _decision(row: DecisionRow) -> DecisionRecord:
    return DecisionRecord(
        row.seq,
        row.kind,
        row.subject,
        row.action,
        row.user,
        row.time,
        row.note,
        dict(row.payload or {}),
    )
