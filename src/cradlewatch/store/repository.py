"""Read-side repository: the queries the Workbench pages and the exports are built on.

Every function takes an open :class:`~sqlalchemy.orm.Session` and returns records from
:mod:`cradlewatch.store.records`. Listings use keyset pagination (an opaque cursor naming the
last row's sort key) instead of OFFSET, so that page 10,000 of a million-post queue costs what
page 1 costs.
"""

from __future__ import annotations

import base64
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import orjson
from sqlalchemy import (
    ColumnElement,
    Select,
    and_,
    exists,
    func,
    literal,
    or_,
    select,
    text,
    true,
    tuple_,
)
from sqlalchemy.orm import Session

from cradlewatch.errors import UsageError
from cradlewatch.store.history import decision_history, decisions_in_force
from cradlewatch.store.queue_keys import KINDS, QUEUED, queue_key
from cradlewatch.store.records import (
    Capture,
    IdentifierRecord,
    Page,
    PostDetail,
    PostSummary,
    ReasonRecord,
    RingDetail,
    RingSummary,
)
from cradlewatch.store.schema import (
    CaptureRow,
    DecisionRow,
    FindingRow,
    IdentifierRow,
    PlaceRow,
    PostRow,
    QueueKeyRow,
    ReasonRow,
    RingMemberRow,
    RingRow,
)

SNIPPET = 160
MAX_LIMIT = 500


@dataclass(frozen=True, slots=True)
class QueueFilter:
    """Filters of the review queue; None means "any". Dates are ISO 8601 bounds (UTC)."""

    verdicts: tuple[str, ...] = ("trafficking", "suspicious")
    reason: str | None = None
    platform: str | None = None
    province: str | None = None
    posted_from: str | None = None
    posted_to: str | None = None
    undecided: bool = False


def encode_cursor(*key: Any) -> str:
    return base64.urlsafe_b64encode(orjson.dumps(list(key))).decode("ascii")


def decode_cursor(cursor: str) -> list[Any]:
    try:
        key = orjson.loads(base64.urlsafe_b64decode(cursor.encode("ascii")))
    except (ValueError, orjson.JSONDecodeError) as error:
        raise UsageError(f"cursor:0: not a cursor this workspace issued: {cursor!r}") from error
    if not isinstance(key, list):
        raise UsageError(f"cursor:0: not a cursor this workspace issued: {cursor!r}")
    return key


def clamp_limit(limit: int) -> int:
    """A page size between 1 and MAX_LIMIT, whatever the caller asked for."""
    return max(1, min(MAX_LIMIT, limit))


_SUMMARY_COLUMNS = (
    PostRow.id,
    FindingRow.verdict,
    FindingRow.risk,
    PostRow.platform,
    PostRow.site,
    PostRow.account,
    PostRow.posted_at,
    PostRow.captured_at,
    PostRow.title,
    func.substr(PostRow.text, 1, SNIPPET),
    RingMemberRow.ring_id,
)


def _summary_select() -> Select[Any]:
    return (
        select(*_SUMMARY_COLUMNS)
        .outerjoin(FindingRow, FindingRow.post_id == PostRow.id)
        .outerjoin(RingMemberRow, RingMemberRow.post_id == PostRow.id)
    )


def _queue_select() -> Select[Any]:
    """The queue starts from findings so that ``ix_findings_queue`` gives the order."""
    return (
        select(*_SUMMARY_COLUMNS)
        .select_from(FindingRow)
        .join(PostRow, PostRow.id == FindingRow.post_id)
        .outerjoin(RingMemberRow, RingMemberRow.post_id == FindingRow.post_id)
    )


def _summaries(session: Session, rows: Sequence[Any]) -> list[PostSummary]:
    decided = decisions_in_force(session, "post", (row[0] for row in rows))
    out = []
    for ident, verdict, risk, platform, site, account, posted, captured, title, body, ring in rows:
        snippet = f"{title} — {body}" if title else body
        out.append(
            PostSummary(
                ident,
                verdict,
                risk,
                platform,
                site,
                account,
                posted,
                captured,
                snippet[:SNIPPET],
                ring,
                decided.get(ident),
            )
        )
    return out


def _unindexed(column: Any) -> Any:
    """``column || ''``: the same value (NULL stays NULL), but no index of the column serves it.

    The queue must be read in risk order so that ``LIMIT`` stops the scan after one page.
    Given ``platform = ?`` or a date range, SQLite's planner instead fetched every matching
    post through that column's index and sorted them all: 110,000 posts of a platform, or half
    a million for "from June", sorted for a 50-row page.
    """
    return column.concat("")


def _upper(posted_to: str) -> str:
    """A bare date includes that whole day (stored times are ``YYYY-MM-DDTHH:MM:SSZ``)."""
    return posted_to + ("T99" if len(posted_to) == 10 else "")


#: Up to this many posts matching a filter, the queue starts from them rather than from risk.
FEW = 4000


def _few(session: Session, where: ColumnElement[bool]) -> bool:
    """Whether at most ``FEW`` rows match ``where`` (counted on an index, stopping at FEW + 1)."""
    bounded = select(literal(1)).where(where).limit(FEW + 1).subquery()
    return (session.scalar(select(func.count()).select_from(bounded)) or 0) <= FEW


def _selective(session: Session, filters: QueueFilter) -> ColumnElement[bool] | None:
    """A condition that starts the page from the most selective filter, if it matches few posts.

    Read in risk order, a page of a rare filter (a province named in 0.1% of posts, a single
    day) scans every post of the chosen verdicts before it finds 50. A count of at most
    ``FEW + 1`` entries of the filter's own index tells whether it matches few posts; if one
    does, the page is taken from those posts and sorted (at most ``FEW`` lookups); otherwise
    the risk-ordered scan finds a page within about ``posts / matching * page`` rows. ``FEW``
    is where the two costs meet, measured at a million posts. (The review queue's own
    platform, reason and province filters are read from ``queue_keys`` instead: see
    :func:`_queue_key`.)
    """
    if filters.posted_from or filters.posted_to:
        dated = and_(
            FindingRow.posted_at >= filters.posted_from if filters.posted_from else true(),
            FindingRow.posted_at <= _upper(filters.posted_to) if filters.posted_to else true(),
        )
        if _few(session, dated):
            return dated  # the plain column comparison lets the planner start from its index
    for kind, row in (("province", PlaceRow.province), ("reason", ReasonRow.code)):
        value = getattr(filters, kind)
        if value and _few(session, row == value):
            owners = select(row.class_.post_id).where(row == value)
            return FindingRow.post_id.in_(sorted(set(session.scalars(owners))))
    return None


def _queue_key(filters: QueueFilter) -> str | None:
    """The ``queue_keys`` key a filtered page of the review queue is read from, if any.

    Only posts of the queue's verdicts have keys, so a filter that asks for benign posts is
    read from the findings. With several filters, the likely rarest drives the read and the
    others are checked on its rows.
    """
    if not filters.verdicts or not set(filters.verdicts) <= set(QUEUED):
        return None
    for kind in KINDS:
        value = getattr(filters, kind)
        if value:
            return queue_key(kind, value)
    return None


