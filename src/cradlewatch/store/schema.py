"""The workspace's tables (SQLAlchemy 2 declarative models).

Design choices, each for a reader of the evidence or for the web layer:

* A post is keyed by its input id; every distinct raw record seen under that id is kept as a
  *capture* keyed by ``(post_id, sha256)``, so re-ingesting the same file adds nothing while
  a changed record is a new version rather than an overwrite (a court asks what was captured
  when, not what the latest crawl said).
* Findings, reasons, identifiers and places are normalised into rows so that the review queue
  can filter and order with indexes (verdict, reason code, platform, province, date, risk)
  and every post sharing an identifier is one indexed lookup.
* Decisions and the audit log are append-only; nothing is updated in place.
* Times are ISO 8601 strings in UTC (``...Z``): portable across SQLite and PostgreSQL,
  sortable, and hashed verbatim into the audit chain.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from cradlewatch.store.crypto import EncryptedJSON

ID = 200  # post ids, ring ids, user names: bounded so that PostgreSQL indexes stay small
KEY = 400  # identifier values, sources, accounts
#: Byte counts and offsets: 64-bit. PostgreSQL's ``integer`` stops at 2 GiB (a WARC file passes
#: that); SQLite's INTEGER is already 64-bit and stays INTEGER (migration 0005).
BYTES = BigInteger().with_variant(Integer(), "sqlite")


class Base(DeclarativeBase):
    """Declarative base of every workspace table."""


class Meta(Base):
    """Key/value facts about the workspace (creation time, audit head, run counters)."""

    __tablename__ = "meta"
    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class PostRow(Base):
    """The latest capture of each post, flattened for the queue and the post page."""

    __tablename__ = "posts"
    id: Mapped[str] = mapped_column(String(ID), primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64))
    versions: Mapped[int] = mapped_column(Integer, default=1)
    text: Mapped[str] = mapped_column(Text)
    search_text: Mapped[str] = mapped_column(Text)  # normalised text + title, for search
    title: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    platform: Mapped[str | None] = mapped_column(String(100), index=True)
    site: Mapped[str | None] = mapped_column(String(KEY))
    author: Mapped[str | None] = mapped_column(String(KEY))
    account: Mapped[str | None] = mapped_column(String(KEY), index=True)
    posted_at: Mapped[str | None] = mapped_column(String(40), index=True)  # UTC when known
    captured_at: Mapped[str | None] = mapped_column(String(40))
    thread_id: Mapped[str | None] = mapped_column(String(KEY))
    record: Mapped[dict[str, Any]] = mapped_column(JSON)  # the post as CONTRACTS §1
    source: Mapped[str] = mapped_column(Text)
    line: Mapped[int | None] = mapped_column(Integer)
    offset: Mapped[int | None] = mapped_column(BYTES)  # in a WARC file: may pass 2 GiB
    ingested_at: Mapped[str] = mapped_column(String(40))
    scanned_sha256: Mapped[str | None] = mapped_column(String(64))  # capture behind the finding


class CaptureRow(Base):
    """Every distinct raw record seen for a post id, with where and when it was read."""

    __tablename__ = "captures"
    __table_args__ = (UniqueConstraint("post_id", "sha256", name="uq_capture"),)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    post_id: Mapped[str] = mapped_column(String(ID), index=True)
    sha256: Mapped[str] = mapped_column(String(64))
    source: Mapped[str] = mapped_column(Text)
    line: Mapped[int | None] = mapped_column(Integer)
    offset: Mapped[int | None] = mapped_column(BYTES)  # in a WARC file: may pass 2 GiB
    captured_at: Mapped[str | None] = mapped_column(String(40))
    ingested_at: Mapped[str] = mapped_column(String(40))
    record: Mapped[dict[str, Any]] = mapped_column(JSON)


class RejectRow(Base):
    """An input record that could not be accepted; unique so that re-runs add nothing."""

    __tablename__ = "rejects"
    __table_args__ = (UniqueConstraint("source", "line", "reason", name="uq_reject"),)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    source: Mapped[str] = mapped_column(String(KEY))
    line: Mapped[int] = mapped_column(Integer, default=0)  # 0: the record has no line
    reason: Mapped[str] = mapped_column(String(KEY))
    seen_at: Mapped[str] = mapped_column(String(40))


class IngestProgress(Base):
    """How far ingest got in each source file: the resume point after an interruption."""

    __tablename__ = "ingest_progress"
    source: Mapped[str] = mapped_column(String(KEY), primary_key=True)
    size: Mapped[int] = mapped_column(BYTES)
    mtime: Mapped[float] = mapped_column(Float)
    records: Mapped[int] = mapped_column(Integer)  # records (posts + rejects) committed
    done: Mapped[bool] = mapped_column(default=False)
    updated_at: Mapped[str] = mapped_column(String(40))


class FindingRow(Base):
    """Find's verdict on a post's latest scanned capture."""

    __tablename__ = "findings"
    __table_args__ = (
        # covering for the queue, date filters included (migration 0007)
        Index("ix_findings_queue", "risk", "post_id", "verdict", "posted_at"),
        # a few days' posts, read by date and then sorted by risk
        Index("ix_findings_posted", "posted_at", "risk", "post_id", "verdict"),
    )
    post_id: Mapped[str] = mapped_column(ForeignKey("posts.id"), primary_key=True)
    verdict: Mapped[str] = mapped_column(String(20))
    risk: Mapped[float] = mapped_column(Float)
    # the scanned capture's posting time (UTC), copied here so that a date filter is checked
    # on the queue's index rather than on the post's (large) row
    posted_at: Mapped[str | None] = mapped_column(String(40))
    detail: Mapped[dict[str, Any]] = mapped_column(JSON)  # prices, places, children as scanned
    run: Mapped[int] = mapped_column(Integer)
    scanned_at: Mapped[str] = mapped_column(String(40))


class QueueKeyRow(Base):
    """One filter value of a flagged post with the post's risk: the queue's filters in its order.

    Keys read ``platform:craigslist``, ``reason:no_paperwork``, ``province:江苏省``, one row per
    distinct value per post in the review queue (:data:`cradlewatch.store.queue_keys.QUEUED`),
    written by ``analyze`` beside the finding. Read from the findings in risk order, a filter
    page ends early only if matching posts are common near the top of the queue: craigslist's
    flagged posts sit at its low-risk end and a reason common on benign posts is rare in it,
    so such pages scanned most of the queue (50-80 ms at a million posts). ``(key, risk,
    post_id)`` makes each of them one index range read in the queue's own order.
    """

    __tablename__ = "queue_keys"
    __table_args__ = (Index("ix_queue_keys_order", "key", "risk", "post_id", "verdict"),)
    key: Mapped[str] = mapped_column(String(KEY + 20), primary_key=True)
    post_id: Mapped[str] = mapped_column(ForeignKey("posts.id"), primary_key=True, index=True)
    risk: Mapped[float] = mapped_column(Float)
    verdict: Mapped[str] = mapped_column(String(20))


class ReasonRow(Base):
    """One reason behind a verdict, with its evidence span."""

    __tablename__ = "reasons"
    # code first for the facets and the queue's reason filter; post_id second so that "has
    # this post a reason with this code" is one index seek (migration 0006)
    __table_args__ = (Index("ix_reasons_code_post", "code", "post_id"),)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    post_id: Mapped[str] = mapped_column(ForeignKey("posts.id"), index=True)
    code: Mapped[str] = mapped_column(String(100))
    weight: Mapped[float] = mapped_column(Float)
    field: Mapped[str] = mapped_column(String(20))
    evidence: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)


class IdentifierRow(Base):
    """A contact identifier found in a post (one row per distinct kind/value per post)."""

    __tablename__ = "identifiers"
    # kind, value first for every lookup of who shares an identifier; post_id last so that
    # counting the posts sharing one is read from the index alone (migration 0004)
    __table_args__ = (Index("ix_identifiers_key_post", "kind", "value", "post_id"),)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    post_id: Mapped[str] = mapped_column(ForeignKey("posts.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    value: Mapped[str] = mapped_column(String(KEY))
    raw: Mapped[str] = mapped_column(Text)
    field: Mapped[str] = mapped_column(String(20))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)


class PlaceRow(Base):
    """A place named in a post, for the province filter and the ring map."""

    __tablename__ = "places"
    __table_args__ = (Index("ix_places_province", "province", "post_id"),)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    post_id: Mapped[str] = mapped_column(ForeignKey("posts.id"), index=True)
    province: Mapped[str | None] = mapped_column(String(100))
    city: Mapped[str | None] = mapped_column(String(100))
    raw: Mapped[str] = mapped_column(Text)


class RingRow(Base):
    """A ring as Link profiled it (CONTRACTS §3), reasons included, with stable id."""

    __tablename__ = "rings"
    id: Mapped[str] = mapped_column(String(ID), primary_key=True)
    size: Mapped[int] = mapped_column(Integer, index=True)
    risk: Mapped[float] = mapped_column(Float)
    first_seen: Mapped[str | None] = mapped_column(String(40))
    last_seen: Mapped[str | None] = mapped_column(String(40))
    profile: Mapped[dict[str, Any]] = mapped_column(JSON)
    run: Mapped[int] = mapped_column(Integer)


class RingMemberRow(Base):
    """Which ring a flagged post is in (exactly one, as of the last analysis)."""

    __tablename__ = "ring_members"
    post_id: Mapped[str] = mapped_column(ForeignKey("posts.id"), primary_key=True)
    ring_id: Mapped[str] = mapped_column(String(ID), index=True)


class AnalysisRun(Base):
    """One ``analyze`` run: what it scanned and linked, with the scanner's version."""

    __tablename__ = "analysis_runs"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    started_at: Mapped[str] = mapped_column(String(40))
    finished_at: Mapped[str | None] = mapped_column(String(40))
    scanned: Mapped[int] = mapped_column(Integer, default=0)
    rings: Mapped[int] = mapped_column(Integer, default=0)
    scanner: Mapped[str] = mapped_column(Text)


