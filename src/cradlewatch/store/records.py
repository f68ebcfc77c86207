"""Plain, frozen records returned by the repository: what a page or an export needs, no ORM.

Keeping ORM objects out of the public API means a web handler can hand these straight to a
template or to JSON (``dataclasses.asdict``), and cannot write to the database by accident.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Generic, TypeVar

from cradlewatch.timestamps import instant

T = TypeVar("T")


def utc_now() -> str:
    """Now as ISO 8601 UTC with microseconds, the one time format of the store."""
    return utc_stamp(datetime.now(UTC))


def utc_stamp(moment: datetime) -> str:
    """An aware time in the store's format (``2026-11-29T08:00:00.000000Z``), which sorts as text."""
    return moment.astimezone(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


def to_utc(stamp: str | None) -> str | None:
    """An ISO 8601 time as UTC ``...Z`` (naive times are taken as UTC); None stays None.

    Posts come with mixed offsets (``+08:00``, ``Z``, none); converting them once on the way
    in makes date-range filters plain string comparisons that use an index.
    """
    moment = instant(stamp)
    if moment is None:
        return None
    return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """One page of a keyset-paginated listing; pass ``next_cursor`` to get the next page."""

    items: list[T]
    next_cursor: str | None


@dataclass(frozen=True, slots=True)
class PostSummary:
    """A row of the review queue or any post listing."""

    id: str
    verdict: str | None
    risk: float | None
    platform: str | None
    site: str | None
    account: str | None
    posted_at: str | None
    captured_at: str | None
    snippet: str
    ring_id: str | None
    decision: str | None  # the post verdict decision in force, if any


@dataclass(frozen=True, slots=True)
class Capture:
    """One captured version of a post: the provenance an evidence report quotes."""

    sha256: str
    source: str
    line: int | None
    offset: int | None
    captured_at: str | None
    ingested_at: str


@dataclass(frozen=True, slots=True)
class ReasonRecord:
    code: str
    weight: float
    field: str
    evidence: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class IdentifierRecord:
    """An identifier of a post with how many posts in the workspace carry it."""

    kind: str
    value: str
    raw: str
    field: str
    start: int
    end: int
    shared_by: int


@dataclass(frozen=True, slots=True)
class DecisionRecord:
    seq: int
    kind: str
    subject: str
    action: str
    user: str
    time: str
    note: str
    payload: dict[str, Any]


@dataclass(frozen=True, slots=True)
class PostDetail:
    """Everything the post page shows: text as captured, evidence, identifiers, provenance."""

    summary: PostSummary
    text: str
    title: str | None
    url: str | None
    author: str | None
    thread_id: str | None
    sha256: str
    source: str
    line: int | None
    offset: int | None
    captures: list[Capture]
    reasons: list[ReasonRecord]
    identifiers: list[IdentifierRecord]
    places: list[dict[str, str | None]]
    detail: dict[str, Any]
    decisions: list[DecisionRecord]


@dataclass(frozen=True, slots=True)
class IdentifierSummary:
    kind: str
    value: str
    posts: int


@dataclass(frozen=True, slots=True)
class RingSummary:
    id: str
    size: int
    risk: float
    first_seen: str | None
    last_seen: str | None


@dataclass(frozen=True, slots=True)
class RingDetail:
    """A ring's profile (CONTRACTS §3, reasons included), its members and decisions."""

    summary: RingSummary
    profile: dict[str, Any]
    members: list[PostSummary]
    decisions: list[DecisionRecord]


@dataclass(frozen=True, slots=True)
class SearchResult:
    """Posts and identifiers matching a query, with the normalised forms that were searched."""

    query: str
    normalised: str
    identifiers: list[IdentifierSummary]
    posts: list[PostSummary]


@dataclass(frozen=True, slots=True)
class CaseItem:
    kind: str
    ref: str
    note: str
    added_by: str
    added_at: str


@dataclass(frozen=True, slots=True)
class CaseRecord:
    id: int
    title: str
    status: str
    assignee: str | None
    notes: str
    created_by: str
    created_at: str
    updated_at: str
    items: list[CaseItem] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class MatchRecord:
    """A Reunite candidate; ``detail`` only when the caller may and can decrypt it."""

    child_id: str
    case_id: str
    references: str
    log10_lr: float
    loci_used: int
    inconsistent_loci: int
    rank: int
    decision: str | None
    detail: dict[str, Any] | None = None


@dataclass(frozen=True, slots=True)
class AlertRecord:
    seq: int
    clinician: str
    hospital: str
    signal: str
    outcome: str
    alert_date: str
    alert_birth_id: str
    births_seen: int
    events_seen: int
    expected_events: float
    statistic: float
    threshold: float | None
    chart: str | None
    decision: str | None
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class IdentifierDetail:
    """The identifier page's header: how widely it is shared and by whom."""

    kind: str
    value: str
    posts: int
    rings: list[str]
    accounts: list[str]
    first_seen: str | None
    last_seen: str | None
    decisions: list[DecisionRecord]


@dataclass(frozen=True, slots=True)
class AccountDetail:
    """The account page's header: its posts, rings and the identifiers it used."""

    account: str
    platform: str | None
    authors: list[str]
    posts: int
    rings: list[str]
    identifiers: list[IdentifierSummary]
    first_seen: str | None
    last_seen: str | None
    decisions: list[DecisionRecord]