def queue(
    session: Session, filters: QueueFilter | None = None, cursor: str | None = None, limit: int = 50
) -> Page[PostSummary]:
    """Flagged posts by risk (highest first; ties by id, descending), filtered, one keyset page
    at a time. Both keys descend so that one backward scan of an index ordered by risk and id
    (``ix_findings_queue``, or ``ix_queue_keys_order`` for a platform, reason or province)
    serves the order and the row-value cursor condition."""
    filters = filters or QueueFilter()
    limit = clamp_limit(limit)
    key = _queue_key(filters)
    # The filters' subqueries name findings.post_id, not posts.id, so that each is checked on
    # the findings index entry, before the post's (large) row is read.
    if key is None:
        risk, ident = FindingRow.risk, FindingRow.post_id
        query = _queue_select().where(FindingRow.verdict.in_(filters.verdicts))
    else:
        risk, ident = QueueKeyRow.risk, QueueKeyRow.post_id
        query = (
            _queue_select()
            .join(QueueKeyRow, QueueKeyRow.post_id == FindingRow.post_id)
            .where(QueueKeyRow.key == key, QueueKeyRow.verdict.in_(filters.verdicts))
        )
    if filters.reason:
        query = query.where(
            exists().where(
                ReasonRow.post_id == FindingRow.post_id, ReasonRow.code == filters.reason
            )
        )
    if filters.platform:
        query = query.where(_unindexed(PostRow.platform) == filters.platform)
    if filters.province:
        query = query.where(
            exists().where(
                PlaceRow.post_id == FindingRow.post_id, PlaceRow.province == filters.province
            )
        )
    if filters.posted_from:
        query = query.where(_unindexed(FindingRow.posted_at) >= filters.posted_from)
    if filters.posted_to:
        query = query.where(_unindexed(FindingRow.posted_at) <= _upper(filters.posted_to))
    if filters.undecided:
        query = query.where(
            ~exists().where(DecisionRow.kind == "post", DecisionRow.subject == PostRow.id)
        )
    if cursor:
        last_risk, last_id = decode_cursor(cursor)
        query = query.where(tuple_(risk, ident) < (last_risk, last_id))
    if key is None:
        selective = _selective(session, filters)
        if selective is not None:
            query = query.where(selective)
    rows = session.execute(query.order_by(risk.desc(), ident.desc()).limit(limit + 1)).all()
    items = _summaries(session, rows[:limit])
    more = len(rows) > limit
    return Page(items, encode_cursor(items[-1].risk, items[-1].id) if more else None)


def post_summaries(session: Session, post_ids: Iterable[str]) -> list[PostSummary]:
    """Summaries of the given posts, in id order (unknown ids are skipped)."""
    ids = sorted(set(post_ids))
    rows: list[Any] = []
    for start in range(0, len(ids), 500):
        rows += session.execute(
            _summary_select().where(PostRow.id.in_(ids[start : start + 500])).order_by(PostRow.id)
        ).all()
    return _summaries(session, rows)


def identifier_counts(
    session: Session, keys: Iterable[tuple[str, str]]
) -> dict[tuple[str, str], int]:
    """How many posts carry each ``(kind, value)``."""
    counts: dict[tuple[str, str], int] = {}
    for kind, value in set(keys):
        counts[(kind, value)] = (
            session.scalar(
                select(func.count(func.distinct(IdentifierRow.post_id))).where(
                    IdentifierRow.kind == kind, IdentifierRow.value == value
                )
            )
            or 0
        )
    return counts


def get_post(session: Session, post_id: str) -> PostDetail | None:
    """The post page: text as captured, evidence, identifiers (with sharing counts), provenance."""
    post = session.get(PostRow, post_id)
    if post is None:
        return None
    summary = post_summaries(session, [post_id])[0]
    captures = [
        Capture(c.sha256, c.source, c.line, c.offset, c.captured_at, c.ingested_at)
        for c in session.scalars(
            select(CaptureRow).where(CaptureRow.post_id == post_id).order_by(CaptureRow.seq)
        )
    ]
    reasons = [
        ReasonRecord(r.code, r.weight, r.field, r.evidence, r.start, r.end)
        for r in session.scalars(
            select(ReasonRow).where(ReasonRow.post_id == post_id).order_by(ReasonRow.seq)
        )
    ]
    rows = list(
        session.scalars(
            select(IdentifierRow)
            .where(IdentifierRow.post_id == post_id)
            .order_by(IdentifierRow.seq)
        )
    )
    counts = identifier_counts(session, ((r.kind, r.value) for r in rows))
    identifiers = [
        IdentifierRecord(r.kind, r.value, r.raw, r.field, r.start, r.end, counts[(r.kind, r.value)])
        for r in rows
    ]
    places = [
        {"province": p.province, "city": p.city, "raw": p.raw}
        for p in session.scalars(
            select(PlaceRow).where(PlaceRow.post_id == post_id).order_by(PlaceRow.seq)
        )
    ]
    finding = session.get(FindingRow, post_id)
    return PostDetail(
        summary,
        post.text,
        post.title,
        post.url,
        post.author,
        post.thread_id,
        post.sha256,
        post.source,
        post.line,
        post.offset,
        captures,
        reasons,
        identifiers,
        places,
        dict(finding.detail) if finding else {},
        decision_history(session, "post", post_id),
    )


