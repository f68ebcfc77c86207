"""Search across posts and identifiers that accepts obfuscated forms (see :func:`search`)."""

from __future__ import annotations

from sqlalchemy import and_, func, or_, select, text
from sqlalchemy.orm import Session

from cradlewatch.store.records import IdentifierSummary, SearchResult
from cradlewatch.store.repository import clamp_limit, post_summaries
from cradlewatch.store.schema import IdentifierRow, PostRow


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def search(session: Session, query: str, limit: int = 50) -> SearchResult:
    """Posts and identifiers matching ``query``, obfuscated forms included.

    The query is read like a post: identifiers written in it (``一三八 1234 5678``,
    ``扣扣③②⑤…``, ``薇信 AbC``) are decoded by Find's extractors to their normalised values
    and looked up exactly; its digits (decoded from any script) match inside identifier values;
    and its normalised text (NFKC, traditional → simplified, lower case) matches the posts'
    normalised text and titles.
    """
    from cradlewatch.find.extract import extract
    from cradlewatch.text import decode_digits, normalize

    limit = clamp_limit(limit)
    normalised = normalize(query.strip()).text
    keys = {
        (i.kind, i.value)
        for region in ("CN", "US")
        for i in extract(query, region=region).identifiers
    }
    conditions = [
        and_(IdentifierRow.kind == kind, IdentifierRow.value == value)
        for kind, value in sorted(keys)
    ]
    digits = decode_digits(query)
    if len(digits) >= 5:
        conditions.append(IdentifierRow.value.like(_like(digits), escape="\\"))
    if normalised:
        conditions.append(IdentifierRow.value == normalised)
    identifiers: list[IdentifierSummary] = []
    if conditions:
        rows = session.execute(
            select(
                IdentifierRow.kind,
                IdentifierRow.value,
                func.count(func.distinct(IdentifierRow.post_id)),
            )
            .where(or_(*conditions))
            .group_by(IdentifierRow.kind, IdentifierRow.value)
            .order_by(
                func.count(func.distinct(IdentifierRow.post_id)).desc(),
                IdentifierRow.kind,
                IdentifierRow.value,
            )
            .limit(limit)
        )
        identifiers = [IdentifierSummary(k, v, n) for k, v, n in rows]
    post_ids: list[str] = []
    if identifiers:
        post_ids += session.scalars(
            select(IdentifierRow.post_id)
            .distinct()
            .where(
                or_(
                    *[
                        and_(IdentifierRow.kind == i.kind, IdentifierRow.value == i.value)
                        for i in identifiers
                    ]
                )
            )
            .order_by(IdentifierRow.post_id)
            .limit(limit)
        )
    if normalised and len(post_ids) < limit:
        post_ids += session.scalars(
            select(PostRow.id)
            .where(PostRow.search_text.like(_like(normalised), escape="\\"))
            .order_by(PostRow.id)
            .limit(limit)
        )
    unique = list(dict.fromkeys(post_ids))[:limit]
    by_id = {s.id: s for s in post_summaries(session, unique)}
    posts = sorted((by_id[i] for i in unique if i in by_id), key=lambda s: (-(s.risk or 0.0), s.id))
    return SearchResult(query, normalised, identifiers, posts)


def _text_matches(session: Session, normalised: str, limit: int) -> list[str]:
    """Post ids whose normalised text contains ``normalised``.

    On SQLite with the trigram index (migration 0002) the ``LIKE`` runs against the FTS5
    table, which answers it from the index for patterns of three characters or more; on
    PostgreSQL the ``pg_trgm`` index serves the plain ``LIKE``.
    """
    pattern = _like(normalised)
    bind = session.get_bind()
    if bind.dialect.name == "sqlite" and len(normalised) >= 3 and _has_fts(session):
        rows = session.execute(
            text(
                "SELECT posts.id FROM posts_fts JOIN posts ON posts.rowid = posts_fts.rowid "
                "WHERE posts_fts.search_text LIKE :pattern ESCAPE '\\' "
                "ORDER BY posts.id LIMIT :limit"
            ),
            {"pattern": pattern, "limit": limit},
        )
        return [row[0] for row in rows]
    return list(
        session.scalars(
            select(PostRow.id)
            .where(PostRow.search_text.like(pattern, escape="\\"))
            .order_by(PostRow.id)
            .limit(limit)
        )
    )


def _has_fts(session: Session) -> bool:
    return (
        session.execute(
            text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'posts_fts'")
        ).first()
        is not None
    )
