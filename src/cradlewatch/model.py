"""The records every capability shares.

They are plain dataclasses (``slots=True``) so that the scan path stays cheap and orjson can
serialise them directly. Field names follow ``CONTRACTS.md``; anything a contract does not name
is an optional extension.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from importlib import resources
from typing import Any, Literal

Verdict = Literal["trafficking", "suspicious", "benign"]
IdentifierKind = Literal["phone", "qq", "wechat", "email", "url", "alipay", "bank_card"]
IDENTIFIER_KINDS: tuple[str, ...] = ("phone", "qq", "wechat", "email", "url", "alipay", "bank_card")
VERDICTS: tuple[str, ...] = ("trafficking", "suspicious", "benign")


@dataclass(slots=True)
class Provenance:
    """Where a record came from, so that evidence can be traced back to the capture."""

    source: str  # file path, or "-" for stdin
    line: int | None = None  # 1-based line (JSONL/CSV) or None
    offset: int | None = None  # byte offset of the record (WARC) or None
    sha256: str = ""  # SHA-256 of the raw record bytes as read
    captured_at: str | None = None


@dataclass(slots=True)
class Post:
    """One crawled post (CONTRACTS §1). Unknown input fields are kept in ``extra``."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    platform: str | None = None
    site: str | None = None
    author: str | None = None
    author_id: str | None = None
    posted_at: str | None = None
    captured_at: str | None = None
    lang: str | None = None
    thread_id: str | None = None
    images: list[dict[str, Any]] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)
    provenance: Provenance | None = None

    @property
    def account(self) -> str | None:
        """``platform:author_id``, or the author's name when no id was captured, unless that
        name is a placeholder that many people share ("匿名用户", "anon"): such a post has no
        account, or every anonymous poster would share one history and one ring."""
        if self.author_id:
            return f"{self.platform or 'unknown'}:{self.author_id}"
        if not self.author or self.author.strip().lower() in generic_author_names():
            return None
        return f"{self.platform or 'unknown'}:{self.author}"


@functools.cache
def generic_author_names() -> frozenset[str]:
    """Display names a platform or poster fills in when no name is given (generic_names.txt)."""
    text = resources.files("cradlewatch").joinpath("generic_names.txt").read_text("utf-8")
    return frozenset(
        line.strip().lower()
        for line in text.splitlines()
        if line.strip() and not line.startswith("#")
    )


@dataclass(slots=True)
class Reason:
    """One piece of evidence behind a verdict: ``post[field][start:end] == evidence``."""

    code: str
    weight: float
    field: str
    evidence: str
    start: int
    end: int


@dataclass(slots=True)
class Identifier:
    """A contact identifier; ``value`` is normalised, ``raw`` is the text as captured."""

    kind: str
    value: str
    raw: str
    field: str
    start: int
    end: int


@dataclass(slots=True)
class Price:
    amount: float
    currency: str
    raw: str
    field: str = "text"
    start: int = 0
    end: int = 0
    upper: float | None = None  # upper bound of a range ("3-5万"), when one was written


@dataclass(slots=True)
class Place:
    province: str | None
    city: str | None
    raw: str
    field: str = "text"
    start: int = 0
    end: int = 0


@dataclass(slots=True)
class Child:
    sex: str | None  # "male", "female" or None
    age_days: int | None
    raw: str
    field: str = "text"
    start: int = 0
    end: int = 0


@dataclass(slots=True)
class Finding:
    """The scan result for one post (CONTRACTS §2)."""

    id: str
    verdict: str
    risk: float
    reasons: list[Reason] = field(default_factory=list)
    identifiers: list[Identifier] = field(default_factory=list)
    prices: list[Price] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    children: list[Child] = field(default_factory=list)


@dataclass(slots=True)
class Reject:
    """An input record that could not be accepted, with where and why."""

    source: str
    line: int | None
    reason: str
