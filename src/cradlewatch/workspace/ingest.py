"""``cradlewatch ingest``: posts into the workspace, idempotent, resumable, provenance kept.

* Idempotent: a capture is keyed by ``(post id, SHA-256 of the raw record)``. Reading the same
  record again adds nothing; a record whose id is known but whose bytes changed becomes a new
  capture version of that post (the post row shows the latest, every version stays).
* Resumable: records are committed in batches, and each batch's transaction also records how
  far the source file got (last line, or byte offset for WARC). A re-run skips a finished file
  whose size and modification time are unchanged without reading it, and resumes an
  interrupted file after its last committed record.
* Rejects are reported (file, line, reason) and stored, once per distinct reject.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import orjson
from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from cradlewatch.errors import UsageError
from cradlewatch.io import file_format, post_to_record, read_posts
from cradlewatch.model import Post, Reject
from cradlewatch.store import Store
from cradlewatch.store.records import to_utc, utc_now
from cradlewatch.store.schema import CaptureRow, IngestProgress, PostRow, RejectRow

STDIN = "-"
BATCH = 1000


@dataclass(slots=True)
class IngestReport:
    """What one ingest did, for the summary line and for tests."""

    new_posts: int = 0
    new_versions: int = 0
    unchanged: int = 0
    rejects: int = 0
    files_skipped: int = 0
    files: list[str] = field(default_factory=list)


def expand(inputs: Sequence[str]) -> Iterator[str]:
    """Post files of ``inputs`` as absolute paths (directories walked in sorted order, hidden
    entries skipped): the path is the provenance a report quotes and the resume key."""
    for item in inputs:
        if item != STDIN and os.path.isdir(item):
            for root, dirs, files in os.walk(item, followlinks=False):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    path = os.path.join(root, name)
                    if not name.startswith(".") and file_format(path):
                        yield os.path.abspath(path)
        else:
            yield item if item == STDIN else os.path.abspath(item)


def record_sha256(post: Post) -> str:
    """The capture key: the reader's hash of the raw bytes, else of the canonical record."""
    if post.provenance and post.provenance.sha256:
        return post.provenance.sha256
    data = orjson.dumps(post_to_record(post, provenance=False), option=orjson.OPT_SORT_KEYS)
    return hashlib.sha256(data).hexdigest()


def search_text(post: Post) -> str:
    """Title and text normalised as Find reads them, so that search matches variant forms."""
    from cradlewatch.text import normalize

    return normalize(f"{post.title}\n{post.text}" if post.title else post.text).text


class _Batch:
    """Posts and rejects waiting to be committed together with the resume point."""

    def __init__(self) -> None:
        self.posts: list[Post] = []
        self.rejects: list[Reject] = []
        self.position: int | None = None

    def __len__(self) -> int:
        return len(self.posts) + len(self.rejects)


def _position(post: Post) -> int | None:
    provenance = post.provenance
    if provenance is None:
        return None
    return provenance.line if provenance.line is not None else provenance.offset


def _post_values(
    post: Post, sha: str, record: dict[str, Any], captured: str | None, now: str
) -> dict[str, Any]:
    provenance = post.provenance
    return {
        "sha256": sha,
        "text": post.text,
        "search_text": search_text(post),
        "title": post.title,
        "url": post.url,
        "platform": post.platform,
        "site": post.site,
        "author": post.author,
        "account": post.account,
        "thread_id": post.thread_id,
        "posted_at": to_utc(post.posted_at),
        "captured_at": to_utc(captured),
        "record": record,
        "source": provenance.source if provenance else STDIN,
        "line": provenance.line if provenance else None,
        "offset": provenance.offset if provenance else None,
        "ingested_at": now,
    }


