"""The append-only, hash-chained audit log of every view and every decision.

Each row stores ``hash = sha256(prev_hash + canonical_json(row))`` where the canonical JSON
is the row's ``seq, time, user, action, target, detail`` with sorted keys and no spaces, and
``prev_hash`` is the hash of the row before (64 zeros for the first). Editing any field of a
row changes its hash; deleting a row breaks the link of the next one (and leaves a gap in
``seq``); so :func:`verify` names the first row that no longer fits.

What a chain cannot show by itself is the removal of the *last* rows. The current head (its
``seq`` and hash) is therefore also kept in ``meta`` and printed by ``cradlewatch audit
head`` so that it can be written down, signed or sent elsewhere; ``audit verify --head HASH``
then proves that nothing after it was dropped either.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, cast

import orjson
from sqlalchemy import Table, insert, select, text, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from cradlewatch.store.records import utc_now
from cradlewatch.store.schema import AuditRow, Meta

GENESIS = "0" * 64
HEAD_KEY = "audit_head"
_APPENDING = threading.Lock()
#: A no-op write of the head row: it takes the database's write lock (see :func:`_head`).
_TAKE_LOCK = text("UPDATE meta SET value = value WHERE key = :key")
_AUDIT_TABLE = cast(Table, AuditRow.__table__)
_META_TABLE = cast(Table, Meta.__table__)


def _fields(
    seq: int, time: str, user: str, action: str, target: str, detail: dict[str, Any]
) -> dict[str, Any]:
    """The fields of an event that its hash covers (and that its row stores)."""
    return {
        "seq": seq,
        "time": time,
        "user": user,
        "action": action,
        "target": target,
        "detail": detail,
    }


def canonical(
    seq: int, time: str, user: str, action: str, target: str, detail: dict[str, Any]
) -> bytes:
    """The bytes a row's hash covers (sorted keys, compact, UTF-8)."""
    return orjson.dumps(
        _fields(seq, time, user, action, target, detail), option=orjson.OPT_SORT_KEYS
    )


def chain_hash(prev_hash: str, payload: bytes) -> str:
    return hashlib.sha256(prev_hash.encode("ascii") + payload).hexdigest()


def _head(session: Session, lock: bool = False) -> tuple[int, str]:
    """The last row's seq and hash; with ``lock``, read under the database's write lock so
    that two appends never chain onto the same row (which would give both the same ``seq``).

    SQLite has no row locks (``FOR UPDATE`` is ignored) and its driver runs reads outside a
    transaction until the first write; so a locking read writes first (a no-op update of the
    head row, which takes the write lock, waiting for other writers) and reads after, in the
    same transaction. On PostgreSQL the update and ``FOR UPDATE`` take the head row's lock.

    A row lock needs a row: before the first append there is no head, and two first appends
    on PostgreSQL both chained onto the genesis as ``seq`` 1 (one failed). So the head row is
    made first (``0:`` genesis) with ``ON CONFLICT DO NOTHING``, which waits for a concurrent
    maker to commit; the caller's append then moves it on in the same transaction.
    """
    # The value alone, never the ORM object: an object already in the session would come back
    # with its old value after the Core update in ``append``.
    locked_head = select(Meta.value).where(Meta.key == HEAD_KEY).with_for_update()
    if lock:
        session.execute(_TAKE_LOCK, {"key": HEAD_KEY})
    value = session.scalar(locked_head)
    if value is None and lock:
        _make_head(session)
        value = session.scalar(locked_head)
    if value is None:
        return 0, GENESIS
    seq, _, digest = value.partition(":")
    return int(seq), digest


def _make_head(session: Session) -> None:
    """Insert the genesis head row unless it exists (or a concurrent transaction made it)."""
    values = {"key": HEAD_KEY, "value": f"0:{GENESIS}"}
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        session.execute(postgresql_insert(Meta).values(values).on_conflict_do_nothing())
    elif dialect == "sqlite":
        session.execute(sqlite_insert(Meta).values(values).on_conflict_do_nothing())
    else:  # no portable upsert: two first appends at once may still collide here
        session.execute(insert(Meta).values(values))


def append(
    session: Session, user: str, action: str, target: str, detail: dict[str, Any] | None = None
) -> str:
    """Append one audited event in the caller's transaction; returns its hash.

    Views are audited as ``action="view"`` with the page or record as ``target``; decisions
    as ``decide`` with the decision's fields in ``detail``.
    """
    detail = dict(detail or {})
    seq, prev = _head(session, lock=True)
    seq += 1
    fields = _fields(seq, utc_now(), user, action, target, detail)
    digest = chain_hash(prev, canonical(**fields))
    # Core statements: one row each, on every page view, where the ORM's unit of work cost
    # more than the page's own queries.
    session.execute(insert(_AUDIT_TABLE), {**fields, "prev_hash": prev, "hash": digest})
    session.execute(
        update(_META_TABLE).where(_META_TABLE.c.key == HEAD_KEY), {"value": f"{seq}:{digest}"}
    )
    return digest


def append_and_commit(
    session: Session, user: str, action: str, target: str, detail: dict[str, Any] | None = None
) -> str:
    """Append one event and commit the caller's transaction at once: for page views, whose
    transaction only read, so that the database's write lock is held for this append alone.

    Threads of one process take turns on a lock here rather than in SQLite's busy handler,
    which sleeps in steps of up to 100 ms while it waits; that sleeping, not the work, made
    most of the Workbench's latency under 20 concurrent clients.
    """
    with _APPENDING:
        digest = append(session, user, action, target, detail)
        session.commit()
    return digest


@dataclass(frozen=True, slots=True)
class Verification:
    """The outcome of :func:`verify`: ``broken_seq`` is the first row that does not fit."""

    rows: int
    head: str
    broken_seq: int | None = None
    reason: str = ""

    @property
    def intact(self) -> bool:
        return self.broken_seq is None


def _rows(session: Session) -> Iterator[AuditRow]:
    yield from session.scalars(
        select(AuditRow).order_by(AuditRow.seq).execution_options(yield_per=1000)
    )


def verify(session: Session, expected_head: str | None = None) -> Verification:
    """Recompute the chain from the first row; stop at the first row that does not fit."""
    prev, expected_seq, rows = GENESIS, 1, 0
    for row in _rows(session):
        if row.seq != expected_seq:
            return Verification(
                rows, prev, expected_seq, f"row {expected_seq} is missing (next row is {row.seq})"
            )
        if row.prev_hash != prev:
            return Verification(
                rows,
                prev,
                row.seq,
                "its previous hash does not match the row before it (a row was edited or deleted)",
            )
        payload = canonical(
            row.seq, row.time, row.user, row.action, row.target, dict(row.detail or {})
        )
        if chain_hash(prev, payload) != row.hash:
            return Verification(
                rows, prev, row.seq, "its content does not match its hash (the row was edited)"
            )
        prev, expected_seq, rows = row.hash, expected_seq + 1, rows + 1
    recorded = session.get(Meta, HEAD_KEY)
    if recorded is not None and recorded.value != f"{rows}:{prev}":
        return Verification(
            rows,
            prev,
            rows + 1,
            f"the recorded head is {recorded.value} but "
            "the log ends earlier (rows were deleted from its end)",
        )
    if expected_head is not None and expected_head not in (prev, f"{rows}:{prev}"):
        known = session.scalar(
            select(AuditRow.seq).where(AuditRow.hash == expected_head.rpartition(":")[2])
        )
        if known is None:
            return Verification(rows, prev, rows + 1, "the expected head is not in the log")
    return Verification(rows, prev)


def head(session: Session) -> str:
    """``SEQ:HASH`` of the newest row, for anchoring outside the workspace."""
    seq, digest = _head(session)
    return f"{seq}:{digest}"


def events(
    session: Session, target: str | None = None, user: str | None = None, limit: int = 100
) -> list[dict[str, Any]]:
    """Newest audit rows first, optionally for one target or user (for the Workbench)."""
    query = select(AuditRow).order_by(AuditRow.seq.desc()).limit(limit)
    if target is not None:
        query = query.where(AuditRow.target == target)
    if user is not None:
        query = query.where(AuditRow.user == user)
    return [
        {
            "seq": r.seq,
            "time": r.time,
            "user": r.user,
            "action": r.action,
            "target": r.target,
            "detail": r.detail,
            "hash": r.hash,
        }
        for r in session.scalars(query)
    ]