class DecisionRow(Base):
    """An analyst's decision: append-only; the latest per subject is the one in force."""

    __tablename__ = "decisions"
    __table_args__ = (Index("ix_decisions_subject", "kind", "subject", "seq"),)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(20))  # post, join, ring, match, alert
    subject: Mapped[str] = mapped_column(String(KEY))
    action: Mapped[str] = mapped_column(String(30))
    user: Mapped[str] = mapped_column(String(ID))
    time: Mapped[str] = mapped_column(String(40))
    note: Mapped[str] = mapped_column(Text, default="")
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)


class UserRow(Base):
    """A Workbench user: role and argon2 hash (never the password)."""

    __tablename__ = "users"
    name: Mapped[str] = mapped_column(String(ID), primary_key=True)
    role: Mapped[str] = mapped_column(String(30))
    password_hash: Mapped[str] = mapped_column(String(300))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[str] = mapped_column(String(40))


class AuditRow(Base):
    """One audited view or decision; ``hash`` chains it to every row before it."""

    __tablename__ = "audit_log"
    # newest first for one target or one user: the audit page's filters, and the sign-in
    # throttle reading a user's recent attempts (migration 0008)
    __table_args__ = (
        Index("ix_audit_target", "target", "seq"),
        Index("ix_audit_user", "user", "seq"),
    )
    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    time: Mapped[str] = mapped_column(String(40))
    user: Mapped[str] = mapped_column(String(ID))
    action: Mapped[str] = mapped_column(String(50))
    target: Mapped[str] = mapped_column(String(KEY))
    detail: Mapped[dict[str, Any]] = mapped_column(JSON)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)


