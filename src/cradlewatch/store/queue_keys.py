"""The review queue's filter keys: which flagged post carries which platform, reason, province.

``queue_keys`` (see :class:`~cradlewatch.store.schema.QueueKeyRow`) holds one row per
distinct filter value of each post in the queue, with the post's risk and verdict, so that a
filtered queue page is one index range read in risk order. ``analyze`` writes the rows beside
the finding they copy (and migration 0007 built them for workspaces analysed before); this
module is the one place that says what a key looks like.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

#: The verdicts of the review queue; only their posts have keys.
QUEUED = ("trafficking", "suspicious")
#: The queue's categorical filters, in the order a page prefers to be read from when several
#: are given (a province is usually the rarest, a platform the commonest).
KINDS = ("province", "reason", "platform")


def queue_key(kind: str, value: str) -> str:
    """The key of one filter value, e.g. ``province:江苏省``."""
    return f"{kind}:{value}"


def queue_key_rows(
    post_id: str,
    verdict: str,
    risk: float,
    *,
    platform: str | None,
    reasons: Iterable[str],
    provinces: Iterable[str | None],
) -> list[dict[str, Any]]:
    """The ``queue_keys`` rows of one post (none unless its verdict puts it in the queue)."""
    if verdict not in QUEUED:
        return []
    values = {
        "platform": {platform} if platform else set(),
        "reason": {code for code in reasons if code},
        "province": {province for province in provinces if province},
    }
    return [
        {"key": queue_key(kind, value), "post_id": post_id, "risk": risk, "verdict": verdict}
        for kind in KINDS
        for value in sorted(values[kind])
    ]