def _ring_summary(row: RingRow) -> RingSummary:
    return RingSummary(row.id, row.size, row.risk, row.first_seen, row.last_seen)


def list_rings(
    session: Session, cursor: str | None = None, limit: int = 50, min_size: int = 1
) -> Page[RingSummary]:
    """Rings largest first (then by id), one keyset page at a time."""
    limit = clamp_limit(limit)
    query = select(RingRow).where(RingRow.size >= min_size)
    if cursor:
        size, ident = decode_cursor(cursor)
        query = query.where(
            or_(RingRow.size < size, and_(RingRow.size == size, RingRow.id > ident))
        )
    rows = list(session.scalars(query.order_by(RingRow.size.desc(), RingRow.id).limit(limit + 1)))
    items = [_ring_summary(r) for r in rows[:limit]]
    more = len(rows) > limit
    return Page(items, encode_cursor(items[-1].size, items[-1].id) if more else None)


def get_ring(session: Session, ring_id: str) -> RingDetail | None:
    """A ring's profile with its reasons, its member posts and the decisions that shaped it."""
    row = session.get(RingRow, ring_id)
    if row is None:
        return None
    members = session.scalars(select(RingMemberRow.post_id).where(RingMemberRow.ring_id == ring_id))
    decisions = [
        d
        for d in decision_history(session, "ring")
        if ring_id in d.payload.get("rings", []) or d.subject == ring_id
    ]
    return RingDetail(
        _ring_summary(row), dict(row.profile), post_summaries(session, members), decisions
    )


def ring_of_post(session: Session, post_id: str) -> str | None:
    return session.scalar(select(RingMemberRow.ring_id).where(RingMemberRow.post_id == post_id))


def distinct_values(session: Session, column: Any) -> list[str]:
    """The distinct non-null values of an indexed ``column``, in order, by a loose index scan.

    ``SELECT DISTINCT`` reads the whole index (every reason of a million posts, on every
    queue page); the recursive query instead seeks to the next larger value, once per
    distinct value, so it costs a few dozen index probes whatever the table's size.
    """
    table, name = column.table.name, column.name
    query = text(
        f"WITH RECURSIVE facet(value) AS ("  # noqa: S608 - names come from the schema
        f"SELECT min({name}) FROM {table} "
        f"UNION ALL SELECT (SELECT min({name}) FROM {table} WHERE {name} > facet.value) "
        f"FROM facet WHERE facet.value IS NOT NULL) "
        f"SELECT value FROM facet WHERE value IS NOT NULL"
    )
    return [value for value in session.scalars(query) if value]


def facet_values(session: Session) -> dict[str, list[str]]:
    """The values the queue's filters can take (platforms, provinces, reason codes)."""
    return {
        "platforms": distinct_values(session, PostRow.__table__.c.platform),
        "provinces": distinct_values(session, PlaceRow.__table__.c.province),
        "reasons": distinct_values(session, ReasonRow.__table__.c.code),
    }


def counts(session: Session) -> dict[str, int]:
    """Row counts for ``workspace status`` and the Workbench's front page."""
    from cradlewatch.store.schema import AlertRow, CaseRow, MatchRow, RejectRow

    tables = {
        "posts": PostRow,
        "captures": CaptureRow,
        "rejects": RejectRow,
        "findings": FindingRow,
        "rings": RingRow,
        "decisions": DecisionRow,
        "cases": CaseRow,
        "matches": MatchRow,
        "alerts": AlertRow,
    }
    out = {
        name: session.scalar(select(func.count()).select_from(table)) or 0
        for name, table in tables.items()
    }
    out["flagged"] = (
        session.scalar(
            select(func.count()).select_from(FindingRow).where(FindingRow.verdict != "benign")
        )
        or 0
    )
    return out
