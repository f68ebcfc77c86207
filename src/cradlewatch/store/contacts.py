"""Identifier and account pages: every post sharing an identifier, an account's posts, and
the facts in their headers (rings, accounts, active period, join decisions)."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cradlewatch.store.history import decision_history
from cradlewatch.store.records import (
    AccountDetail,
    IdentifierDetail,
    IdentifierSummary,
    Page,
    PostSummary,
)
from cradlewatch.store.repository import clamp_limit, decode_cursor, encode_cursor, post_summaries
from cradlewatch.store.schema import IdentifierRow, PostRow, RingMemberRow


def posts_with_identifier(
    session: Session, kind: str, value: str, cursor: str | None = None, limit: int = 50
) -> Page[PostSummary]:
    """Every post that carries ``kind:value``, by post id, one keyset page at a time."""
    limit = clamp_limit(limit)
    query = (
        select(IdentifierRow.post_id)
        .distinct()
        .where(IdentifierRow.kind == kind, IdentifierRow.value == value)
    )
    if cursor:
        query = query.where(IdentifierRow.post_id > decode_cursor(cursor)[0])
    ids = list(session.scalars(query.order_by(IdentifierRow.post_id).limit(limit + 1)))
    items = post_summaries(session, ids[:limit])
    return Page(items, encode_cursor(ids[limit - 1]) if len(ids) > limit else None)


def posts_of_account(
    session: Session, account: str, cursor: str | None = None, limit: int = 50
) -> Page[PostSummary]:
    """Every post of one account (``platform:id``), by post id."""
    limit = clamp_limit(limit)
    query = select(PostRow.id).where(PostRow.account == account)
    if cursor:
        query = query.where(PostRow.id > decode_cursor(cursor)[0])
    ids = list(session.scalars(query.order_by(PostRow.id).limit(limit + 1)))
    items = post_summaries(session, ids[:limit])
    return Page(items, encode_cursor(ids[limit - 1]) if len(ids) > limit else None)


def get_identifier(session: Session, kind: str, value: str) -> IdentifierDetail | None:
    """How many posts share ``kind:value``, in which rings and accounts, over what time."""
    posts = select(IdentifierRow.post_id).where(
        IdentifierRow.kind == kind, IdentifierRow.value == value
    )
    count = session.scalar(
        select(func.count(func.distinct(IdentifierRow.post_id))).where(
            IdentifierRow.kind == kind, IdentifierRow.value == value
        )
    )
    if not count:
        return None
    rings = session.scalars(
        select(RingMemberRow.ring_id)
        .distinct()
        .where(RingMemberRow.post_id.in_(posts))
        .order_by(RingMemberRow.ring_id)
    )
    accounts = session.scalars(
        select(PostRow.account)
        .distinct()
        .where(PostRow.id.in_(posts), PostRow.account.is_not(None))
        .order_by(PostRow.account)
    )
    first, last = session.execute(
        select(func.min(PostRow.posted_at), func.max(PostRow.posted_at)).where(
            PostRow.id.in_(posts)
        )
    ).one()
    node = f"{kind}:{value}"
    decisions = [d for d in decision_history(session, "join") if node in d.subject.split("|")]
    return IdentifierDetail(
        kind, value, count, list(rings), [a for a in accounts if a], first, last, decisions
    )


def get_account(session: Session, account: str) -> AccountDetail | None:
    """An account's posts, rings, identifiers used and active period."""
    posts = select(PostRow.id).where(PostRow.account == account)
    count = session.scalar(
        select(func.count()).select_from(PostRow).where(PostRow.account == account)
    )
    if not count:
        return None
    platform = session.scalar(select(PostRow.platform).where(PostRow.account == account).limit(1))
    authors = session.scalars(
        select(PostRow.author)
        .distinct()
        .where(PostRow.account == account, PostRow.author.is_not(None))
        .order_by(PostRow.author)
    )
    rings = session.scalars(
        select(RingMemberRow.ring_id)
        .distinct()
        .where(RingMemberRow.post_id.in_(posts))
        .order_by(RingMemberRow.ring_id)
    )
    used = session.execute(
        select(
            IdentifierRow.kind,
            IdentifierRow.value,
            func.count(func.distinct(IdentifierRow.post_id)),
        )
        .where(IdentifierRow.post_id.in_(posts))
        .group_by(IdentifierRow.kind, IdentifierRow.value)
        .order_by(IdentifierRow.kind, IdentifierRow.value)
    )
    first, last = session.execute(
        select(func.min(PostRow.posted_at), func.max(PostRow.posted_at)).where(
            PostRow.account == account
        )
    ).one()
    node = f"account:{account}"
    decisions = [d for d in decision_history(session, "join") if node in d.subject.split("|")]
    return AccountDetail(
        account,
        platform,
        [a for a in authors if a],
        count,
        list(rings),
        [IdentifierSummary(k, v, n) for k, v, n in used],
        first,
        last,
        decisions,
    )
