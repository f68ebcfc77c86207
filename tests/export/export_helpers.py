"""A small synthetic workspace for the export tests: ingested posts (real provenance), with
findings and one ring written directly, so the exports are checked against known content."""

from __future__ import annotations

from pathlib import Path

import orjson

from cradlewatch.store import Store
from cradlewatch.store.records import utc_now
from cradlewatch.store.schema import (
    FindingRow,
    IdentifierRow,
    PostRow,
    ReasonRow,
    RingMemberRow,
    RingRow,
)
from cradlewatch.workspace.cases import add_item, create_case
from cradlewatch.workspace.decisions import record_decision
from cradlewatch.workspace.ingest import ingest
from cradlewatch.workspace.users import add_user

POSTS = [
    {
        "id": "x1",
        "text": "男宝满月，营养费6万，加QQ 12345678",
        "platform": "tieba",
        "author": "爱心妈妈",
        "author_id": "am01",
        "posted_at": "2014-01-02T10:00:00+08:00",
        "captured_at": "2014-01-05T00:00:00Z",
        "url": "http://tieba.example/p/1",
    },
    {
        "id": "x2",
        "text": "女宝，补偿4万，扣扣 12345678 电话13812345678",
        "platform": "qq_group",
        "author": "小李",
        "author_id": "li88",
        "posted_at": "2014-01-03T10:00:00+08:00",
    },
    {"id": "x3", "text": "今天天气很好", "platform": "weibo", "author": "路人", "author_id": "lr"},
]
SPANS = {
    "x1": [("qq", "12345678", "QQ 12345678")],
    "x2": [("qq", "12345678", "扣扣 12345678"), ("phone", "+8613812345678", "13812345678")],
}


def build(directory: Path, tmp: Path) -> Store:
    store = Store.open(directory, create=True)
    source = tmp / "posts.jsonl"
    source.write_bytes(b"".join(orjson.dumps(p) + b"\n" for p in POSTS))
    ingest(store, [str(source)], lambda r: None)
    now = utc_now()
    with store.session() as session:
        for post in POSTS[:2]:
            ident = str(post["id"])
            text = str(post["text"])
            session.add(
                FindingRow(
                    post_id=ident,
                    verdict="trafficking",
                    risk=0.95,
                    detail={},
                    run=1,
                    scanned_at=now,
                )
            )
            start = text.index("万") - 1
            session.add(
                ReasonRow(
                    post_id=ident,
                    code="price_for_child",
                    weight=0.4,
                    field="text",
                    evidence=text[start : start + 2],
                    start=start,
                    end=start + 2,
                )
            )
            for kind, value, raw in SPANS[ident]:
                at = text.index(raw)
                session.add(
                    IdentifierRow(
                        post_id=ident,
                        kind=kind,
                        value=value,
                        raw=raw,
                        field="text",
                        start=at,
                        end=at + len(raw),
                    )
                )
            session.add(RingMemberRow(post_id=ident, ring_id="R0001"))
            row = session.get(PostRow, ident)
            assert row is not None
            row.scanned_sha256 = row.sha256
        session.add(
            FindingRow(post_id="x3", verdict="benign", risk=0.0, detail={}, run=1, scanned_at=now)
        )
        session.add(
            RingRow(
                id="R0001",
                size=2,
                risk=0.95,
                first_seen="2014-01-02T02:00:00Z",
                last_seen="2014-01-03T02:00:00Z",
                run=1,
                profile={
                    "ring": "R0001",
                    "posts": ["x1", "x2"],
                    "accounts": ["qq_group:li88", "tieba:am01"],
                    "identifiers": [{"kind": "qq", "value": "12345678"}],
                    "reasons": [
                        {
                            "code": "shared_identifier",
                            "evidence": "qq:12345678",
                            "posts": ["x1", "x2"],
                        },
                        {
                            "code": "same_person",
                            "evidence": "shared qq",
                            "accounts": ["qq_group:li88", "tieba:am01"],
                            "posts": ["x1", "x2"],
                            "probability": 0.97,
                        },
                    ],
                },
            )
        )
        analyst = add_user(session, "li", "analyst", "correct horse battery")
        record_decision(session, analyst, "post", "x1", "confirmed", "price for a baby")
        case = create_case(session, analyst, "Dream home", assignee="li")
        add_item(session, analyst, case.id, "ring", "R0001", "main ring")
    return store