def _store_posts(session: Session, posts: list[Post], report: IngestReport) -> None:
    """Insert new captures and posts with bulk Core inserts; update posts with a new version.

    Core ``insert`` with a list of dicts is one executemany per table, an order of magnitude
    cheaper than ORM units of work on the ingest path.
    """
    keys = [(p.id, record_sha256(p)) for p in posts]
    ids = {ident for ident, _ in keys}
    known: set[tuple[str, str]] = {
        (ident, sha)
        for ident, sha in session.execute(
            select(CaptureRow.post_id, CaptureRow.sha256).where(CaptureRow.post_id.in_(ids))
        )
    }
    versions: dict[str, int] = dict(
        session.execute(select(PostRow.id, PostRow.versions).where(PostRow.id.in_(ids))).all()
    )
    now = utc_now()
    captures: list[dict[str, Any]] = []
    fresh: dict[str, dict[str, Any]] = {}
    changed: dict[str, dict[str, Any]] = {}
    for post, (ident, sha) in zip(posts, keys, strict=True):
        if (ident, sha) in known:
            report.unchanged += 1
            continue
        known.add((ident, sha))
        provenance = post.provenance
        record = post_to_record(post, provenance=False)
        captured = (provenance.captured_at if provenance else None) or post.captured_at
        values = _post_values(post, sha, record, captured, now)
        captures.append(
            {
                "post_id": ident,
                "sha256": sha,
                "source": values["source"],
                "line": values["line"],
                "offset": values["offset"],
                "captured_at": captured,
                "ingested_at": now,
                "record": record,
            }
        )
        if ident in versions or ident in fresh:
            report.new_versions += 1
            versions[ident] = versions.get(ident, 1) + 1
            changed[ident] = {**values, "versions": versions[ident]}
            if ident in fresh:  # first and second version in one batch: insert the latest
                fresh[ident] = {**changed.pop(ident), "id": ident}
        else:
            report.new_posts += 1
            fresh[ident] = {**values, "id": ident, "versions": 1}
    if captures:
        session.execute(insert(CaptureRow), captures)
    if fresh:
        session.execute(insert(PostRow), list(fresh.values()))
    for ident, values in changed.items():
        session.execute(update(PostRow).where(PostRow.id == ident).values(**values))


def _store_rejects(session: Session, rejects: list[Reject], report: IngestReport) -> None:
    now = utc_now()
    for reject in rejects:
        line = reject.line or 0
        reason = reject.reason[:400]
        exists = session.scalar(
            select(RejectRow.seq).where(
                RejectRow.source == reject.source,
                RejectRow.line == line,
                RejectRow.reason == reason,
            )
        )
        if exists is None:
            session.add(RejectRow(source=reject.source, line=line, reason=reason, seen_at=now))
    report.rejects += len(rejects)


def _commit(
    store: Store,
    batch: _Batch,
    source: str,
    stat: os.stat_result | None,
    done: bool,
    report: IngestReport,
) -> None:
    with store.session() as session:
        if batch.posts:
            _store_posts(session, batch.posts, report)
        _store_rejects(session, batch.rejects, report)
        if stat is not None:
            progress = session.get(IngestProgress, source)
            if progress is None:
                progress = IngestProgress(source=source, records=0)
                session.add(progress)
            progress.size, progress.mtime = stat.st_size, stat.st_mtime
            if batch.position is not None:
                progress.records = max(progress.records or 0, batch.position)
            progress.done, progress.updated_at = done, utc_now()
    batch.posts, batch.rejects = [], []


def _resume_point(store: Store, path: str, stat: os.stat_result) -> int | None:
    """None: read the file from the start; -1: skip it; N: skip records at or before N."""
    with store.session() as session:
        progress = session.get(IngestProgress, path)
        if progress is None or progress.size != stat.st_size or progress.mtime != stat.st_mtime:
            return None
        return -1 if progress.done else progress.records


def _check(inputs: Sequence[str]) -> None:
    """Fail before writing anything when a named input is missing or unreadable."""
    for item in inputs:
        if item != STDIN and not os.access(item, os.R_OK):
            reason = (
                "No such file or directory" if not os.path.exists(item) else "Permission denied"
            )
            raise UsageError(f"{item}:0: {reason}")


def ingest(
    store: Store,
    inputs: Sequence[str],
    on_reject: Callable[[Reject], None],
    on_progress: Callable[[int], None] | None = None,
    batch_size: int = BATCH,
) -> IngestReport:
    """Ingest ``inputs`` (files, directories, ``-``) into ``store``; see the module docstring."""
    _check(inputs)
    report = IngestReport()
    for path in expand(inputs):
        report.files.append(path)
        stat = os.stat(path) if path != STDIN else None
        skip_to = _resume_point(store, path, stat) if stat is not None else None
        if skip_to == -1:
            report.files_skipped += 1
            if on_progress is not None and stat is not None:
                on_progress(stat.st_size)
            continue
        batch = _Batch()

        def rejected(reject: Reject, batch: _Batch = batch, skip_to: int | None = skip_to) -> None:
            if skip_to is not None and reject.line is not None and reject.line <= skip_to:
                return  # reported and stored by the interrupted run
            on_reject(reject)
            batch.rejects.append(reject)

        for post in read_posts([path], rejected, on_progress):
            position = _position(post)
            if skip_to is not None and position is not None and position <= skip_to:
                continue
            batch.posts.append(post)
            batch.position = position
            if len(batch) >= batch_size:
                _commit(store, batch, path, stat, False, report)
        _commit(store, batch, path, stat, True, report)
    return report
