"""Ingest: idempotent by (id, SHA-256), new versions kept, rejects stored, resumable."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from sqlalchemy import func, select
from workspace_helpers import POSTS, write_jsonl

from cradlewatch.model import Reject
from cradlewatch.store import Store
from cradlewatch.store.schema import CaptureRow, IngestProgress, PostRow, RejectRow
from cradlewatch.workspace import ingest as ingest_module
from cradlewatch.workspace.ingest import ingest


def _count(store: Store, table: type) -> int:
    with store.session() as session:
        return session.scalar(select(func.count()).select_from(table)) or 0


def test_ingest_keeps_provenance(workspace: tuple[Store, Path], posts_file: Path) -> None:
    store, _ = workspace
    report = ingest(store, [str(posts_file)], lambda r: None)
    assert report.new_posts == 4
    raw_lines = posts_file.read_bytes().splitlines()
    with store.session() as session:
        post = session.get(PostRow, "s2")
        assert post is not None
        assert post.source == str(posts_file.resolve())
        assert post.line == 2
        assert post.sha256 == hashlib.sha256(raw_lines[1]).hexdigest()
        assert post.account == "qq_group:li88"
        assert post.posted_at == "2014-01-03T02:00:00Z"  # stored in UTC for date filters
        assert "一三八" in post.text  # the text as captured, not normalised
        assert post.record["text"] == POSTS[1]["text"]


def test_ingest_twice_adds_nothing(workspace: tuple[Store, Path], posts_file: Path) -> None:
    store, _ = workspace
    ingest(store, [str(posts_file)], lambda r: None)
    again = ingest(store, [str(posts_file)], lambda r: None)
    assert again.new_posts == again.new_versions == 0
    assert again.files_skipped == 1
    # Same records under another file name: read, recognised, nothing added.
    copy = write_jsonl(posts_file.with_name("copy.jsonl"), POSTS)
    third = ingest(store, [str(copy)], lambda r: None)
    assert (third.new_posts, third.new_versions, third.unchanged) == (0, 0, 4)
    assert _count(store, PostRow) == 4
    assert _count(store, CaptureRow) == 4


def test_changed_record_is_a_new_version(
    workspace: tuple[Store, Path], tmp_path: Path, posts_file: Path
) -> None:
    store, _ = workspace
    ingest(store, [str(posts_file)], lambda r: None)
    changed = [dict(POSTS[0], text="已删除")]
    report = ingest(store, [str(write_jsonl(tmp_path / "later.jsonl", changed))], lambda r: None)
    assert (report.new_posts, report.new_versions) == (0, 1)
    with store.session() as session:
        post = session.get(PostRow, "s1")
        assert post is not None and post.text == "已删除" and post.versions == 2
        texts = session.scalars(
            select(CaptureRow.record).where(CaptureRow.post_id == "s1").order_by(CaptureRow.seq)
        ).all()
    assert [t["text"] for t in texts] == [POSTS[0]["text"], "已删除"]  # nothing lost


def test_rejects_are_reported_and_stored_once(
    workspace: tuple[Store, Path], tmp_path: Path
) -> None:
    store, _ = workspace
    path = write_jsonl(tmp_path / "mixed.jsonl", POSTS[:1], ('{"id": "x"}', "not json"))
    seen: list[Reject] = []
    report = ingest(store, [str(path)], seen.append)
    assert report.new_posts == 1 and report.rejects == 2
    assert [(r.line, r.reason) for r in seen][0] == (2, "missing text")
    path.touch()  # a changed mtime makes ingest read the file again
    import os

    os.utime(path, (1, 1))
    ingest(store, [str(path)], lambda r: None)
    with store.session() as session:
        rows = session.execute(select(RejectRow.source, RejectRow.line)).all()
    assert sorted(rows) == [(str(path.resolve()), 2), (str(path.resolve()), 3)]


def test_interrupted_ingest_resumes_after_last_batch(
    workspace: tuple[Store, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store, _ = workspace
    records = [dict(POSTS[0], id=f"r{i}") for i in range(10)]
    path = write_jsonl(tmp_path / "big.jsonl", records)
    real_commit = ingest_module._commit
    calls = {"n": 0}

    def failing_commit(*args: object, **kwargs: object) -> None:
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt
        real_commit(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(ingest_module, "_commit", failing_commit)
    with pytest.raises(KeyboardInterrupt):
        ingest(store, [str(path)], lambda r: None, batch_size=3)
    assert _count(store, PostRow) == 6  # two batches of three were committed
    with store.session() as session:
        progress = session.get(IngestProgress, str(path.resolve()))
        assert progress is not None and progress.records == 6 and not progress.done
    monkeypatch.setattr(ingest_module, "_commit", real_commit)
    report = ingest(store, [str(path)], lambda r: None, batch_size=3)
    assert report.new_posts == 4 and report.unchanged == 0  # lines 1-6 were not even looked up
    assert _count(store, PostRow) == 10


def test_missing_input_is_a_usage_error(workspace: tuple[Store, Path], tmp_path: Path) -> None:
    from cradlewatch.errors import UsageError

    store, _ = workspace
    with pytest.raises(UsageError, match="No such file"):
        ingest(store, [str(tmp_path / "nope.jsonl")], lambda r: None)


def test_search_index_follows_new_versions(
    workspace: tuple[Store, Path], tmp_path: Path, posts_file: Path
) -> None:
    from cradlewatch.store.search import search

    store, _ = workspace
    ingest(store, [str(posts_file)], lambda r: None)
    with store.session() as session:
        assert [p.id for p in search(session, "營養費6萬").posts] == ["s1"]  # traditional form
    changed = [dict(POSTS[0], text="帖子已删除")]
    ingest(store, [str(write_jsonl(tmp_path / "later.jsonl", changed))], lambda r: None)
    with store.session() as session:
        assert search(session, "营养费6万").posts == []
        assert [p.id for p in search(session, "帖子已删除").posts] == ["s1"]
