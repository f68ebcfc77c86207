"""Cases: rings and posts gathered for one investigation, with notes, status and assignee.

A case is what leaves the workspace as evidence (``cradlewatch export ... --case ID``), so
every change to it is audited, and items record who added them and why.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from cradlewatch.errors import UsageError
from cradlewatch.store.records import CaseItem, CaseRecord, utc_now
from cradlewatch.store.schema import CaseItemRow, CaseRow, PostRow, RingRow, UserRow
from cradlewatch.workspace import audit
from cradlewatch.workspace.permissions import require
from cradlewatch.workspace.users import User

STATUSES = ("open", "in_progress", "referred", "closed")
ITEM_KINDS = ("ring", "post")


def _record(session: Session, row: CaseRow) -> CaseRecord:
    items = [
        CaseItem(i.kind, i.ref, i.note, i.added_by, i.added_at)
        for i in session.scalars(
            select(CaseItemRow).where(CaseItemRow.case_id == row.id).order_by(CaseItemRow.seq)
        )
    ]
    return CaseRecord(
        row.id,
        row.title,
        row.status,
        row.assignee,
        row.notes,
        row.created_by,
        row.created_at,
        row.updated_at,
        items,
    )


def _case(session: Session, case_id: int) -> CaseRow:
    row = session.get(CaseRow, case_id)
    if row is None:
        raise UsageError(f"--case:0: no case {case_id}")
    return row


def _check_assignee(session: Session, assignee: str | None) -> None:
    if assignee is not None and session.get(UserRow, assignee) is None:
        raise UsageError(f"--assignee:0: no user {assignee!r}")


def create_case(
    session: Session, user: User, title: str, assignee: str | None = None, notes: str = ""
) -> CaseRecord:
    require(user.role, "manage_cases", user.name)
    if not title.strip():
        raise UsageError("--title:0: a case needs a title")
    _check_assignee(session, assignee)
    now = utc_now()
    row = CaseRow(
        title=title.strip(),
        status="open",
        assignee=assignee,
        notes=notes,
        created_by=user.name,
        created_at=now,
        updated_at=now,
    )
    session.add(row)
    session.flush()
    audit.append(
        session,
        user.name,
        "case_create",
        f"case:{row.id}",
        {"title": row.title, "assignee": assignee},
    )
    return _record(session, row)


def add_item(
    session: Session, user: User, case_id: int, kind: str, ref: str, note: str = ""
) -> CaseRecord:
    """Add a ring or post to a case (adding it twice is a no-op)."""
    require(user.role, "manage_cases", user.name)
    row = _case(session, case_id)
    if kind not in ITEM_KINDS:
        raise UsageError(f"{kind}:0: a case item is a ring or a post")
    table = RingRow if kind == "ring" else PostRow
    if session.get(table, ref) is None:
        raise UsageError(f"{ref}:0: no such {kind} in the workspace")
    exists = session.scalar(
        select(CaseItemRow.seq).where(
            CaseItemRow.case_id == case_id, CaseItemRow.kind == kind, CaseItemRow.ref == ref
        )
    )
    if exists is None:
        now = utc_now()
        session.add(
            CaseItemRow(
                case_id=case_id, kind=kind, ref=ref, note=note, added_by=user.name, added_at=now
            )
        )
        row.updated_at = now
        session.flush()
        audit.append(
            session,
            user.name,
            "case_add",
            f"case:{case_id}",
            {"kind": kind, "ref": ref, "note": note},
        )
    return _record(session, row)


def remove_item(session: Session, user: User, case_id: int, kind: str, ref: str) -> CaseRecord:
    require(user.role, "manage_cases", user.name)
    row = _case(session, case_id)
    item = session.scalar(
        select(CaseItemRow).where(
            CaseItemRow.case_id == case_id, CaseItemRow.kind == kind, CaseItemRow.ref == ref
        )
    )
    if item is None:
        raise UsageError(f"{ref}:0: not in case {case_id}")
    session.delete(item)
    row.updated_at = utc_now()
    session.flush()
    audit.append(session, user.name, "case_remove", f"case:{case_id}", {"kind": kind, "ref": ref})
    return _record(session, row)


def update_case(
    session: Session,
    user: User,
    case_id: int,
    *,
    status: str | None = None,
    assignee: str | None = None,
    notes: str | None = None,
    title: str | None = None,
) -> CaseRecord:
    """Change status, assignee, notes or title; the audit row keeps the old values."""
    require(user.role, "manage_cases", user.name)
    row = _case(session, case_id)
    if status is not None and status not in STATUSES:
        raise UsageError(f"--status:0: one of {', '.join(STATUSES)}")
    _check_assignee(session, assignee)
    changes: dict[str, dict[str, str | None]] = {}
    for name, value in (
        ("status", status),
        ("assignee", assignee),
        ("notes", notes),
        ("title", title),
    ):
        if value is not None and getattr(row, name) != value:
            changes[name] = {"from": getattr(row, name), "to": value}
            setattr(row, name, value)
    if changes:
        row.updated_at = utc_now()
        session.flush()
        audit.append(session, user.name, "case_update", f"case:{case_id}", changes)
    return _record(session, row)


def get_case(session: Session, case_id: int) -> CaseRecord | None:
    row = session.get(CaseRow, case_id)
    return None if row is None else _record(session, row)


def list_cases(
    session: Session, status: str | None = None, assignee: str | None = None
) -> list[CaseRecord]:
    """Cases newest first, optionally by status or assignee."""
    query = select(CaseRow).order_by(CaseRow.id.desc())
    if status is not None:
        query = query.where(CaseRow.status == status)
    if assignee is not None:
        query = query.where(CaseRow.assignee == assignee)
    return [_record(session, row) for row in session.scalars(query)]
