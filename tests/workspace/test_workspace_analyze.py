"""Analyze: incremental scan and link into the store; ring ids stable; decisions respected."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select
from workspace_helpers import DEV_POSTS, write_jsonl

from cradlewatch.scenario.posts import generate_posts
from cradlewatch.store import Store
from cradlewatch.store import repository as repo
from cradlewatch.store.db import downgrade, upgrade
from cradlewatch.store.queue_keys import queue_key_rows
from cradlewatch.store.schema import (
    FindingRow,
    IdentifierRow,
    PlaceRow,
    PostRow,
    QueueKeyRow,
    ReasonRow,
    RingMemberRow,
)
from cradlewatch.workspace.analyze import analyze
from cradlewatch.workspace.decisions import record_decision, ring_subject
from cradlewatch.workspace.ingest import ingest
from cradlewatch.workspace.users import add_user


def _records() -> list[dict[str, object]]:
    """3,000 scenario posts: Link's account resolution (Splink EM) needs a corpus of this
    order; see test_a_small_workspace_can_be_analysed for a few hundred."""
    return [record for record, _ in generate_posts(3, 3000, "heldout")]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_jsonl(tmp_path_factory.mktemp("corpus") / "posts.jsonl", _records())


def _rings(store: Store) -> dict[str, str]:
    with store.session() as session:
        return dict(session.execute(select(RingMemberRow.post_id, RingMemberRow.ring_id)).all())


def test_analyze_is_incremental_and_keeps_ring_ids(
    workspace: tuple[Store, Path], tmp_path: Path
) -> None:
    store, directory = workspace
    records = _records()
    half = len(records) // 2
    ingest(store, [str(write_jsonl(tmp_path / "a.jsonl", records[:half]))], lambda r: None)
    first = analyze(store, directory)
    assert first.scanned == half
    before = _rings(store)
    assert before and first.rings == len(set(before.values()))
    with store.session() as session:
        assert session.scalar(select(func.count()).select_from(FindingRow)) == half
        flagged = session.scalars(
            select(FindingRow.post_id).where(FindingRow.verdict != "benign")
        ).all()
        # every flagged post has its reasons stored, every ring member is flagged
        assert all(
            session.scalar(
                select(func.count()).select_from(ReasonRow).where(ReasonRow.post_id == p)
            )
            for p in flagged
        )
        assert set(before) == set(flagged)
    assert analyze(store, directory).scanned == 0  # nothing new, nothing rescanned
    ingest(store, [str(write_jsonl(tmp_path / "b.jsonl", records[half:]))], lambda r: None)
    second = analyze(store, directory)
    assert second.scanned == len(records) - half
    after = _rings(store)
    by_ring: dict[str, set[str]] = {}
    for post, ring in before.items():
        by_ring.setdefault(ring, set()).add(post)
    later: dict[str, set[str]] = {}
    for post, ring in after.items():
        later.setdefault(ring, set()).add(post)
    # Stable ids: every ring found again with exactly its members carries its old id.
    again = {frozenset(members): ring for ring, members in later.items()}
    unchanged = {ring: again[frozenset(m)] for ring, m in by_ring.items() if frozenset(m) in again}
    assert len(unchanged) >= len(by_ring) // 4
    assert all(old == new for old, new in unchanged.items())


def test_changed_capture_is_rescanned(workspace: tuple[Store, Path], tmp_path: Path) -> None:
    store, directory = workspace
    records = _records()[:20]
    ingest(store, [str(write_jsonl(tmp_path / "a.jsonl", records))], lambda r: None)
    analyze(store, directory)
    changed = dict(records[0], text="联系方式 QQ 12345678，男宝出售 价格5万")
    ingest(store, [str(write_jsonl(tmp_path / "b.jsonl", [changed]))], lambda r: None)
    report = analyze(store, directory)
    assert report.scanned == 1
    with store.session() as session:
        values = session.scalars(
            select(IdentifierRow.value).where(IdentifierRow.post_id == records[0]["id"])
        ).all()
    assert "12345678" in values


def test_split_decision_is_respected_by_the_next_analysis(
    workspace: tuple[Store, Path], corpus: Path
) -> None:
    store, directory = workspace
    ingest(store, [str(corpus)], lambda r: None)
    analyze(store, directory)
    with store.session() as session:
        ring = repo.list_rings(session, limit=1).items[0]
        members = [m.id for m in repo.get_ring(session, ring.id).members]  # type: ignore[union-attr]
        user = add_user(session, "wang", "supervisor", "correct horse battery")
        record_decision(
            session,
            user,
            "ring",
            ring_subject("split", members[:1]),
            "split",
            "different seller",
            {"posts": members[:1]},
        )
    analyze(store, directory)
    rings = _rings(store)
    assert rings[members[0]] != rings[members[1]]
    with store.session() as session:
        detail = repo.get_ring(session, rings[members[0]])
        assert detail is not None
        assert any(r["code"] == "analyst_split" for r in detail.profile["reasons"])
        # Withdrawing the split undoes it at the next run.
        record_decision(session, user, "ring", ring_subject("split", members[:1]), "clear")
    analyze(store, directory)
    rings = _rings(store)
    assert rings[members[0]] == rings[members[1]]


def test_worker_processes_give_the_same_findings(tmp_path: Path, corpus: Path) -> None:
    """Every post gets the same finding on a pool as in one process, except posts judged by
    their thread or account (Find remembers flagged threads and accounts per process, as in
    Link's own scan)."""
    findings, replies = [], set()
    for workers in (1, 2):
        directory = tmp_path / f"w{workers}"
        store = Store.open(directory, create=True)
        ingest(store, [str(corpus)], lambda r: None)
        report = analyze(store, directory, workers=workers)
        assert report.scanned == 3000 and report.rings > 0
        with store.session() as session:
            rows = session.execute(select(FindingRow.post_id, FindingRow.verdict, FindingRow.risk))
            findings.append({ident: (verdict, risk) for ident, verdict, risk in rows})
            replies |= set(
                session.scalars(
                    select(ReasonRow.post_id).where(
                        ReasonRow.code.in_(("reply_in_flagged_thread", "account_flagged_before"))
                    )
                )
            )
        store.close()
    same = set(findings[0]) - replies
    assert len(same) > 2500
    assert {p: findings[0][p] for p in same} == {p: findings[1][p] for p in same}


@pytest.mark.skipif(not DEV_POSTS.exists(), reason="tests/data/dev/posts.jsonl absent")
def test_a_small_workspace_can_be_analysed(workspace: tuple[Store, Path]) -> None:
    store, directory = workspace
    ingest(store, [str(DEV_POSTS)], lambda r: None)
    report = analyze(store, directory)
    assert report.scanned == report_count(store) and report.rings > 0


def report_count(store: Store) -> int:
    with store.session() as session:
        return session.scalar(select(func.count()).select_from(FindingRow)) or 0


def _queue_keys(store: Store) -> set[tuple[str, str, float, str]]:
    with store.session() as session:
        rows = session.execute(
            select(QueueKeyRow.key, QueueKeyRow.post_id, QueueKeyRow.risk, QueueKeyRow.verdict)
        ).all()
    return {tuple(row) for row in rows}  # type: ignore[misc]


def _keys_from_findings(store: Store) -> set[tuple[str, str, float, str]]:
    """The queue keys the stored findings, reasons, places and posts call for."""
    expected = set()
    with store.session() as session:
        platforms = dict(session.execute(select(PostRow.id, PostRow.platform)).all())
        reasons = session.execute(select(ReasonRow.post_id, ReasonRow.code)).all()
        places = session.execute(select(PlaceRow.post_id, PlaceRow.province)).all()
        for finding in session.scalars(select(FindingRow)):
            rows = queue_key_rows(
                finding.post_id,
                finding.verdict,
                finding.risk,
                platform=platforms[finding.post_id],
                reasons=[code for post, code in reasons if post == finding.post_id],
                provinces=[province for post, province in places if post == finding.post_id],
            )
            expected |= {(r["key"], r["post_id"], r["risk"], r["verdict"]) for r in rows}
    return expected


@pytest.mark.skipif(not DEV_POSTS.exists(), reason="tests/data/dev/posts.jsonl absent")
def test_queue_keys_follow_the_findings_and_migration_0007_builds_the_same(
    workspace: tuple[Store, Path], tmp_path: Path
) -> None:
    """analyze writes one queue key per platform, reason code and province of each flagged
    post, replaces them when a capture changes, and a workspace analysed before migration
    0007 gets the same keys (and posting times on its findings) from the migration."""
    store, directory = workspace
    ingest(store, [str(DEV_POSTS)], lambda r: None)
    analyze(store, directory)
    keys = _queue_keys(store)
    assert keys == _keys_from_findings(store)
    kinds = {key.partition(":")[0] for key, _, _, _ in keys}
    assert kinds == {"platform", "reason", "province"}
    with store.session() as session:
        stamps = session.execute(select(FindingRow.posted_at, PostRow.posted_at).join(PostRow))
        assert all(finding == post for finding, post in stamps)
        benign = session.scalars(select(FindingRow.post_id).where(FindingRow.verdict == "benign"))
        assert not set(benign) & {post for _, post, _, _ in keys}

    first = next(post for _, post, _, verdict in sorted(keys) if verdict == "trafficking")
    changed = {"id": first, "text": "今天天气很好，出去散步了", "platform": "weibo"}
    ingest(store, [str(write_jsonl(tmp_path / "changed.jsonl", [changed]))], lambda r: None)
    analyze(store, directory)
    assert first not in {post for _, post, _, _ in _queue_keys(store)}
    assert _queue_keys(store) == _keys_from_findings(store)

    before = _queue_keys(store)
    downgrade(store.engine, "0006")
    upgrade(store.engine)
    assert _queue_keys(store) == before
