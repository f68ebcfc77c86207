"""The ring page's timeline and province map: when the ring posted, and where it says it is.

Both answer questions an analyst asks of a ring before anything else — is it still active,
did it start before the crackdown, which provincial police should hear of it — and both are
drawn on the server (``charts.timeline``, ``province_map``) from the same data the JSON twin
carries.
"""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from typing import Any

from markupsafe import Markup

from cradlewatch.store.records import PostSummary
from cradlewatch.web.charts import EPOCH, day_of, iso_of, timeline
from cradlewatch.web.province_map import province_map

WEEKLY_SPAN = 183  # rings active for up to half a year are counted by week, longer by month


def _post_day(post: PostSummary) -> int | None:
    """The post's day as its author's clock gave it (the date part of ``posted_at``)."""
    if not post.posted_at:
        return None
    try:
        return day_of(post.posted_at)
    except ValueError:
        return None


def _period(day: int, unit: str) -> tuple[int, int]:
    """First and last day of the week (Monday to Sunday) or month holding ``day``."""
    when = EPOCH + timedelta(days=day)
    if unit == "week":
        start = day - when.weekday()
        return start, start + 6
    first = when.replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    return (first - EPOCH).days, (following - EPOCH).days - 1


def timeline_data(members: list[PostSummary]) -> dict[str, Any]:
    """Posts per week or month over the ring's span, empty periods included."""
    days = [d for d in map(_post_day, members) if d is not None]
    undated = len(members) - len(days)
    if not days:
        return {
            "unit": None,
            "first_seen": None,
            "last_seen": None,
            "undated": undated,
            "buckets": [],
        }
    first, last = min(days), max(days)
    unit = "week" if last - first <= WEEKLY_SPAN else "month"
    counts = Counter(_period(d, unit)[0] for d in days)
    buckets = []
    start = _period(first, unit)[0]
    while start <= last:
        _, end = _period(start, unit)
        buckets.append({"start": iso_of(start), "end": iso_of(end), "posts": counts[start]})
        start = end + 1
    return {
        "unit": unit,
        "first_seen": iso_of(first),
        "last_seen": iso_of(last),
        "undated": undated,
        "buckets": buckets,
    }


def timeline_svg(data: dict[str, Any], ring_id: str) -> Markup | None:
    if not data["buckets"]:
        return None
    bars = [(day_of(b["start"]), day_of(b["end"]), b["posts"]) for b in data["buckets"]]
    return timeline(bars, data["unit"], f"Ring {ring_id}: posts per {data['unit']}")


def map_svg(provinces: dict[str, int], ring_id: str) -> Markup:
    return province_map(provinces, f"Ring {ring_id}: posts naming each province")
