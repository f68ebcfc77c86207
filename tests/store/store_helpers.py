"""Helpers of the store tests: a workspace with hand-made findings (no scanner needed), so
that queue order, filters and pagination are checked against known risks."""

from __future__ import annotations

from pathlib import Path

import pytest

from cradlewatch.store import Store
from cradlewatch.store.queue_keys import queue_key_rows
from cradlewatch.store.records import utc_now
from cradlewatch.store.schema import (
    FindingRow,
    IdentifierRow,
    PlaceRow,
    PostRow,
    QueueKeyRow,
    ReasonRow,
    RingMemberRow,
    RingRow,
)
from cradlewatch.store.scratch import SKIP_REASON, server_url

#: SQLite always; PostgreSQL when a scratch server is configured (skipped with the reason else).
BACKENDS = [
    pytest.param("sqlite"),
    pytest.param("postgresql", marks=pytest.mark.skipif(server_url() is None, reason=SKIP_REASON)),
]


def add_post(
    store: Store,
    ident: str,
    *,
    verdict: str = "suspicious",
    risk: float = 0.5,
    text: str = "text",
    platform: str = "tieba",
    province: str | None = None,
    posted_at: str | None = None,
    reasons: tuple[str, ...] = ("price_for_child",),
    identifiers: tuple[tuple[str, str], ...] = (),
    ring: str | None = None,
) -> None:
    now = utc_now()
    with store.session() as session:
        session.add(
            PostRow(
                id=ident,
                sha256="0" * 64,
                versions=1,
                text=text,
                search_text=text.lower(),
                platform=platform,
                account=f"{platform}:{ident}",
                posted_at=posted_at,
                record={"id": ident, "text": text},
                source="test.jsonl",
                line=1,
                ingested_at=now,
                scanned_sha256="0" * 64,
            )
        )
        session.flush()
        session.add(
            FindingRow(
                post_id=ident,
                verdict=verdict,
                risk=risk,
                posted_at=posted_at,
                detail={},
                run=1,
                scanned_at=now,
            )
        )
        keys = queue_key_rows(
            ident, verdict, risk, platform=platform, reasons=reasons, provinces=(province,)
        )
        session.add_all(QueueKeyRow(**key) for key in keys)
        for code in reasons:
            session.add(
                ReasonRow(
                    post_id=ident,
                    code=code,
                    weight=0.5,
                    field="text",
                    evidence=text[:2],
                    start=0,
                    end=2,
                )
            )
        for kind, value in identifiers:
            session.add(
                IdentifierRow(
                    post_id=ident, kind=kind, value=value, raw=value, field="text", start=0, end=1
                )
            )
        if province:
            session.add(PlaceRow(post_id=ident, province=province, city=None, raw=province))
        if ring:
            if session.get(RingRow, ring) is None:
                session.add(
                    RingRow(
                        id=ring, size=0, risk=risk, profile={"ring": ring, "reasons": []}, run=1
                    )
                )
                session.flush()
            session.add(RingMemberRow(post_id=ident, ring_id=ring))
            row = session.get(RingRow, ring)
            assert row is not None
            row.size += 1


def open_store(directory: Path) -> Store:
    return Store.open(directory, create=True)
