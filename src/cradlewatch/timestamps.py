"""ISO 8601 times as posts carry them: mixed offsets (``+08:00``, ``Z``) or none at all."""

from __future__ import annotations

from datetime import UTC, datetime


def instant(stamp: str | None) -> datetime | None:
    """The moment a stamp names, naive stamps read as UTC; None when absent or unparsable."""
    if not stamp:
        return None
    try:
        moment = datetime.fromisoformat(stamp)
    except ValueError:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment
