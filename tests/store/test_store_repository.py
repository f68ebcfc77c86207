"""The repository the Workbench calls: queue order, filters and keyset pages, identifier
lookups, ring pages and search with obfuscated queries."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from store_helpers import add_post, open_store

from cradlewatch.errors import UsageError
from cradlewatch.store import Store, contacts
from cradlewatch.store import repository as repo
from cradlewatch.store.repository import QueueFilter
from cradlewatch.store.search import search


@pytest.fixture
def store(tmp_path: Path, backend: str) -> Iterator[Store]:
    store = open_store(tmp_path / "ws")
    add_post(
        store,
        "a",
        verdict="trafficking",
        risk=0.9,
        province="江苏省",
        posted_at="2014-01-01T00:00:00Z",
        identifiers=(("qq", "12345678"),),
        ring="R0001",
        text="男宝6万 扣扣12345678",
    )
    add_post(
        store,
        "b",
        verdict="trafficking",
        risk=0.9,
        platform="qq_group",
        posted_at="2014-02-01T00:00:00Z",
        reasons=("buyer",),
        identifiers=(("qq", "12345678"), ("phone", "+8613812345678")),
        ring="R0001",
    )
    add_post(
        store,
        "c",
        verdict="suspicious",
        risk=0.5,
        province="河南省",
        posted_at="2014-03-01T00:00:00Z",
        identifiers=(("phone", "+8613812345678"),),
        text="送养女宝 联系薇信",
    )
    add_post(store, "d", verdict="benign", risk=0.0, text="小猫送养")
    for i in range(7):
        add_post(store, f"e{i}", risk=0.3)
    yield store
    store.close()


def _ids(page: repo.Page[repo.PostSummary]) -> list[str]:
    return [p.id for p in page.items]


def test_queue_orders_by_risk_and_pages_by_keyset(store: Store) -> None:
    with store.session() as session:
        seen: list[str] = []
        cursor = None
        while True:
            page = repo.queue(session, cursor=cursor, limit=4)
            seen += _ids(page)
            cursor = page.next_cursor
            if cursor is None:
                break
    # risk descending, ties by id descending; the benign post d is never queued
    assert seen == ["b", "a", "c", *[f"e{i}" for i in reversed(range(7))]]


@pytest.mark.parametrize(
    "filters, expected",
    [
        (QueueFilter(verdicts=("trafficking",)), ["b", "a"]),
        (QueueFilter(reason="buyer"), ["b"]),
        (QueueFilter(platform="qq_group"), ["b"]),
        (QueueFilter(province="河南省"), ["c"]),
        (QueueFilter(posted_from="2014-01-15", posted_to="2014-02-28"), ["b"]),
        (QueueFilter(posted_from="2014-02-01", posted_to="2014-03-01"), ["b", "c"]),  # whole days
    ],
)
def test_queue_filters(store: Store, filters: QueueFilter, expected: list[str]) -> None:
    with store.session() as session:
        assert _ids(repo.queue(session, filters)) == expected


def test_queue_rows_carry_ring_and_decision(store: Store) -> None:
    from cradlewatch.store.schema import DecisionRow

    with store.session() as session:
        session.add(
            DecisionRow(
                kind="post",
                subject="b",
                action="confirmed",
                user="li",
                time="2026-01-01T00:00:00Z",
                note="",
                payload={},
            )
        )
    with store.session() as session:
        first = repo.queue(session, limit=1).items[0]
        assert (first.id, first.ring_id, first.decision) == ("b", "R0001", "confirmed")
        assert _ids(repo.queue(session, QueueFilter(undecided=True), limit=2)) == ["a", "c"]


def test_bad_cursor_is_a_usage_error(store: Store) -> None:
    with store.session() as session, pytest.raises(UsageError):
        repo.queue(session, cursor="not-a-cursor")


def test_identifier_lookups_and_post_page(store: Store) -> None:
    with store.session() as session:
        assert _ids(contacts.posts_with_identifier(session, "phone", "+8613812345678")) == [
            "b",
            "c",
        ]
        page = contacts.posts_with_identifier(session, "qq", "12345678", limit=1)
        assert _ids(page) == ["a"] and page.next_cursor is not None
        assert _ids(
            contacts.posts_with_identifier(session, "qq", "12345678", cursor=page.next_cursor)
        ) == ["b"]
        detail = repo.get_post(session, "b")
        assert detail is not None
        assert {(i.kind, i.shared_by) for i in detail.identifiers} == {("qq", 2), ("phone", 2)}
        assert repo.get_post(session, "zzz") is None
        assert _ids(contacts.posts_of_account(session, "qq_group:b")) == ["b"]


def test_ring_pages(store: Store) -> None:
    with store.session() as session:
        rings = repo.list_rings(session)
        assert [(r.id, r.size) for r in rings.items] == [("R0001", 2)]
        ring = repo.get_ring(session, "R0001")
        assert ring is not None and [m.id for m in ring.members] == ["a", "b"]


@pytest.mark.parametrize(
    "query, identifier, post",
    [
        ("一三八 1234 5678", ("phone", "+8613812345678"), "b"),  # Chinese numerals, spaced
        ("扣扣：①②③④⑤⑥⑦⑧", ("qq", "12345678"), "a"),  # circled digits behind a QQ cue
        ("1234 5678", ("qq", "12345678"), "a"),  # bare digits match inside identifier values
    ],
)
def test_search_decodes_obfuscated_identifiers(
    store: Store, query: str, identifier: tuple[str, str], post: str
) -> None:
    with store.session() as session:
        result = search(session, query)
    assert identifier in {(i.kind, i.value) for i in result.identifiers}
    assert post in [p.id for p in result.posts]


def test_search_text_is_normalised(store: Store) -> None:
    with store.session() as session:
        result = search(session, "送養女寶")  # traditional characters
    assert [p.id for p in result.posts] == ["c"]


def test_identifier_and_account_pages(store: Store) -> None:
    from cradlewatch.store.schema import DecisionRow

    with store.session() as session:
        session.add(
            DecisionRow(
                kind="join",
                subject="phone:+8613812345678|post:c",
                action="reject",
                user="li",
                time="2026-01-01T00:00:00Z",
                note="misread",
                payload={},
            )
        )
    with store.session() as session:
        phone = contacts.get_identifier(session, "phone", "+8613812345678")
        assert phone is not None
        assert (phone.posts, phone.rings, phone.accounts) == (
            2,
            ["R0001"],
            ["qq_group:b", "tieba:c"],
        )
        assert (phone.first_seen, phone.last_seen) == (
            "2014-02-01T00:00:00Z",
            "2014-03-01T00:00:00Z",
        )
        assert [d.action for d in phone.decisions] == ["reject"]
        assert contacts.get_identifier(session, "qq", "0") is None
        account = contacts.get_account(session, "qq_group:b")
        assert account is not None and account.rings == ["R0001"]
        assert [(i.kind, i.value) for i in account.identifiers] == [
            ("phone", "+8613812345678"),
            ("qq", "12345678"),
        ]
        assert contacts.get_account(session, "nobody") is None