class CaseRow(Base):
    """A case: rings and posts gathered for one investigation."""

    __tablename__ = "cases"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    title: Mapped[str] = mapped_column(String(KEY))
    status: Mapped[str] = mapped_column(String(20), default="open", index=True)
    assignee: Mapped[str | None] = mapped_column(String(ID), index=True)
    notes: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[str] = mapped_column(String(ID))
    created_at: Mapped[str] = mapped_column(String(40))
    updated_at: Mapped[str] = mapped_column(String(40))


class CaseItemRow(Base):
    """A ring or post in a case, with who added it and why."""

    __tablename__ = "case_items"
    __table_args__ = (UniqueConstraint("case_id", "kind", "ref", name="uq_case_item"),)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    kind: Mapped[str] = mapped_column(String(10))  # ring or post
    ref: Mapped[str] = mapped_column(String(ID))
    note: Mapped[str] = mapped_column(Text, default="")
    added_by: Mapped[str] = mapped_column(String(ID))
    added_at: Mapped[str] = mapped_column(String(40))


class MatchRow(Base):
    """A Reunite candidate match (CONTRACTS §4); per-locus detail is encrypted at rest."""

    __tablename__ = "matches"
    __table_args__ = (UniqueConstraint("child_id", "case_id", name="uq_match"),)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    child_id: Mapped[str] = mapped_column(String(ID), index=True)
    case_id: Mapped[str] = mapped_column(String(ID), index=True)
    references: Mapped[str] = mapped_column(String(100))
    log10_lr: Mapped[float] = mapped_column(Float)
    loci_used: Mapped[int] = mapped_column(Integer)
    inconsistent_loci: Mapped[int] = mapped_column(Integer)
    rank: Mapped[int] = mapped_column(Integer)
    detail: Mapped[dict[str, Any] | None] = mapped_column(EncryptedJSON)
    source: Mapped[str] = mapped_column(Text)
    imported_at: Mapped[str] = mapped_column(String(40))


class AlertRow(Base):
    """A Watch alert (CONTRACTS §5) with the path of its chart when one was written."""

    __tablename__ = "alerts"
    __table_args__ = (
        UniqueConstraint(
            "clinician", "signal", "outcome", "alert_date", "alert_birth_id", name="uq_alert"
        ),
    )
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    clinician: Mapped[str] = mapped_column(String(ID), index=True)
    hospital: Mapped[str] = mapped_column(String(KEY))
    signal: Mapped[str] = mapped_column(String(20))
    outcome: Mapped[str] = mapped_column(String(40))
    alert_date: Mapped[str] = mapped_column(String(10))
    alert_birth_id: Mapped[str] = mapped_column(String(ID))
    births_seen: Mapped[int] = mapped_column(Integer)
    events_seen: Mapped[int] = mapped_column(Integer)
    expected_events: Mapped[float] = mapped_column(Float)
    statistic: Mapped[float] = mapped_column(Float)
    threshold: Mapped[float | None] = mapped_column(Float)  # blank for record-rule alerts
    chart: Mapped[str | None] = mapped_column(Text)
    reason: Mapped[str | None] = mapped_column(Text)  # Watch's optional ``reason`` column
    source: Mapped[str] = mapped_column(Text)
    imported_at: Mapped[str] = mapped_column(String(40))


class WatchSeriesRow(Base):
    """The numbers behind Watch's charts (``watch/series.py``), imported with the alerts:
    one clinician's CUSUM series (``kind`` cusum, ``key`` the clinician) or one year's funnel
    (``kind`` funnel, ``key`` the year). The workspace holds no birth records, so the
    Workbench draws its charts from these."""

    __tablename__ = "watch_series"
    __table_args__ = (UniqueConstraint("kind", "key", name="uq_watch_series"),)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(20))
    key: Mapped[str] = mapped_column(String(ID))
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    source: Mapped[str] = mapped_column(Text)
    imported_at: Mapped[str] = mapped_column(String(40))
